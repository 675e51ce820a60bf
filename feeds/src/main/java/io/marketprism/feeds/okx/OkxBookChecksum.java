/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

import io.marketprism.codecs.Decimals;
import io.marketprism.engine.book.BookChecksum;
import io.marketprism.engine.book.OrderBook;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32;

/**
 * OKX's order book checksum, computed from a maintained {@link OrderBook}: the best {@link #DEPTH} bids and asks
 * interleaved as {@code bid1Px:bid1Sz:ask1Px:ask1Sz:bid2Px:...} (when one side has fewer levels the other side's
 * remaining levels follow on their own), CRC32 of that ASCII text, read as a signed 32-bit integer as OKX sends it.
 * <p>
 * OKX writes every price and size in its shortest form (no trailing fractional zeros, no point for whole numbers),
 * which is exactly {@link Decimals#appendAscii}: so the book's exact values reproduce the venue's text, whatever
 * exponent the book holds them at. Checked on all 290 checksummed messages of a recorded session.
 * <p>
 * Single-threaded; does not allocate.
 */
public final class OkxBookChecksum implements BookChecksum
{
    /**
     * Levels per side the checksum covers.
     */
    public static final int DEPTH = 25;

    private static final int MAX_FIELD = Decimals.MAX_ASCII_LENGTH + 1;

    private final UnsafeBuffer text = new UnsafeBuffer(new byte[2 * DEPTH * 2 * MAX_FIELD]);
    private final CRC32 crc = new CRC32();

    /**
     * @param book the book, after applying the message that carried the checksum.
     * @return the checksum OKX would send for it.
     */
    public int checksum(final OrderBook book)
    {
        final int priceExponent = book.priceExponent();
        final int qtyExponent = book.qtyExponent();
        final int bids = Math.min(DEPTH, book.bidCount());
        final int asks = Math.min(DEPTH, book.askCount());
        int length = 0;
        for (int level = 0, levels = Math.max(bids, asks); level < levels; level++)
        {
            if (level < bids)
            {
                length = field(length, book.bidPrice(level), priceExponent);
                length = field(length, book.bidQty(level), qtyExponent);
            }
            if (level < asks)
            {
                length = field(length, book.askPrice(level), priceExponent);
                length = field(length, book.askQty(level), qtyExponent);
            }
        }
        crc.reset();
        if (length > 0)
        {
            // the last separator is not part of the text
            crc.update(text.byteArray(), 0, length - 1);
        }
        return (int)crc.getValue();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean matches(final OrderBook book, final long checksum)
    {
        return checksum(book) == checksum;
    }

    private int field(final int at, final long mantissa, final int exponent)
    {
        final int written = Decimals.appendAscii(text, at, mantissa, exponent);
        text.putByte(at + written, (byte)':');
        return at + written + 1;
    }
}
