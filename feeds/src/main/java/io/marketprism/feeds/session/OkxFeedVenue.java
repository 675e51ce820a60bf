/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.net.TextKeepAlive;
import io.marketprism.feeds.okx.OkxDecoder;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.sbe.Venue;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * OKX v5 public channels for a {@link FeedSession}. Books need no REST: OKX sends a {@code books} snapshot on the
 * stream when the channel is subscribed (each update then carries the checksum of the book after it, which normalize
 * verifies), so a book is resynced by subscribing again, on a new connection. Keep-alive is OKX's own text ping: the
 * text {@code ping}, answered with the text {@code pong} (OKX closes a connection that has carried nothing for 30
 * seconds; keep {@code feed.pingIntervalMs} below that). Cold path.
 */
public final class OkxFeedVenue implements FeedVenue
{
    /** OKX's text ping, answered with the text pong. */
    public static final TextKeepAlive KEEP_ALIVE = new TextKeepAlive("ping", 4, "pong");

    private final KeyStore trustStore;

    /**
     * @param trustStore certificates to trust instead of the feed's (a simulator's), or null.
     */
    public OkxFeedVenue(final KeyStore trustStore)
    {
        this.trustStore = trustStore;
    }

    @Override
    public Venue venue()
    {
        return Venue.OKX;
    }

    @Override
    public FrameDecoder newDecoder()
    {
        return new OkxDecoder();
    }

    @Override
    public List<String> bookSymbols(final ConnectionPlan plan)
    {
        final List<String> symbols = new ArrayList<>();
        for (final String stream : plan.streams())
        {
            // books, books5, books-l2-tbt, books50-l2-tbt: channel:instId
            final int colon = stream.indexOf(':');
            if (stream.startsWith("books") && colon > 0)
            {
                final String symbol = stream.substring(colon + 1);
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
        throw new UnsupportedOperationException("OKX books are snapshotted on the stream, not over REST");
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
}
