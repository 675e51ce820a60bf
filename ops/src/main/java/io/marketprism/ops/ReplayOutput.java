/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.JsonLinesEncoder;
import io.marketprism.journal.JournalFormat;
import io.marketprism.sbe.InstrumentDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code replay} puts the normalized messages its filter keeps: JSON lines (one stream), CSV (a file per type
 * in a directory, or one type on one stream), or nowhere ({@code null}: counted only, which measures the read path).
 * Every instrument definition is read, kept or not, since later lines are named from it. Single-threaded; does not
 * allocate per message (the JSON encoder grows once for the largest book).
 */
final class ReplayOutput implements AutoCloseable
{
    static final int JSONL = 0;
    static final int CSV = 1;
    static final int NULL = 2;

    private final int format;
    private final ReplayFilter filter;
    private final JsonLinesEncoder encoder = new JsonLinesEncoder();
    private final OutputStream stream;
    private final Path csvDirectory;
    private final OutputStream[] csvStreams = new OutputStream[CsvRows.HEADERS.length];
    private final CsvRows csv;
    private long messages;
    private long kept;
    private long firstRecvTsNs = Long.MAX_VALUE;
    private long lastRecvTsNs = Long.MIN_VALUE;

    private ReplayOutput(final int format, final ReplayFilter filter, final OutputStream stream, final Path csvDir)
    {
        this.format = format;
        this.filter = filter;
        this.stream = stream;
        this.csvDirectory = csvDir;
        this.csv = format == CSV ? new CsvRows() : null;
    }

    /**
     * @param format       {@code jsonl}, {@code csv} or {@code null}.
     * @param output       a file, a directory (CSV), {@code -} or absent (stdout), or {@code null}.
     * @param stdout       the process's standard output.
     * @param filter       what to keep.
     * @param typeNames    the types asked for (CSV on one stream takes exactly one).
     * @return the output.
     * @throws IOException when the output cannot be opened.
     */
    static ReplayOutput open(final String format, final String output, final OutputStream stdout,
        final ReplayFilter filter, final java.util.List<String> typeNames) throws IOException
    {
        final boolean toStdout = output == null || "-".equals(output);
        if ("null".equals(output))
        {
            return new ReplayOutput(NULL, filter, null, null);
        }
        switch (format)
        {
            case "jsonl":
                return new ReplayOutput(JSONL, filter, toStdout ?
                    new BufferedOutputStream(new DecodeCommand.NonClosingOutputStream(stdout), 1 << 20) :
                    new BufferedOutputStream(Files.newOutputStream(Path.of(output)), 1 << 20), null);

            case "csv":
                if (toStdout || !Files.isDirectory(Path.of(output)))
                {
                    if (typeNames == null || typeNames.size() != 1)
                    {
                        throw new IllegalArgumentException("--format csv writes one file per type into a directory " +
                            "(--output DIR, which must exist) or exactly one --type to a file or stdout");
                    }
                    final int templateId = ReplayFilter.templateOf(typeNames.get(0));
                    final ReplayOutput out = new ReplayOutput(CSV, filter, null, null);
                    out.csvStreams[templateId] = toStdout ?
                        new BufferedOutputStream(new DecodeCommand.NonClosingOutputStream(stdout), 1 << 20) :
                        new BufferedOutputStream(Files.newOutputStream(Path.of(output)), 1 << 20);
                    out.csvStreams[templateId].write(CsvRows.header(templateId));
                    return out;
                }
                return new ReplayOutput(CSV, filter, null, Path.of(output));

            default:
                throw new IllegalArgumentException("unknown --format '" + format + "'; allowed: jsonl, csv");
        }
    }

    /**
     * Takes one normalized message.
     *
     * @param buffer holding it.
     * @param offset of its header.
     */
    void onMessage(final DirectBuffer buffer, final int offset)
    {
        messages++;
        final boolean keep = filter.accept(buffer, offset);
        final int templateId = JournalFormat.templateId(buffer, offset);
        if (!keep && templateId != InstrumentDecoder.TEMPLATE_ID)
        {
            return;
        }
        if (keep)
        {
            kept++;
            final long recvTsNs = JournalFormat.recvTsNs(buffer, offset);
            firstRecvTsNs = Math.min(firstRecvTsNs, recvTsNs);
            lastRecvTsNs = Math.max(lastRecvTsNs, recvTsNs);
        }
        if (format == NULL && !(templateId == InstrumentDecoder.TEMPLATE_ID))
        {
            return;
        }
        final int length = encoder.encode(buffer, offset);
        if (!keep || length == 0 || format == NULL)
        {
            return;
        }
        try
        {
            if (format == JSONL)
            {
                encoder.writeTo(stream, length);
            }
            else
            {
                csv.write(templateId, encoder.buffer(), length, csvStream(templateId));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private OutputStream csvStream(final int templateId) throws IOException
    {
        OutputStream out = csvStreams[templateId];
        if (out == null)
        {
            if (csvDirectory == null)
            {
                throw new IllegalStateException("no CSV stream for type " + ReplayFilter.TYPE_NAMES[templateId]);
            }
            out = new BufferedOutputStream(Files.newOutputStream(
                csvDirectory.resolve(ReplayFilter.TYPE_NAMES[templateId] + ".csv")), 1 << 20);
            out.write(CsvRows.header(templateId));
            csvStreams[templateId] = out;
        }
        return out;
    }

    /**
     * @return normalized messages read.
     */
    long messages()
    {
        return messages;
    }

    /**
     * @return messages the filter kept (printed, or counted for {@code null}).
     */
    long kept()
    {
        return kept;
    }

    /**
     * @return receive time of the earliest kept message, ns.
     */
    long firstRecvTsNs()
    {
        return firstRecvTsNs;
    }

    /**
     * @return receive time of the latest kept message, ns.
     */
    long lastRecvTsNs()
    {
        return lastRecvTsNs;
    }

    /**
     * Flushes and closes every stream (stdout is flushed, not closed).
     *
     * @throws IOException when flushing fails.
     */
    @Override
    public void close() throws IOException
    {
        IOException failure = null;
        for (final OutputStream out : csvStreams)
        {
            if (out != null)
            {
                try
                {
                    out.close();
                }
                catch (final IOException ex)
                {
                    failure = ex;
                }
            }
        }
        if (stream != null)
        {
            stream.close();
        }
        if (failure != null)
        {
            CloseHelper.quietClose(stream);
            throw failure;
        }
    }
}
