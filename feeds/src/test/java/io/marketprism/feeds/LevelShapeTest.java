/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.json.GeneralJsonCursor;
import io.marketprism.feeds.json.JsonCursor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LevelArrays} with the levels of a learnt shape read against it ({@link LevelShape}), checked against a
 * cursor without fast paths, which parses every level element by element: the same status, the same levels, the
 * cursor left at the same place, for levels of the shape, levels of other shapes, and every single-byte change of a
 * level that has the shape.
 */
class LevelShapeTest
{
    private static final String LEVEL = "[\"61837.63000000\",\"0.00100000\"]";
    private static final byte[] REPLACEMENTS =
        "0123456789.\",[]{} -+eE:/\\a\u0000".getBytes(StandardCharsets.ISO_8859_1);

    private final JsonCursor fast = new JsonCursor();
    private final JsonCursor general = GeneralJsonCursor.create();
    private final LevelBuffer fastLevels = new LevelBuffer(4);
    private final LevelBuffer generalLevels = new LevelBuffer(4);

    @Test
    void levelsOfTheShapeOfTheOneBeforeAreReadAgainstIt()
    {
        final String levels = "[" + LEVEL + ",[\"61837.64000000\",\"1.25000000\"]," +
            "[\"61899.99000000\",\"0.00000000\"],[\"10000.01000000\",\"9.99999999\"]]";
        check(levels);
        assertFalse(fastLevels.shape().isEmpty());
        assertEquals(3, fastLevels.shape().levelsRead(), "all but the first, whose shape was learnt");

        // the next array starts with the shape learnt
        check(levels);
        assertEquals(7, fastLevels.shape().levelsRead());
        assertEquals(6_189_999_000_000L, fastLevels.priceMantissa(2));
        assertEquals(-8, fastLevels.priceExponent(2));
        assertEquals(999_999_999L, fastLevels.qtyMantissa(3));
    }

    @Test
    void aLoneLevelOfAnotherShapeKeepsTheShapeAndTwoInARowReplaceIt()
    {
        check("[" + LEVEL + "," + LEVEL + "]");
        final long before = fastLevels.shape().levelsRead();
        check("[" + LEVEL + ",[\"61837.63000000\",\"12.50000000\"]," + LEVEL + "," + LEVEL + "]");
        assertEquals(before + 3, fastLevels.shape().levelsRead(), "the lone larger quantity parsed, the rest read");

        check("[[\"1.5\",\"2.25\"],[\"1.6\",\"3.25\"],[\"1.7\",\"4.25\"],[\"1.8\",\"5.25\"]]");
        check("[[\"65000.5\",\"0.001\"],[\"65000.6\",\"0.002\"],[\"65000.7\",\"0.003\"]]");
        check("[[\"65000\",\"1\"],[\"65001\",\"2\"],[\"65002\",\"3\"],[\"65003\",\"4\"]]");
        check("[[\"1234567.12345678\",\"1234567.12345678\"],[\"7654321.87654321\",\"7654321.87654321\"]]");
    }

    @Test
    void everyChangeOfOneByteOfALevelOfTheShapeIsReadAsTheGeneralPathReadsIt()
    {
        final String prefix = "[" + LEVEL + ",";
        final String suffix = "," + LEVEL + "]";
        final String second = "[\"61900.01000000\",\"2.50000000\"]";
        for (int at = 0; at < second.length(); at++)
        {
            for (final byte replacement : REPLACEMENTS)
            {
                final byte[] level = second.getBytes(StandardCharsets.ISO_8859_1);
                level[at] = replacement;
                // learn from the first level of a clean array, then read the changed one
                check("[" + LEVEL + "]");
                check(prefix + new String(level, StandardCharsets.ISO_8859_1) + suffix);
                // high-bit bytes that look like digits or quotes in their low seven bits
                level[at] = (byte)(replacement | 0x80);
                check("[" + LEVEL + "]");
                check(prefix + new String(level, StandardCharsets.ISO_8859_1) + suffix);
            }
        }
    }

    @Test
    void randomLevelsOfFewShapesAreReadAsTheGeneralPathReadsThem()
    {
        final Random random = new Random(20261123);
        final String[] prices = { "61837.63000000", "9.5", "100", "0.00001000", "1234567.1" };
        final String[] quantities = { "0.00100000", "12.00000000", "0", "3.1415", "123.45678901" };
        for (int round = 0; round < 2000; round++)
        {
            final StringBuilder array = new StringBuilder("[");
            final int count = random.nextInt(12);
            final int shape = random.nextInt(prices.length);
            for (int i = 0; i < count; i++)
            {
                final int s = random.nextInt(8) == 0 ? random.nextInt(prices.length) : shape;
                array.append(i == 0 ? "" : ",").append("[\"").append(digitsLike(prices[s], random)).append("\",\"")
                    .append(digitsLike(quantities[s], random)).append("\"]");
            }
            check(array.append(']').toString());
        }
    }

