/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.deribit.DeribitDecoder;
import io.marketprism.feeds.net.TextKeepAlive;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.sbe.Venue;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Deribit API v2 for a {@link FeedSession}. Books need no REST: Deribit sends a {@code book} snapshot on the stream
 * when the channel is subscribed, and every change carries {@code prev_change_id}, so a gap shows and the book is
 * resynced by subscribing again, on a new connection. Keep-alive both ways: the session's ping is a
 * {@code public/test} request whose response is its pong, and the {@code test_request} heartbeats Deribit sends once
 * a connection has asked for them ({@code public/set_heartbeat}, the subscription builder's first frame) are answered
 * with {@code public/test} at once, as Deribit requires (it closes a connection that does not answer). Cold path.
 */
public final class DeribitFeedVenue implements FeedVenue
{
    /** The request id of the session's own {@code public/test} pings; the subscription builder's ids stay far below. */
    public static final long PING_ID = 9_000_000_001L;
    /** The request id of the answers to Deribit's {@code test_request}. */
    public static final long ANSWER_ID = 9_000_000_002L;

    /** Deribit's keep-alive: {@code public/test} as the ping, and the answer to its heartbeat test requests. */
    public static final TextKeepAlive KEEP_ALIVE = new TextKeepAlive(
        "{\"jsonrpc\":\"2.0\",\"id\":" + PING_ID + ",\"method\":\"public/test\",\"params\":{}}", 512,
        "\"id\":" + PING_ID + ",")
        .answering("\"test_request\"", 160,
            "{\"jsonrpc\":\"2.0\",\"id\":" + ANSWER_ID + ",\"method\":\"public/test\",\"params\":{}}");

    private static final String BOOK_CHANNEL = "book.";

    private final KeyStore trustStore;

    /**
     * @param trustStore certificates to trust instead of the feed's (a simulator's), or null.
     */
    public DeribitFeedVenue(final KeyStore trustStore)
    {
        this.trustStore = trustStore;
    }

    @Override
    public Venue venue()
    {
        return Venue.DERIBIT;
    }

    @Override
    public FrameDecoder newDecoder()
    {
        return new DeribitDecoder();
    }

    @Override
    public List<String> bookSymbols(final ConnectionPlan plan)
    {
        final List<String> symbols = new ArrayList<>();
        for (final String channel : plan.streams())
        {
            // book.I.100ms, book.I.raw, book.I.none.D.100ms
            if (channel.startsWith(BOOK_CHANNEL))
            {
                final int end = channel.indexOf('.', BOOK_CHANNEL.length());
                final String symbol = channel.substring(BOOK_CHANNEL.length(), end > 0 ? end : channel.length());
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
        throw new UnsupportedOperationException("Deribit books are snapshotted on the stream, not over REST");
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
