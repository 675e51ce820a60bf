/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads cryptofeed raw-session captures, gzip or plain. One event per line:
 * <pre>
 *   wss://host/path &lt;-&gt; 1633998511.159679              a connection opened      (skipped)
 *   wss://host/path &lt;- 1633998511.2: {"method":..}        a message we sent        (skipped)
 *   1633998512.0633569: {"stream":..,"data":..}           a message received       (MESSAGE)
 *   https://host/api?symbol=X&amp;limit=1000 -&gt; 1633998512.3: {..}   a REST response   (REST_RESPONSE)
 * </pre>
 * Times are decimal seconds, converted to nanoseconds exactly (digits beyond the ninth are dropped). REST responses
 * carry the {@code symbol} query parameter of their URL as the context symbol, and the URL itself as the context URL
 * (which endpoint they answer).
 */
public final class CryptofeedReader implements CaptureReader
{
    private static final byte[] REST_MARK = " -> ".getBytes(StandardCharsets.US_ASCII);

    private final LineSource lines;
    private final int source;
    private long skipped;
    private int position;

    /**
     * @param path          the capture file (X.ws.N.M or X.http.N.M).
     * @param source        source index stamped on frames.
     * @param maxLineLength longest line kept whole.
     * @throws IOException when the file cannot be opened.
     */
    public CryptofeedReader(final Path path, final int source, final int maxLineLength) throws IOException
    {
        this.lines = new LineSource(path, maxLineLength);
        this.source = source;
    }

    @Override
    public boolean next(final CaptureFrame frame) throws IOException
    {
        while (lines.nextLine())
        {
            final byte[] line = lines.line();
            final int length = lines.lineLength();
            if (length == 0)
            {
                skipped++;
                continue;
            }
            frame.source = source;
            frame.buffer.wrap(line, 0, length);
            if (line[0] >= '0' && line[0] <= '9')
            {
                position = 0;
                final long ts = seconds(line, length);
                if (ts < 0 || position + 1 >= length || line[position] != ':' || line[position + 1] != ' ')
                {
                    skipped++;
                    continue;
                }
                frame.kind = CaptureFrame.MESSAGE;
                frame.recvTsNs = ts;
                frame.contextSymbol = null;
                frame.contextUrl = null;
                frame.offset = position + 2;
                frame.length = length - frame.offset;
                return true;
            }

            final int mark = indexOf(line, length, REST_MARK);
            if (mark > 0 && line[0] == 'h')
            {
                position = mark + REST_MARK.length;
                final long ts = seconds(line, length);
                if (ts < 0 || position + 1 >= length || line[position] != ':' || line[position + 1] != ' ')
                {
                    skipped++;
                    continue;
                }
                frame.kind = CaptureFrame.REST_RESPONSE;
                frame.recvTsNs = ts;
                final String url = new String(line, 0, mark, StandardCharsets.US_ASCII);
                frame.contextSymbol = symbolParameter(url);
                frame.contextUrl = url;
                frame.offset = position + 2;
                frame.length = length - frame.offset;
                return true;
            }
            skipped++;
        }
        return false;
    }

    /**
     * @param url a REST URL.
     * @return its {@code symbol} query parameter, upper case, or null.
     */
    static String symbolParameter(final String url)
    {
        final int query = url.indexOf('?');
        if (query < 0)
        {
            return null;
        }
        for (final String parameter : url.substring(query + 1).split("&"))
        {
            if (parameter.startsWith("symbol="))
            {
                final String value = parameter.substring("symbol=".length());
                return value.isEmpty() ? null : value.toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    private long seconds(final byte[] line, final int length)
    {
        long secondsPart = 0;
        int digits = 0;
        while (position < length && line[position] >= '0' && line[position] <= '9')
        {
            if (digits > 11)
            {
                return -1;
            }
            secondsPart = secondsPart * 10 + (line[position] - '0');
            position++;
            digits++;
        }
        if (digits == 0)
        {
            return -1;
        }
        long nanos = 0;
        if (position < length && line[position] == '.')
        {
            position++;
            int fractionDigits = 0;
            while (position < length && line[position] >= '0' && line[position] <= '9')
            {
                if (fractionDigits < 9)
                {
                    nanos = nanos * 10 + (line[position] - '0');
                    fractionDigits++;
                }
                position++;
            }
            for (int i = fractionDigits; i < 9; i++)
            {
                nanos *= 10;
            }
        }
        return secondsPart * 1_000_000_000L + nanos;
    }

    private static int indexOf(final byte[] line, final int length, final byte[] mark)
    {
        outer:
        for (int i = 0; i + mark.length <= length; i++)
        {
            for (int j = 0; j < mark.length; j++)
            {
                if (line[i + j] != mark[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public long skippedLines()
    {
        return skipped;
    }

    @Override
    public void close() throws IOException
    {
        lines.close();
    }
}
