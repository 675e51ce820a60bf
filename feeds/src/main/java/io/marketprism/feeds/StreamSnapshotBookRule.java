/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.book.BookSequenceRule;

/**
 * The book rule of a venue that sends a book's snapshot on the stream when it is subscribed (OKX, Bybit, Deribit,
 * Kraken, Kraken Futures, Coinbase), as opposed to Binance's REST snapshot that the stream overtakes:
 * <ul>
 *   <li>a snapshot is never outdated: it is the venue's latest state, and one whose id went back follows a reset at the
 *   venue (a restart, OKX's maintenance, Coinbase's numbers starting again on a new connection), so it replaces the
 *   book;</li>
 *   <li>nothing is replayed onto it: an update received before it is either in it (same connection) or from a
 *   connection that is gone, and replaying it could only be skipped or, after a reset of the ids, break the new
 *   book.</li>
 * </ul>
 */
public interface StreamSnapshotBookRule extends BookSequenceRule
{
    /**
     * @return false: a snapshot on the stream always replaces the book.
     */
    @Override
    default boolean isSnapshotOutdated(final long bookSeq, final long snapshotSeq)
    {
        return false;
    }

    /**
     * @return false: what came before a snapshot on the stream is in it, or obsolete.
     */
    @Override
    default boolean replaysPendingUpdates()
    {
        return false;
    }
}
