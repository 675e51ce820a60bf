/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.json;

/**
 * Reads an RFC 3339 UTC time as venues write it in JSON strings ({@code 2023-10-06T17:35:55.440295Z}): date,
 * {@code T}, time, an optional fraction of 1 or more digits (digits beyond the ns are dropped), {@code Z}. Offsets
 * other than {@code Z} are not accepted. Reads the bytes through a {@link JsonCursor}, without allocating.
 */
public final class Rfc3339Time
{
    /** Result for text that is not such a time, or a time before 1970 or after 2261. */
    public static final long BAD_TIME = -1;

    private static final long NS_PER_SECOND = 1_000_000_000L;
    /** Latest year whose times a signed 64-bit count of ns since the epoch holds (it ends 2262-04-11). */
    private static final int MAX_YEAR = 2261;

    private Rfc3339Time()
    {
    }

    /**
     * @param cursor the cursor over the document holding the text.
     * @param offset absolute index of the text's first byte (after the opening quote).
     * @param length its length in bytes.
     * @return ns since the epoch, or {@link #BAD_TIME}.
     */
    public static long nanos(final JsonCursor cursor, final int offset, final int length)
    {
        if (length < 20 || cursor.byteAt(offset + 4) != '-' || cursor.byteAt(offset + 7) != '-' ||
            cursor.byteAt(offset + 10) != 'T' || cursor.byteAt(offset + 13) != ':' ||
            cursor.byteAt(offset + 16) != ':' || cursor.byteAt(offset + length - 1) != 'Z')
        {
            return BAD_TIME;
        }
        final int year = digits(cursor, offset, 4);
        final int month = digits(cursor, offset + 5, 2);
        final int day = digits(cursor, offset + 8, 2);
        final int hour = digits(cursor, offset + 11, 2);
        final int minute = digits(cursor, offset + 14, 2);
        final int second = digits(cursor, offset + 17, 2);
        if (year < 1970 || year > MAX_YEAR || month < 1 || month > 12 || day < 1 ||
            day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
            second < 0 || second > 59)
        {
            return BAD_TIME;
        }
        long fractionNs = 0;
        final int fractionEnd = offset + length - 1;
        if (fractionEnd > offset + 19)
        {
            if (cursor.byteAt(offset + 19) != '.' || fractionEnd == offset + 20)
            {
                return BAD_TIME;
            }
            long scale = NS_PER_SECOND / 10;
            for (int i = offset + 20; i < fractionEnd; i++)
            {
                final int digit = cursor.byteAt(i) - '0';
                if (digit < 0 || digit > 9)
                {
                    return BAD_TIME;
                }
                fractionNs += digit * scale;
                scale /= 10;
            }
        }
        final long seconds = daysFromCivil(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
        return seconds * NS_PER_SECOND + fractionNs;
    }

    /**
     * @return the decimal value of {@code count} ASCII digits, or -1 when one is not a digit.
     */
    private static int digits(final JsonCursor cursor, final int offset, final int count)
    {
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            final int digit = cursor.byteAt(offset + i) - '0';
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
        if (month == 2)
        {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date (years from 1970 on).
     */
    private static long daysFromCivil(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = y / 400;
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
