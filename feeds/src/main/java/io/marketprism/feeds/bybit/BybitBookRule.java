/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import io.marketprism.feeds.StreamSnapshotBookRule;

/**
 * Bybit v5's order book rule ({@code orderbook.{depth}.{symbol}}, every category and depth), with the book at the
 * update id {@code u} of the last snapshot or applied delta:
 * <ul>
 *   <li>a snapshot always replaces the book, whatever its {@code u}: Bybit documents "if you receive a new snapshot,
 *   reset your local orderbook", re-sends one when it has a problem of its own, and after a service restart sends
 *   one with {@code u = 1} (an id below the book's, which must not be taken for an old snapshot);</li>
 *   <li>a delta applies when its {@code u} is the book's plus one;</li>
 *   <li>right after a snapshot, a delta whose {@code u} is not above it is skipped: it was buffered while the book
 *   waited for that snapshot, which already contains it;</li>
 *   <li>anything else is a gap, a repeated delta included.</li>
 * </ul>
 * Why "plus one": the v5 page names {@code u} only an "update ID" that restarts at 1, but the derivatives v3 page
 * said it "is always in sequence", Bybit's SBE level-50 guide says each {@code u} must be the previous one plus one,
 * and the recorded {@code orderbook.500} archive is contiguous (49 deltas). No depth is documented otherwise: level 1
 * of linear, inverse and spot sends snapshots only (re-sent every 3 s unchanged with the same {@code u}), so the delta
 * test never meets it. {@code seq} (the cross sequence) is monotonic but not contiguous: it cannot show a gap.
 */
public final class BybitBookRule implements StreamSnapshotBookRule
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

    @Override
    public long expectedSeq(final long bookSeq, final boolean firstAfterSnapshot)
    {
        return bookSeq + 1;
    }

    @Override
    public long receivedSeq(final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        return seq;
    }
}
