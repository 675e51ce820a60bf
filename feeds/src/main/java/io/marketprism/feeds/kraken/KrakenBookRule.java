/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.feeds.StreamSnapshotBookRule;

/**
 * Kraken spot's order book rule (WebSocket v1 {@code book-N}, v2 {@code book}). Kraken numbers no book message: the
 * snapshot comes on the subscription's own stream and every update after it applies to the book; the CRC32 checksum
 * each update carries ({@link KrakenBookChecksum}) is the only check that no update was lost or misapplied. So every
 * update applies, no gap can be seen from ids, and updates that arrive while there is no book are dropped, never
 * replayed onto the next snapshot: that snapshot already contains them or they are stale.
 * <p>
 * Kraken streams a book to the depth it was subscribed at and does not announce the levels an update pushes below
 * that depth: a client is to cut its book to the depth after every update ({@link #maxLevels()}), and Kraken sends a
 * level again when it comes back within the depth. A level kept below the depth could be removed at the venue unseen
 * and later surface in the checksummed top of the book. So the book is cut to {@link #DEPTH}, and every Kraken book
 * subscription is made at that depth ({@code KrakenSubscriptionBuilder}).
 */
public final class KrakenBookRule implements StreamSnapshotBookRule
{
    /**
     * The depth Kraken books are subscribed at and kept to: Kraken's deepest, so that as much of the book as Kraken
     * streams is held.
     */
    public static final int DEPTH = 1000;

    @Override
    public int classify(
        final long bookSeq, final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        return APPLY;
    }

    /**
     * @return {@link #DEPTH}.
     */
    @Override
    public int maxLevels()
    {
        return DEPTH;
    }
}
