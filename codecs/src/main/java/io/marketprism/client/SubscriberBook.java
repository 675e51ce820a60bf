/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.client;

import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.Arrays;

/**
 * A consumer's copy of one instrument's L2 book, rebuilt from a snapshot (the snapshot stream's, or a valid
 * {@code snapshot=true} message on the live stream) and the live updates after it. Prices and quantities are
 * mantissas at the book's exponents ({@link #priceExponent()}, {@link #qtyExponent()}), taken from the snapshot;
 * updates at other exponents are rescaled exactly or, when that is impossible, make the book unsynced.
 * <p>
 * A book from a depth-limited snapshot knows only its top levels: if more levels are removed than it holds, its top
 * can differ from the engine's. {@link MarketDataSubscriber} checks the top after every update against the top the
 * engine wrote into the message and counts any difference. Single-threaded: the subscriber's polling thread.
 */
public final class SubscriberBook
{
    /** {@link #checkTop(BookUpdateDecoder)}: the book's top is the engine's. */
    static final int TOP_MATCHES = 0;
    /** {@link #checkTop(BookUpdateDecoder)}: the book's top differs from the engine's where the book knows it. */
    static final int TOP_DIFFERS = 1;
    /** {@link #checkTop(BookUpdateDecoder)}: differs, with a side past the snapshot's depth; not an error. */
    static final int TOP_PAST_SNAPSHOT = 2;

    private static final int INITIAL_LEVELS = 256;
    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final int instrumentId;
    // each side ascending by key, best last: bids keyed by price, asks by -price
    private long[] bidKeys = new long[INITIAL_LEVELS];
    private long[] bidQtys = new long[INITIAL_LEVELS];
    private long[] askKeys = new long[INITIAL_LEVELS];
    private long[] askQtys = new long[INITIAL_LEVELS];
    private int bidCount;
    private int askCount;
    private int priceExponent;
    private int qtyExponent;
    private boolean synced;
    private boolean stale;
    private long syncedAtSeq;
    /** Key of the worst level of each side of the last snapshot, {@link Long#MIN_VALUE} for a side it had empty. */
    private long bidHorizon = Long.MIN_VALUE;
    private long askHorizon = Long.MIN_VALUE;
    private long topsPastSnapshot;

    private final ExpandableArrayBuffer pending = new ExpandableArrayBuffer(1024);
    private int pendingLength;
    private long pendingSeq;
    // live messages of this book while it is not synced: [seq int64][length int32][message], for a snapshot to
    // be completed with; every message of the book from heldFrom on is here or still to come
    private final ExpandableArrayBuffer held = new ExpandableArrayBuffer(1024);
    private int heldLength;
    private long heldFrom;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookUpdateDecoder decoder = new BookUpdateDecoder();

    SubscriberBook(final int instrumentId)
    {
        this.instrumentId = instrumentId;
    }

    /**
     * @return the instrument id.
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return true when the book holds the engine's book: synced from a snapshot and every live update since.
     */
    public boolean isSynced()
    {
        return synced;
    }

    /**
     * @return true from the engine's {@code stale} status for this book until its next update (which the engine
     *         announces with {@code recovered}): the book is still right, but as of an update older than the engine's
     *         stale-after time.
     */
    public boolean isStale()
    {
        return stale;
    }

    void stale(final boolean stale)
    {
        this.stale = stale;
    }

    /**
     * @return the live stream sequence the book was last synced at (its snapshot's), 0 if never.
     */
    public long syncedAtSeq()
    {
        return syncedAtSeq;
    }

    /**
     * @return price exponent of the mantissas.
     */
    public int priceExponent()
    {
        return priceExponent;
    }

    /**
     * @return quantity exponent of the mantissas.
     */
    public int qtyExponent()
    {
        return qtyExponent;
    }

    /**
     * @return bid levels held.
     */
    public int bidCount()
    {
        return bidCount;
    }

    /**
     * @return ask levels held.
     */
    public int askCount()
    {
        return askCount;
    }

