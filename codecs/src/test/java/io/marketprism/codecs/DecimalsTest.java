/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class DecimalsTest
{
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Test
    void shouldPrintDecimalsAsPlainTextWithTrailingZerosTrimmed()
    {
        assertEquals("61837.63", ascii(6183763000000L, -8));
        assertEquals("0", ascii(0, -8));
        assertEquals("0", ascii(0, 0));
        assertEquals("0", ascii(0, 12));
        assertEquals("0.00002754", ascii(2754, -8));
        assertEquals("5000", ascii(5, 3));
        assertEquals("100", ascii(100, 0));
        assertEquals("1", ascii(1000, -3));
        assertEquals("0.1", ascii(1, -1));
        assertEquals("1", ascii(10, -1));
        assertEquals("123.45", ascii(12345, -2));
        assertEquals("0.02", ascii(2000000, -8));
        assertEquals("10.5", ascii(105000, -4));
        assertEquals("3", ascii(3, 0));
    }

    @Test
    void shouldPrintNegativeDecimals()
    {
        assertEquals("-61837.63", ascii(-6183763000000L, -8));
        assertEquals("-0.00002754", ascii(-2754, -8));
        assertEquals("-5000", ascii(-5, 3));
        assertEquals("-1", ascii(-1000, -3));
        assertEquals("-0.5", ascii(-5, -1));
        assertEquals("-9223372036854775807", ascii(-Long.MAX_VALUE, 0));
    }

    @Test
    void shouldPrintExtremeExponentsAndMantissas()
    {
        assertEquals("1" + "0".repeat(127), ascii(1, 127));
        assertEquals("-1" + "0".repeat(127), ascii(-1, 127));
        assertEquals("0." + "0".repeat(127) + "1", ascii(1, -128));
        assertEquals("-0." + "0".repeat(109) + "9223372036854775807", ascii(-Long.MAX_VALUE, -128));
        assertEquals("92233720368547.75807", ascii(Long.MAX_VALUE, -5));
        assertEquals("0.9223372036854775807", ascii(Long.MAX_VALUE, -19));
        assertEquals("9223372036854775807", ascii(Long.MAX_VALUE, 0));
        assertEquals("1", ascii(1_000_000_000_000_000_000L, -18));
        assertEquals("100000000000000000", ascii(1_000_000_000_000_000_000L, -1));
    }

    @Test
    void shouldWriteOnlyTheBytesItReportsAndNoMoreThanTheMaximum()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2 * Decimals.MAX_ASCII_LENGTH + 16]);
        final long[][] cases = {
            { -Long.MAX_VALUE, -128 }, { -1, 127 }, { Long.MAX_VALUE, 127 }, { 6183763000000L, -8 }, { 0, 0 } };
        for (final long[] value : cases)
        {
            buffer.setMemory(0, buffer.capacity(), (byte)'x');
            final int length = Decimals.appendAscii(buffer, 7, value[0], (int)value[1]);
            assertTrue(length <= Decimals.MAX_ASCII_LENGTH, "length " + length);
            assertEquals('x', buffer.getByte(6));
            assertEquals('x', buffer.getByte(7 + length));
            assertEquals(Decimals.toString(value[0], (int)value[1]), buffer.getStringWithoutLengthAscii(7, length));
        }
    }

    @Test
    void shouldPrintTheExactValueForRandomDecimals()
    {
        final SplittableRandom random = new SplittableRandom(20260401L);
        for (int i = 0; i < 50_000; i++)
        {
            final long mantissa = randomMantissa(random);
            final int exponent = random.nextInt(-40, 41);
            final String expected = mantissa == 0 ? "0" :
                new BigDecimal(BigInteger.valueOf(mantissa), -exponent).stripTrailingZeros().toPlainString();
            assertEquals(expected, ascii(mantissa, exponent), () -> mantissa + "e" + exponent);
        }
    }

    @Test
    void shouldRescaleExactly()
    {
        assertEquals(1234500, Decimals.rescale(12345, -2, -4));
        assertEquals(12345, Decimals.rescale(1234500, -4, -2));
        assertEquals(-1234500, Decimals.rescale(-12345, -2, -4));
        assertEquals(-12345, Decimals.rescale(-1234500, -4, -2));
        assertEquals(42, Decimals.rescale(42, 3, 3));
        assertEquals(0, Decimals.rescale(0, 0, -100));
        assertEquals(0, Decimals.rescale(0, -100, 100));
        assertEquals(1_000_000_000_000_000_000L, Decimals.rescale(1, 18, 0));
        assertEquals(1, Decimals.rescale(1_000_000_000_000_000_000L, 0, 18));
        assertEquals(Long.MAX_VALUE / 10 * 10, Decimals.rescale(Long.MAX_VALUE / 10, 0, -1));
        assertEquals(-9223372036854775800L, Decimals.rescale(-922337203685477580L, 0, -1));
        assertEquals(5, Decimals.rescale(5000, -3, 0));
    }

    @Test
    void shouldRefuseToRescaleWhenTheValueOverflowsOrLosesDigits()
    {
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(12345, -4, -2));
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(-12345, -4, -2));
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(1, -1, 0));
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(Long.MAX_VALUE / 10 + 1, 0, -1));
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(-922337203685477581L, 0, -1));
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(10, 18, 0));
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(1, 19, 0));
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(1, 0, -19));
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(1, -19, 0));
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(Long.MAX_VALUE, 0, 19));
        assertEquals(Decimals.NOT_REPRESENTABLE, Decimals.rescale(1, 127, -128));
    }

    @Test
    void shouldRescaleRandomValuesLikeBigDecimal()
    {
        final SplittableRandom random = new SplittableRandom(7L);
        for (int i = 0; i < 100_000; i++)
        {
            final long mantissa = randomMantissa(random);
            final int from = random.nextInt(-25, 26);
            final int to = random.nextInt(-25, 26);
            assertEquals(expectedRescale(mantissa, from, to), Decimals.rescale(mantissa, from, to),
                () -> mantissa + "e" + from + " to e" + to);
        }
    }

    @Test
    void shouldCompareAcrossExponentsAndSigns()
    {
        assertEquals(0, Integer.signum(Decimals.compare(6183763, -2, 61837630, -3)));
        assertEquals(0, Integer.signum(Decimals.compare(0, 3, 0, -3)));
        assertEquals(1, Integer.signum(Decimals.compare(1, 0, 9, -1)));
        assertEquals(-1, Integer.signum(Decimals.compare(9, -1, 1, 0)));
        assertEquals(-1, Integer.signum(Decimals.compare(-1, 0, -9, -1)));
        assertEquals(1, Integer.signum(Decimals.compare(-9, -1, -1, 0)));
        assertEquals(-1, Integer.signum(Decimals.compare(-1, 5, 1, -5)));
        assertEquals(1, Integer.signum(Decimals.compare(1, -5, -1, 5)));
        assertEquals(1, Integer.signum(Decimals.compare(0, 0, -1, -10)));
        assertEquals(-1, Integer.signum(Decimals.compare(0, 0, 1, -10)));
        assertEquals(1, Integer.signum(Decimals.compare(Long.MAX_VALUE, 0, 1, 5)));
        assertEquals(1, Integer.signum(Decimals.compare(1, 18, Long.MAX_VALUE, -1)));
        assertEquals(-1, Integer.signum(Decimals.compare(Long.MAX_VALUE, -1, 1, 18)));
        assertEquals(-1, Integer.signum(Decimals.compare(-1, 18, -Long.MAX_VALUE, -1)));
        assertEquals(1, Integer.signum(Decimals.compare(-Long.MAX_VALUE, -1, -1, 18)));
        assertEquals(1, Integer.signum(Decimals.compare(1, 100, 1, -100)));
        assertEquals(-1, Integer.signum(Decimals.compare(-1, 100, -1, -100)));
        assertEquals(0, Integer.signum(Decimals.compare(7, 2, 7, 2)));
    }

    @Test
    void shouldCompareRandomValuesLikeBigDecimal()
    {
        final SplittableRandom random = new SplittableRandom(99L);
        for (int i = 0; i < 100_000; i++)
        {
            final long a = randomMantissa(random);
            final int ea = random.nextInt(-30, 31);
            final boolean close = random.nextBoolean();
            final int eb = close ? ea + random.nextInt(-3, 4) : random.nextInt(-30, 31);
            final long b = close && eb <= ea ? scaleOrKeep(a, ea, eb, random) : randomMantissa(random);
            final int expected = new BigDecimal(BigInteger.valueOf(a), -ea)
                .compareTo(new BigDecimal(BigInteger.valueOf(b), -eb));
            assertEquals(expected, Integer.signum(Decimals.compare(a, ea, b, eb)),
                () -> a + "e" + ea + " vs " + b + "e" + eb);
        }
    }

    @Test
    void shouldAppendLongs()
    {
        assertEquals("0", appendLong(0));
        assertEquals("7", appendLong(7));
        assertEquals("-7", appendLong(-7));
        assertEquals("1000000", appendLong(1_000_000));
        assertEquals("-10", appendLong(-10));
        assertEquals("1723161255342000000", appendLong(1723161255342000000L));
        assertEquals("9223372036854775807", appendLong(Long.MAX_VALUE));
        assertEquals("-9223372036854775807", appendLong(-Long.MAX_VALUE));
        assertEquals("-9223372036854775808", appendLong(Long.MIN_VALUE));
    }

    @Test
    void shouldCountDigits()
    {
        assertEquals(1, Decimals.digitCount(0));
        assertEquals(1, Decimals.digitCount(9));
        assertEquals(2, Decimals.digitCount(10));
        assertEquals(18, Decimals.digitCount(999_999_999_999_999_999L));
        assertEquals(19, Decimals.digitCount(1_000_000_000_000_000_000L));
        assertEquals(19, Decimals.digitCount(Long.MAX_VALUE));
        assertEquals(1_000_000_000_000_000_000L, Decimals.powerOfTen(18));
        assertEquals(1, Decimals.powerOfTen(0));
    }

    private static String ascii(final long mantissa, final int exponent)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Decimals.MAX_ASCII_LENGTH + 8]);
        final int length = Decimals.appendAscii(buffer, 3, mantissa, exponent);
        final String text = buffer.getStringWithoutLengthAscii(3, length);
        assertEquals(text, Decimals.toString(mantissa, exponent));
        return text;
    }

    private static String appendLong(final long value)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
        final int length = Decimals.appendLong(buffer, 5, value);
        return buffer.getStringWithoutLengthAscii(5, length);
    }

    private static long randomMantissa(final SplittableRandom random)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return 0;
            case 1:
                return random.nextLong(-1000, 1001);
            case 2:
                return random.nextLong(-Long.MAX_VALUE, Long.MAX_VALUE);
            case 3:
                return random.nextLong(-1_000_000_000L, 1_000_000_000L) * Decimals.powerOfTen(random.nextInt(0, 9));
            case 4:
                return random.nextBoolean() ?
                    Long.MAX_VALUE - random.nextInt(100) : -Long.MAX_VALUE + random.nextInt(100);
            default:
                return random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
        }
    }

    private static long scaleOrKeep(final long mantissa, final int from, final int to, final SplittableRandom random)
    {
        final long scaled = Decimals.rescale(mantissa, from, to);
        if (scaled == Decimals.NOT_REPRESENTABLE)
        {
            return mantissa;
        }
        final int delta = random.nextInt(-1, 2);
        return scaled == Long.MAX_VALUE || scaled <= Long.MIN_VALUE + 1 ? scaled : scaled + delta;
    }

    private static long expectedRescale(final long mantissa, final int from, final int to)
    {
        final BigInteger value = BigInteger.valueOf(mantissa);
        final BigInteger result;
        if (from >= to)
        {
            result = value.multiply(BigInteger.TEN.pow(from - to));
        }
        else
        {
            final BigInteger[] quotientAndRemainder = value.divideAndRemainder(BigInteger.TEN.pow(to - from));
            if (quotientAndRemainder[1].signum() != 0)
            {
                return Decimals.NOT_REPRESENTABLE;
            }
            result = quotientAndRemainder[0];
        }
        if (result.compareTo(LONG_MAX) > 0 || result.compareTo(LONG_MIN) <= 0)
        {
            return Decimals.NOT_REPRESENTABLE;
        }
        return result.longValueExact();
    }
}
