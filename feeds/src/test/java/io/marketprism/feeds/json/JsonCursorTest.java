/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.json;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.marketprism.feeds.json.JsonCursor.BAD_NUMBER;
import static io.marketprism.feeds.json.JsonCursor.BAD_VALUE;
import static io.marketprism.feeds.json.JsonCursor.EMPTY;
import static io.marketprism.feeds.json.JsonCursor.END;
import static io.marketprism.feeds.json.JsonCursor.MAX_DEPTH;
import static io.marketprism.feeds.json.JsonCursor.NUMBER_OVERFLOW;
import static io.marketprism.feeds.json.JsonCursor.OK;
import static io.marketprism.feeds.json.JsonCursor.TOO_DEEP;
import static io.marketprism.feeds.json.JsonCursor.TRUNCATED;
import static io.marketprism.feeds.json.JsonCursor.UNEXPECTED_CHARACTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class JsonCursorTest
{
    /** Bytes written past the end of the document: digits, so that reading beyond the limit changes the value. */
    private static final byte BEYOND_LIMIT = '7';

    @Test
    void shouldParseQuotedDecimalsExactlyKeepingTheirScale()
    {
        assertDecimal("\"61837.63000000\"", 6183763000000L, -8);
        assertDecimal("\"0.00002754\"", 2754L, -8);
        assertDecimal("\"28147.27373413\"", 2814727373413L, -8);
        assertDecimal("\"1001\"", 1001L, 0);
        assertDecimal("\"0.00000000\"", 0L, -8);
        assertDecimal("\"-0.5\"", -5L, -1);
        assertDecimal("\"1e-8\"", 1L, -8);
    }

    @Test
    void shouldParseBareNumbersExactly()
    {
        assertDecimal("61837.63", 6183763L, -2);
        assertDecimal("-1.5", -15L, -1);
        assertDecimal("1e-8", 1L, -8);
        assertDecimal("1E5", 1L, 5);
        assertDecimal("1e+5", 1L, 5);
        assertDecimal("2.5E-3", 25L, -4);
        assertDecimal("0", 0L, 0);
        assertDecimal("-0", 0L, 0);
        assertDecimal("-0.0", 0L, -1);
        assertDecimal("007.50", 750L, -2);
        assertDecimal("\"000123\"", 123L, 0);
        assertDecimal("0.000000000000000000000000001", 1L, -27);
        assertDecimal("9223372036854775807", Long.MAX_VALUE, 0);
        assertDecimal("-9223372036854775807", -Long.MAX_VALUE, 0);
        assertDecimal("922337203685477580.7", Long.MAX_VALUE, -1);
    }

    @Test
    void shouldStopBareNumbersAtDelimitersAndSkipLeadingWhitespace()
    {
        for (final String delimiter : new String[]{ ",", "}", "]", " ", "\t", "\n", "\r" })
        {
            final JsonCursor cursor = cursor(" \t\r\n61837.63" + delimiter + "9");
            assertEquals(OK, cursor.parseDecimal(), delimiter);
            assertEquals(6183763L, cursor.mantissa());
            assertEquals(-2, cursor.exponent());
            assertEquals(12, cursor.position());
        }
    }

    @Test
    void shouldParseNumbersOfEveryLengthEndingAtEveryDistanceFromTheLimit()
    {
        final Random random = new Random(1);
        for (int digits = 1; digits <= 19; digits++)
        {
            final List<String> numbers = new ArrayList<>();
            numbers.add("9".repeat(digits));
            numbers.add("1" + "0".repeat(digits - 1));
            numbers.add(randomDigits(random, digits));
            numbers.add(randomDigits(random, digits));
            if (digits == 19)
            {
                numbers.add("9223372036854775807");
                numbers.add("9223372036854775808");
            }
            for (final String plain : numbers)
            {
                for (final String number : withDecimalPoints(plain))
                {
                    for (final String signed : new String[]{ number, "-" + number })
                    {
                        for (final boolean quoted : new boolean[]{ false, true })
                        {
                            final String text = quoted ? "\"" + signed + "\"" : signed;
                            for (int offset = 0; offset <= 16; offset++)
                            {
                                for (int suffix = 0; suffix <= 9; suffix++)
                                {
                                    final String context = text + " at " + offset + " suffix " + suffix;
                                    final JsonCursor cursor = placed(text, offset, suffix);
                                    final int status = cursor.parseDecimal();
                                    assertAsBigDecimal(signed, status, cursor, context);
                                    if (status == OK)
                                    {
                                        assertEquals(offset + text.length(), cursor.position(), context);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldAgreeWithBigDecimalOnRandomDecimals()
    {
        final Random random = new Random(20240808);
        for (int i = 0; i < 50_000; i++)
        {
            final String number = randomDecimal(random);
            final boolean quoted = random.nextBoolean();
            final String text = quoted ? "\"" + number + "\"" : number;
            final int offset = random.nextInt(9);
            final int suffix = random.nextInt(10);
            final JsonCursor cursor = placed(text, offset, suffix);
            final int status = cursor.parseDecimal();
            assertAsBigDecimal(number, status, cursor, text);
            if (status == OK)
            {
                assertEquals(offset + text.length(), cursor.position(), text);
            }
        }
    }

    @Test
    void shouldDropTrailingZerosThatDoNotFitAndStayExact()
    {
        assertDecimal("12345678901234567890", 1234567890123456789L, 1);
        assertDecimal("92233720368547758070", Long.MAX_VALUE, 1);
        assertDecimal("\"9223372036854775807.000\"", Long.MAX_VALUE, 0);
        assertExactValue("1.0000000000000000000000000", "1");
        assertExactValue("100000000000000000000000", "1E23");
        assertExactValue("-123456789012345678900000.0000", "-1.234567890123456789E23");
        assertExactValue("1000000000000000000000e-30", "1E-9");
    }

    @Test
    void shouldReportDigitsThatDoNotFitAsOverflow()
    {
        assertStatus("9223372036854775808", NUMBER_OVERFLOW);
        assertStatus("12345678901234567891", NUMBER_OVERFLOW);
        assertStatus("\"1234567890.1234567891\"", NUMBER_OVERFLOW);
        assertStatus("\"61837.630000000000000001\"", NUMBER_OVERFLOW);
        assertStatus("100000000000000000000000000001", NUMBER_OVERFLOW);
        // Long.MIN_VALUE is the Decimal64 null mantissa: a decimal must not decode to it
        assertStatus("-9223372036854775808", NUMBER_OVERFLOW);
        assertStatus("1e-200", NUMBER_OVERFLOW);
        assertStatus("1e128", NUMBER_OVERFLOW);
        assertStatus("1e99999999", NUMBER_OVERFLOW);
    }

    @Test
    void shouldReportEmptyStringAsEmpty()
    {
        final JsonCursor cursor = cursor("\"\",");
        assertEquals(EMPTY, cursor.parseDecimal());
        assertEquals(2, cursor.position());
        assertEquals(EMPTY, cursor("\"\"").parseLong());
    }

    @Test
    void shouldReportMalformedNumbersAsBadNumber()
    {
        for (final String text : new String[]{
            "\"abc\"", "\"1.\"", "\".5\"", "\"1.2.3\"", "\"1e\"", "\"1e+\"", "\"-\"", "\"+1\"", "\" 1\"", "\"1 \"",
            "\"1,5\"", "\"0x10\"", "\"1e5.5\"", "1.,", ".5", "1.2.3", "1e,", "1x", "-,", "--1", "1.5e3x", "\"NaN\"" })
        {
            final JsonCursor cursor = cursor(text);
            final int status = cursor.parseDecimal();
            final int expected = text.equals(".5") ? BAD_VALUE : BAD_NUMBER;
            assertEquals(expected, status, text);
            assertTrue(cursor.errorPosition() >= 0 && cursor.errorPosition() < text.length(), text);
            assertEquals(0, cursor.position(), "nothing consumed: " + text);
        }
    }

    @Test
    void shouldReportNonNumericValuesAsBadValue()
    {
        for (final String text : new String[]{ "true", "false", "null", "{}", "[1]", "abc", "+1" })
        {
            assertEquals(BAD_VALUE, cursor(text).parseDecimal(), text);
            assertEquals(BAD_VALUE, cursor(text).parseLong(), text);
        }
    }

    @Test
    void shouldReportCutOffNumbersAsTruncated()
    {
        for (final String text : new String[]{
            "", "   ", "\"", "\"61837.6", "\"61837.63000000", "-", "1.", "1e", "1e-", "\"-", "\"1e" })
        {
            for (int offset = 0; offset <= 9; offset++)
            {
                final JsonCursor cursor = placed(text, offset, -1);
                assertEquals(TRUNCATED, cursor.parseDecimal(), "'" + text + "' at " + offset);
            }
        }
    }

    @Test
    void shouldParseLongLimitsAndReportOneBeyondAsOverflow()
    {
        assertLong("9223372036854775807", Long.MAX_VALUE);
        assertLong("-9223372036854775808", Long.MIN_VALUE);
        assertLong("\"9223372036854775807\"", Long.MAX_VALUE);
        assertLong("\"-9223372036854775808\"", Long.MIN_VALUE);
        assertLong("0", 0);
        assertLong("-0", 0);
        assertLong("00042", 42);
        assertLong("\"3735683259\"", 3735683259L);
        assertEquals(NUMBER_OVERFLOW, cursor("9223372036854775808").parseLong());
        assertEquals(NUMBER_OVERFLOW, cursor("-9223372036854775809").parseLong());
        assertEquals(NUMBER_OVERFLOW, cursor("\"9223372036854775808\"").parseLong());
        assertEquals(NUMBER_OVERFLOW, cursor("99999999999999999999").parseLong());
        assertEquals(NUMBER_OVERFLOW, cursor("-18446744073709551616").parseLong());
    }

    @Test
    void shouldReportFractionsAndExponentsInLongsAsBadNumber()
    {
        for (final String text : new String[]{ "1.5", "\"1.5\"", "1e3", "\"1e3\"", "\"abc\"", "\"12a\"", "12a", "-," })
        {
            assertEquals(BAD_NUMBER, cursor(text).parseLong(), text);
        }
        for (final String text : new String[]{ "", "-", "\"12", "\"" })
        {
            assertEquals(TRUNCATED, cursor(text).parseLong(), text);
        }
    }

    @Test
    void shouldParseLongsOfEveryLengthEndingAtEveryDistanceFromTheLimit()
    {
        final Random random = new Random(3);
        for (int round = 0; round < 400; round++)
        {
            final long edge = round % 2 == 0 ? Long.MAX_VALUE - round / 2 : Long.MIN_VALUE + round / 2;
            final long value = round < 20 ? edge : random.nextLong() >> random.nextInt(64);
            final String plain = Long.toString(value);
            for (final String text : new String[]{ plain, "\"" + plain + "\"" })
            {
                for (int offset = 0; offset <= 9; offset++)
                {
                    for (int suffix = 0; suffix <= 9; suffix++)
                    {
                        final JsonCursor cursor = placed(text, offset, suffix);
                        assertEquals(OK, cursor.parseLong(), text);
                        assertEquals(value, cursor.longValue(), text);
                        assertEquals(offset + text.length(), cursor.position(), text);
                    }
                }
            }
        }
    }

    @Test
    void shouldParseStringsWithEscapesAsRawBytes()
    {
        final String content = "a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u00E9x";
        final JsonCursor cursor = cursor(" \"" + content + "\",");
        assertEquals(OK, cursor.parseString());
        assertEquals(content, raw(cursor, cursor.stringOffset(), cursor.stringLength()));
        assertEquals(content.length() + 3, cursor.position());

        final JsonCursor utf8 = cursor("\"caf\u00e9 \u20ac\"");
        assertEquals(OK, utf8.parseString());
        assertEquals("caf\u00e9 \u20ac".getBytes(StandardCharsets.UTF_8).length, utf8.stringLength());

        final JsonCursor empty = cursor("\"\"");
        assertEquals(OK, empty.parseString());
        assertEquals(0, empty.stringLength());
        assertTrue(empty.atEnd());
    }

    @Test
    void shouldReportRawControlCharactersAndBadEscapesWhereTheyAre()
    {
        for (int length = 0; length <= 20; length++)
        {
            for (int at = 0; at < length; at++)
            {
                for (final char control : new char[]{ '\u0000', '\u0001', '\t', '\n', '\u001f' })
                {
                    final char[] content = "abcdefghijklmnopqrstuvwxyz".substring(0, length).toCharArray();
                    content[at] = control;
                    final JsonCursor cursor = cursor("\"" + new String(content) + "\"");
                    assertEquals(UNEXPECTED_CHARACTER, cursor.parseString(), length + "/" + at);
                    assertEquals(1 + at, cursor.errorPosition(), length + "/" + at);
                }
            }
        }
        assertEquals(UNEXPECTED_CHARACTER, cursor("\"\\x\"").parseString());
        assertEquals(UNEXPECTED_CHARACTER, cursor("\"\\u00g9\"").parseString());
        assertEquals(UNEXPECTED_CHARACTER, cursor("\"\\u00\"}").parseString());
        assertEquals(OK, cursor("\"\u007f\"").parseString());
        assertEquals(BAD_VALUE, cursor("123").parseString());
    }

    @Test
    void shouldReportUnterminatedStringsAsTruncated()
    {
        for (final String text : new String[]{ "", "\"", "\"abc", "\"abcdefghijklmnop", "\"abc\\", "\"\\u00e",
            "\"\\u00e9", "\"abc\\\"" })
        {
            for (int offset = 0; offset <= 9; offset++)
            {
                // a quote sits right after the limit: reading past the end would find it
                final byte[] bytes = new byte[offset + text.length() + 8];
                Arrays.fill(bytes, (byte)'"');
                System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, bytes, offset, text.length());
                final JsonCursor cursor = new JsonCursor().wrap(new UnsafeBuffer(bytes), offset, text.length());
                assertEquals(TRUNCATED, cursor.parseString(), text + " at " + offset);
            }
        }
    }

    @Test
    void shouldFindStringEndsAtEveryOffset()
    {
        for (int length = 0; length <= 24; length++)
        {
            final String content = "0123456789abcdefghijklmnopqrstuvwxyz".substring(0, length);
            for (int offset = 0; offset <= 9; offset++)
            {
                final JsonCursor cursor = placed("\"" + content + "\"", offset, 0);
                assertEquals(OK, cursor.parseString());
                assertEquals(offset + 1, cursor.stringOffset());
                assertEquals(length, cursor.stringLength());
                assertEquals(offset + length + 2, cursor.position());
            }
        }
    }

    @Test
    void shouldIterateObjectsAndArraysWithWhitespaceEverywhere()
    {
        final String text = " \t\r\n{ \"a\" :\t1 ,\n\"bb\"\r: [ 1 , \"x\" ,[ ] , { } ] , \"c\" : \"v\" ,\"d\":true} \n";
        final JsonCursor cursor = cursor(text);
        assertEquals(OK, cursor.enterObject());

        assertEquals(OK, cursor.nextField(true));
        assertTrue(cursor.keyEquals(bytes("a")));
        assertEquals(OK, cursor.parseLong());
        assertEquals(1, cursor.longValue());

        assertEquals(OK, cursor.nextField(false));
        assertEquals("bb", raw(cursor, cursor.keyOffset(), cursor.keyLength()));
        assertEquals('b', cursor.keyByte(1));
        assertFalse(cursor.keyEquals(bytes("b")));
        assertEquals('[', cursor.peek());
        assertEquals(OK, cursor.enterArray());
        assertEquals(OK, cursor.nextElement(true));
        assertEquals(OK, cursor.parseLong());
        assertEquals(OK, cursor.nextElement(false));
        assertEquals(OK, cursor.parseString());
        assertTrue(cursor.stringEquals(bytes("x")));
        assertEquals(OK, cursor.nextElement(false));
        assertEquals(OK, cursor.enterArray());
        assertEquals(END, cursor.nextElement(true));
        assertEquals(OK, cursor.nextElement(false));
        assertEquals(OK, cursor.enterObject());
        assertEquals(END, cursor.nextField(true));
        assertEquals(END, cursor.nextElement(false));

        assertEquals(OK, cursor.nextField(false));
        assertTrue(cursor.keyEquals(bytes("c")));
        assertEquals(OK, cursor.parseString());
        assertEquals("v", raw(cursor, cursor.stringOffset(), cursor.stringLength()));
        assertEquals(OK, cursor.nextField(false));
        assertEquals(OK, cursor.parseBoolean());
        assertTrue(cursor.booleanValue());
        assertEquals(END, cursor.nextField(false));
        assertTrue(cursor.atEnd());
        assertEquals(-1, cursor.peek());
    }

    @Test
    void shouldReportBadSeparatorsInObjectsAndArrays()
    {
        assertIterationError("{\"a\":1 \"b\":2}", UNEXPECTED_CHARACTER);
        assertIterationError("{\"a\" 1}", UNEXPECTED_CHARACTER);
        assertIterationError("{\"a\":1,}", UNEXPECTED_CHARACTER);
        assertIterationError("{a:1}", UNEXPECTED_CHARACTER);
        assertIterationError("{,\"a\":1}", UNEXPECTED_CHARACTER);
        assertIterationError("{\"a\":1", TRUNCATED);
        assertIterationError("{\"a\":1,", TRUNCATED);
        assertIterationError("{\"a", TRUNCATED);
        assertIterationError("{\"a\"", TRUNCATED);
        assertIterationError("{", TRUNCATED);

        final JsonCursor array = cursor("[1 2]");
        assertEquals(OK, array.enterArray());
        assertEquals(OK, array.nextElement(true));
        assertEquals(OK, array.skipValue());
        assertEquals(UNEXPECTED_CHARACTER, array.nextElement(false));
        assertEquals(3, array.errorPosition());
        final JsonCursor open = cursor("[1,");
        assertEquals(OK, open.enterArray());
        assertEquals(OK, open.nextElement(true));
        assertEquals(OK, open.parseLong());
        assertEquals(OK, open.nextElement(false));
        assertEquals(TRUNCATED, open.skipValue());
        assertEquals(UNEXPECTED_CHARACTER, cursor("[]").enterObject());
        assertEquals(UNEXPECTED_CHARACTER, cursor("{}").enterArray());
    }

    @Test
    void shouldSkipNestedValuesWhole()
    {
        final String value =
            "{\"a\":[1,{\"b\":[true,false,null,\"s\\\"x]}\"]},-2.5e3,{}],\"c\":{\"d\":{\"e\":[[[]]]}}}";
        final JsonCursor cursor = cursor(" " + value + " ,9");
        assertEquals(OK, cursor.skipValue());
        assertEquals(value.length() + 1, cursor.position());

        for (final String scalar : new String[]{ "\"s\"", "true", "false", "null", "-1.5e+3", "[]", "{}" })
        {
            final JsonCursor one = cursor(scalar + "]");
            assertEquals(OK, one.skipValue(), scalar);
            assertEquals(scalar.length(), one.position(), scalar);
        }
        assertEquals(TRUNCATED, cursor("nul").skipValue());
        assertEquals(UNEXPECTED_CHARACTER, cursor("nulx]").skipValue());
        assertEquals(UNEXPECTED_CHARACTER, cursor("truex]").skipValue());
        assertEquals(UNEXPECTED_CHARACTER, cursor("[1,2}").skipValue());
        assertEquals(UNEXPECTED_CHARACTER, cursor("{\"a\":}").skipValue());
        assertEquals(UNEXPECTED_CHARACTER, cursor("]").skipValue());
        assertEquals(BAD_NUMBER, cursor("[12x]").skipValue());
        assertEquals(TRUNCATED, cursor("[1,[2,{\"a\":[").skipValue());
    }

    @Test
    void shouldSkipUpToMaxDepthAndReportDeeperAsTooDeep()
    {
        assertEquals(OK, cursor("[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH)).skipValue());
        final JsonCursor arrays = cursor("[".repeat(MAX_DEPTH + 1) + "]".repeat(MAX_DEPTH + 1));
        assertEquals(TOO_DEEP, arrays.skipValue());
        assertEquals(MAX_DEPTH, arrays.errorPosition());

        assertEquals(OK, cursor("{\"a\":".repeat(MAX_DEPTH - 1) + "{}" + "}".repeat(MAX_DEPTH - 1)).skipValue());
        assertEquals(TOO_DEEP, cursor("{\"a\":".repeat(MAX_DEPTH) + "{}" + "}".repeat(MAX_DEPTH)).skipValue());
        assertEquals(TOO_DEEP, cursor("[{\"a\":".repeat(MAX_DEPTH) + "1" + "}]".repeat(MAX_DEPTH)).skipValue());
    }

    @Test
    void shouldCountArrayElements()
    {
        assertEquals(3, cursor("[[1],[2],[]]").countElements());
        assertEquals(0, cursor("[]").countElements());
        assertEquals(2, cursor(" [ 1 , {\"a\":[3]} ] ").countElements());
        assertEquals(BAD_VALUE, cursor("{}").countElements());
        assertEquals(TRUNCATED, cursor("[1,").countElements());
    }

    @Test
    void shouldParseBooleans()
    {
        final JsonCursor yes = cursor(" true,");
        assertEquals(OK, yes.parseBoolean());
        assertTrue(yes.booleanValue());
        assertEquals(5, yes.position());
        final JsonCursor no = cursor("false");
        assertEquals(OK, no.parseBoolean());
        assertFalse(no.booleanValue());
        assertEquals(TRUNCATED, cursor("tru").parseBoolean());
        assertEquals(UNEXPECTED_CHARACTER, cursor("trux").parseBoolean());
        assertEquals(UNEXPECTED_CHARACTER, cursor("truth").parseBoolean());
        assertEquals(BAD_VALUE, cursor("\"true\"").parseBoolean());
        assertEquals(BAD_VALUE, cursor("1").parseBoolean());
        assertEquals(BAD_VALUE, cursor("null").parseBoolean());
    }

    @Test
    void shouldParseTheCommonLevelShapeInOneGo()
    {
        final JsonCursor cursor = cursor("[\"61837.63000000\",\"0.02000000\"],");
        assertTrue(cursor.tryParseQuotedLevel());
        assertEquals(6183763000000L, cursor.levelPriceMantissa());
        assertEquals(-8, cursor.levelPriceExponent());
        assertEquals(2000000L, cursor.mantissa());
        assertEquals(-8, cursor.exponent());
        assertEquals(31, cursor.position());

        final JsonCursor integers = cursor("[\"61773\",\"1001\"]");
        assertTrue(integers.tryParseQuotedLevel());
        assertEquals(61773L, integers.levelPriceMantissa());
        assertEquals(0, integers.levelPriceExponent());
        assertEquals(1001L, integers.mantissa());
        assertEquals(0, integers.exponent());
        assertTrue(integers.atEnd());
    }

    @Test
    void shouldParseLevelsOfEveryLengthEndingAtEveryDistanceFromTheLimit()
    {
        final Random random = new Random(5);
        for (int priceDigits = 1; priceDigits <= 18; priceDigits++)
        {
            for (int round = 0; round < 6; round++)
            {
                final String price = withDecimalPoints("1" + randomDigits(random, priceDigits - 1)).get(round % 3);
                final String qty = withDecimalPoints(randomDigits(random, 1 + random.nextInt(18))).get(round % 2);
                final int pricePlaces = price.replace(".", "").length();
                final int qtyPlaces = qty.replace(".", "").length();
                final String text = "[\"" + price + "\",\"" + qty + "\"]";
                for (int offset = 0; offset <= 9; offset++)
                {
                    for (int suffix = 0; suffix <= 9; suffix++)
                    {
                        final JsonCursor cursor = placed(text, offset, suffix);
                        if (cursor.tryParseQuotedLevel())
                        {
                            assertEquals(offset + text.length(), cursor.position(), text);
                            assertAsBigDecimal(price, cursor.levelPriceMantissa(), cursor.levelPriceExponent(), text);
                            assertAsBigDecimal(qty, cursor.mantissa(), cursor.exponent(), text);
                        }
                        else
                        {
                            // the shape Binance sends (up to 16 digits a number) must take the fast path
                            assertTrue(pricePlaces > 16 || qtyPlaces > 16, "fell back on " + text);
                            assertEquals(offset, cursor.position(), text);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldConsumeNothingForAnyOtherLevelShape()
    {
        for (final String text : new String[]{
            "[ \"1\",\"2\"]", "[\"1\", \"2\"]", "[\"1\" ,\"2\"]", "[\"1\",\"2\" ]", "[\"1\",\"2\",\"3\"]",
            "[\"-1\",\"2\"]", "[\"1\",\"-2\"]", "[\"+1\",\"2\"]", "[\"1e5\",\"2\"]", "[\"1\",\"2E-3\"]", "[1,2]",
            "[\"1\",2]", "[\"1.\",\"2\"]", "[\".5\",\"2\"]", "[\"\",\"2\"]", "[\"1\",\"\"]", "[\"1.2.3\",\"2\"]",
            "[\"1234567890123456789\",\"1\"]", "[\"1\",\"1234567890.123456789\"]", "[\"1\",\"2\"", "[\"1\",\"2",
            "[\"1\",", "[\"1", "[", "", "{\"1\",\"2\"]", "[[\"1\",\"2\"]]", "[\"a\",\"2\"]", "[\"1\",\"2\"}" })
        {
            for (int offset = 0; offset <= 3; offset++)
            {
                final JsonCursor cursor = placed(text, offset, -1);
                assertFalse(cursor.tryParseQuotedLevel(), text);
                assertEquals(offset, cursor.position(), text);
            }
        }
        // the general path still reads the element afterwards
        final JsonCursor cursor = cursor("[ \"1.5\" , \"2\" ]");
        assertFalse(cursor.tryParseQuotedLevel());
        assertEquals(OK, cursor.enterArray());
        assertEquals(OK, cursor.nextElement(true));
        assertEquals(OK, cursor.parseDecimal());
        assertEquals(15L, cursor.mantissa());
    }

    @Test
    void shouldNotReadALevelPastTheLimit()
    {
        final String text = "[\"1\",\"2\"]";
        for (int length = 0; length < text.length(); length++)
        {
            final byte[] bytes = (text + text).getBytes(StandardCharsets.US_ASCII);
            final JsonCursor cursor = new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, length);
            assertFalse(cursor.tryParseQuotedLevel(), text.substring(0, length));
            assertEquals(0, cursor.position());
        }
    }

    @Test
    void shouldRestartErrorPositionOnWrapAndLetTheCallerReposition()
    {
        final JsonCursor cursor = cursor("[1x]");
        assertEquals(-1, cursor.errorPosition());
        assertEquals(OK, cursor.enterArray());
        assertEquals(OK, cursor.nextElement(true));
        assertEquals(BAD_NUMBER, cursor.parseLong());
        assertEquals(2, cursor.errorPosition());
        assertEquals(1, cursor.position());
        cursor.position(0);
        assertEquals(BAD_NUMBER, cursor.skipValue());

        final byte[] bytes = bytes("[1]");
        cursor.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        assertEquals(-1, cursor.errorPosition());
        assertEquals(1, cursor.countElements());
    }

    private static void assertDecimal(final String text, final long mantissa, final int exponent)
    {
        final JsonCursor cursor = cursor(text);
        assertEquals(OK, cursor.parseDecimal(), text);
        assertEquals(mantissa, cursor.mantissa(), text);
        assertEquals(exponent, cursor.exponent(), text);
        assertEquals(text.length(), cursor.position(), text);
        assertTrue(cursor.atEnd());
    }

    private static void assertExactValue(final String text, final String value)
    {
        final JsonCursor cursor = cursor(text);
        assertEquals(OK, cursor.parseDecimal(), text);
        assertEquals(0, new BigDecimal(value).compareTo(BigDecimal.valueOf(cursor.mantissa(), -cursor.exponent())),
            text + " -> " + cursor.mantissa() + "e" + cursor.exponent());
    }

    private static void assertStatus(final String text, final int status)
    {
        assertEquals(status, cursor(text).parseDecimal(), text);
    }

    private static void assertLong(final String text, final long value)
    {
        final JsonCursor cursor = cursor(text);
        assertEquals(OK, cursor.parseLong(), text);
        assertEquals(value, cursor.longValue(), text);
        assertEquals(text.length(), cursor.position(), text);
    }

    private static void assertIterationError(final String text, final int status)
    {
        final JsonCursor cursor = cursor(text);
        int result = cursor.enterObject();
        boolean first = true;
        while (result == OK)
        {
            result = cursor.nextField(first);
            first = false;
            if (result == OK)
            {
                result = cursor.skipValue();
            }
        }
        assertEquals(status, result, text);
    }

    /**
     * What parsing {@code number} must give: exactly the digits and scale as written when they fit a Decimal64
     * (mantissa within +-Long.MAX_VALUE, exponent within a byte); otherwise the same value with trailing zeros dropped
     * when that fits; otherwise an overflow.
     */
    private static void assertAsBigDecimal(
        final String number, final int status, final JsonCursor cursor, final String context)
    {
        final BigDecimal expected = new BigDecimal(number);
        if (fits(expected))
        {
            assertEquals(OK, status, context);
            assertEquals(expected.unscaledValue().longValueExact(), cursor.mantissa(), context);
            assertEquals(-expected.scale(), cursor.exponent(), context);
        }
        else if (fits(expected.stripTrailingZeros()))
        {
            assertEquals(OK, status, context);
            assertEquals(0, expected.compareTo(BigDecimal.valueOf(cursor.mantissa(), -cursor.exponent())), context);
        }
        else
        {
            assertEquals(NUMBER_OVERFLOW, status, context);
        }
    }

    private static void assertAsBigDecimal(
        final String number, final long mantissa, final int exponent, final String context)
    {
        final BigDecimal expected = new BigDecimal(number);
        assertEquals(expected.unscaledValue().longValueExact(), mantissa, context);
        assertEquals(-expected.scale(), exponent, context);
    }

    private static boolean fits(final BigDecimal value)
    {
        final BigInteger unscaled = value.unscaledValue().abs();
        return unscaled.bitLength() <= 63 && -value.scale() >= Byte.MIN_VALUE && -value.scale() <= Byte.MAX_VALUE;
    }

    private static String randomDigits(final Random random, final int count)
    {
        final StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            digits.append((char)('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /**
     * @return the digits without a point, with a point after the first digit, in the middle and before the last.
     */
    private static List<String> withDecimalPoints(final String digits)
    {
        final List<String> numbers = new ArrayList<>();
        numbers.add(digits);
        if (digits.length() > 1)
        {
            numbers.add(digits.charAt(0) + "." + digits.substring(1));
            final int middle = digits.length() / 2;
            numbers.add(digits.substring(0, middle) + "." + digits.substring(middle));
            numbers.add(digits.substring(0, digits.length() - 1) + "." + digits.substring(digits.length() - 1));
        }
        else
        {
            numbers.add("0." + digits);
            numbers.add(digits + ".0");
        }
        return numbers;
    }

    private static String randomDecimal(final Random random)
    {
        final StringBuilder text = new StringBuilder();
        if (random.nextInt(4) == 0)
        {
            text.append('-');
        }
        if (random.nextInt(5) == 0)
        {
            text.append("0".repeat(1 + random.nextInt(3)));
        }
        text.append(randomDigits(random, 1 + random.nextInt(14)));
        if (random.nextBoolean())
        {
            text.append('.').append(randomDigits(random, 1 + random.nextInt(14)));
        }
        if (random.nextInt(3) == 0)
        {
            text.append("0".repeat(random.nextInt(12)));
        }
        if (random.nextInt(5) == 0)
        {
            text.append(random.nextBoolean() ? 'e' : 'E');
            final int sign = random.nextInt(3);
            text.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
            text.append(random.nextInt(21));
        }
        return text.toString();
    }

    private static JsonCursor cursor(final String text)
    {
        final byte[] bytes = bytes(text);
        return new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /**
     * The text at {@code offset} of a larger buffer, followed inside the document by {@code suffix} bytes (a comma
     * then spaces; none when 0, and the text alone when -1), and after the document by digits.
     */
    private static JsonCursor placed(final String text, final int offset, final int suffix)
    {
        final byte[] textBytes = bytes(text);
        final int length = textBytes.length + Math.max(suffix, 0);
        final byte[] bytes = new byte[offset + length + 16];
        Arrays.fill(bytes, BEYOND_LIMIT);
        Arrays.fill(bytes, 0, offset, (byte)'9');
        System.arraycopy(textBytes, 0, bytes, offset, textBytes.length);
        for (int i = 0; i < suffix; i++)
        {
            bytes[offset + textBytes.length + i] = i == 0 ? (byte)',' : (byte)' ';
        }
        return new JsonCursor().wrap(new UnsafeBuffer(bytes), offset, length);
    }

    private static String raw(final JsonCursor cursor, final int offset, final int length)
    {
        return cursor.buffer().getStringWithoutLengthUtf8(offset, length);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