    /**
     * @param level 0 for the best bid; less than {@link #bidCount()}.
     * @return its price mantissa.
     */
    public long bidPrice(final int level)
    {
        return bidKeys[bidCount - 1 - level];
    }

    /**
     * @param level 0 for the best bid.
     * @return its quantity mantissa.
     */
    public long bidQty(final int level)
    {
        return bidQtys[bidCount - 1 - level];
    }

    /**
     * @param level 0 for the best ask; less than {@link #askCount()}.
     * @return its price mantissa.
     */
    public long askPrice(final int level)
    {
        return -askKeys[askCount - 1 - level];
    }

    /**
     * @param level 0 for the best ask.
     * @return its quantity mantissa.
     */
    public long askQty(final int level)
    {
        return askQtys[askCount - 1 - level];
    }

    boolean hasPending()
    {
        return pendingLength > 0;
    }

    long pendingSeq()
    {
        return pendingSeq;
    }

    void dropPending()
    {
        pendingLength = 0;
    }

    void unsync()
    {
        synced = false;
        bidCount = 0;
        askCount = 0;
    }

    /**
     * Keeps a snapshot from the snapshot stream until it can be spliced with the live stream and the held live
     * messages after it.
     */
    void holdPending(final long stampSeq, final DirectBuffer buffer, final int offset, final int length)
    {
        pending.putBytes(0, buffer, offset, length);
        pendingLength = length;
        pendingSeq = stampSeq;
    }

    /**
     * @return the live sequence from which every message of this book received is held (or still to come).
     */
    long heldFrom()
    {
        return heldFrom;
    }

    /**
     * @return bytes of live messages held.
     */
    int heldBytes()
    {
        return heldLength;
    }

    /**
     * Keeps a live message of the book while it is not synced, for the snapshot that syncs it.
     *
     * @return false when the book's bound was reached: the held messages are dropped, and only a snapshot current
     *         at this message or later can sync the book.
     */
    boolean hold(final long seq, final DirectBuffer buffer, final int offset, final int length, final int maxBytes)
    {
        final int recordLength = Long.BYTES + Integer.BYTES + length;
        if (heldLength + recordLength > maxBytes)
        {
            clearHeld(seq + 1);
            return false;
        }
        held.putLong(heldLength, seq);
        held.putInt(heldLength + Long.BYTES, length);
        held.putBytes(heldLength + Long.BYTES + Integer.BYTES, buffer, offset, length);
        heldLength += recordLength;
        return true;
    }

    /**
     * Drops the held live messages.
     *
     * @param from the live sequence from which the book's messages will be held again.
     */
    void clearHeld(final long from)
    {
        heldLength = 0;
        heldFrom = from;
    }

