/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import java.util.Arrays;

/**
 * Book levels parsed from one JSON array, held until the message they belong to is encoded (the array may come
 * before the fields that say what the message is). Grows, rarely, to the largest array seen.
 */
final class LevelBuffer
{
    long[] priceMantissas;
    byte[] priceExponents;
    long[] qtyMantissas;
    byte[] qtyExponents;
    int count;

    LevelBuffer(final int initialCapacity)
    {
        priceMantissas = new long[initialCapacity];
        priceExponents = new byte[initialCapacity];
        qtyMantissas = new long[initialCapacity];
        qtyExponents = new byte[initialCapacity];
    }

    void add(final long priceMantissa, final int priceExponent, final long qtyMantissa, final int qtyExponent)
    {
        if (count == priceMantissas.length)
        {
            final int length = count * 2;
            priceMantissas = Arrays.copyOf(priceMantissas, length);
            priceExponents = Arrays.copyOf(priceExponents, length);
            qtyMantissas = Arrays.copyOf(qtyMantissas, length);
            qtyExponents = Arrays.copyOf(qtyExponents, length);
        }
        priceMantissas[count] = priceMantissa;
        priceExponents[count] = (byte)priceExponent;
        qtyMantissas[count] = qtyMantissa;
        qtyExponents[count] = (byte)qtyExponent;
        count++;
    }
}
