/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.GroupSizeEncodingEncoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.Venue;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The current state of every book, readable by other threads without ever blocking normalize: one slot per
 * instrument holding its {@code Instrument} definition and its book as an SBE {@code BookUpdate} with
 * {@code snapshot=true}, the book's health and its top {@link #depth()} levels per side (none unless valid or stale).
 * <p>
 * Normalize (the single writer) does not rewrite a slot on every book update: that would cost more than the update
 * itself (up to {@link #depth()} levels a side) for a copy taken a few times a second. A reader asks for a round
 * ({@link #requestRound()}); normalize, between two messages or when idle, rewrites the slots of every book that
 * changed since it last did and marks the round served ({@link #roundServed(long)}) with the live stream sequence it
 * has finished: every slot is then current at that sequence. Writes are under a sequence lock: normalize never waits;
 * a reader that raced a write retries ({@link #copy}). Each slot also records the live stream sequence of the book
 * message that produced it, so a copy knows the live stream sequence it is current at (see
 * {@link Copy#streamSeq()}), whether or not its round was served.
 * <p>
 * Slot layout (off-heap, per instrument):
 * <pre>
 *   0  version         int64  even: stable; odd: being written
 *   8  bookStreamSeq   int64  live stream sequence of the book message the book state follows
 *  16  definitionLen   int32  0 until the instrument is defined
 *  20  bookLen         int32  0 until the instrument has a book
 *  64  definition      Instrument message     (DEFINITION_CAPACITY bytes)
 *   .  book            BookUpdate message     (bookCapacity bytes)
 * </pre>
 * Slots are made when an instrument is registered (normalize allocates then anyway).
 */
public final class BookSnapshots
{
    /** {@link #copy} status: copied. */
    public static final int COPIED = 0;
    /** {@link #copy} status: no such instrument. */
    public static final int UNKNOWN_INSTRUMENT = -1;
    /** {@link #copy} status: every attempt raced a write (normalize updating the book very fast); try later. */
    public static final int CONTENDED = -2;

    private static final int VERSION_OFFSET = 0;
    private static final int BOOK_SEQ_OFFSET = 8;
    private static final int DEFINITION_LENGTH_OFFSET = 16;
    private static final int BOOK_LENGTH_OFFSET = 20;
    private static final int DEFINITION_OFFSET = 64;
    private static final int DEFINITION_CAPACITY = 1152;
    private static final int BOOK_OFFSET = DEFINITION_OFFSET + DEFINITION_CAPACITY;
    private static final int LEVEL_LENGTH = BookUpdateEncoder.BidsEncoder.sbeBlockLength();
    private static final int COPY_ATTEMPTS = 64;

    private final int depth;
    private final int bookCapacity;
    private final int slotLength;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final BookUpdateEncoder encoder = new BookUpdateEncoder();
    private final AtomicLong normalizedSeq = new AtomicLong();
    private final AtomicLong currentSeq = new AtomicLong();
    private final AtomicLong requestedRound = new AtomicLong();
    private final AtomicLong servedRound = new AtomicLong();
    private long lastServedRound;
    private volatile UnsafeBuffer[] slots = new UnsafeBuffer[64];
    private volatile int maxInstrumentId;

    /**
     * @param depth levels per side a slot holds, at least 1.
     */
    public BookSnapshots(final int depth)
    {
        if (depth < 1 || depth > 10_000)
        {
            throw new IllegalArgumentException("depth " + depth + " not in 1 to 10000");
        }
        this.depth = depth;
        this.bookCapacity = MessageHeaderEncoder.ENCODED_LENGTH + BookUpdateEncoder.BLOCK_LENGTH +
            2 * GroupSizeEncodingEncoder.ENCODED_LENGTH + 2 * depth * LEVEL_LENGTH;
        this.slotLength = BOOK_OFFSET + bookCapacity;
    }

    /**
     * @return levels per side a snapshot holds at most.
     */
    public int depth()
    {
        return depth;
    }

    /**
     * @return the largest bytes a {@link Copy} needs.
     */
    public int slotLength()
    {
        return slotLength;
    }

    /**
     * @return the highest instrument id with a slot.
     */
    public int maxInstrumentId()
    {
        return maxInstrumentId;
    }

    /**
     * @return the live stream sequence of the last message normalize has finished.
     */
    public long normalizedSeq()
    {
        return normalizedSeq.get();
    }

    /**
     * Records that normalize has finished every message up to a live stream sequence. Normalize only.
     *
     * @param streamSeq the sequence of the last message of the event just finished.
     */
    public void normalizedUpTo(final long streamSeq)
    {
        normalizedSeq.lazySet(streamSeq);
    }

    /**
     * Asks normalize to bring every slot up to date. The snapshot agent only.
     *
     * @return the round asked for: served once {@link #servedRound()} reaches it.
     */
    public long requestRound()
    {
        return requestedRound.incrementAndGet();
    }

    /**
     * @return the last round normalize has served.
     */
    public long servedRound()
    {
        return servedRound.get();
    }

    /**
     * Whether a round has been asked for that normalize has not yet served. Normalize only; does not allocate.
     *
     * @return true when normalize should write its changed books and then call {@link #roundServed(long)}.
     */
    public boolean roundRequested()
    {
        return requestedRound.get() != lastServedRound;
    }

    /**
     * Records that every slot has been written since its book last changed, so each is current at a live stream
     * sequence: every round asked for until now is served (normalize changed no book while it wrote). Normalize only.
     *
     * @param streamSeq the sequence of the last message normalize has finished.
     */
    public void roundServed(final long streamSeq)
    {
        lastServedRound = requestedRound.get();
        currentSeq.lazySet(streamSeq);
        servedRound.lazySet(lastServedRound);
    }

    /**
     * @return the live stream sequence every slot was last known current at.
     */
    public long currentSeq()
    {
        return currentSeq.get();
    }

    /**
     * Makes an instrument's slot and stores its definition. Normalize only, at registration (allocates).
     *
     * @param definition the instrument.
     * @param recvTsNs   receive time of the message that defined it.
     */
    public void define(final InstrumentDefinition definition, final long recvTsNs)
    {
        final int id = definition.id();
        UnsafeBuffer[] current = slots;
        if (id >= current.length)
        {
            current = Arrays.copyOf(current, Math.max(id + 1, current.length * 2));
        }
        final UnsafeBuffer slot = new UnsafeBuffer(BufferUtil.allocateDirectAligned(slotLength, 64));
        if (definition.maxEncodedLength() <= DEFINITION_CAPACITY)
        {
            slot.putInt(DEFINITION_LENGTH_OFFSET, definition.encode(slot, DEFINITION_OFFSET, recvTsNs));
        }
        current[id] = slot;
        slots = current;
        if (id > maxInstrumentId)
        {
            maxInstrumentId = id;
        }
    }

    /**
     * Rewrites a book's slot. Normalize only, when serving a round; never blocks, does not allocate.
     *
     * @param instrumentId  the instrument (defined).
     * @param venue         its venue wire value.
     * @param streamSeq     live stream sequence of the book message that left the book in this state.
     * @param health        the book's health now; levels and sequence are stored only when {@link BookHealth#VALID}
     *                      or {@link BookHealth#STALE} (right as of its last update, which was long ago), the top
     *                      only when valid.
     * @param book          the book.
     * @param bookSeq       the book's venue sequence.
     * @param exchTsNs      exchange time of that message.
     * @param recvTsNs      receive time of that message.
     */
    public void writeBook(
        final int instrumentId,
        final short venue,
        final long streamSeq,
        final BookHealth health,
        final OrderBook book,
        final long bookSeq,
        final long exchTsNs,
        final long recvTsNs)
    {
        final UnsafeBuffer[] current = slots;
        if (instrumentId <= 0 || instrumentId >= current.length || current[instrumentId] == null)
        {
            return;
        }
        final UnsafeBuffer slot = current[instrumentId];
        final long version = slot.getLong(VERSION_OFFSET);
        slot.putLongOrdered(VERSION_OFFSET, version + 1);
        VarHandle.storeStoreFence();

        final boolean valid = health == BookHealth.VALID;
        final boolean levels = valid || health == BookHealth.STALE;
        final int bidLevels = levels ? Math.min(book.bidCount(), depth) : 0;
        final int askLevels = levels ? Math.min(book.askCount(), depth) : 0;
        encoder.wrapAndApplyHeader(slot, BOOK_OFFSET, headerEncoder)
            .instrumentId(instrumentId)
            .venue(Venue.get(venue))
            .snapshot(BooleanType.TRUE)
            .health(health)
            .exchTsNs(exchTsNs)
            .recvTsNs(recvTsNs)
            .seq(levels ? bookSeq : BookUpdateEncoder.seqNullValue())
            .prevSeq(BookUpdateEncoder.prevSeqNullValue())
            .firstSeq(BookUpdateEncoder.firstSeqNullValue())
            .checksum(BookUpdateEncoder.checksumNullValue());
        final byte priceExponent = (byte)(levels ? book.priceExponent() : 0);
        final byte qtyExponent = (byte)(levels ? book.qtyExponent() : 0);
        top(encoder, valid && bidLevels > 0, valid && askLevels > 0, book, priceExponent, qtyExponent);
        final BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(bidLevels);
        for (int i = 0; i < bidLevels; i++)
        {
            bids.next();
            bids.price().mantissa(book.bidPrice(i)).exponent(priceExponent);
            bids.qty().mantissa(book.bidQty(i)).exponent(qtyExponent);
        }
        final BookUpdateEncoder.AsksEncoder asks = encoder.asksCount(askLevels);
        for (int i = 0; i < askLevels; i++)
        {
            asks.next();
            asks.price().mantissa(book.askPrice(i)).exponent(priceExponent);
            asks.qty().mantissa(book.askQty(i)).exponent(qtyExponent);
        }
        slot.putInt(BOOK_LENGTH_OFFSET, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        slot.putLong(BOOK_SEQ_OFFSET, streamSeq);

        slot.putLongOrdered(VERSION_OFFSET, version + 2);
    }

    /**
     * Tests only: leaves an instrument's slot as a writer preempted mid-write leaves it, until
     * {@link #endWriteForTest(int)}.
     */
    void beginWriteForTest(final int instrumentId)
    {
        final UnsafeBuffer slot = slots[instrumentId];
        slot.putLongOrdered(VERSION_OFFSET, slot.getLong(VERSION_OFFSET) + 1);
    }

    /**
     * Tests only: ends what {@link #beginWriteForTest(int)} began.
     */
    void endWriteForTest(final int instrumentId)
    {
        final UnsafeBuffer slot = slots[instrumentId];
        slot.putLongOrdered(VERSION_OFFSET, slot.getLong(VERSION_OFFSET) + 1);
    }

    private static void top(
        final BookUpdateEncoder encoder,
        final boolean bids,
        final boolean asks,
        final OrderBook book,
        final byte priceExponent,
        final byte qtyExponent)
    {
        final long none = Long.MIN_VALUE;
        encoder.bidPrice().mantissa(bids ? book.bidPrice(0) : none).exponent(bids ? priceExponent : 0);
        encoder.bidQty().mantissa(bids ? book.bidQty(0) : none).exponent(bids ? qtyExponent : 0);
        encoder.askPrice().mantissa(asks ? book.askPrice(0) : none).exponent(asks ? priceExponent : 0);
        encoder.askQty().mantissa(asks ? book.askQty(0) : none).exponent(asks ? qtyExponent : 0);
    }

    /**
     * Copies an instrument's slot, consistently, from any thread; never blocks the writer. Does not allocate.
     *
     * @param instrumentId the instrument.
     * @param into         where to copy.
     * @return {@link #COPIED}, {@link #UNKNOWN_INSTRUMENT} or {@link #CONTENDED}.
     */
    public int copy(final int instrumentId, final Copy into)
    {
        final UnsafeBuffer[] current = slots;
        if (instrumentId <= 0 || instrumentId >= current.length || current[instrumentId] == null)
        {
            return UNKNOWN_INSTRUMENT;
        }
        final UnsafeBuffer slot = current[instrumentId];
        for (int attempt = 0; attempt < COPY_ATTEMPTS; attempt++)
        {
            final long before = slot.getLongVolatile(VERSION_OFFSET);
            if ((before & 1) != 0)
            {
                Thread.onSpinWait();
                continue;
            }
            final int definitionLength = slot.getInt(DEFINITION_LENGTH_OFFSET);
            final int bookLength = slot.getInt(BOOK_LENGTH_OFFSET);
            final long bookStreamSeq = slot.getLong(BOOK_SEQ_OFFSET);
            if (definitionLength < 0 || definitionLength > DEFINITION_CAPACITY || bookLength < 0 ||
                bookLength > bookCapacity)
            {
                continue;
            }
            into.buffer.putBytes(0, slot, DEFINITION_OFFSET, definitionLength);
            into.buffer.putBytes(DEFINITION_CAPACITY, slot, BOOK_OFFSET, bookLength);
            // read after the slot: a round served since the copy began, which rewrote this slot, moves its version
            final long slotsCurrentSeq = currentSeq.get();
            VarHandle.loadLoadFence();
            if (slot.getLongVolatile(VERSION_OFFSET) == before)
            {
                into.definitionLength = definitionLength;
                into.bookLength = bookLength;
                into.streamSeq = Math.max(bookStreamSeq, slotsCurrentSeq);
                return COPIED;
            }
        }
        return CONTENDED;
    }

    /**
     * @return a copy target sized for this store's slots.
     */
    public Copy newCopy()
    {
        return new Copy(DEFINITION_CAPACITY + bookCapacity);
    }

    /**
     * A reader's copy of one slot; reusable.
     */
    public static final class Copy
    {
        private final UnsafeBuffer buffer;
        private int definitionLength;
        private int bookLength;
        private long streamSeq;

        private Copy(final int capacity)
        {
            buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, 64));
        }

        /**
         * @return the buffer: the definition at {@link #definitionOffset()}, the book at {@link #bookOffset()}.
         */
        public MutableDirectBuffer buffer()
        {
            return buffer;
        }

        /**
         * @return offset of the {@code Instrument} message.
         */
        public int definitionOffset()
        {
            return 0;
        }

        /**
         * @return length of the {@code Instrument} message; 0 when there is none.
         */
        public int definitionLength()
        {
            return definitionLength;
        }

        /**
         * @return offset of the {@code BookUpdate} snapshot message.
         */
        public int bookOffset()
        {
            return DEFINITION_CAPACITY;
        }

        /**
         * @return length of the {@code BookUpdate} snapshot message; 0 when the instrument has no book.
         */
        public int bookLength()
        {
            return bookLength;
        }

        /**
         * @return the live stream sequence the copy is current at: the book is the state after every live message
         *         up to and including it.
         */
        public long streamSeq()
        {
            return streamSeq;
        }
    }
}
