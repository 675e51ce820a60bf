/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Where a decoder writes the SBE messages it makes of a frame: claim space, encode in place, commit (or abort).
 * One message is open at a time. Implementations are single-threaded and do not allocate.
 */
public interface MessageSink
{
    /**
     * {@link #claim(int)} result: the message is larger than the sink can ever hold.
     */
    int TOO_LARGE = -1;

    /**
     * @return the buffer that offsets returned by {@link #claim(int)} refer to.
     */
    MutableDirectBuffer buffer();

    /**
     * Claims space for one message, waiting (per the threading profile's idle strategy) while consumers free it.
     *
     * @param length bytes to reserve; the committed message may be shorter. A book snapshot reserves headroom so
     *               that normalize can rewrite it as the maintained book.
     * @return offset into {@link #buffer()}, or {@link #TOO_LARGE}.
     */
    int claim(int length);

    /**
     * Publishes the claimed message.
     *
     * @param length       encoded length, at most the claimed length.
     * @param symbol       buffer holding the venue's symbol of the message's instrument (ASCII), or null.
     * @param symbolOffset its offset.
     * @param symbolLength its length, 0 when the message has no instrument.
     */
    void commit(int length, DirectBuffer symbol, int symbolOffset, int symbolLength);

    /**
     * Drops the claimed message; nothing is published.
     */
    void abort();
}
