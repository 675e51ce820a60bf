/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a journal from its start, handing each message to a handler as a view over the queue's mapped memory (no
 * copy). One reader per thread.
 */
public final class JournalReader implements AutoCloseable
{
    private static final int LENGTH_FIELD = Integer.BYTES;

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final org.agrona.ExpandableArrayBuffer copy = new org.agrona.ExpandableArrayBuffer(64 * 1024);

    /**
     * Opens an existing journal read-only.
     *
     * @param directory the queue's directory.
     * @throws IllegalArgumentException when the directory holds no journal.
     */
    public JournalReader(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("no journal at " + directory + ": not a directory");
        }
        final String cycleFile;
        try (var files = Files.list(directory))
        {
            cycleFile = files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".cq4"))
                .findFirst().orElse(null);
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalArgumentException("cannot list " + directory + ": " + ex.getMessage(), ex);
        }
        if (cycleFile == null)
        {
            throw new IllegalArgumentException("no journal at " + directory + ": no .cq4 files");
        }
        final SingleChronicleQueueBuilder builder =
            SingleChronicleQueueBuilder.single(directory.toFile()).readOnly(true);
        final RollCycle rollCycle = rollCycleOfFile(cycleFile.substring(0, cycleFile.length() - ".cq4".length()));
        if (rollCycle != null)
        {
            builder.rollCycle(rollCycle);
        }
        this.queue = builder.build();
        this.tailer = queue.createTailer().toStart();
    }

    /**
     * Delivers the messages of up to {@code limit} documents (see {@link JournalWriter} for the format).
     *
     * @param handler receives each message; the buffer is valid during the call only.
     * @param limit   most documents to read.
     * @return messages delivered; 0 at the end of the journal.
     * @throws IllegalStateException when a document's records do not add up (a corrupt journal).
     */
    public int poll(final Handler handler, final int limit)
    {
        int count = 0;
        for (int documents = 0; documents < limit; documents++)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final int length = (int)bytes.readRemaining();
                if (bytes.bytesStore().inside(bytes.readPosition(), length))
                {
                    view.wrap(bytes.addressForRead(bytes.readPosition()), length);
                }
                else
                {
                    // a document crossing the end of the current mapping: copy it out through Chronicle's API
                    copy.checkLimit(length);
                    bytes.read(copy.byteArray(), 0, length);
                    view.wrap(copy, 0, length);
                }
                int position = 0;
                while (position + LENGTH_FIELD <= length)
                {
                    final int messageLength = view.getInt(position, ByteOrder.LITTLE_ENDIAN);
                    if (messageLength < 0 || position + LENGTH_FIELD + messageLength > length)
                    {
                        throw new IllegalStateException("corrupt journal document at index " + dc.index() +
                            ": record of " + messageLength + " bytes at " + position + " in " + length);
                    }
                    handler.onMessage(view, position + LENGTH_FIELD, messageLength, dc.index());
                    position += LENGTH_FIELD + messageLength;
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }

    /**
     * The roll cycle a cycle file's name was written with: each roll cycle names its files with its own date format,
     * so opening the queue with it avoids Chronicle overriding (and warning about) a mismatched default.
     *
     * @param name file name without {@code .cq4}, e.g. {@code 20261121-22F}.
     * @return the roll cycle, or null when no known format matches.
     */
    static RollCycle rollCycleOfFile(final String name)
    {
        for (final RollCycles cycle : RollCycles.values())
        {
            try
            {
                final java.time.format.DateTimeFormatter formatter =
                    java.time.format.DateTimeFormatter.ofPattern(cycle.format());
                if (formatter.parse(name) != null && cycle.format().replace("'", "").length() == name.length())
                {
                    return cycle;
                }
            }
            catch (final IllegalArgumentException | java.time.DateTimeException ex)
            {
                continue;
            }
        }
        return null;
    }

    /**
     * Parses a roll cycle name.
     *
     * @param name e.g. {@code FAST_HOURLY}, case-insensitive.
     * @return the roll cycle.
     * @throws IllegalArgumentException naming the allowed values.
     */
    public static RollCycle rollCycle(final String name)
    {
        try
        {
            return RollCycles.valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            final StringBuilder allowed = new StringBuilder();
            for (final RollCycles cycle : RollCycles.values())
            {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(cycle.name());
            }
            throw new IllegalArgumentException("unknown roll cycle '" + name + "'; expected one of: " + allowed, ex);
        }
    }

    /**
     * Receives journal messages.
     */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * @param buffer view of the document.
         * @param offset where the message starts.
         * @param length message length.
         * @param index  the document's Chronicle index.
         */
        void onMessage(DirectBuffer buffer, int offset, int length, long index);
    }
}
