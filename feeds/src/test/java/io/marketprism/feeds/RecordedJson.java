/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.capture.CaptureFrame;
import io.marketprism.feeds.capture.CryptofeedReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-side reading of recorded venue messages, deliberately simple and independent of the decoders under test: a
 * bracketed array found by its position, and book levels matched by a venue's pattern.
 */
public final class RecordedJson
{
    private RecordedJson()
    {
    }

    /**
     * @param recording a cryptofeed capture file.
     * @return the text of every message received in it, in order, read with the project's capture reader.
     * @throws IOException when the file cannot be read.
     */
    public static List<String> receivedMessages(final Path recording) throws IOException
    {
        final List<String> messages = new ArrayList<>();
        final CaptureFrame frame = new CaptureFrame();
        try (CryptofeedReader reader = new CryptofeedReader(recording, 0, 1 << 20))
        {
            while (reader.next(frame))
            {
                if (frame.kind() == CaptureFrame.MESSAGE)
                {
                    messages.add(frame.buffer().getStringWithoutLengthAscii(frame.offset(), frame.length()));
                }
            }
        }
        return messages;
    }

    /**
     * @param text  the message.
     * @param start index of an array's opening {@code [}.
     * @return the array's text, brackets included.
     */
    public static String array(final String text, final int start)
    {
        int depth = 0;
        for (int i = start; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (depth == 0)
            {
                return text.substring(start, i + 1);
            }
        }
        throw new AssertionError("unterminated array at " + start + " in " + text);
    }

    /**
     * @param array a level array's text.
     * @param level a pattern whose groups 1 and 2 are a level's price and quantity text.
     * @return each level's price and quantity, in order.
     */
    public static List<String[]> levels(final String array, final Pattern level)
    {
        final List<String[]> levels = new ArrayList<>();
        final Matcher matcher = level.matcher(array);
        while (matcher.find())
        {
            levels.add(new String[]{ matcher.group(1), matcher.group(2) });
        }
        return levels;
    }
}
