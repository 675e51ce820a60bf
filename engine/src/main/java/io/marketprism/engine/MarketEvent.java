/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import com.lmax.disruptor.EventFactory;
import io.marketprism.journal.JournalFormat;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * A pre-allocated slot of the ring: where one SBE message lives in the {@link MessageLog}, the venue symbol the
 * decoder read, the stage timestamps, and the messages normalize puts in front of it.
 * <pre>
 *   prefix (0..n messages, written by normalize)      primary message (written by the decoder)
 *   +---------+-------------+---------+------------+  +-------------------------------------------+
 *   | length  | SBE message | length  | SBE ...    |  | log[offset, offset + length)  capacity >= |
 *   +---------+-------------+---------+------------+  +-------------------------------------------+
 * </pre>
 * Readers visit the prefix messages first, then the primary one. The primary message may be rewritten in place by
 * normalize up to {@link #capacity()} bytes.
 */
public final class MarketEvent
{
    /**
     * Longest venue symbol the engine carries.
     */
    public static final int MAX_SYMBOL_LENGTH = 32;

    /**
     * Bytes available to the messages normalize prepends (instrument definitions, status events).
     */
    public static final int PREFIX_CAPACITY = 1024;

    /**
     * Off-heap bytes per slot for its symbol and prefix area, a whole number of cache lines so that neighbouring
     * slots, written by different threads, never share one.
     */
    static final int SLOT_AREA_BYTES = 1088;

    private static final int LENGTH_FIELD = Integer.BYTES;

    private final UnsafeBuffer log;
    private final UnsafeBuffer symbol;
    private final UnsafeBuffer prefix;

    int offset;
    int length;
    int capacity;
    long logPosition;
    int symbolLength;
    // the symbol, zero-padded, as four little-endian words: fields of the slot, so that normalize finds them in the
    // cache lines it reads for the slot anyway rather than in a separate off-heap line written on the other core
    long symbolWord0;
    long symbolWord1;
    long symbolWord2;
    long symbolWord3;
    int prefixLength;
    long receivedNs;
    long decodedNs;
    long normalizedNs;
    long sequence = -1;
    long firstStreamSeq;

    private MarketEvent(final UnsafeBuffer log, final UnsafeBuffer slotAreas, final int slotIndex)
    {
        this.log = log;
        final int base = slotIndex * SLOT_AREA_BYTES;
        symbol = new UnsafeBuffer(slotAreas, base, MAX_SYMBOL_LENGTH);
        prefix = new UnsafeBuffer(slotAreas, base + MAX_SYMBOL_LENGTH, PREFIX_CAPACITY);
    }

    /**
     * A factory for the slots of one ring. The slots' symbol and prefix areas are one off-heap block: a ring of
     * 65536 slots needs 68 MiB for them, which as per-slot arrays would be copied by the first young collections
     * after start, stalling the pipeline for tens of milliseconds while it runs.
     *
     * @param log       the message log the slots point into.
     * @param ringSize  slots in the ring; the factory must be called exactly this many times.
     * @return the factory to hand to the Disruptor.
     */
    static EventFactory<MarketEvent> factory(final UnsafeBuffer log, final int ringSize)
    {
        final UnsafeBuffer slotAreas = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(Math.multiplyExact(ringSize, SLOT_AREA_BYTES), 64));
        final int[] next = new int[1];
        return () -> new MarketEvent(log, slotAreas, next[0]++);
    }

    /**
     * @return the buffer the primary message lives in; shared by all stages, never re-wrapped.
     */
    public UnsafeBuffer buffer()
    {
        return log;
    }

    /**
     * @return offset of the primary message's SBE header in {@link #buffer()}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return length of the primary message.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return bytes the primary message may grow to when rewritten in place.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Sets the primary message's length after a rewrite in place.
     *
     * @param length new length, at most {@link #capacity()}.
     */
    public void length(final int length)
    {
        if (length > capacity)
        {
            throw new IllegalArgumentException("length " + length + " > capacity " + capacity);
        }
        this.length = length;
    }

    /**
     * The venue symbol the decoder read, valid for {@link #symbolLength()} bytes and zero-padded to
     * {@link #MAX_SYMBOL_LENGTH}. Writes the slot's symbol area from its words on each call: for the cold paths
     * (registration, resync requests) of the one consumer that reads symbols; the hot path reads
     * {@link #symbolWord(int)}.
     *
     * @return the symbol's bytes.
     */
    public DirectBuffer symbol()
    {
        symbol.putLong(0, symbolWord0, ByteOrder.LITTLE_ENDIAN);
        symbol.putLong(8, symbolWord1, ByteOrder.LITTLE_ENDIAN);
        symbol.putLong(16, symbolWord2, ByteOrder.LITTLE_ENDIAN);
        symbol.putLong(24, symbolWord3, ByteOrder.LITTLE_ENDIAN);
        return symbol;
    }

    /**
     * @param index 0 to 3.
     * @return bytes {@code 8 * index} to {@code 8 * index + 7} of the zero-padded symbol, little-endian.
     */
    public long symbolWord(final int index)
    {
        switch (index)
        {
            case 0:
                return symbolWord0;
            case 1:
                return symbolWord1;
            case 2:
                return symbolWord2;
            case 3:
                return symbolWord3;
            default:
                throw new IndexOutOfBoundsException("symbol word " + index);
        }
    }

    /**
     * @return length of the venue symbol; 0 when the message concerns no instrument.
     */
    public int symbolLength()
    {
        return symbolLength;
    }

    /**
     * @return System.nanoTime() when the frame carrying this message was received.
     */
    public long receivedNs()
    {
        return receivedNs;
    }

    /**
     * @return System.nanoTime() when the decoder committed this message.
     */
    public long decodedNs()
    {
        return decodedNs;
    }

    /**
     * Stamps the end of normalize, for the latency of the later stages.
     *
     * @param nanoTime System.nanoTime().
     */
    public void normalizedNs(final long nanoTime)
    {
        normalizedNs = nanoTime;
    }

    /**
     * @return bytes used in the prefix area.
     */
    public int prefixLength()
    {
        return prefixLength;
    }

    /**
     * @return the prefix area: a sequence of (int32 length, SBE message) records.
     */
    public DirectBuffer prefix()
    {
        return prefix;
    }

    /**
     * Claims space for a message in front of the primary one.
     *
     * @param maxLength bytes the message may take.
     * @return offset into {@link #prefixBuffer()} to encode at, or -1 when the prefix area is full.
     */
    public int prefixClaim(final int maxLength)
    {
        if (prefixLength + LENGTH_FIELD + maxLength > PREFIX_CAPACITY)
        {
            return -1;
        }
        return prefixLength + LENGTH_FIELD;
    }

    /**
     * Commits a message encoded at the offset {@link #prefixClaim(int)} returned.
     *
     * @param length its encoded length.
     */
    public void prefixCommit(final int length)
    {
        prefix.putInt(prefixLength, length);
        prefixLength += LENGTH_FIELD + length;
    }

    /**
     * @return the prefix area for writing, see {@link #prefixClaim(int)}.
     */
    public MutableDirectBuffer prefixBuffer()
    {
        return prefix;
    }

    /**
     * @return messages this event carries: its prefix messages and the primary message when it has one.
     */
    public int messageCount()
    {
        int count = length > 0 ? 1 : 0;
        int pos = 0;
        while (pos < prefixLength)
        {
            pos += LENGTH_FIELD + prefix.getInt(pos);
            count++;
        }
        return count;
    }

    /**
     * @return messages this event puts on the live stream: {@link #messageCount()} less a raw frame, which is for the
     *         journal only (stream sequences must count what consumers can receive, or every frame would look lost).
     */
    public int streamMessageCount()
    {
        final int count = messageCount();
        return length > 0 && JournalFormat.schemaId(log, offset) == JournalFormat.JOURNAL_SCHEMA_ID ? count - 1 : count;
    }

    /**
     * @return the stream sequence of this event's first message; its messages are numbered on from it in the order
     *         {@link #forEachMessage} visits them. Set by normalize.
     */
    public long firstStreamSeq()
    {
        return firstStreamSeq;
    }

    /**
     * Numbers this event's messages on the published stream. Called by normalize once the event is final.
     *
     * @param streamSeq the stream sequence of its first message.
     */
    public void firstStreamSeq(final long streamSeq)
    {
        firstStreamSeq = streamSeq;
    }

    /**
     * Visits every message of this event: prefix messages, then the primary message.
     *
     * @param visitor called once per message.
     * @return number of messages visited.
     */
    public int forEachMessage(final MessageVisitor visitor)
    {
        int count = 0;
        int pos = 0;
        while (pos < prefixLength)
        {
            final int messageLength = prefix.getInt(pos);
            visitor.onMessage(prefix, pos + LENGTH_FIELD, messageLength);
            pos += LENGTH_FIELD + messageLength;
            count++;
        }
        if (length > 0)
        {
            visitor.onMessage(log, offset, length);
            count++;
        }
        return count;
    }

    /**
     * Copies the venue symbol, zero-padding the slot to {@link #MAX_SYMBOL_LENGTH} bytes so that it can be hashed and
     * compared a word at a time.
     */
    void symbol(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        symbolWord0 = symbolWord(src, srcOffset, srcLength, 0);
        symbolWord1 = symbolWord(src, srcOffset, srcLength, 8);
        symbolWord2 = symbolWord(src, srcOffset, srcLength, 16);
        symbolWord3 = symbolWord(src, srcOffset, srcLength, 24);
        symbolLength = srcLength;
    }

    /**
     * Clears the symbol: the message concerns no instrument.
     */
    void noSymbol()
    {
        symbolWord0 = 0;
        symbolWord1 = 0;
        symbolWord2 = 0;
        symbolWord3 = 0;
        symbolLength = 0;
    }

    /**
     * A word of the zero-padded symbol: one read where the source has 8 bytes there (cheaper than a bulk copy and its
     * argument checks for a handful of bytes), the bytes past the symbol masked off; byte by byte at the source's end.
     */
    private static long symbolWord(final DirectBuffer src, final int srcOffset, final int srcLength, final int at)
    {
        final int remaining = srcLength - at;
        if (remaining <= 0)
        {
            return 0;
        }
        final int from = srcOffset + at;
        if (from + Long.BYTES <= src.capacity())
        {
            final long word = src.getLong(from, ByteOrder.LITTLE_ENDIAN);
            return remaining >= Long.BYTES ? word : word & ((1L << (remaining << 3)) - 1);
        }
        long word = 0;
        for (int i = Math.min(remaining, Long.BYTES) - 1; i >= 0; i--)
        {
            word = (word << 8) | (src.getByte(from + i) & 0xFF);
        }
        return word;
    }

    /**
     * Receives the messages of an event.
     */
    @FunctionalInterface
    public interface MessageVisitor
    {
        /**
         * @param buffer holding the message.
         * @param offset of its SBE header.
         * @param length of the message.
         */
        void onMessage(DirectBuffer buffer, int offset, int length);
    }
}
