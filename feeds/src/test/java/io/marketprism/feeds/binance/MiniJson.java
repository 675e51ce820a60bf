/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately simple reader of well-formed JSON text, independent of the code under test: splits an object into
 * its top-level members (raw value text) and a level array into its price/quantity strings. Test expectations are
 * derived with it and {@link BigDecimal}.
 */
final class MiniJson
{
    private static final Pattern LEVEL = Pattern.compile("\\[\\s*\"([^\"]*)\"\\s*,\\s*\"([^\"]*)\"\\s*]");

    private MiniJson()
    {
    }

    /**
     * @param object JSON object text.
     * @return its members in order, key to raw value text.
     */
    static LinkedHashMap<String, String> members(final String object)
    {
        final LinkedHashMap<String, String> members = new LinkedHashMap<>();
        int i = skipSpace(object, 0);
        require(object, i, '{');
        i = skipSpace(object, i + 1);
        if (object.charAt(i) == '}')
        {
            return members;
        }
        while (true)
        {
            require(object, i, '"');
            final int keyEnd = object.indexOf('"', i + 1);
            final String key = object.substring(i + 1, keyEnd);
            i = skipSpace(object, keyEnd + 1);
            require(object, i, ':');
            final int valueStart = skipSpace(object, i + 1);
            final int valueEnd = valueEnd(object, valueStart);
            members.put(key, object.substring(valueStart, valueEnd).trim());
            i = skipSpace(object, valueEnd);
            if (object.charAt(i) == '}')
            {
                return members;
            }
            require(object, i, ',');
            i = skipSpace(object, i + 1);
        }
    }

    /**
     * @param members key to raw value text.
     * @return the object text, compact.
     */
    static String object(final Map<String, String> members)
    {
        final StringBuilder text = new StringBuilder("{");
        for (final Map.Entry<String, String> member : members.entrySet())
        {
            if (text.length() > 1)
            {
                text.append(',');
            }
            text.append('"').append(member.getKey()).append("\":").append(member.getValue());
        }
        return text.append('}').toString();
    }

    /**
     * @return the event object of a frame: the {@code data} member of a combined-stream envelope, else the frame.
     */
    static String event(final String frame)
    {
        final Map<String, String> top = members(frame);
        final String data = top.get("data");
        return data != null && data.startsWith("{") ? data : frame;
    }

    /**
     * @return the content of a JSON string's raw text (no escapes expected), or the text itself when not quoted.
     */
    static String unquote(final String raw)
    {
        return raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"") ? raw.substring(1, raw.length() - 1) :
            raw;
    }

    static BigDecimal decimal(final String raw)
    {
        return new BigDecimal(unquote(raw));
    }

    static long integer(final String raw)
    {
        return Long.parseLong(unquote(raw));
    }

    /**
     * @param raw a level array, e.g. {@code [["1.0","2"],["3","4"]]}.
     * @return price and quantity text of each level.
     */
    static List<String[]> levels(final String raw)
    {
        final List<String[]> levels = new ArrayList<>();
        final Matcher matcher = LEVEL.matcher(raw);
        while (matcher.find())
        {
            levels.add(new String[]{ matcher.group(1), matcher.group(2) });
        }
        return levels;
    }

    private static int valueEnd(final String text, final int start)
    {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '[' || c == '{')
            {
                depth++;
            }
            else if (depth > 0 && (c == ']' || c == '}'))
            {
                depth--;
            }
            else if (depth == 0 && (c == ',' || c == '}'))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("value does not end: " + text.substring(start));
    }

    private static int skipSpace(final String text, final int from)
    {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i)))
        {
            i++;
        }
        return i;
    }

    private static void require(final String text, final int at, final char expected)
    {
        if (at >= text.length() || text.charAt(at) != expected)
        {
            throw new IllegalArgumentException("expected '" + expected + "' at " + at + " in " + text);
        }
    }
}
