/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import io.marketprism.feeds.StreamSnapshotBookRule;

/**
 * Kraken Futures' order book rule: every {@code book} delta carries the product's {@code seq}, one more than the
 * message before it for that product (the numbering is per product, not per feed), and the {@code book_snapshot}
 * carries the {@code seq} it is at. A delta whose {@code seq} is the book's plus one applies; right after a snapshot,
 * a delta the snapshot already contains ({@code seq} not above it) is skipped; anything else, a repeat included, is
 * a gap.
 */
public final class KrakenFuturesBookRule implements StreamSnapshotBookRule
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