    @Test
    void levelsWhoseShapesKeepChangingRestTheShapeAndAreParsedAsBefore()
    {
        // unpadded numbers of every length, as Bybit sends them: no two levels in a row share a shape
        final StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < 200; i++)
        {
            final String price = "0." + "1234567".substring(0, 1 + i % 7);
            final String qty = "98765".substring(0, 1 + (i / 7) % 5);
            array.append(i == 0 ? "" : ",").append("[\"").append(price).append("\",\"").append(qty).append("\"]");
        }
        final String levels = array.append(']').toString();
        check(levels);
        assertFalse(fastLevels.shape().isActive(), "misses outweighed the levels read: the shape rests");
        final long read = fastLevels.shape().levelsRead();
        check(levels);
        assertEquals(read, fastLevels.shape().levelsRead(), "none tried while it rests");

        // after enough levels parsed it is tried again, and a run of one shape is read against it
        int parsed = 0;
        while (!fastLevels.shape().isActive() && parsed < 10_000)
        {
            // the last level, too near the end for the fast way, is the general loop's
            check("[[\"0.1\",\"9\"],[\"0.2\",\"8\"],[\"0.3\",\"7\"],[\"0.4\",\"6\"]]");
            parsed += 3;
        }
        assertTrue(fastLevels.shape().isActive() && parsed <= 4096 + 3, "tried again after " + parsed + " levels");
        check("[" + LEVEL + "," + LEVEL + "," + LEVEL + "," + LEVEL + "]");
        assertTrue(fastLevels.shape().levelsRead() > read);
    }

    @Test
    void levelsAtTheEndOfTheDocumentAndLimitsOnTheCountAreTheGeneralPathsToo()
    {
        check("[" + LEVEL + "," + LEVEL + "]");
        check("[" + LEVEL + "," + LEVEL + "," + LEVEL + "]", 2);
        check("[" + LEVEL + "," + LEVEL + ",[\"00000.00000000\",\"0.00100000\"]]");
        check("[" + LEVEL + "," + LEVEL + "," + LEVEL.substring(0, LEVEL.length() - 1));
        check("[" + LEVEL + "," + LEVEL + "," + LEVEL + "  ]");
        check("[" + LEVEL + "," + LEVEL + " ," + LEVEL + "]");
        check("[" + LEVEL + "," + LEVEL + "," + LEVEL + "]]]]]]]]]]]]");
    }

    private static String digitsLike(final String number, final Random random)
    {
        final char[] chars = number.toCharArray();
        for (int i = 0; i < chars.length; i++)
        {
            if (chars[i] != '.')
            {
                chars[i] = (char)('0' + random.nextInt(10));
            }
        }
        return new String(chars);
    }

    private void check(final String array)
    {
        check(array, 100);
    }

    private void check(final String array, final int maxLevels)
    {
        final byte[] bytes = array.getBytes(StandardCharsets.ISO_8859_1);
        // followed by bytes that would change a result read past the end
        final byte[] padded = Arrays.copyOf(bytes, bytes.length + 16);
        Arrays.fill(padded, bytes.length, padded.length, (byte)'7');
        final UnsafeBuffer buffer = new UnsafeBuffer(padded);
        fast.wrap(buffer, 0, bytes.length);
        general.wrap(buffer, 0, bytes.length);
        final int expected = LevelArrays.parse(general, generalLevels, maxLevels);
        final int actual = LevelArrays.parse(fast, fastLevels, maxLevels);
        assertEquals(expected, actual, array);
        if (expected == JsonCursor.OK)
        {
            assertEquals(general.position(), fast.position(), array);
        }
        assertEquals(generalLevels.count(), fastLevels.count(), array);
        for (int i = 0; i < generalLevels.count(); i++)
        {
            assertEquals(generalLevels.priceMantissa(i), fastLevels.priceMantissa(i), array);
            assertEquals(generalLevels.priceExponent(i), fastLevels.priceExponent(i), array);
            assertEquals(generalLevels.qtyMantissa(i), fastLevels.qtyMantissa(i), array);
            assertEquals(generalLevels.qtyExponent(i), fastLevels.qtyExponent(i), array);
        }
        assertTrue(fastLevels.count() <= maxLevels);
    }
}
