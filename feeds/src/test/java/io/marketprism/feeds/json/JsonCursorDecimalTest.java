/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.json;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast paths for quoted decimals and book levels against the general parse and against {@link BigDecimal}, on
 * random numbers of every digit count around the fast paths' limits, cut off at every length.
 */
class JsonCursorDecimalTest
{
    private static final String DIGITS = "0123456789";

    private final JsonCursor cursor = new JsonCursor();

    @Test
    void quotedDecimalsReadAsBigDecimal()
    {
        final Random random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            final String number = randomNumber(random);
            final String text = "\"" + number + "\"" + randomTail(random);
            wrap(text, text.length());
            final int status = cursor.parseDecimal();
            if (number.isEmpty() || number.startsWith(".") || number.endsWith("."))
            {
                // not JSON numbers: the general parse's verdict is checked by the test below
                assertTrue(status != JsonCursor.OK, text);
                continue;
            }
            final BigDecimal expected = new BigDecimal(number);
            if (expected.precision() <= 18 && expected.unscaledValue().bitLength() < 63)
            {
                assertEquals(JsonCursor.OK, status, text);
                assertEquals(expected.unscaledValue().longValueExact(), cursor.mantissa(), text);
                assertEquals(-expected.scale(), cursor.exponent(), text);
                assertEquals(number.length() + 2, cursor.position(), text);
            }
        }
    }

    @Test
    void quotedDecimalsCutAnywhereMatchTheGeneralParse()
    {
        final Random random = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            final String text = "\"" + mutated(randomNumber(random), random) + "\"" + randomTail(random);
            for (int limit = 0; limit <= text.length(); limit++)
            {
                wrap(text, limit);
                final int status = cursor.parseDecimal();
                final long mantissa = cursor.mantissa();
                final int exponent = cursor.exponent();
                final int position = cursor.position();
                final int errorPosition = cursor.errorPosition();

                final Reference reference = referenceDecimal(text, limit);
                assertEquals(reference.status, status, text + " limit " + limit);
                if (status == JsonCursor.OK)
                {
                    assertEquals(reference.mantissa, mantissa, text + " limit " + limit);
                    assertEquals(reference.exponent, exponent, text + " limit " + limit);
                    assertEquals(reference.position, position, text + " limit " + limit);
                }
                else
                {
                    assertEquals(reference.errorPosition, errorPosition, text + " limit " + limit);
                }
            }
        }
    }

    @Test
    void quotedLevelsMatchTheGeneralParse()
    {
        final Random random = new Random(13);
        for (int i = 0; i < 20_000; i++)
        {
            final String text = "[\"" + mutated(randomNumber(random), random) + "\",\"" +
                mutated(randomNumber(random), random) + "\"]" + randomTail(random);
            for (int limit = 0; limit <= text.length(); limit++)
            {
                wrap(text, limit);
                final boolean fast = cursor.tryParseQuotedLevel();
                if (!fast)
                {
                    assertEquals(0, cursor.position(), "nothing consumed when falling back: " + text);
                    continue;
                }
                final long priceMantissa = cursor.levelPriceMantissa();
                final int priceExponent = cursor.levelPriceExponent();
                final long qtyMantissa = cursor.mantissa();
                final int qtyExponent = cursor.exponent();
                final int end = cursor.position();

                final JsonCursor general = new JsonCursor(false);
                general.wrap(new UnsafeBuffer(padded(text)), 0, limit);
                assertEquals(JsonCursor.OK, general.enterArray());
                assertEquals(JsonCursor.OK, general.nextElement(true));
                assertEquals(JsonCursor.OK, general.parseDecimal(), text);
                assertEquals(general.mantissa(), priceMantissa, text);
                assertEquals(general.exponent(), priceExponent, text);
                assertEquals(JsonCursor.OK, general.nextElement(false));
                assertEquals(JsonCursor.OK, general.parseDecimal(), text);
                assertEquals(general.mantissa(), qtyMantissa, text);
                assertEquals(general.exponent(), qtyExponent, text);
                assertEquals(JsonCursor.END, general.nextElement(false));
                assertEquals(general.position(), end, text);
            }
        }
    }

    @Test
    void levelsReadAtAPositionMatchTheGeneralParse()
    {
        final Random random = new Random(17);
        for (int i = 0; i < 20_000; i++)
        {
            final String text = " [\"" + randomNumber(random) + "\",\"" + randomNumber(random) + "\"]" +
                randomTail(random);
            for (int limit = 0; limit <= text.length(); limit++)
            {
                wrap(text, limit);
                final int end = cursor.quotedLevelAt(1);
                assertEquals(0, cursor.position(), "the position is not the fast path's business: " + text);
                if (end < 0)
                {
                    assertEquals(-1, end, text);
                    continue;
                }
                final JsonCursor general = new JsonCursor(false);
                general.wrap(new UnsafeBuffer(padded(text)), 0, limit);
                assertEquals(JsonCursor.OK, general.enterArray());
                assertEquals(JsonCursor.OK, general.nextElement(true));
                assertEquals(JsonCursor.OK, general.parseDecimal(), text);
                assertEquals(general.mantissa(), cursor.levelPriceMantissa(), text);
                assertEquals(general.exponent(), cursor.levelPriceExponent(), text);
                assertEquals(JsonCursor.OK, general.nextElement(false));
                assertEquals(JsonCursor.OK, general.parseDecimal(), text);
                assertEquals(general.mantissa(), cursor.mantissa(), text);
                assertEquals(general.exponent(), cursor.exponent(), text);
                assertEquals(JsonCursor.END, general.nextElement(false));
                assertEquals(general.position(), end, text);
            }
        }
        final JsonCursor general = new JsonCursor(false);
        final String level = "[\"61837.63000000\",\"0.02000000\"]]}}";
        general.wrap(new UnsafeBuffer(padded(level)), 0, level.length());
        assertEquals(-1, general.quotedLevelAt(0), "no fast path in the reference cursor");
    }

    @Test
    void commonShapesTakeTheFastPath()
    {
        for (final String level : new String[]{
            "[\"61837.63000000\",\"0.02000000\"]]}}", "[\"61773.6\",\"1001\"]]}}", "[\"28018.90\",\"0.000\"]]}}" })
        {
            wrap(level, level.length());
            assertTrue(cursor.tryParseQuotedLevel(), level);
            assertEquals(level.length() - 3, cursor.position(), level);
            wrap(level, level.length());
            assertEquals(level.length() - 3, cursor.quotedLevelAt(0), level);
        }
    }

    /**
     * The general parse of a quoted decimal: the cursor without its fast paths.
     */
    private static Reference referenceDecimal(final String text, final int limit)
    {
        final JsonCursor general = new JsonCursor(false);
        general.wrap(new UnsafeBuffer(padded(text)), 0, limit);
        final int status = general.parseDecimal();
        return new Reference(status, general.mantissa(), general.exponent(), general.position(),
            general.errorPosition());
    }

    private void wrap(final String text, final int limit)
    {
        cursor.wrap(new UnsafeBuffer(padded(text)), 0, limit);
    }

    /**
     * The text followed by digits, so that a read past the limit would change the result.
     */
    private static byte[] padded(final String text)
    {
        return (text + "99999999999999999999").getBytes(StandardCharsets.US_ASCII);
    }

    private static String randomNumber(final Random random)
    {
        final StringBuilder builder = new StringBuilder();
        final int integerDigits = random.nextInt(10) == 0 ? random.nextInt(21) : 1 + random.nextInt(9);
        for (int i = 0; i < integerDigits; i++)
        {
            builder.append(DIGITS.charAt(random.nextInt(10)));
        }
        if (random.nextInt(4) != 0)
        {
            builder.append('.');
            // sometimes none: "1." is not JSON, and must not parse
            final int fractionDigits = random.nextInt(10) == 0 ? random.nextInt(21) : random.nextInt(11);
            for (int i = 0; i < fractionDigits; i++)
            {
                builder.append(DIGITS.charAt(random.nextInt(10)));
            }
        }
        return builder.toString();
    }

    /**
     * One time in four, one character of the number replaced by one that ends or breaks it: a quote, a point, a
     * sign, an exponent, a letter, a space.
     */
    private static String mutated(final String number, final Random random)
    {
        if (number.isEmpty() || random.nextInt(4) != 0)
        {
            return number;
        }
        final String junk = "\".-eEa +";
        final char[] chars = number.toCharArray();
        chars[random.nextInt(chars.length)] = junk.charAt(random.nextInt(junk.length()));
        return new String(chars);
    }

    private static String randomTail(final Random random)
    {
        final String[] tails = { "", ",", "]", "]]}}", "}", " ", "x", "9", ".5", "e5", "\"", ",\"" };
        return tails[random.nextInt(tails.length)];
    }

    private static final class Reference
    {
        final int status;
        final long mantissa;
        final int exponent;
        final int position;
        final int errorPosition;

        Reference(
            final int status, final long mantissa, final int exponent, final int position, final int errorPosition)
        {
            this.status = status;
            this.mantissa = mantissa;
            this.exponent = exponent;
            this.position = position;
            this.errorPosition = errorPosition;
        }
    }
}
