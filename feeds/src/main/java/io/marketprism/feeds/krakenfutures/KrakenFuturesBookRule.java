/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import io.marketprism.engine.book.BookSequenceRule;

/**
 * Kraken Futures' order book rule: every {@code book} delta carries the product's {@code seq}, one more than the
 * message before it for that product (the numbering is per product, not per feed), and the {@code book_snapshot}
 * carries the {@code seq} it is at. A delta whose {@code seq} is the book's plus one applies; right after a snapshot,
 * a delta the snapshot already contains ({@code seq} not above it) is skipped; anything else, a repeat included, is
 * a gap.
 */
public final class KrakenFuturesBookRule implements BookSequenceRule
{
    @Override
    public int classify(
        final long bookSeq, final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        if (seq == bookSeq + 1)
        {
            return APPLY;
        }
        return firstAfterSnapshot && seq <= bookSeq ? SKIP : GAP;
    }

    /**
     * Never: Kraken Futures send a book's snapshot on the stream when it is subscribed, always the venue's latest
     * state; one whose id went back follows a reset at the venue (a restart, maintenance) and replaces the book.
     *
     * @return false.
     */
    @Override
    public boolean isSnapshotOutdated(final long bookSeq, final long snapshotSeq)
    {
        return false;
    }

    /**
     * No: with the snapshot on the stream, an update received before it is either in it (same connection) or from a
     * connection that is gone; replaying it could only be skipped or, after a reset of the ids, break the new book.
     *
     * @return false.
     */
    @Override
    public boolean replaysPendingUpdates()
    {
        return false;
    }

    /**
     * @return the {@code seq} the next delta must carry.
     */
    @Override
    public long expectedSeq(final long bookSeq, final boolean firstAfterSnapshot)
    {
        return bookSeq + 1;
    }

    /**
     * @return the delta's {@code seq}.
     */
    @Override
    public long receivedSeq(final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        return seq;
    }
}
