/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.codecs.Decimals;
import io.marketprism.engine.book.BookChecksum;
import io.marketprism.engine.book.OrderBook;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32;

/**
 * Kraken's v1 order book checksum ({@code c}), computed from a maintained {@link OrderBook}: the best {@link #DEPTH}
 * asks from the best up, then the best {@link #DEPTH} bids from the best down; for each level its price and then its
 * volume as Kraken prints them with the decimal point and the leading zeros removed; CRC32 of the concatenation, an
 * unsigned 32-bit value.
 * <p>
 * Kraken prints a pair's prices and volumes with a fixed number of decimals, so each value's text without the point
 * is its mantissa at that many decimals: the caller passes the pair's decimals as the venue sends them (learnt from
 * the snapshot: they are not always AssetPairs' {@code pair_decimals}). A value with more decimals than that has no
 * such text: {@link #NOT_AT_PAIR_DECIMALS} is returned, which never equals a checksum.
 * <p>
 * Single-threaded; does not allocate.
 */
public final class KrakenBookChecksum implements BookChecksum
{
    /**
     * Levels per side the checksum covers.
     */
    public static final int DEPTH = 10;

    /**
     * A level's value has more decimals than the pair's: the book cannot be the venue's.
     */
    public static final long NOT_AT_PAIR_DECIMALS = -1;

    private static final int MAX_FIELD = 20;

    private final UnsafeBuffer text = new UnsafeBuffer(new byte[2 * DEPTH * 2 * MAX_FIELD]);
    private final CRC32 crc = new CRC32();

    /**
     * @param book          the book, after applying the message that carried the checksum.
     * @param priceDecimals decimals of the pair's prices as Kraken sends them.
     * @param volumeDecimals decimals of the pair's volumes as Kraken sends them.
     * @return the checksum Kraken would send for the book (0 to 2^32 - 1), or {@link #NOT_AT_PAIR_DECIMALS}.
     */
    public long checksum(final OrderBook book, final int priceDecimals, final int volumeDecimals)
    {
        final int priceExponent = book.priceExponent();
        final int qtyExponent = book.qtyExponent();
        int length = 0;
        for (int level = 0, asks = Math.min(DEPTH, book.askCount()); level < asks; level++)
        {
            length = field(length, book.askPrice(level), priceExponent, priceDecimals);
            length = length < 0 ? length : field(length, book.askQty(level), qtyExponent, volumeDecimals);
            if (length < 0)
            {
                return NOT_AT_PAIR_DECIMALS;
            }
        }
        for (int level = 0, bids = Math.min(DEPTH, book.bidCount()); level < bids; level++)
        {
            length = field(length, book.bidPrice(level), priceExponent, priceDecimals);
            length = length < 0 ? length : field(length, book.bidQty(level), qtyExponent, volumeDecimals);
            if (length < 0)
            {
                return NOT_AT_PAIR_DECIMALS;
            }
        }
        crc.reset();
        crc.update(text.byteArray(), 0, length);
        return crc.getValue();
    }

    /**
     * Verifies at the book's own exponents: Kraken writes a pair's values at fixed decimals, so the finest exponent
     * the book has seen is the pair's; a message with more decimals changes the book's exponent and fails the check.
     * <p>
     * {@inheritDoc}
     */
    @Override
    public boolean matches(final OrderBook book, final long checksum)
    {
        return checksum(book, -book.priceExponent(), -book.qtyExponent()) == checksum;
    }

    private int field(final int at, final long mantissa, final int exponent, final int decimals)
    {
        final long digits = Decimals.rescale(mantissa, exponent, -decimals);
        if (digits == Decimals.NOT_REPRESENTABLE || digits < 0)
        {
            return -1;
        }
        return at + Decimals.appendLong(text, at, digits);
    }
}
