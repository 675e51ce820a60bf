/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * Requests from normalize to the feeds to resynchronise a book (fetch a new snapshot). A pre-allocated
 * {@link OneToOneRingBuffer}: normalize offers without blocking or allocating, the feed thread polls at its own pace
 * and fetches snapshots off the hot path.
 * <pre>
 *   0        1                5          6
 *   +--------+----------------+----------+----------------------+
 *   | venue  | instrument id  | sym len  | venue symbol (ASCII) |
 *   +--------+----------------+----------+----------------------+
 * </pre>
 */
public final class ResyncRequests
{
    private static final int MSG_TYPE_RESYNC = 1;
    private static final int VENUE_OFFSET = 0;
    private static final int INSTRUMENT_ID_OFFSET = 1;
    private static final int SYMBOL_LENGTH_OFFSET = 5;
    private static final int SYMBOL_OFFSET = 6;

    private final OneToOneRingBuffer ring;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[SYMBOL_OFFSET + MarketEvent.MAX_SYMBOL_LENGTH]);
    private final MessageHandler adapter = this::onMessage;
    private Handler handler;

    /**
     * @param capacity bytes of the ring buffer, a power of two.
     */
    public ResyncRequests(final int capacity)
    {
        ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * Asks for a book to be resynchronised. Called by normalize; never blocks.
     *
     * @return false when the queue is full and the request was lost.
     */
    public boolean request(
        final short rawVenue, final int instrumentId, final DirectBuffer symbol, final int offset, final int length)
    {
        final int symbolLength = Math.min(length, MarketEvent.MAX_SYMBOL_LENGTH);
        scratch.putByte(VENUE_OFFSET, (byte)rawVenue);
        scratch.putInt(INSTRUMENT_ID_OFFSET, instrumentId);
        scratch.putByte(SYMBOL_LENGTH_OFFSET, (byte)symbolLength);
        scratch.putBytes(SYMBOL_OFFSET, symbol, offset, symbolLength);
        return ring.write(MSG_TYPE_RESYNC, scratch, 0, SYMBOL_OFFSET + symbolLength);
    }

    /**
     * Delivers waiting requests. Called by the feed thread.
     *
     * @param handler receives each request.
     * @param limit   most requests to deliver.
     * @return requests delivered.
     */
    public int poll(final Handler handler, final int limit)
    {
        this.handler = handler;
        return ring.read(adapter, limit);
    }

    private void onMessage(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId == MSG_TYPE_RESYNC)
        {
            handler.onResync(
                (short)(buffer.getByte(index + VENUE_OFFSET) & 0xFF),
                buffer.getInt(index + INSTRUMENT_ID_OFFSET),
                buffer,
                index + SYMBOL_OFFSET,
                buffer.getByte(index + SYMBOL_LENGTH_OFFSET) & 0xFF);
        }
    }

    /**
     * Receives resync requests.
     */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * @param rawVenue     venue wire value.
         * @param instrumentId engine id.
         * @param symbol       buffer holding the venue symbol; valid during the call only.
         * @param offset       its offset.
         * @param length       its length.
         */
        void onResync(short rawVenue, int instrumentId, DirectBuffer symbol, int offset, int length);
    }
}
