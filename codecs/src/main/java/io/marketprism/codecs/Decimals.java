/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.codecs;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Exact decimal arithmetic on a 64-bit mantissa and a base-10 exponent, the representation of every price, quantity
 * and rate in MarketPrism. Nothing here touches floating point and nothing allocates.
 */
public final class Decimals
{
    /**
     * Returned by {@link #rescale(long, int, int)} when the value cannot be represented exactly at the target
     * exponent: it would overflow 64 bits or lose non-zero digits.
     */
    public static final long NOT_REPRESENTABLE = Long.MIN_VALUE;

    /**
     * The largest number of ASCII bytes {@link #appendAscii(MutableDirectBuffer, int, long, int)} writes:
     * sign, 19 digits, a point and up to 128 zeros of padding.
     */
    public static final int MAX_ASCII_LENGTH = 1 + 19 + 1 + 129;

    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private Decimals()
    {
    }

    /**
     * 10 to the power n.
     *
     * @param n 0 to 18.
     * @return 10^n.
     */
    public static long powerOfTen(final int n)
    {
        return POWERS_OF_TEN[n];
    }

    /**
     * Expresses mantissa x 10^fromExponent as a mantissa at toExponent, exactly.
     *
     * @param mantissa     the value's mantissa.
     * @param fromExponent its exponent.
     * @param toExponent   the wanted exponent.
     * @return the mantissa at toExponent, or {@link #NOT_REPRESENTABLE} when that would overflow or drop digits.
     */
    public static long rescale(final long mantissa, final int fromExponent, final int toExponent)
    {
        if (fromExponent == toExponent || mantissa == 0)
        {
            return mantissa;
        }
        if (fromExponent > toExponent)
        {
            final int shift = fromExponent - toExponent;
            if (shift >= POWERS_OF_TEN.length)
            {
                return NOT_REPRESENTABLE;
            }
            final long factor = POWERS_OF_TEN[shift];
            final long high = Math.multiplyHigh(mantissa, factor);
            final long low = mantissa * factor;
            if ((high == 0 && low >= 0) || (high == -1 && low < 0))
            {
                return low == NOT_REPRESENTABLE ? NOT_REPRESENTABLE : low;
            }
            return NOT_REPRESENTABLE;
        }

        final int shift = toExponent - fromExponent;
        if (shift >= POWERS_OF_TEN.length)
        {
            return NOT_REPRESENTABLE;
        }
        final long factor = POWERS_OF_TEN[shift];
        return mantissa % factor == 0 ? mantissa / factor : NOT_REPRESENTABLE;
    }

    /**
     * Compares two decimals by value, whatever their exponents.
     *
     * @return negative, zero or positive as the first is less than, equal to or greater than the second.
     */
    public static int compare(final long mantissaA, final int exponentA, final long mantissaB, final int exponentB)
    {
        if (exponentA == exponentB)
        {
            return Long.compare(mantissaA, mantissaB);
        }
        final int signA = Long.signum(mantissaA);
        final int signB = Long.signum(mantissaB);
        if (signA != signB)
        {
            return Integer.compare(signA, signB);
        }
        if (exponentA > exponentB)
        {
            final long a = rescale(mantissaA, exponentA, exponentB);
            if (a == NOT_REPRESENTABLE)
            {
                return signA;
            }
            return Long.compare(a, mantissaB);
        }
        final long b = rescale(mantissaB, exponentB, exponentA);
        if (b == NOT_REPRESENTABLE)
        {
            return -signB;
        }
        return Long.compare(mantissaA, b);
    }

    /**
     * Writes the decimal as plain ASCII text, the JSON-lines form: no exponent notation, trailing fractional zeros
     * trimmed ({@code 6183763000000 x 10^-8} is {@code 61837.63}), zero as {@code 0}.
     *
     * @param dst      where to write.
     * @param index    first byte to write.
     * @param mantissa the mantissa, never {@link Long#MIN_VALUE} (the null value).
     * @param exponent the exponent.
     * @return the number of bytes written, at most {@link #MAX_ASCII_LENGTH}.
     */
    public static int appendAscii(
        final MutableDirectBuffer dst, final int index, final long mantissa, final int exponent)
    {
        if (mantissa == 0)
        {
            dst.putByte(index, (byte)'0');
            return 1;
        }

        int pos = index;
        long m = mantissa;
        if (m < 0)
        {
            dst.putByte(pos++, (byte)'-');
            m = -m;
        }

        int scale = -exponent;
        while (scale > 0 && m % 10 == 0)
        {
            m /= 10;
            scale--;
        }

        final int digits = digitCount(m);
        if (scale <= 0)
        {
            putDigits(dst, pos, m, digits);
            pos += digits;
            for (int i = 0; i < -scale; i++)
            {
                dst.putByte(pos++, (byte)'0');
            }
        }
        else if (digits > scale)
        {
            final int pointIndex = pos + digits - scale;
            int write = pos + digits;
            long rest = m;
            while (write >= pos)
            {
                if (write == pointIndex)
                {
                    dst.putByte(write, (byte)'.');
                }
                else
                {
                    dst.putByte(write, (byte)('0' + (rest % 10)));
                    rest /= 10;
                }
                write--;
            }
            pos += digits + 1;
        }
        else
        {
            dst.putByte(pos++, (byte)'0');
            dst.putByte(pos++, (byte)'.');
            for (int i = 0; i < scale - digits; i++)
            {
                dst.putByte(pos++, (byte)'0');
            }
            putDigits(dst, pos, m, digits);
            pos += digits;
        }

        return pos - index;
    }

    /**
     * The decimal as a {@link String}, for tests, logs and cold paths only.
     *
     * @return plain text as {@link #appendAscii(MutableDirectBuffer, int, long, int)} writes it.
     */
    public static String toString(final long mantissa, final int exponent)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_ASCII_LENGTH]);
        final int length = appendAscii(buffer, 0, mantissa, exponent);
        return buffer.getStringWithoutLengthAscii(0, length);
    }

    /**
     * Number of decimal digits of a non-negative value.
     *
     * @param value zero or more.
     * @return 1 to 19.
     */
    public static int digitCount(final long value)
    {
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits])
        {
            digits++;
        }
        return digits;
    }

    /**
     * Writes a signed 64-bit integer as ASCII.
     *
     * @return bytes written.
     */
    public static int appendLong(final MutableDirectBuffer dst, final int index, final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            return dst.putStringWithoutLengthAscii(index, "-9223372036854775808");
        }
        int pos = index;
        long v = value;
        if (v < 0)
        {
            dst.putByte(pos++, (byte)'-');
            v = -v;
        }
        final int digits = digitCount(v);
        putDigits(dst, pos, v, digits);
        return pos + digits - index;
    }

    private static void putDigits(final MutableDirectBuffer dst, final int index, final long value, final int digits)
    {
        long rest = value;
        for (int i = index + digits - 1; i >= index; i--)
        {
            dst.putByte(i, (byte)('0' + (rest % 10)));
            rest /= 10;
        }
    }
}
