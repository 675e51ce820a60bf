/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.net.TextKeepAlive;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.sbe.Venue;

import java.security.KeyStore;
import java.util.List;

/**
 * What a {@link FeedSession} needs to know about a venue beyond its subscribe protocol: its decoder, which books a
 * connection carries and where their depth snapshots are fetched (the REST base URL is an endpoint override point,
 * e.g. a simulator). Cold path.
 */
public interface FeedVenue
{
    /**
     * @return the venue.
     */
    Venue venue();

    /**
     * @return a new decoder for one connection's frames (and its books' snapshots).
     */
    FrameDecoder newDecoder();

    /**
     * @param plan a connection's plan.
     * @return the venue symbols of the order books that connection carries, each synced from a REST snapshot (or, when
     *         not {@link #booksFromRest()}, from the stream's).
     */
    List<String> bookSymbols(ConnectionPlan plan);

    /**
     * @param venueSymbol a book's venue symbol.
     * @return the URL of its depth snapshot; unused when {@link #booksFromRest()} is false.
     */
    String snapshotUrl(String venueSymbol);

    /**
     * @return true (the default) when the books are synced from REST depth snapshots ({@link #snapshotUrl}); false
     *         for a venue that sends each book's snapshot on the stream when it is subscribed (Bybit, OKX), whose
     *         books are resynced by subscribing again: the session reconnects.
     */
    default boolean booksFromRest()
    {
        return true;
    }

    /**
     * @return the venue's own text ping and how to tell its answer, used in place of the WebSocket protocol's; null
     *         (the default) for the protocol's.
     */
    default TextKeepAlive keepAlive()
    {
        return null;
    }

    /**
     * @return certificates to trust for this venue's WebSocket and REST TLS instead of the feed's
     *         ({@link LiveFeed.Context#trustStore()}), e.g. a simulator's; null (the default) for the feed's.
     */
    default KeyStore trustStore()
    {
        return null;
    }

    /**
     * @return a reader of stream positions for this venue's frames, which lets a session rotate its connection
     *         without a gap ({@link LiveFeed.Context#rotateAfterNs(long)}); null (the default) when the venue's
     *         sessions do not rotate.
     */
    default StreamPositions newStreamPositions()
    {
        return null;
    }
}
