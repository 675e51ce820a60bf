/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.engine.book.BookSequenceRule;

/**
 * Binance spot's documented rule for a local book ("How to manage a local order book correctly"): with the book at
 * update id {@code id} (the snapshot's {@code lastUpdateId}, then each applied event's {@code u}),
 * <ul>
 *   <li>an event with {@code u <= id} is already in the book: skip it;</li>
 *   <li>an event with {@code U > id + 1} leaves updates out: a gap, restart from a new snapshot;</li>
 *   <li>otherwise ({@code U <= id + 1 <= u}) apply it and set {@code id = u}.</li>
 * </ul>
 * The same test covers the first event after the snapshot, which must straddle {@code lastUpdateId + 1}.
 */
public final class BinanceSpotBookRule implements BookSequenceRule
{
    @Override
    public int classify(
        final long bookSeq, final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        if (seq <= bookSeq)
        {
            return SKIP;
        }
        if (firstSeq > bookSeq + 1)
        {
            return GAP;
        }
        return APPLY;
    }

    @Override
    public long expectedSeq(final long bookSeq, final boolean firstAfterSnapshot)
    {
        return bookSeq + 1;
    }

    @Override
    public long receivedSeq(final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        return firstSeq;
    }
}
