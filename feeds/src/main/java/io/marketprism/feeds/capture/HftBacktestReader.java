/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads nkaz001/hftbacktest captures: one frame per line, {@code <local receive time> <raw exchange JSON>}, gzip or
 * plain. The receive time is in nanoseconds in the 2024 {@code .gz} files and in microseconds in the 2023
 * {@code .dat.gz} files; values below 10^17 (before 1973 as ns, after 5138 as us) are taken as microseconds.
 * <p>
 * The recorder writes the REST depth snapshot inline without a symbol; frames carry the symbol named by the file
 * ({@code btcusdt_20240808.gz} is {@code BTCUSDT}, {@code btcusd_perp_20240808.gz} is {@code BTCUSD_PERP}) as their
 * context symbol, or, when the file has been renamed, the symbol of the first combined-stream name in the file
 * ({@code "stream":"btcusdt@depth@100ms"} is {@code BTCUSDT}). A line without a valid timestamp is handed on whole,
 * with the previous line's time, so that the decoder reports it as malformed rather than the reader dropping it.
 */
public final class HftBacktestReader implements CaptureReader
{
    private static final long MICROS_THRESHOLD = 100_000_000_000_000_000L;

    private final LineSource lines;
    private final int source;
    private static final byte[] STREAM_KEY = "\"stream\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private String contextSymbol;
    private long lastTsNs;
    private long skipped;

    /**
     * @param path          the capture file.
     * @param source        source index stamped on frames.
     * @param maxLineLength longest line kept whole.
     * @throws IOException when the file cannot be opened.
     */
    public HftBacktestReader(final Path path, final int source, final int maxLineLength) throws IOException
    {
        this.lines = new LineSource(path, maxLineLength);
        this.source = source;
        this.contextSymbol = symbolFromFileName(path.getFileName().toString());
    }

    /**
     * The symbol a capture's file name denotes.
     *
     * @param fileName e.g. {@code btcusd_perp_20240808.gz}.
     * @return e.g. {@code BTCUSD_PERP}, or null when the name does not follow {@code <symbol>_<date>.<ext>}.
     */
    public static String symbolFromFileName(final String fileName)
    {
        final int dot = fileName.indexOf('.');
        final String stem = dot < 0 ? fileName : fileName.substring(0, dot);
        final int underscore = stem.lastIndexOf('_');
        if (underscore <= 0)
        {
            return null;
        }
        final String symbol = stem.substring(0, underscore).toUpperCase(Locale.ROOT);
        return symbol.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_') ? symbol : null;
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

            long ts = 0;
            int pos = 0;
            while (pos < length && line[pos] >= '0' && line[pos] <= '9' && pos < 19)
            {
                ts = ts * 10 + (line[pos] - '0');
                pos++;
            }
            if (contextSymbol == null)
            {
                contextSymbol = symbolFromStreamName(line, length);
            }
            frame.buffer.wrap(line, 0, Math.max(length, 1));
            frame.kind = CaptureFrame.MESSAGE;
            frame.source = source;
            frame.contextSymbol = contextSymbol;
            frame.contextUrl = null;
            if (pos == 0 || pos >= length || line[pos] != ' ')
            {
                frame.offset = 0;
                frame.length = length;
                frame.recvTsNs = lastTsNs;
                return true;
            }
            lastTsNs = ts < MICROS_THRESHOLD ? ts * 1_000L : ts;
            frame.offset = pos + 1;
            frame.length = length - pos - 1;
            frame.recvTsNs = lastTsNs;
            return true;
        }
        return false;
    }

    /**
     * @return the upper-cased part before the first {@code @} of the line's {@code "stream":"..."} value, or null.
     */
    static String symbolFromStreamName(final byte[] line, final int length)
    {
        outer:
        for (int i = 0; i + STREAM_KEY.length < length; i++)
        {
            for (int j = 0; j < STREAM_KEY.length; j++)
            {
                if (line[i + j] != STREAM_KEY[j])
                {
                    continue outer;
                }
            }
            final int start = i + STREAM_KEY.length;
            int end = start;
            while (end < length && line[end] != '@' && line[end] != '"')
            {
                end++;
            }
            if (end < length && line[end] == '@' && end > start)
            {
                final String symbol = new String(line, start, end - start, java.nio.charset.StandardCharsets.US_ASCII)
                    .toUpperCase(Locale.ROOT);
                return symbol.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_') ? symbol : null;
            }
            return null;
        }
        return null;
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
