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
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code replay} puts the normalized messages its filter keeps: JSON lines (one stream), CSV (a file per type
 * in a directory, or one type on one stream), an Aeron channel ({@link ReplayPublication}: the SBE messages as the
 * engine publishes them, with the definitions of the instruments kept, whatever the type filter, so a consumer can
 * name them), or nowhere ({@code null}: counted only, which measures the read path). Every instrument definition is
 * read, kept or not, since later lines are named from it. Single-threaded; does not
 * allocate per message (the JSON encoder grows once for the largest book).
 */
final class ReplayOutput implements AutoCloseable
{
    static final int JSONL = 0;
    static final int CSV = 1;
    static final int NULL = 2;
    static final int AERON = 3;
    /** How long closing waits for the subscribers of an Aeron output to consume what was offered. */
    static final long AERON_CONSUME_TIMEOUT_MS = 10_000;

    private final int format;
    private final ReplayFilter filter;
    private final JsonLinesEncoder encoder = new JsonLinesEncoder();
    private final OutputStream stream;
    private final Path csvDirectory;
    private final OutputStream[] csvStreams = new OutputStream[CsvRows.HEADERS.length];
    private final CsvRows csv;
    private ReplayPublication publication;
    /** Aeron: retained definitions ({@link #onDefinition}) not yet offered, by instrument id. */
    private DirectBuffer[] retainedDefinitions = new DirectBuffer[0];
    private int retainedWaiting;
    private PrintStream err;
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
        if (isAeron(output))
        {
            throw new IllegalStateException("an Aeron output is opened with openAeron");
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
     * @param output the {@code --output} value.
     * @return true when it names an Aeron channel.
     */
    static boolean isAeron(final String output)
    {
        return output != null && output.startsWith("aeron:");
    }

    /**
     * An Aeron output: waits for a subscriber (see {@link ReplayPublication#open}).
     *
     * @param format   must be {@code jsonl}, the default: the channel carries SBE messages, not text.
     * @param channel  the channel.
     * @param streamId its stream id.
     * @param aeronDir a running media driver's directory, or null to embed one.
     * @param connectTimeoutMs how long to wait for a subscriber.
     * @param filter   what to keep.
     * @param err      where to say what it waits for, and whether everything was consumed.
     * @return the output.
     */
    static ReplayOutput openAeron(final String format, final String channel, final int streamId,
        final String aeronDir, final long connectTimeoutMs, final ReplayFilter filter, final PrintStream err)
    {
        if (!"jsonl".equals(format))
        {
            throw new IllegalArgumentException("--format " + format + " does not apply to an Aeron --output: the " +
                "channel carries the SBE messages as the engine publishes them");
        }
        final ReplayOutput out = new ReplayOutput(AERON, filter, null, null);
        out.publication = ReplayPublication.open(channel, streamId, aeronDir, connectTimeoutMs, err);
        out.err = err;
        return out;
    }

    /**
     * Learns an instrument definition from the copy beside the journal's cycle files ({@link RetainedDefinitions}),
     * before the journal's first message: later lines are named from it and the symbol filter finds its id even when
     * retention has deleted the cycle file it was journaled in. Not an output line itself: the journal's own record
     * is, where the replay meets it. An Aeron output offers it just before the first kept message of its instrument,
     * unless the journal's own definition of it came first, so that its consumers can name what follows.
     *
     * @param buffer holding the definition; kept (Aeron) until offered.
     * @param offset of its header.
     */
    void onDefinition(final DirectBuffer buffer, final int offset)
    {
        filter.accept(buffer, offset);
        if (format != AERON)
        {
            encoder.encode(buffer, offset);
        }
        else if (filter.acceptInstrument(buffer, offset) && JournalFormat.instrumentId(buffer, offset) > 0)
        {
            final int id = JournalFormat.instrumentId(buffer, offset);
            if (id >= retainedDefinitions.length)
            {
                retainedDefinitions = java.util.Arrays.copyOf(retainedDefinitions, id + 1);
            }
            retainedWaiting += retainedDefinitions[id] == null ? 1 : 0;
            retainedDefinitions[id] = buffer;
        }
    }

    /**
     * The retained definition of an instrument, if one is still waiting: offered when a message of the instrument is
     * about to be, dropped when the journal's own definition is (which then names what follows). Not called once
     * none is waiting; does not allocate.
     */
    private void offerRetainedDefinition(final int instrumentId, final boolean offer)
    {
        if (instrumentId <= 0 || instrumentId >= retainedDefinitions.length)
        {
            return;
        }
        final DirectBuffer definition = retainedDefinitions[instrumentId];
        if (definition != null)
        {
            retainedDefinitions[instrumentId] = null;
            retainedWaiting--;
            if (offer)
            {
                publication.offer(definition, 0, definition.capacity());
            }
        }
    }

    /**
     * Takes one normalized message.
     *
     * @param buffer holding it.
     * @param offset of its header.
     * @param length its length.
     */
    void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        messages++;
        final boolean keep = filter.accept(buffer, offset);
        final int templateId = JournalFormat.templateId(buffer, offset);
        if (format == AERON)
        {
            if (keep)
            {
                kept++;
                final long recvTsNs = JournalFormat.recvTsNs(buffer, offset);
                firstRecvTsNs = Math.min(firstRecvTsNs, recvTsNs);
                lastRecvTsNs = Math.max(lastRecvTsNs, recvTsNs);
            }
            final boolean definition = templateId == InstrumentDecoder.TEMPLATE_ID;
            if (retainedWaiting > 0 && (keep || definition))
            {
                offerRetainedDefinition(JournalFormat.instrumentId(buffer, offset), !definition);
            }
            if (keep || definition && filter.acceptInstrument(buffer, offset))
            {
                publication.offer(buffer, offset, length);
            }
            return;
        }
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
        final int lineLength = encoder.encode(buffer, offset);
        if (!keep || lineLength == 0 || format == NULL)
        {
            return;
        }
        try
        {
            if (format == JSONL)
            {
                encoder.writeTo(stream, lineLength);
            }
            else
            {
                csv.write(templateId, encoder.buffer(), lineLength, csvStream(templateId));
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
     * @return the Aeron output, or null for the others.
     */
    ReplayPublication publication()
    {
        return publication;
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
        if (publication != null)
        {
            try
            {
                if (publication.offered() > 0 && !publication.awaitConsumed(AERON_CONSUME_TIMEOUT_MS))
                {
                    err.println("replay: the subscriber had not consumed every message " +
                        AERON_CONSUME_TIMEOUT_MS / 1000 + " s after the last was offered (or went away): the end " +
                        "may not have reached it");
                }
            }
            finally
            {
                publication.close();
            }
        }
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
