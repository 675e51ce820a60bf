/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.feeds.StreamSnapshotBookRule;
import io.marketprism.feeds.MessageWriter;

/**
 * Coinbase's book rule, for the two feeds {@link CoinbaseDecoder} reads.
 * <p>
 * <b>Advanced Trade {@code level2}</b>: {@code seq} is the connection's {@code sequence_num} (over all channels) and
 * {@code firstSeq} the first number of the connection's unbroken run that reaches it, as the decoder keeps it. With
 * the book at {@code bookSeq} (its snapshot's number, then its last applied update's):
 * <ul>
 *   <li>{@code firstSeq <= bookSeq < seq}: nothing was lost on the connection since the book's last message, so no
 *       update of this book can have been lost: apply;</li>
 *   <li>{@code firstSeq > bookSeq}: the connection lost a message after the book's last one, and it may have been an
 *       update of this book: gap, the book must be rebuilt from a fresh snapshot (Coinbase sends one on
 *       re-subscribing);</li>
 *   <li>{@code seq <= bookSeq} right after a snapshot: an update buffered before the snapshot, which already contains
 *       it: skip. Anywhere else it is a repeat or a new connection whose numbers started again, which the numbers
 *       cannot tell apart: gap.</li>
 * </ul>
 * This is the least wrong rule the feed allows: it never keeps a book valid across a lost message that could have been
 * its own, at the price of resyncing books whose update was not the one lost.
 * <p>
 * <b>Legacy {@code level2}</b> ({@code snapshot} / {@code l2update}): the messages carry no sequence at all
 * ({@code seq} null), so a lost update cannot be detected: every update is applied. The book is only as good as the
 * connection; a crossed book is still caught by the synchroniser.
 */
public final class CoinbaseBookRule implements StreamSnapshotBookRule
{
    private static final long NULL = MessageWriter.NULL_VALUE;

    @Override
    public int classify(
        final long bookSeq, final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        if (seq == NULL)
        {
            return APPLY;
        }
        if (bookSeq == NULL)
        {
            // a sequenced update on a book built from an unsequenced snapshot: nothing ties the two together
            return GAP;
        }
        if (seq <= bookSeq)
        {
            return firstAfterSnapshot ? SKIP : GAP;
        }
        return firstSeq != NULL && firstSeq <= bookSeq ? APPLY : GAP;
    }

    /**
     * @return the number after the book's: the connection's unbroken run had to start at or before it.
     */
    @Override
    public long expectedSeq(final long bookSeq, final boolean firstAfterSnapshot)
    {
        return bookSeq == NULL ? NULL : bookSeq + 1;
    }

    /**
     * @return where the connection's unbroken run reaching the update starts, or the update's own number.
     */
    @Override
    public long receivedSeq(final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        return firstSeq != NULL ? firstSeq : seq;
    }
}
