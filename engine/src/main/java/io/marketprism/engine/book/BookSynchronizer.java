/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.GroupSizeEncodingDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * Keeps one instrument's {@link OrderBook} synchronised by its venue's {@link BookSequenceRule}.
 * <pre>
 *            snapshot (+ buffered updates replay)             update: APPLY
 *   NO_BOOK ------------------------------------> AWAITING_FIRST ------------> SYNCED
 *      ^   updates are buffered                      |   update: SKIP             |  APPLY / SKIP
 *      |                                             |                            |
 *      +---------------------------------------------+----------------------------+
 *            update: GAP, crossed book, unrepresentable value, disconnect
 * </pre>
 * The book is valid in AWAITING_FIRST (the snapshot is the venue's state at its id) and SYNCED. While NO_BOOK,
 * updates are copied into a pending buffer so that a later snapshot can be brought forward by replaying them, as
 * Binance's procedure prescribes; the buffer is bounded and cleared when full ({@link #PENDING_OVERFLOW}). A rule
 * whose venue sends the snapshot on the stream itself replays nothing
 * ({@link BookSequenceRule#replaysPendingUpdates()}): its updates without a book are dropped.
 * <p>
 * Single-threaded (normalize). Allocates only when the book or the pending buffer grows.
 */
public final class BookSynchronizer
{
    /** No valid book: waiting for a snapshot. */
    public static final int NO_BOOK = 0;
    /** A snapshot is applied; no update applied on top of it yet. */
    public static final int AWAITING_FIRST = 1;
    /** Snapshot plus every update since, in sequence. */
    public static final int SYNCED = 2;

    /** Update applied; the book is valid. */
    public static final int APPLIED = 0;
    /**
     * No book yet: the update was buffered for replay (or dropped, when the rule replays none: see
     * {@link BookSequenceRule#replaysPendingUpdates()}).
     */
    public static final int BUFFERED = 1;
    /** Update already contained in the book: not applied, book unchanged. */
    public static final int SKIPPED = 2;
    /** Sequence gap: the book is no longer valid; {@link #gapExpected()} and {@link #gapReceived()} say why. */
    public static final int GAP = 3;
    /** The update crossed the book: the book is no longer valid. */
    public static final int CROSSED = 4;
    /** A value could not be represented exactly: the book is no longer valid. */
    public static final int REJECTED = 5;
    /** Snapshot applied, {@link #replayed()} buffered updates replayed on top; the book is valid. */
    public static final int SNAPSHOT_APPLIED = 6;
    /** Snapshot applied but the buffered updates do not follow it: the book is not valid, pending kept. */
    public static final int SNAPSHOT_GAP = 7;
    /**
     * Snapshot older than the synchronised book (both have a sequence id; see
     * {@link BookSequenceRule#isSnapshotOutdated}): ignored.
     */
    public static final int SNAPSHOT_OUTDATED = 8;
    /** The pending buffer was full and cleared before buffering this update. */
    public static final int PENDING_OVERFLOW = 9;
    /**
     * The book did not match the checksum the venue sent with the message (the snapshot, an update, or a buffered
     * update replayed on a snapshot): the book is no longer valid; {@link #checksumExpected()} says what was sent.
     */
    public static final int CHECKSUM_MISMATCH = 10;

    private static final int LENGTH_FIELD = Integer.BYTES;
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final int GROUP_HEADER_LENGTH = GroupSizeEncodingDecoder.ENCODED_LENGTH;
    private static final int GROUP_COUNT_OFFSET = GroupSizeEncodingDecoder.numInGroupEncodingOffset();
    private static final int PRICE_MANTISSA_OFFSET =
        BookUpdateDecoder.BidsDecoder.priceEncodingOffset() + Decimal64Decoder.mantissaEncodingOffset();
    private static final int PRICE_EXPONENT_OFFSET =
        BookUpdateDecoder.BidsDecoder.priceEncodingOffset() + Decimal64Decoder.exponentEncodingOffset();
    private static final int QTY_MANTISSA_OFFSET =
        BookUpdateDecoder.BidsDecoder.qtyEncodingOffset() + Decimal64Decoder.mantissaEncodingOffset();
    private static final int QTY_EXPONENT_OFFSET =
        BookUpdateDecoder.BidsDecoder.qtyEncodingOffset() + Decimal64Decoder.exponentEncodingOffset();
    private static final int LEVEL_FIELDS_END = Math.max(
        Math.max(PRICE_MANTISSA_OFFSET, QTY_MANTISSA_OFFSET) + Long.BYTES,
        Math.max(PRICE_EXPONENT_OFFSET, QTY_EXPONENT_OFFSET) + Byte.BYTES);

    static
    {
        checkLevelLayout();
    }

    private final OrderBook book;
    private final BookSequenceRule rule;
    private final int maxLevels;
    private final BookChecksum checksum;
    private final boolean replaysPending;
    private final ExpandableArrayBuffer pending;
    private final int maxPendingBytes;
    private final BookUpdateDecoder pendingDecoder = new BookUpdateDecoder();
    private final MessageHeaderDecoder pendingHeader = new MessageHeaderDecoder();

    private int state = NO_BOOK;
    private long seq;
    private int pendingLength;
    private int replayed;
    private long gapExpected;
    private long gapReceived;
    private long checksumExpected = BookUpdateDecoder.checksumNullValue();
    private long checksumsVerified;
    private int growths;

    /**
     * @param rule                 the venue's sequence rule.
     * @param initialLevels        levels per side before the book grows.
     * @param ladderTicks          ticks of each side's ladder window (see {@link OrderBook#OrderBook(int, int)}).
     * @param initialPendingBytes  pending buffer size before it grows.
     * @param maxPendingBytes      pending buffer bound.
     */
    public BookSynchronizer(
        final BookSequenceRule rule,
        final int initialLevels,
        final int ladderTicks,
        final int initialPendingBytes,
        final int maxPendingBytes)
    {
        this(rule, null, initialLevels, ladderTicks, initialPendingBytes, maxPendingBytes);
    }

    /**
     * @param rule                 the venue's sequence rule.
     * @param checksum             the venue's book checksum, verified after every message that carries one; null
     *                             when the venue sends none.
     * @param initialLevels        levels per side before the book grows.
     * @param ladderTicks          ticks of each side's ladder window (see {@link OrderBook#OrderBook(int, int)}).
     * @param initialPendingBytes  pending buffer size before it grows.
     * @param maxPendingBytes      pending buffer bound.
     */
    public BookSynchronizer(
        final BookSequenceRule rule,
        final BookChecksum checksum,
        final int initialLevels,
        final int ladderTicks,
        final int initialPendingBytes,
        final int maxPendingBytes)
    {
        this.rule = rule;
        this.checksum = checksum;
        this.replaysPending = rule.replaysPendingUpdates();
        this.maxLevels = rule.maxLevels();
        this.book = new OrderBook(initialLevels, ladderTicks);
        this.pending = new ExpandableArrayBuffer(initialPendingBytes);
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * Handles an incremental update.
     *
     * @param update  the update, wrapped; its groups are read.
     * @param buffer  buffer holding the whole message (header included), for buffering a copy.
     * @param offset  offset of the message header.
     * @param length  message length.
     * @return {@link #APPLIED}, {@link #BUFFERED}, {@link #PENDING_OVERFLOW}, {@link #SKIPPED}, {@link #GAP},
     * {@link #CROSSED} or {@link #REJECTED}.
     */
    public int onUpdate(final BookUpdateDecoder update, final DirectBuffer buffer, final int offset, final int length)
    {
        if (state == NO_BOOK)
        {
            return buffer(buffer, offset, length);
        }

        final boolean firstAfterSnapshot = state == AWAITING_FIRST;
        final long firstSeq = update.firstSeq();
        final long updateSeq = update.seq();
        final long prevSeq = update.prevSeq();
        final int verdict = rule.classify(seq, firstAfterSnapshot, firstSeq, updateSeq, prevSeq);
        if (verdict == BookSequenceRule.SKIP)
        {
            return SKIPPED;
        }
        if (verdict == BookSequenceRule.GAP)
        {
            gapExpected = rule.expectedSeq(seq, firstAfterSnapshot);
            gapReceived = rule.receivedSeq(firstAfterSnapshot, firstSeq, updateSeq, prevSeq);
            invalidate();
            buffer(buffer, offset, length);
            return GAP;
        }

        final int applied = applyLevels(update);
        if (applied != APPLIED)
        {
            invalidate();
            return applied;
        }
        if (!checksumMatches(update))
        {
            invalidate();
            buffer(buffer, offset, length);
            return CHECKSUM_MISMATCH;
        }
        seq = updateSeq;
        state = SYNCED;
        return APPLIED;
    }

    /**
     * Handles a full snapshot: resets the book to it and replays the buffered updates that follow it.
     *
     * @param snapshot the snapshot, wrapped; its groups are read.
     * @return {@link #SNAPSHOT_APPLIED}, {@link #SNAPSHOT_GAP}, {@link #SNAPSHOT_OUTDATED}, {@link #CROSSED} or
     * {@link #REJECTED}.
     */
    public int onSnapshot(final BookUpdateDecoder snapshot)
    {
        final long snapshotSeq = snapshot.seq();
        // a snapshot without a sequence id (Kraken) cannot be older than the book: the venue sent it, it is the book
        if (state == SYNCED && snapshotSeq != BookUpdateDecoder.seqNullValue() &&
            rule.isSnapshotOutdated(seq, snapshotSeq))
        {
            return SNAPSHOT_OUTDATED;
        }

        book.clear();
        replayed = 0;
        final int applied = applyLevels(snapshot);
        if (applied != APPLIED)
        {
            invalidate();
            return applied;
        }
        if (!checksumMatches(snapshot))
        {
            invalidate();
            return CHECKSUM_MISMATCH;
        }
        seq = snapshotSeq;
        state = AWAITING_FIRST;

        int position = 0;
        while (position < pendingLength)
        {
            final int messageLength = pending.getInt(position);
            final int messageOffset = position + LENGTH_FIELD;
            pendingHeader.wrap(pending, messageOffset);
            pendingDecoder.wrap(
                pending,
                messageOffset + MessageHeaderDecoder.ENCODED_LENGTH,
                pendingHeader.blockLength(),
                pendingHeader.version());

            final boolean firstAfterSnapshot = state == AWAITING_FIRST;
            final long firstSeq = pendingDecoder.firstSeq();
            final long updateSeq = pendingDecoder.seq();
            final long prevSeq = pendingDecoder.prevSeq();
            final int verdict = rule.classify(seq, firstAfterSnapshot, firstSeq, updateSeq, prevSeq);
            if (verdict == BookSequenceRule.GAP)
            {
                gapExpected = rule.expectedSeq(seq, firstAfterSnapshot);
                gapReceived = rule.receivedSeq(firstAfterSnapshot, firstSeq, updateSeq, prevSeq);
                state = NO_BOOK;
                book.clear();
                dropPendingBefore(position);
                return SNAPSHOT_GAP;
            }
            if (verdict == BookSequenceRule.APPLY)
            {
                final int replayApplied = applyLevels(pendingDecoder);
                if (replayApplied != APPLIED)
                {
                    invalidate();
                    return replayApplied;
                }
                if (!checksumMatches(pendingDecoder))
                {
                    invalidate();
                    return CHECKSUM_MISMATCH;
                }
                seq = updateSeq;
                state = SYNCED;
                replayed++;
            }
            position = messageOffset + messageLength;
        }
        pendingLength = 0;
        return SNAPSHOT_APPLIED;
    }

    /**
     * Forgets the book, e.g. when the connection that fed it was lost.
     */
    public void reset()
    {
        invalidate();
    }

    /**
     * @return true when the book may be published as valid.
     */
    public boolean isValid()
    {
        return state != NO_BOOK;
    }

    /**
     * @return {@link #NO_BOOK}, {@link #AWAITING_FIRST} or {@link #SYNCED}.
     */
    public int state()
    {
        return state;
    }

    /**
     * @return the book's sequence: the last applied update's id or the snapshot's.
     */
    public long seq()
    {
        return seq;
    }

    /**
     * @return buffered updates applied by the last snapshot.
     */
    public int replayed()
    {
        return replayed;
    }

    /**
     * @return for the last gap, the id the rule expected.
     */
    public long gapExpected()
    {
        return gapExpected;
    }

    /**
     * @return for the last gap, the id received.
     */
    public long gapReceived()
    {
        return gapReceived;
    }

    /**
     * @return for the last {@link #CHECKSUM_MISMATCH}, the checksum the venue sent.
     */
    public long checksumExpected()
    {
        return checksumExpected;
    }

    /**
     * @return messages whose checksum this book has matched, since it was created.
     */
    public long checksumsVerified()
    {
        return checksumsVerified;
    }

    /**
     * @return bytes of updates waiting for a snapshot.
     */
    public int pendingBytes()
    {
        return pendingLength;
    }

    /**
     * @return times the book's arrays have grown so far.
     */
    public int growths()
    {
        return growths;
    }

    /**
     * @return the book.
     */
    public OrderBook book()
    {
        return book;
    }

    private boolean checksumMatches(final BookUpdateDecoder message)
    {
        if (checksum == null)
        {
            return true;
        }
        final long sent = message.checksum();
        if (sent == BookUpdateDecoder.checksumNullValue())
        {
            return true;
        }
        if (checksum.matches(book, sent))
        {
            checksumsVerified++;
            return true;
        }
        checksumExpected = sent;
        return false;
    }

    private void invalidate()
    {
        state = NO_BOOK;
        book.clear();
        pendingLength = 0;
    }

    private int buffer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!replaysPending)
        {
            return BUFFERED;
        }
        final int required = LENGTH_FIELD + length;
        int result = BUFFERED;
        if (pendingLength + required > maxPendingBytes)
        {
            pendingLength = 0;
            result = PENDING_OVERFLOW;
            if (required > maxPendingBytes)
            {
                return result;
            }
        }
        pending.putInt(pendingLength, length);
        pending.putBytes(pendingLength + LENGTH_FIELD, buffer, offset, length);
        pendingLength += required;
        return result;
    }

    private void dropPendingBefore(final int position)
    {
        final int remaining = pendingLength - position;
        final byte[] bytes = pending.byteArray();
        System.arraycopy(bytes, position, bytes, 0, remaining);
        pendingLength = remaining;
    }

    /**
     * Applies the bids, then the asks, and leaves the decoder's limit after both groups, as iterating them would.
     * Each level's four fields are read at their offsets in the entry rather than through the generated group and
     * composite flyweights: the layout is checked against the generated codec once, at class initialisation.
     */
    private int applyLevels(final BookUpdateDecoder update)
    {
        final DirectBuffer buffer = update.buffer();
        final int bidsAt = update.limit();
        final int asksAt = groupEnd(buffer, bidsAt);
        update.limit(groupEnd(buffer, asksAt));
        int result = applyGroup(buffer, bidsAt, true);
        if (result == APPLIED)
        {
            result = applyGroup(buffer, asksAt, false);
        }
        if (result != APPLIED)
        {
            return result;
        }
        if (maxLevels > 0)
        {
            book.truncate(maxLevels);
        }
        return book.isCrossed() ? CROSSED : APPLIED;
    }

    private int applyGroup(final DirectBuffer buffer, final int groupAt, final boolean bid)
    {
        final int blockLength = buffer.getShort(groupAt, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int count = buffer.getShort(groupAt + GROUP_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        // one bounds check for the whole group, up to the last level's last field, then the levels read straight
        // from memory
        if (count > 0)
        {
            buffer.boundsCheck(groupAt, GROUP_HEADER_LENGTH + (count - 1) * blockLength + LEVEL_FIELDS_END);
        }
        final byte[] array = buffer.byteArray();
        long entry = buffer.addressOffset() + groupAt + GROUP_HEADER_LENGTH;
        for (int i = 0; i < count; i++, entry += blockLength)
        {
            final int result = book.update(
                bid,
                littleEndian(UnsafeApi.getLong(array, entry + PRICE_MANTISSA_OFFSET)),
                UnsafeApi.getByte(array, entry + PRICE_EXPONENT_OFFSET),
                littleEndian(UnsafeApi.getLong(array, entry + QTY_MANTISSA_OFFSET)),
                UnsafeApi.getByte(array, entry + QTY_EXPONENT_OFFSET));
            if (result == OrderBook.NOT_REPRESENTABLE)
            {
                return REJECTED;
            }
            growths += result;
        }
        return APPLIED;
    }

    private static long littleEndian(final long nativeOrder)
    {
        return NATIVE_LITTLE_ENDIAN ? nativeOrder : Long.reverseBytes(nativeOrder);
    }

    private static int groupEnd(final DirectBuffer buffer, final int groupAt)
    {
        final int blockLength = buffer.getShort(groupAt, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int count = buffer.getShort(groupAt + GROUP_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        return groupAt + GROUP_HEADER_LENGTH + count * blockLength;
    }

    private static void checkLevelLayout()
    {
        final boolean sidesAlike = PRICE_MANTISSA_OFFSET ==
            BookUpdateDecoder.AsksDecoder.priceEncodingOffset() + Decimal64Decoder.mantissaEncodingOffset() &&
            QTY_MANTISSA_OFFSET ==
            BookUpdateDecoder.AsksDecoder.qtyEncodingOffset() + Decimal64Decoder.mantissaEncodingOffset() &&
            PRICE_EXPONENT_OFFSET ==
            BookUpdateDecoder.AsksDecoder.priceEncodingOffset() + Decimal64Decoder.exponentEncodingOffset() &&
            QTY_EXPONENT_OFFSET ==
            BookUpdateDecoder.AsksDecoder.qtyEncodingOffset() + Decimal64Decoder.exponentEncodingOffset() &&
            BookUpdateDecoder.BidsDecoder.sbeHeaderSize() == GROUP_HEADER_LENGTH &&
            BookUpdateDecoder.AsksDecoder.sbeHeaderSize() == GROUP_HEADER_LENGTH;
        final boolean headerAsRead = GroupSizeEncodingDecoder.blockLengthEncodingOffset() == 0 &&
            GroupSizeEncodingDecoder.blockLengthEncodingLength() == Short.BYTES &&
            GroupSizeEncodingDecoder.numInGroupEncodingLength() == Short.BYTES;
        if (!sidesAlike || !headerAsRead || Decimal64Decoder.mantissaEncodingLength() != Long.BYTES ||
            Decimal64Decoder.exponentEncodingLength() != Byte.BYTES ||
            BookUpdateDecoder.BidsDecoder.sbeBlockLength() < QTY_EXPONENT_OFFSET + 1)
        {
            throw new IllegalStateException("the schema changed the book level layout");
        }
    }
}
