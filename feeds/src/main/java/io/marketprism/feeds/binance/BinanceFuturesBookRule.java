/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.engine.book.BookSequenceRule;

/**
 * Binance USD-M and COIN-M futures' documented rule for a local book:
 * <ul>
 *   <li>after the snapshot ({@code lastUpdateId = L}): drop events with {@code u < L}; the first event applied must
 *       have {@code U <= L <= u}, otherwise the snapshot does not join the stream (a gap);</li>
 *   <li>after that, each event's {@code pu} must equal the previous event's {@code u}, otherwise a gap; an event
 *       with {@code u} at or below the book's id is already in the book and skipped.</li>
 * </ul>
 * Futures update ids are not contiguous, hence {@code pu} rather than {@code U = u + 1}.
 */
public final class BinanceFuturesBookRule implements BookSequenceRule
{
    @Override
    public int classify(
        final long bookSeq, final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        if (firstAfterSnapshot)
        {
            if (seq < bookSeq)
            {
                return SKIP;
            }
            return firstSeq <= bookSeq ? APPLY : GAP;
        }
        if (seq <= bookSeq)
        {
            return SKIP;
        }
        return prevSeq == bookSeq ? APPLY : GAP;
    }

    @Override
    public long receivedSeq(final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        return firstAfterSnapshot ? firstSeq : prevSeq;
    }
}
