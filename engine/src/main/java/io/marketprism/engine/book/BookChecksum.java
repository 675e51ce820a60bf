/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

/**
 * A venue's order book checksum: whether a maintained book is the one the venue says it has after a message (OKX
 * {@code checksum}, Kraken {@code c}). Implementations live with their venue's decoder; {@link BookSynchronizer}
 * calls one after applying every message that carries a checksum.
 * <p>
 * Called on the normalize thread only; must not allocate.
 */
@FunctionalInterface
public interface BookChecksum
{
    /**
     * @param book     the book after applying the message.
     * @param checksum the checksum the message carried, as the venue sent it.
     * @return true when the book matches it.
     */
    boolean matches(OrderBook book, long checksum);
}
