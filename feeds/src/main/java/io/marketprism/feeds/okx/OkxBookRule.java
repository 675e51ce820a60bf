/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

import io.marketprism.engine.book.BookSequenceRule;
import io.marketprism.sbe.BookUpdateDecoder;

/**
 * OKX v5's order book rule ({@code books}, {@code books-l2-tbt}, {@code books50-l2-tbt}): a snapshot resets the book
 * to its {@code seqId}; every update's {@code prevSeqId} must equal the {@code seqId} of the message before it. That
 * covers the heartbeat OKX sends when nothing changed ({@code seqId} equal to {@code prevSeqId}, no levels) and the
 * sequence reset after maintenance ({@code seqId} below {@code prevSeqId}): both still chain on {@code prevSeqId}.
 * Right after a snapshot, an update the snapshot already contains ({@code seqId} not above it: buffered before the
 * snapshot arrived) is skipped. Anything else is a gap, a repeated message included: once sequences can reset, the
 * numbers cannot tell a repeat from a message that follows a missed reset, and skipping the latter would keep a wrong
 * book. A resync costs a snapshot.
 * <p>
 * Messages from before OKX added {@code seqId}/{@code prevSeqId} (2022 recordings) carry neither: such an update
 * applies, and the checksum it carries is the only check, as it was for OKX's own clients then.
 */
public final class OkxBookRule implements BookSequenceRule
{
    private static final long NO_SEQUENCE = BookUpdateDecoder.prevSeqNullValue();

    @Override
    public int classify(
        final long bookSeq, final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        if (prevSeq == bookSeq || prevSeq == NO_SEQUENCE)
        {
            return APPLY;
        }
        return firstAfterSnapshot && seq <= bookSeq ? SKIP : GAP;
    }
}