    /**
     * Installs the held snapshot, then applies the held live messages after it.
     *
     * @return live messages applied after it after which the top differed from the top the engine wrote, or -1
     *         when the book is not synced after all (the snapshot, or a held message, could not be applied).
     */
    int installPending()
    {
        pendingLength = 0;
        header.wrap(pending, 0);
        decoder.wrap(pending, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        if (!replace(decoder, pendingSeq))
        {
            return -1;
        }
        int topMismatches = 0;
        long lastHeldSeq = heldFrom;
        for (int position = 0; position < heldLength; )
        {
            final long seq = held.getLong(position);
            final int length = held.getInt(position + Long.BYTES);
            final int messageOffset = position + Long.BYTES + Integer.BYTES;
            position = messageOffset + length;
            lastHeldSeq = seq;
            if (seq <= pendingSeq || !synced)
            {
                continue;
            }
            header.wrap(held, messageOffset);
            decoder.wrap(held, messageOffset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                header.version());
            if (decoder.healthRaw() != BookHealth.VALID.value())
            {
                unsync();
            }
            else if (applyDelta(decoder) && checkTop(decoder) == TOP_DIFFERS)
            {
                topMismatches++;
            }
        }
        clearHeld(lastHeldSeq + 1);
        return synced ? topMismatches : -1;
    }

    /**
     * Replaces the book with a valid snapshot message.
     *
     * @return true when synced.
     */
    boolean replace(final BookUpdateDecoder snapshot, final long atSeq)
    {
        unsync();
        if (snapshot.healthRaw() != BookHealth.VALID.value())
        {
            return false;
        }
        priceExponent = Integer.MIN_VALUE;
        final BookUpdateDecoder.BidsDecoder bids = snapshot.bids();
        boolean ok = true;
        while (bids.hasNext())
        {
            bids.next();
            ok &= set(true, bids.price().mantissa(), bids.price().exponent(), bids.qty().mantissa(),
                bids.qty().exponent());
        }
        final BookUpdateDecoder.AsksDecoder asks = snapshot.asks();
        while (asks.hasNext())
        {
            asks.next();
            ok &= set(false, asks.price().mantissa(), asks.price().exponent(), asks.qty().mantissa(),
                asks.qty().exponent());
        }
        synced = ok;
        syncedAtSeq = ok ? atSeq : 0;
        bidHorizon = bidCount > 0 ? bidKeys[0] : Long.MIN_VALUE;
        askHorizon = askCount > 0 ? askKeys[0] : Long.MIN_VALUE;
        if (!ok)
        {
            unsync();
        }
        return ok;
    }

    /**
     * Applies a live delta to a synced book.
     *
     * @return true when applied; false when a value could not be held (the book is then unsynced).
     */
    boolean applyDelta(final BookUpdateDecoder update)
    {
        boolean ok = true;
        final BookUpdateDecoder.BidsDecoder bids = update.bids();
        while (bids.hasNext())
        {
            bids.next();
            ok &= set(true, bids.price().mantissa(), bids.price().exponent(), bids.qty().mantissa(),
                bids.qty().exponent());
        }
        final BookUpdateDecoder.AsksDecoder asks = update.asks();
        while (asks.hasNext())
        {
            asks.next();
            ok &= set(false, asks.price().mantissa(), asks.price().exponent(), asks.qty().mantissa(),
                asks.qty().exponent());
        }
        if (!ok)
        {
            unsync();
        }
        return ok;
    }

    /**
     * Compares the book's top with the top the engine wrote into an update just applied.
     * <p>
     * A snapshot holds a limited depth (the engine's {@code marketprism.snapshot.depth}), so the book knows nothing
     * past its snapshot's worst level on each side until updates fill it in: once deletes have taken a side past that
     * level (or emptied it), a level the book never saw may be the engine's top, and a difference there is no error.
     * An update whose top differs only on such sides counts in {@link #topsPastSnapshot()} rather than as a
     * difference. A snapshot side shorter than
     * the depth is complete, but the book cannot tell it from a full one: a difference past it is counted there too.
     *
     * @return {@link #TOP_MATCHES}, {@link #TOP_DIFFERS}, or {@link #TOP_PAST_SNAPSHOT}.
     */
    int checkTop(final BookUpdateDecoder update)
    {
        if (topMatches(update))
        {
            return TOP_MATCHES;
        }
        if ((!bidTopMatches(update) && !sidePastSnapshot(bidKeys, bidCount, bidHorizon)) ||
            (!askTopMatches(update) && !sidePastSnapshot(askKeys, askCount, askHorizon)))
        {
            return TOP_DIFFERS;
        }
        topsPastSnapshot++;
        return TOP_PAST_SNAPSHOT;
    }

    /**
     * @return updates after which the top differed while a side of the book was past its snapshot's depth, where
     * the book cannot know the engine's top ({@link #checkTop(BookUpdateDecoder)}).
     */
    public long topsPastSnapshot()
    {
        return topsPastSnapshot;
    }

    private static boolean sidePastSnapshot(final long[] keys, final int count, final long horizon)
    {
        if (horizon == Long.MIN_VALUE)
        {
            return false;
        }
        return count == 0 || keys[count - 1] < horizon;
    }

    /**
     * @return true when the book's top equals the top the engine wrote into the message (absent = empty side).
     */
    boolean topMatches(final BookUpdateDecoder update)
    {
        return bidTopMatches(update) && askTopMatches(update);
    }

    private boolean bidTopMatches(final BookUpdateDecoder update)
    {
        return sideTopMatches(true, update.bidPrice().mantissa(), update.bidPrice().exponent(),
            update.bidQty().mantissa(), update.bidQty().exponent());
    }

    private boolean askTopMatches(final BookUpdateDecoder update)
    {
        return sideTopMatches(false, update.askPrice().mantissa(), update.askPrice().exponent(),
            update.askQty().mantissa(), update.askQty().exponent());
    }

    private boolean sideTopMatches(
        final boolean bid, final long price, final byte priceExp, final long qty, final byte qtyExp)
    {
        final int count = bid ? bidCount : askCount;
        if (price == Long.MIN_VALUE)
        {
            return count == 0;
        }
        if (count == 0)
        {
            return false;
        }
        final long p = rescale(price, priceExp, priceExponent);
        final long q = rescale(qty, qtyExp, qtyExponent);
        return bid ? p == bidPrice(0) && q == bidQty(0) : p == askPrice(0) && q == askQty(0);
    }

    private boolean set(final boolean bid, final long price, final int priceExp, final long qty, final int qtyExp)
    {
        if (priceExponent == Integer.MIN_VALUE)
        {
            priceExponent = priceExp;
            qtyExponent = qtyExp;
        }
        final long p = rescale(price, priceExp, priceExponent);
        final long q = rescale(qty, qtyExp, qtyExponent);
        if (p == Long.MIN_VALUE || q == Long.MIN_VALUE)
        {
            return false;
        }
        if (bid)
        {
            bidCount = put(true, p, q, bidCount);
        }
        else
        {
            askCount = put(false, -p, q, askCount);
        }
        return true;
    }

    private int put(final boolean bid, final long key, final long qty, final int count)
    {
        long[] keys = bid ? bidKeys : askKeys;
        long[] qtys = bid ? bidQtys : askQtys;
        final int index = Arrays.binarySearch(keys, 0, count, key);
        if (index >= 0)
        {
            if (qty == 0)
            {
                System.arraycopy(keys, index + 1, keys, index, count - index - 1);
                System.arraycopy(qtys, index + 1, qtys, index, count - index - 1);
                return count - 1;
            }
            qtys[index] = qty;
            return count;
        }
        if (qty == 0)
        {
            return count;
        }
        if (count == keys.length)
        {
            keys = Arrays.copyOf(keys, count * 2);
            qtys = Arrays.copyOf(qtys, count * 2);
            if (bid)
            {
                bidKeys = keys;
                bidQtys = qtys;
            }
            else
            {
                askKeys = keys;
                askQtys = qtys;
            }
        }
        final int insert = -index - 1;
        System.arraycopy(keys, insert, keys, insert + 1, count - insert);
        System.arraycopy(qtys, insert, qtys, insert + 1, count - insert);
        keys[insert] = key;
        qtys[insert] = qty;
        return count + 1;
    }

    /**
     * @return the mantissa at the target exponent, or Long.MIN_VALUE when it cannot be held exactly.
     */
    private static long rescale(final long mantissa, final int exponent, final int target)
    {
        if (mantissa == Long.MIN_VALUE || exponent == target)
        {
            return mantissa;
        }
        final int shift = exponent - target;
        if (shift > 0)
        {
            if (shift >= POWERS_OF_TEN.length)
            {
                return Long.MIN_VALUE;
            }
            final long scaled = mantissa * POWERS_OF_TEN[shift];
            return scaled / POWERS_OF_TEN[shift] == mantissa ? scaled : Long.MIN_VALUE;
        }
        if (-shift >= POWERS_OF_TEN.length)
        {
            return mantissa == 0 ? 0 : Long.MIN_VALUE;
        }
        final long divisor = POWERS_OF_TEN[-shift];
        return mantissa % divisor == 0 ? mantissa / divisor : Long.MIN_VALUE;
    }
}
