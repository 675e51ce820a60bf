/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.sbe.BookUpdateDecoder;

/**
 * The book rule of venues whose every update names the id of the update before it: OKX v5 ({@code seqId} /
 * {@code prevSeqId} on {@code books}, {@code books-l2-tbt}, {@code books50-l2-tbt}) and Deribit ({@code change_id} /
 * {@code prev_change_id} on {@code book.*.raw} and {@code book.*.100ms}). A snapshot resets the book to its id; every
 * update's previous id must equal the id of the message before it. Ids need not be consecutive (Deribit's are not),
 * and chaining on the previous id alone also covers the heartbeat OKX sends when nothing changed ({@code seqId} equal
 * to {@code prevSeqId}, no levels) and OKX's sequence reset after maintenance ({@code seqId} below
 * {@code prevSeqId}).
 * <p>
 * Right after a snapshot, an update the snapshot already contains (id not above it: buffered before the snapshot
 * arrived) is skipped. Anything else is a gap, a repeated message included: once sequences can reset, the numbers
 * cannot tell a repeat from a message that follows a missed reset, and skipping the latter would keep a wrong book.
 * A resync costs a snapshot.
 * <p>
 * OKX messages from before it added {@code seqId}/{@code prevSeqId} (2022 recordings) carry neither: with
 * {@code unchainedUpdatesApply}, such an update applies and the checksum it carries is the only check, as it was for
 * OKX's own clients then. Without it (Deribit, whose changes always name their previous id), an update without a
 * previous id is a gap.
 */
public final class PreviousIdBookRule implements StreamSnapshotBookRule
{
    private static final long NO_PREVIOUS_ID = BookUpdateDecoder.prevSeqNullValue();

    private final boolean unchainedUpdatesApply;

    /**
     * @param unchainedUpdatesApply true when an update without a previous id applies (the venue's checksum decides).
     */
    public PreviousIdBookRule(final boolean unchainedUpdatesApply)
    {
        this.unchainedUpdatesApply = unchainedUpdatesApply;
    }

    @Override
    public int classify(
        final long bookSeq, final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        if (prevSeq == NO_PREVIOUS_ID)
        {
            return unchainedUpdatesApply ? APPLY : GAP;
        }
        if (prevSeq == bookSeq)
        {
            return APPLY;
        }
        return firstAfterSnapshot && seq <= bookSeq ? SKIP : GAP;
    }
}
