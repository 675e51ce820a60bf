/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import java.util.Objects;

/**
 * One REST request a {@link RestPoller} makes again and again: a venue's polled data type (funding, open interest, a
 * long/short ratio) for one symbol, its URL, its cost against the venue's request weight budget, and how often.
 * Immutable.
 */
public final class RestPoll
{
    private final String name;
    private final String symbol;
    private final String url;
    private final int weight;
    private final long intervalNs;

    /**
     * @param name       what is polled, for logs and events, e.g. {@code open_interest}.
     * @param symbol     the venue's symbol it is for, given to the decoder as context.
     * @param url        the absolute request URL; the decoder is told it, to know which endpoint answers.
     * @param weight     the request's weight as the venue counts it, at least 1.
     * @param intervalNs time between two requests, above 0.
     */
    public RestPoll(final String name, final String symbol, final String url, final int weight, final long intervalNs)
    {
        if (weight < 1 || intervalNs <= 0)
        {
            throw new IllegalArgumentException("a poll needs a weight of at least 1 and an interval above 0: " + url);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.url = Objects.requireNonNull(url, "url");
        this.weight = weight;
        this.intervalNs = intervalNs;
    }

    /**
     * @return what is polled.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the venue's symbol.
     */
    public String symbol()
    {
        return symbol;
    }

    /**
     * @return the request URL.
     */
    public String url()
    {
        return url;
    }

    /**
     * @return the request's weight.
     */
    public int weight()
    {
        return weight;
    }

    /**
     * @return time between two requests, ns.
     */
    public long intervalNs()
    {
        return intervalNs;
    }

    @Override
    public String toString()
    {
        return name + " " + symbol + " every " + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(intervalNs) +
            " ms (weight " + weight + "): " + url;
    }
}
