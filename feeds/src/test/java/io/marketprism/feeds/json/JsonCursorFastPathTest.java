/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.json;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The word-at-a-time fast paths for integers, literals and one-character keys against the general parse (a cursor
 * without fast paths), on random text of every shape around the fast paths' limits, cut off at every length, with
 * bytes after the cut that would change the result if read.
 */
class JsonCursorFastPathTest
{
    private static final String[] TAILS = {
        "", ",", "}", "]", " ", "\t", "\n", "\r", "x", "9", ".5", "e5", "\"", ",\"", "-", "E", "0" };
    private static final String[] PADDING = { "99999999999999999999", "eeeeeeeeeeeeeeeeeeee", ",,,,,,,,,,,,,,,,,,,," };

    private final Random random = new Random(29);

    @Test
    void integersMatchTheGeneralParse()
    {
        for (int i = 0; i < 60_000; i++)
        {
            final String text = randomInteger() + TAILS[random.nextInt(TAILS.length)];
            final String padding = PADDING[random.nextInt(PADDING.length)];
            for (int limit = 0; limit <= text.length(); limit++)
            {
                final JsonCursor fast = cursor(true, text, padding, limit);
                final JsonCursor general = cursor(false, text, padding, limit);
                final int status = fast.parseLong();
                final String context = text + " limit " + limit;
                assertEquals(general.parseLong(), status, context);
                assertEquals(general.position(), fast.position(), context);
                assertEquals(general.errorPosition(), fast.errorPosition(), context);
                if (status == JsonCursor.OK)
                {
                    assertEquals(general.longValue(), fast.longValue(), context);
                }
            }
        }
    }

    @Test
    void literalsMatchTheGeneralParse()
    {
        final String[] words = { "true", "false", "null", "tru", "fals", "nul", "truee", "falsee", "nulll", "True",
            "trux", "flase", "t", "f", "n", "" };
        for (final String word : words)
        {
            for (final String tail : TAILS)
            {
                final String text = word + tail;
                for (final String padding : PADDING)
                {
                    for (int limit = 0; limit <= text.length(); limit++)
                    {
                        final String context = text + " limit " + limit;
                        final JsonCursor fast = cursor(true, text, padding, limit);
                        final JsonCursor general = cursor(false, text, padding, limit);
                        final int status = fast.parseBoolean();
                        assertEquals(general.parseBoolean(), status, context);
                        assertEquals(general.position(), fast.position(), context);
                        assertEquals(general.errorPosition(), fast.errorPosition(), context);
                        assertEquals(general.booleanValue(), fast.booleanValue(), context);

                        final JsonCursor fastSkip = cursor(true, text, padding, limit);
                        final JsonCursor generalSkip = cursor(false, text, padding, limit);
                        assertEquals(generalSkip.skipValue(), fastSkip.skipValue(), context);
                        assertEquals(generalSkip.position(), fastSkip.position(), context);
                        assertEquals(generalSkip.errorPosition(), fastSkip.errorPosition(), context);
                    }
                }
            }
        }
    }

