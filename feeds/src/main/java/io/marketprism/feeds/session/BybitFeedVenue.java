/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.bybit.BybitCategory;
import io.marketprism.feeds.bybit.BybitDecoder;
import io.marketprism.feeds.net.TextKeepAlive;
import io.marketprism.feeds.subscribe.BybitSubscriptionBuilder;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.sbe.Venue;

import java.net.URI;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Bybit v5 public streams for a {@link FeedSession}: one category per connection ({@code /v5/public/linear},
 * {@code spot}, ...), whose decoder it names. Books need no REST: Bybit sends a book's snapshot on the stream when
 * the {@code orderbook.D.S} topic is subscribed (and again whenever it resets one), so a book is resynced by
 * subscribing again, on a new connection. Keep-alive is Bybit's own text ping, {@code {"op":"ping"}}, answered with
 * {@code "op":"pong"} on derivatives endpoints and {@code "ret_msg":"pong"} on spot (Bybit recommends one every 20
 * seconds, the default {@code feed.pingIntervalMs}). Cold path.
 */
public final class BybitFeedVenue implements FeedVenue
{
    /** Bybit's text ping, answered with a pong. */
    public static final TextKeepAlive KEEP_ALIVE =
        new TextKeepAlive("{\"op\":\"ping\"}", 256, "\"op\":\"pong\"", "\"ret_msg\":\"pong\"");

    private static final String BOOK_TOPIC = "orderbook.";

    private final BybitCategory category;
    private final KeyStore trustStore;

    /**
     * @param plan       a connection plan of {@link BybitSubscriptionBuilder}: its URL names the category.
     * @param trustStore certificates to trust instead of the feed's (a simulator's), or null.
     * @return the venue for that connection.
     */
    public static BybitFeedVenue forPlan(final ConnectionPlan plan, final KeyStore trustStore)
    {
        final String path = URI.create(plan.url()).getPath();
        final int at = path.indexOf(BybitSubscriptionBuilder.PUBLIC_PATH);
        if (at < 0)
        {
            throw new IllegalArgumentException("not a Bybit v5 public endpoint: " + plan.url());
        }
        return new BybitFeedVenue(
            BybitCategory.parse(path.substring(at + BybitSubscriptionBuilder.PUBLIC_PATH.length())), trustStore);
    }

    /**
     * @param category   the connection's category.
     * @param trustStore certificates to trust instead of the feed's, or null.
     */
    public BybitFeedVenue(final BybitCategory category, final KeyStore trustStore)
    {
        this.category = category;
        this.trustStore = trustStore;
    }

    @Override
    public Venue venue()
    {
        return Venue.BYBIT;
    }

    @Override
    public FrameDecoder newDecoder()
    {
        return new BybitDecoder(category);
    }

    @Override
    public List<String> bookSymbols(final ConnectionPlan plan)
    {
        final List<String> symbols = new ArrayList<>();
        for (final String topic : plan.streams())
        {
            if (topic.startsWith(BOOK_TOPIC))
            {
                final String symbol = category.prefix() + topic.substring(topic.indexOf('.', BOOK_TOPIC.length()) + 1);
                if (!symbols.contains(symbol))
                {
                    symbols.add(symbol);
                }
            }
        }
        return symbols;
    }

    @Override
    public String snapshotUrl(final String venueSymbol)
    {
        throw new UnsupportedOperationException("Bybit books are snapshotted on the stream, not over REST");
    }

    @Override
    public boolean booksFromRest()
    {
        return false;
    }

    @Override
    public TextKeepAlive keepAlive()
    {
        return KEEP_ALIVE;
    }

    @Override
    public KeyStore trustStore()
    {
        return trustStore;
    }

    /**
     * @return the connection's category.
     */
    public BybitCategory category()
    {
        return category;
    }
}
