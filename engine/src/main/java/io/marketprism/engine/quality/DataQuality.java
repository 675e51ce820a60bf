/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.quality;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * Checks of the messages normalize passes on that do not stop them: exchange time going backwards for an instrument
 * and message type, receive time far from exchange time (clock skew, with a histogram per venue), a trade id the
 * instrument saw among its recent trades, a trade or liquidation of quantity zero. Each check answers with flags;
 * the caller counts them and flags the message with a status: nothing is dropped.
 * <p>
 * Each message's exchange time is compared with the previous message's of the same instrument and type, so that one
 * step back is one flag: a message with a wrong time flags itself or the one after it, never a run.
 * <p>
 * Every message beyond the clock skew bound gets {@link #CLOCK_SKEW}; the first of a run per venue (after a message
 * within the bound) also gets {@link #SKEW_RUN_START}, so that a venue whose clock (or the network) drifts can be
 * flagged once rather than on every message. The histogram records the absolute skew in microseconds.
 * <p>
 * Single-threaded (normalize). Allocates only when a new instrument id exceeds the arrays (cold path).
 */
public final class DataQuality
{
    /** Nothing wrong. */
    public static final int OK = 0;
    /** Exchange time earlier than the previous message of the instrument and type: see {@link #backwardsNs()}. */
    public static final int TIME_BACKWARDS = 1;
    /** Skew beyond the bound: see {@link #skewNs()}. */
    public static final int CLOCK_SKEW = 2;
    /** With {@link #CLOCK_SKEW}: the first skewed message of the venue after one within the bound. */
    public static final int SKEW_RUN_START = 16;
    /** A trade id among the instrument's recent ones. */
    public static final int DUPLICATE_TRADE_ID = 4;
    /** Quantity zero. */
    public static final int ZERO_QUANTITY = 8;

    /** Recent trade ids remembered per instrument. */
    public static final int RECENT_TRADE_IDS = 16;

    private static final long NULL = Long.MIN_VALUE;
    private static final long HIGHEST_SKEW_US = 24L * 3600 * 1_000_000;
    private static final int TYPES = 16;

    private final long maxSkewNs;
    private final Histogram[] skewUs = new Histogram[256];
    private final boolean[] venueSkewed = new boolean[256];
    private final long[] skewedMessages = new long[256];
    private long[] lastExchTs = new long[0];
    private long[] recentTradeIds = new long[0];
    private int[] tradeIdCursor = new int[0];
    private long backwardsNs;
    private long skewNs;

    /**
     * @param maxSkewNs largest receive-minus-exchange time difference, either way, that is not flagged.
     */
    public DataQuality(final long maxSkewNs)
    {
        if (maxSkewNs <= 0)
        {
            throw new IllegalArgumentException("maxSkewNs must be > 0: " + maxSkewNs);
        }
        this.maxSkewNs = maxSkewNs;
    }

    /**
     * Checks a message's times.
     *
     * @param instrumentId the message's instrument, above zero.
     * @param type         its message type (SBE template id, below 16).
     * @param venue        its venue's wire value.
     * @param exchTsNs     exchange time, or the null value (nothing is checked).
     * @param recvTsNs     receive time, or the null value (skew is not checked).
     * @return {@link #OK} or flags {@link #TIME_BACKWARDS}, {@link #CLOCK_SKEW}, {@link #SKEW_RUN_START}.
     */
    public int checkTimes(
        final int instrumentId, final int type, final short venue, final long exchTsNs, final long recvTsNs)
    {
        if (exchTsNs == NULL)
        {
            return OK;
        }
        int flags = OK;
        final int slot = ensure(instrumentId) * TYPES + (type & (TYPES - 1));
        final long last = lastExchTs[slot];
        if (last != NULL && exchTsNs < last)
        {
            backwardsNs = last - exchTsNs;
            flags |= TIME_BACKWARDS;
        }
        // the next message is compared with this one, not with the latest time seen: a venue whose clock steps back
        // is flagged once, not on every message until its clock passes the old time again
        lastExchTs[slot] = exchTsNs;

        if (recvTsNs != NULL)
        {
            final int v = venue & 0xFF;
            final long skew = recvTsNs - exchTsNs;
            final long magnitude = skew == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(skew);
            histogram(v).recordValue(Math.min(magnitude / 1000, HIGHEST_SKEW_US));
            if (magnitude > maxSkewNs)
            {
                skewedMessages[v]++;
                skewNs = skew;
                flags |= CLOCK_SKEW;
                if (!venueSkewed[v])
                {
                    venueSkewed[v] = true;
                    flags |= SKEW_RUN_START;
                }
            }
            else
            {
                venueSkewed[v] = false;
            }
        }
        return flags;
    }

    /**
     * Checks a trade's id and quantity (after {@link #checkTimes}).
     *
     * @param instrumentId the trade's instrument, above zero.
     * @param tradeId      its id, or the null value (not checked).
     * @param qtyMantissa  its quantity's mantissa.
     * @return {@link #OK} or flags {@link #DUPLICATE_TRADE_ID}, {@link #ZERO_QUANTITY}.
     */
    public int checkTrade(final int instrumentId, final long tradeId, final long qtyMantissa)
    {
        final int flags = qtyMantissa == 0 ? ZERO_QUANTITY : OK;
        if (tradeId == NULL)
        {
            return flags;
        }
        final int index = ensure(instrumentId);
        final int base = index * RECENT_TRADE_IDS;
        for (int i = 0; i < RECENT_TRADE_IDS; i++)
        {
            if (recentTradeIds[base + i] == tradeId)
            {
                return flags | DUPLICATE_TRADE_ID;
            }
        }
        final int cursor = tradeIdCursor[index];
        recentTradeIds[base + cursor] = tradeId;
        tradeIdCursor[index] = (cursor + 1) & (RECENT_TRADE_IDS - 1);
        return flags;
    }

    /**
     * @return for the last {@link #TIME_BACKWARDS}: how far back, ns.
     */
    public long backwardsNs()
    {
        return backwardsNs;
    }

    /**
     * @return for the last {@link #CLOCK_SKEW}: receive minus exchange time, ns (negative: the exchange is ahead).
     */
    public long skewNs()
    {
        return skewNs;
    }

    /**
     * @param venue a venue's wire value.
     * @return messages of the venue whose skew was beyond the bound.
     */
    public long skewed(final int venue)
    {
        return skewedMessages[venue & 0xFF];
    }

    /**
     * @param venue a venue's wire value.
     * @return the venue's absolute clock skew in microseconds, or null when it had no timed message. Read it from
     * the normalize thread, or after the pipeline stopped.
     */
    public Histogram skewHistogram(final int venue)
    {
        return skewUs[venue & 0xFF];
    }

    private Histogram histogram(final int venue)
    {
        Histogram histogram = skewUs[venue];
        if (histogram == null)
        {
            histogram = new Histogram(HIGHEST_SKEW_US, 2);
            skewUs[venue] = histogram;
        }
        return histogram;
    }

    private int ensure(final int instrumentId)
    {
        final int instruments = tradeIdCursor.length;
        if (instrumentId >= instruments)
        {
            final int grown = Math.max(64, Integer.highestOneBit(instrumentId) << 1);
            lastExchTs = Arrays.copyOf(lastExchTs, grown * TYPES);
            Arrays.fill(lastExchTs, instruments * TYPES, grown * TYPES, NULL);
            recentTradeIds = Arrays.copyOf(recentTradeIds, grown * RECENT_TRADE_IDS);
            Arrays.fill(recentTradeIds, instruments * RECENT_TRADE_IDS, grown * RECENT_TRADE_IDS, NULL);
            tradeIdCursor = Arrays.copyOf(tradeIdCursor, grown);
        }
        return instrumentId;
    }
}