    @Test
    void literalsReadInPlaceMatchTheGeneralParse()
    {
        final String[] words = { "true", "false", "tru", "fals", "truee", "True", "trux", "flase", "t", "f", "" };
        final String before = "true,false,";
        for (final String word : words)
        {
            for (final String tail : TAILS)
            {
                for (int prefix = 0; prefix <= 9; prefix++)
                {
                    // the document starts after bytes that are not its own, and a literal near its end is read there
                    final String text = ",,,,,,,,,".substring(0, prefix) + word + tail;
                    final byte[] bytes = (before + text + "true").getBytes(StandardCharsets.ISO_8859_1);
                    final int offset = before.length();
                    for (int length = prefix; length <= text.length(); length++)
                    {
                        final String context = text + " length " + length;
                        final int at = offset + prefix;
                        final JsonCursor fast = new JsonCursor(true).wrap(new UnsafeBuffer(bytes), offset, length);
                        final JsonCursor general = new JsonCursor(false).wrap(new UnsafeBuffer(bytes), offset, length);
                        general.position(at);
                        final int status = general.parseBoolean();
                        final int end = fast.booleanAt(at);
                        final boolean delimited = status == JsonCursor.OK && general.position() < offset + length &&
                            ",}] \t\n\r".indexOf(bytes[general.position()]) >= 0;
                        assertEquals(delimited ? general.position() : -1, end, context);
                        if (delimited)
                        {
                            assertEquals(general.booleanValue(), fast.booleanValue(), context);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shortKeysMatchTheGeneralMemberParse()
    {
        final String alphabet = "\",:{}\\ aZ\u0001\u00e9";
        for (int i = 0; i < 200_000; i++)
        {
            final boolean first = random.nextBoolean();
            final StringBuilder builder = new StringBuilder();
            if (random.nextInt(3) != 0)
            {
                builder.append(first ? "\"k\":1" : ",\"k\":1");
            }
            // then random bytes over the likely shapes
            final int extra = random.nextInt(8);
            for (int j = 0; j < extra; j++)
            {
                builder.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            final String text = random.nextInt(4) == 0 ? builder.toString() : mutate(builder.toString(), alphabet);
            final String padding = PADDING[random.nextInt(PADDING.length)];
            for (int limit = 0; limit <= text.length(); limit++)
            {
                final String context = (first ? "first " : "next ") + text + " limit " + limit;
                final JsonCursor fast = cursor(true, text, padding, limit);
                final int key = fast.tryNextShortKey(first);
                if (key < 0)
                {
                    assertEquals(-1, key, context);
                    assertEquals(0, fast.position(), "nothing consumed: " + context);
                    continue;
                }
                // the general member parse must find the same one-byte key and stop at the same place
                final JsonCursor general = cursor(false, text, padding, limit);
                assertEquals(JsonCursor.OK, general.nextField(first), context);
                assertEquals(1, general.keyLength(), context);
                assertEquals(general.keyByte(0) & 0xFF, key, context);
                assertEquals(general.keyOffset(), fast.keyOffset(), context);
                assertEquals(1, fast.keyLength(), context);
                assertEquals(general.position(), fast.position(), context);
            }
        }
        // and the commonest shapes do take it, far from the end and near it
        for (final String text : new String[]{ ",\"u\":1234567890,\"s\":\"BTCUSDT\"}", ",\"u\":1" })
        {
            final JsonCursor fast = cursor(true, text, "", text.length());
            assertEquals('u', fast.tryNextShortKey(false), text);
            assertEquals(5, fast.position(), text);
        }
        final JsonCursor firstKey = cursor(true, "\"e\":\"trade\"", "", 11);
        assertEquals('e', firstKey.tryNextShortKey(true));
        assertEquals(4, firstKey.position());
    }

    @Test
    void streamEnvelopeHeadsMatchTheGeneralMemberParse()
    {
        final String alphabet = "\",:{}[\\ \t@aZ1\u0001\u00e9";
        final String[] heads = {
            "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":1}}", "{\"stream\":\"\",\"data\":{}}",
            "{\"stream\":\"x@y\",\"data\":{", "{\"stream\":\"abcdefgh\",\"data\":{\"e\":1}}",
            "{\"stream\":\"abcdefghijklmnop\",\"data\":[]}" };
        for (int i = 0; i < 100_000; i++)
        {
            final String head = heads[random.nextInt(heads.length)];
            final String text = random.nextInt(4) == 0 ? head : mutate(head, alphabet);
            final String padding = PADDING[random.nextInt(PADDING.length)];
            for (int limit = 0; limit <= text.length(); limit++)
            {
                final String context = text + " limit " + limit;
                final JsonCursor fast = cursor(true, text, padding, limit);
                if (!fast.tryEnterStreamData())
                {
                    assertEquals(0, fast.position(), "nothing consumed: " + context);
                    continue;
                }
                // the general way: a stream member, a data key, an object entered, ending at the same place
                final JsonCursor general = cursor(false, text, padding, limit);
                assertEquals(JsonCursor.OK, general.enterObject(), context);
                assertEquals(JsonCursor.OK, general.nextField(true), context);
                assertEquals("stream", key(general), context);
                assertEquals(JsonCursor.OK, general.skipValue(), context);
                assertEquals(JsonCursor.OK, general.nextField(false), context);
                assertEquals("data", key(general), context);
                assertEquals(JsonCursor.OK, general.enterObject(), context);
                assertEquals(general.position(), fast.position(), context);
            }
        }
        final String text = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\"}}";
        final JsonCursor fast = cursor(true, text, "", text.length());
        assertTrue(fast.tryEnterStreamData());
        assertEquals(text.indexOf("{\"e\""), fast.position() - 1);
        assertFalse(cursor(false, text, "", text.length()).tryEnterStreamData());
    }

    @Test
    void aCursorWithoutFastPathsTakesNone()
    {
        final String text = ",\"b\":[[\"61837.63000000\",\"0.02000000\"]],\"m\":true,\"E\":1723161255342}";
        final int levelEnd = 6 + "[\"61837.63000000\",\"0.02000000\"]".length();
        final JsonCursor fast = cursor(true, text, "", text.length());
        assertEquals('b', fast.tryNextShortKey(false));
        assertEquals(levelEnd, fast.quotedLevelAt(6));
        fast.position(6);
        assertTrue(fast.tryParseQuotedLevel());

        final JsonCursor general = cursor(false, text, "", text.length());
        assertEquals(-1, general.tryNextShortKey(false));
        assertEquals(0, general.position());
        assertEquals(-1, general.quotedLevelAt(6));
        general.position(6);
        assertFalse(general.tryParseQuotedLevel());
        assertEquals(6, general.position());
    }

    private String mutate(final String text, final String alphabet)
    {
        if (text.isEmpty())
        {
            return text;
        }
        final char[] chars = text.toCharArray();
        chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
        return new String(chars);
    }

    private static String key(final JsonCursor cursor)
    {
        final StringBuilder key = new StringBuilder();
        for (int i = 0; i < cursor.keyLength(); i++)
        {
            key.append((char)(cursor.keyByte(i) & 0xFF));
        }
        return key.toString();
    }

    private String randomInteger()
    {
        final StringBuilder builder = new StringBuilder();
        final int sign = random.nextInt(10);
        if (sign == 0)
        {
            builder.append('-');
        }
        else if (sign == 1)
        {
            builder.append('"');
        }
        final int digits = random.nextInt(5) == 0 ? random.nextInt(24) : 1 + random.nextInt(17);
        for (int i = 0; i < digits; i++)
        {
            builder.append((char)('0' + random.nextInt(10)));
        }
        if (random.nextInt(8) == 0)
        {
            builder.append("9223372036854775807".substring(0, 1 + random.nextInt(19)));
        }
        if (sign == 1 && random.nextBoolean())
        {
            builder.append('"');
        }
        return builder.toString();
    }

    private static JsonCursor cursor(final boolean fastPaths, final String text, final String padding, final int limit)
    {
        final byte[] bytes = (text + padding).getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(limit <= bytes.length);
        return new JsonCursor(fastPaths).wrap(new UnsafeBuffer(bytes), 0, limit);
    }
}
