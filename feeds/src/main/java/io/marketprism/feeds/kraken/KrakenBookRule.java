/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.engine.book.BookSequenceRule;

/**
 * Kraken spot's order book rule (WebSocket v1 {@code book-N}, v2 {@code book}). Kraken numbers no book message: the
 * snapshot comes on the subscription's own stream and every update after it applies to the book; the CRC32 checksum
 * each update carries ({@link KrakenBookChecksum}) is the only check that no update was lost or misapplied. So every
 * update applies, no gap can be seen from ids, and updates that arrive while there is no book are dropped, never
 * replayed onto the next snapshot: that snapshot already contains them or they are stale.
 */
public final class KrakenBookRule implements BookSequenceRule
{
    @Override
    public int classify(
        final long bookSeq, final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
    {
        return APPLY;
    }

    @Override
    public boolean replaysPendingUpdates()
    {
        return false;
    }
}
