/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.json.JsonCursor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TextShape}: a frame matches the shape learnt exactly when it differs from the learnt one only by digits in
 * place of digits of the numbers marked, and the numbers read from it are the ones its text says.
 */
class TextShapeTest
{
    private static final String FRAME = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161255343," +
        "\"s\":\"BTCUSDT\",\"t\":3735683259,\"p\":\"61837.63000000\",\"q\":\"0.02000000\",\"T\":1723161255342," +
        "\"m\":true,\"M\":true}}";

    private final JsonCursor cursor = new JsonCursor();
    private final TextShape shape = new TextShape();

    @Test
    void aFrameMatchesWhenOnlyTheDigitsOfItsNumbersDifferAndTheyAreReadExactly()
    {
        learn(FRAME);
        final int[][] runs = runs(FRAME);
        final byte[] frame = FRAME.getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 0; at < frame.length; at++)
        {
            final boolean inRun = inRun(runs, at);
            for (int value = 0; value < 256; value++)
            {
                final byte[] changed = frame.clone();
                changed[at] = (byte)value;
                final boolean digit = value >= '0' && value <= '9';
                final boolean expected = changed[at] == frame[at] || (inRun && digit);
                assertEquals(expected, matches(changed, 5), "byte " + at + " set to " + value);
                if (expected)
                {
                    assertNumbers(new String(changed, StandardCharsets.ISO_8859_1), 5);
                }
            }
        }
    }

    @Test
    void numbersAreReadWhereverTheyAreAndWhateverTheirDigits()
    {
        learn(FRAME);
        final String[] variants = {
            FRAME.replace("61837.63000000", "99999.99999999").replace("0.02000000", "9.99999999"),
            FRAME.replace("61837.63000000", "00000.00000001").replace("3735683259", "0000000000"),
            FRAME.replace("1723161255343", "9999999999999").replace("1723161255342", "0000000000001") };
        for (final String variant : variants)
        {
            assertTrue(matches(variant.getBytes(StandardCharsets.ISO_8859_1), 3), variant);
            assertNumbers(variant, 3);
        }
        assertFalse(matches((FRAME + " ").getBytes(StandardCharsets.ISO_8859_1), 3), "another length");
        assertFalse(matches(FRAME.substring(1).getBytes(StandardCharsets.ISO_8859_1), 3), "another length");
        assertFalse(matches(FRAME.replace("true,", "fals,").getBytes(StandardCharsets.ISO_8859_1), 3));
    }

    @Test
    void aNumberAtTheVeryEndOfTheDocumentIsReadFromTheWordEndingThere()
    {
        final String text = "{\"a\":\"x\",\"id\":123456789,\"p\":\"3.5\",\"n\":1234}";
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        cursor.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        assertTrue(shape.learn(cursor, 0, bytes.length));
        assertEquals(0, shape.number(text.indexOf("123456789"), 9, 0));
        assertEquals(1, shape.number(text.indexOf("3.5"), 1, 1));
        assertEquals(2, shape.number(text.indexOf("1234}"), 4, 0));
        final String other = text.replace("123456789", "987654321").replace("3.5", "7.2").replace("1234}", "4321}");
        final byte[] otherBytes = other.getBytes(StandardCharsets.ISO_8859_1);
        cursor.wrap(new UnsafeBuffer(otherBytes), 0, otherBytes.length);
        assertTrue(shape.matches(cursor, 0, otherBytes.length));
        assertEquals(987_654_321L, shape.mantissa(cursor, 0, 0));
        assertEquals(72, shape.mantissa(cursor, 0, 1));
        assertEquals(-1, shape.exponent(1));
        assertEquals(4321, shape.mantissa(cursor, 0, 2));
    }

    @Test
    void framesAndNumbersOutOfBoundsLeaveNoShape()
    {
        final byte[] bytes = FRAME.getBytes(StandardCharsets.ISO_8859_1);
        cursor.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        assertFalse(shape.learn(cursor, 0, 7), "shorter than a word");
        assertTrue(shape.isEmpty());
        assertTrue(shape.learn(cursor, 0, bytes.length));
        assertEquals(-1, shape.number(bytes.length - 2, 4, 0), "past the end");
        assertTrue(shape.isEmpty());
        assertFalse(shape.matches(cursor, 0, bytes.length));
        assertTrue(shape.learn(cursor, 0, bytes.length));
        assertEquals(-1, shape.number(10, 16, 0), "more than 15 digits");
        assertTrue(shape.learn(cursor, 0, bytes.length));
        assertEquals(-1, shape.number(10, 9, 2), "more than 8 digits before a point");
        assertTrue(shape.learn(cursor, 0, bytes.length));
        assertFalse(shape.digits(bytes.length, 1));
        assertTrue(shape.isEmpty());
    }

    private void learn(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        cursor.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        assertTrue(shape.learn(cursor, 0, bytes.length));
        for (final int[] run : runs(text))
        {
            assertTrue(shape.number(run[0], run[1], run[2]) >= 0);
        }
    }

    /**
     * The numbers of a trade frame: E, t, p, q, T, as offset, digits before the point, digits after it.
     */
    private static int[][] runs(final String text)
    {
        final String[] keys = { "\"E\":", "\"t\":", "\"p\":\"", "\"q\":\"", "\"T\":" };
        final int[][] runs = new int[keys.length][];
        for (int i = 0; i < keys.length; i++)
        {
            final int start = text.indexOf(keys[i]) + keys[i].length();
            int end = start;
            while (Character.isDigit(text.charAt(end)))
            {
                end++;
            }
            int fraction = 0;
            if (text.charAt(end) == '.')
            {
                int f = end + 1;
                while (Character.isDigit(text.charAt(f)))
                {
                    f++;
                }
                fraction = f - end - 1;
            }
            runs[i] = new int[]{ start, end - start, fraction };
        }
        return runs;
    }

    private static boolean inRun(final int[][] runs, final int at)
    {
        for (final int[] run : runs)
        {
            final int point = run[0] + run[1];
            if ((at >= run[0] && at < point) || (run[2] > 0 && at > point && at <= point + run[2]))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Matches a frame placed at an offset in a larger buffer, followed by bytes that would change a result read past
     * its end.
     */
    private boolean matches(final byte[] frame, final int offset)
    {
        final byte[] buffer = new byte[offset + frame.length + 16];
        Arrays.fill(buffer, (byte)'9');
        System.arraycopy(frame, 0, buffer, offset, frame.length);
        cursor.wrap(new UnsafeBuffer(buffer), offset, frame.length);
        return shape.matches(cursor, offset, frame.length);
    }

    /**
     * The numbers read from the frame {@link #matches} last took equal those its text says.
     */
    private void assertNumbers(final String text, final int offset)
    {
        final int[][] runs = runs(text);
        for (int i = 0; i < runs.length; i++)
        {
            final int[] run = runs[i];
            final String number = text.substring(run[0], run[0] + run[1] + (run[2] == 0 ? 0 : run[2] + 1));
            final BigDecimal expected = new BigDecimal(number);
            assertEquals(expected.unscaledValue().longValueExact(), shape.mantissa(cursor, offset, i), number);
            assertEquals(-expected.scale(), shape.exponent(i), number);
            // the reader a fast path keeps reads the same, from the frame's array and address
            final TextShape.Reader reader = shape.reader(i);
            assertEquals(expected.unscaledValue().longValueExact(), reader.mantissa(cursor.buffer().byteArray(),
                cursor.buffer().addressOffset() + offset), number);
            assertEquals(-expected.scale(), reader.exponent(), number);
        }
    }
}
