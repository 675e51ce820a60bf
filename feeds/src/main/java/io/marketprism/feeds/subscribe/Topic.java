/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

/**
 * One stream of one instrument, as a venue names it in a request.
 *
 * @param connection the connection class it must go to ({@code ""}, or a Bybit category), which picks the URL.
 * @param group      the frame class: a frame lists topics of one group only ({@code ""} where one frame may list any
 *                   topics; the channel, and Kraken's depth, where a frame names one channel for many instruments).
 * @param key        the stream's name, unique within its connection class (see {@link ConnectionPlan#streams()}).
 * @param element    the JSON text of the topic's element in the frame's list (a quoted name, or an object).
 * @param channel    the channel of the group, for venues whose frames name it once ({@code ""} otherwise).
 * @param depth      the book depth of the group, for Kraken ({@code 0} otherwise).
 */
record Topic(String connection, String group, String key, String element, String channel, int depth)
{
    /**
     * A topic of a venue whose frames list any topics, by a quoted name.
     *
     * @param connection the connection class.
     * @param name       the stream name, which is also the element.
     * @return the topic.
     */
    static Topic named(final String connection, final String name)
    {
        return new Topic(connection, "", name, '"' + name + '"', "", 0);
    }

    /**
     * A topic of a venue whose frames name one channel for a list of instruments.
     *
     * @param channel    the channel.
     * @param depth      the book depth, 0 for none.
     * @param instrument the instrument, the element.
     * @return the topic, keyed {@code channel:instrument}.
     */
    static Topic ofChannel(final String channel, final int depth, final String instrument)
    {
        return new Topic("", channel + '/' + depth, channel + ':' + instrument, '"' + instrument + '"', channel, depth);
    }
}
