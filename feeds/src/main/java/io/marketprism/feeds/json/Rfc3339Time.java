/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.json;

import org.agrona.DirectBuffer;

/**
 * Reads an RFC 3339 UTC time as venues write it in JSON strings ({@code 2021-04-17T16:43:37.075687Z}: Coinbase,
 * Kraken) into nanoseconds since the epoch, without allocating.
 * <p>
 * Accepted: {@code YYYY-MM-DDTHH:MM:SS}, optionally a point and one or more fraction digits (those beyond the
 * nanosecond are dropped), then {@code Z} or {@code +00:00}; years 1970 to 2261 (the range that fits a signed 64-bit
 * nanosecond count from the epoch). Anything else (another offset, a leap second, a day the month does not have, any
 * stray byte) is {@link #BAD_TIME}: venues send UTC, so a different shape means the text is not what it claims to be.
 */
public final class Rfc3339Time
{
    /** What {@link #nanos(DirectBuffer, int, int)} answers for text that is not an accepted time. */
    public static final long BAD_TIME = -1;

    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2261;
    private static final int DATE_TIME_LENGTH = 19;
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final long NS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int[] DAYS_IN_MONTH = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    private static final long[] FRACTION_SCALE = {
        1L, 100_000_000L, 10_000_000L, 1_000_000L, 100_000L, 10_000L, 1_000L, 100L, 10L, 1L };

    private Rfc3339Time()
    {
    }

    /**
     * @param buffer holding the text (the content of a JSON string, without its quotes).
     * @param offset first byte.
     * @param length bytes.
     * @return ns since the epoch, or {@link #BAD_TIME}.
     */
    public static long nanos(final DirectBuffer buffer, final int offset, final int length)
    {
        // the shortest accepted text is the date and time plus "Z"
        if (length < DATE_TIME_LENGTH + 1)
        {
            return BAD_TIME;
        }
        final int year = digits(buffer, offset, 4);
        final int month = digits(buffer, offset + 5, 2);
        final int day = digits(buffer, offset + 8, 2);
        final int hour = digits(buffer, offset + 11, 2);
        final int minute = digits(buffer, offset + 14, 2);
        final int second = digits(buffer, offset + 17, 2);
        if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 ||
            day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
            second > 59 || buffer.getByte(offset + 4) != '-' || buffer.getByte(offset + 7) != '-' ||
            buffer.getByte(offset + 10) != 'T' || buffer.getByte(offset + 13) != ':' ||
            buffer.getByte(offset + 16) != ':')
        {
            return BAD_TIME;
        }

        int pos = offset + DATE_TIME_LENGTH;
        final int end = offset + length;
        long fractionNs = 0;
        if (buffer.getByte(pos) == '.')
        {
            pos++;
            final int start = pos;
            long fraction = 0;
            while (pos < end)
            {
                final int digit = buffer.getByte(pos) - '0';
                if (digit < 0 || digit > 9)
                {
                    break;
                }
                if (pos - start < MAX_FRACTION_DIGITS)
                {
                    fraction = fraction * 10 + digit;
                }
                pos++;
            }
            if (pos == start)
            {
                return BAD_TIME;
            }
            fractionNs = fraction * FRACTION_SCALE[Math.min(pos - start, MAX_FRACTION_DIGITS)];
        }
        if (!utcDesignator(buffer, pos, end))
        {
            return BAD_TIME;
        }

        final long seconds = daysFromEpoch(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return seconds * NS_PER_SECOND + fractionNs;
    }

    /**
     * @return true when the text from {@code pos} to {@code end} is exactly {@code Z} or {@code +00:00}.
     */
    private static boolean utcDesignator(final DirectBuffer buffer, final int pos, final int end)
    {
        if (end - pos == 1)
        {
            return buffer.getByte(pos) == 'Z';
        }
        return end - pos == 6 && buffer.getByte(pos) == '+' && buffer.getByte(pos + 1) == '0' &&
            buffer.getByte(pos + 2) == '0' && buffer.getByte(pos + 3) == ':' && buffer.getByte(pos + 4) == '0' &&
            buffer.getByte(pos + 5) == '0';
    }

    /**
     * @return the value of {@code count} ASCII digits, or -1 when any byte is not a digit.
     */
    private static int digits(final DirectBuffer buffer, final int offset, final int count)
    {
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            final int digit = buffer.getByte(offset + i) - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int daysInMonth(final int year, final int month)
    {
        if (month == 2 && isLeap(year))
        {
            return 29;
        }
        return DAYS_IN_MONTH[month - 1];
    }

    private static boolean isLeap(final int year)
    {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /**
     * Days from 1970-01-01 to a date of the proleptic Gregorian calendar, for years from 1970: counted in 400-year
     * eras from 0000-03-01, so that the leap day is the last day of its year.
     */
    private static long daysFromEpoch(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = y / 400;
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
