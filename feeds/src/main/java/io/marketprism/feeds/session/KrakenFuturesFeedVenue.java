/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.krakenfutures.KrakenFuturesDecoder;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.sbe.Venue;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kraken Futures WebSocket v1 for a {@link FeedSession}. Books need no REST: a {@code book} subscription starts with a
 * {@code book_snapshot} on the stream and every delta carries the product's {@code seq}, so a gap shows and the book is
 * resynced by subscribing again, on a new connection. Keep-alive is the WebSocket protocol's ping, every
 * {@code feed.pingIntervalMs} (20 s by default). Cold path.
 */
public final class KrakenFuturesFeedVenue implements FeedVenue
{
    private static final String BOOK_FEED = "book:";

    private final KeyStore trustStore;

    /**
     * @param trustStore certificates to trust instead of the feed's (a simulator's), or null.
     */
    public KrakenFuturesFeedVenue(final KeyStore trustStore)
    {
        this.trustStore = trustStore;
    }

    @Override
    public Venue venue()
    {
        return Venue.KRAKEN_FUTURES;
    }

    @Override
    public FrameDecoder newDecoder()
    {
        return new KrakenFuturesDecoder();
    }

    @Override
    public List<String> bookSymbols(final ConnectionPlan plan)
    {
        final List<String> symbols = new ArrayList<>();
        for (final String stream : plan.streams())
        {
            if (stream.startsWith(BOOK_FEED))
            {
                final String symbol = stream.substring(BOOK_FEED.length()).toUpperCase(Locale.ROOT);
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
        throw new UnsupportedOperationException("Kraken Futures books are snapshotted on the stream, not over REST");
    }

    @Override
    public boolean booksFromRest()
    {
        return false;
    }

    @Override
    public KeyStore trustStore()
    {
        return trustStore;
    }
}
