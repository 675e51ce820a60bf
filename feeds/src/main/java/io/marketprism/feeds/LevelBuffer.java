/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.Decimal64Encoder;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Book levels parsed from one JSON array, held until the message they belong to is encoded (the array may come
 * before the fields that say what the message is). The levels are kept exactly as the SBE group entries they become
 * ({@code price.mantissa, price.exponent, qty.mantissa, qty.exponent}, little-endian), so encoding them is one copy.
 * Grows, rarely, to the largest array seen.
 */
public final class LevelBuffer
{
    /** Bytes per level: one entry of the {@code bids} or {@code asks} group. */
    public static final int LEVEL_LENGTH = BookUpdateEncoder.BidsEncoder.sbeBlockLength();

    private static final int PRICE_EXPONENT_OFFSET = Decimal64Encoder.exponentEncodingOffset();
    private static final int QTY_OFFSET = Decimal64Encoder.ENCODED_LENGTH;
    private static final int QTY_EXPONENT_OFFSET = QTY_OFFSET + Decimal64Encoder.exponentEncodingOffset();
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final LevelShape shape = new LevelShape();
    private byte[] bytes;
    private int capacity;
    private int count;

    /**
     * @param initialCapacity levels held before the first growth.
     */
    public LevelBuffer(final int initialCapacity)
    {
        bytes = new byte[initialCapacity * LEVEL_LENGTH];
        capacity = initialCapacity;
        checkLayout();
    }

    /**
     * @return levels held.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return the shape of the last level parsed into this buffer, which {@link LevelArrays} reads the next ones
     * against; kept when the levels are cleared.
     */
    LevelShape shape()
    {
        return shape;
    }

    /**
     * Forgets the levels held.
     */
    public void clear()
    {
        count = 0;
    }

    /**
     * Appends a level.
     *
     * @param priceMantissa price mantissa.
     * @param priceExponent price exponent.
     * @param qtyMantissa   quantity mantissa.
     * @param qtyExponent   quantity exponent.
     */
    public void add(final long priceMantissa, final int priceExponent, final long qtyMantissa, final int qtyExponent)
    {
        if (count == capacity)
        {
            capacity *= 2;
            bytes = Arrays.copyOf(bytes, capacity * LEVEL_LENGTH);
        }
        // no bounds check per value: count < capacity was just ensured
        final long address = address(count);
        final byte[] bytes = this.bytes;
        UnsafeApi.putLong(bytes, address, littleEndian(priceMantissa));
        UnsafeApi.putByte(bytes, address + PRICE_EXPONENT_OFFSET, (byte)priceExponent);
        UnsafeApi.putLong(bytes, address + QTY_OFFSET, littleEndian(qtyMantissa));
        UnsafeApi.putByte(bytes, address + QTY_EXPONENT_OFFSET, (byte)qtyExponent);
        count++;
    }

    /**
     * Copies the levels, as group entries, into a buffer.
     *
     * @param buffer destination.
     * @param offset where the first entry goes.
     * @return bytes written.
     */
    public int copyTo(final MutableDirectBuffer buffer, final int offset)
    {
        final int length = count * LEVEL_LENGTH;
        buffer.putBytes(offset, bytes, 0, length);
        return length;
    }

    /**
     * @param level index of a level held.
     * @return its price mantissa.
     */
    public long priceMantissa(final int level)
    {
        return littleEndian(UnsafeApi.getLong(bytes, address(level)));
    }

    /**
     * @param level index of a level held.
     * @return its price exponent.
     */
    public int priceExponent(final int level)
    {
        return UnsafeApi.getByte(bytes, address(level) + PRICE_EXPONENT_OFFSET);
    }

    /**
     * @param level index of a level held.
     * @return its quantity mantissa.
     */
    public long qtyMantissa(final int level)
    {
        return littleEndian(UnsafeApi.getLong(bytes, address(level) + QTY_OFFSET));
    }

    /**
     * @param level index of a level held.
     * @return its quantity exponent.
     */
    public int qtyExponent(final int level)
    {
        return UnsafeApi.getByte(bytes, address(level) + QTY_EXPONENT_OFFSET);
    }

    private static long address(final int level)
    {
        return BufferUtil.ARRAY_BASE_OFFSET + (long)level * LEVEL_LENGTH;
    }

    private static long littleEndian(final long value)
    {
        return NATIVE_LITTLE_ENDIAN ? value : Long.reverseBytes(value);
    }

    private static void checkLayout()
    {
        if (Decimal64Encoder.mantissaEncodingOffset() != 0 || Decimal64Encoder.ENCODED_LENGTH != 9 ||
            LEVEL_LENGTH != 2 * Decimal64Encoder.ENCODED_LENGTH ||
            BookUpdateEncoder.BidsEncoder.sbeBlockLength() != BookUpdateEncoder.AsksEncoder.sbeBlockLength())
        {
            throw new IllegalStateException("schema changed the book level layout");
        }
    }
}
