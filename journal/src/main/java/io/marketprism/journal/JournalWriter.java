/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Appends SBE messages to a Chronicle Queue. Messages are grouped into documents, one document per batch of the
 * journal stage, each message copied once straight into the queue's mapped memory:
 * <pre>
 *   document := record*        record := length (int32, little-endian) message (length bytes, SBE, header first)
 * </pre>
 * Grouping amortises Chronicle's per-document cost (header, index, thread-safety checks: several hundred ns on a
 * small machine) over the batch; {@link #flush()} closes the document and makes it visible to readers, and a document
 * is closed early once it holds {@link #DOCUMENT_BYTES} bytes, which bounds how long a reader waits.
 * <p>
 * One writer per thread (Chronicle appenders are per thread). Steady-state appends do not allocate; rolling to a new
 * cycle file and mapping a new block do.
 */
public final class JournalWriter implements AutoCloseable
{
    /**
     * Bytes after which a document is closed even if the batch goes on.
     */
    public static final int DOCUMENT_BYTES = 64 * 1024;

    private static final int LENGTH_FIELD = Integer.BYTES;

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final Path directory;
    private DocumentContext document;
    private Bytes<?> bytes;
    private long documentStart;
    private long appended;

    /**
     * Opens (or creates) the journal. Call from the thread that will append.
     *
     * @param directory      the queue's directory; created when missing.
     * @param rollCycle      a roll cycle name, e.g. {@code FAST_HOURLY}.
     * @param blockSizeBytes bytes mapped at a time; larger means fewer mapping events.
     */
    public JournalWriter(final Path directory, final String rollCycle, final long blockSizeBytes)
    {
        this.directory = directory;
        this.queue = SingleChronicleQueueBuilder.single(directory.toFile())
            .rollCycle(JournalReader.rollCycle(rollCycle))
            .blockSize(blockSizeBytes)
            .build();
        this.appender = queue.createAppender();
    }

    /**
     * Appends one message to the open document, opening one when needed.
     *
     * @param buffer holding the message.
     * @param offset of its first byte.
     * @param length of the message.
     */
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (document != null && bytes.writePosition() - documentStart + LENGTH_FIELD + length > DOCUMENT_BYTES)
        {
            flush();
        }
        if (document == null)
        {
            document = appender.writingDocument();
            bytes = document.wire().bytes();
            documentStart = bytes.writePosition();
        }
        final long position = bytes.writePosition();
        bytes.writeSkip(LENGTH_FIELD + length);
        view.wrap(bytes.addressForWrite(position), LENGTH_FIELD + length);
        view.putInt(0, length, ByteOrder.LITTLE_ENDIAN);
        view.putBytes(LENGTH_FIELD, buffer, offset, length);
        appended++;
    }

    /**
     * Closes the open document, if any, making its messages visible to readers.
     */
    public void flush()
    {
        if (document != null)
        {
            document.close();
            document = null;
            bytes = null;
        }
    }

    /**
     * @return messages appended by this writer.
     */
    public long appended()
    {
        return appended;
    }

    /**
     * @return the journal's directory.
     */
    public Path directory()
    {
        return directory;
    }

    @Override
    public void close()
    {
        flush();
        appender.close();
        queue.close();
    }
}
