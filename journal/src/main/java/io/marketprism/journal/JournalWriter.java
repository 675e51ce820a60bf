/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import io.marketprism.sbe.InstrumentDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
 * Chronicle maps a queue a block at a time and cannot hold a document larger than its mapping window, so a writer
 * stores messages of at most {@link #maxMessageLength()} bytes (a quarter of the block size, less the record
 * header) and refuses longer ones with {@link #TOO_LARGE} instead of corrupting the queue. The engine's configuration
 * makes the block size large enough for the largest message its ring can carry.
 * <p>
 * Every instrument definition appended is also appended to {@link #DEFINITIONS_FILE} beside the cycle files, in the
 * same record format: retention ({@link JournalRetention}) deletes old cycle files, and with them the definitions
 * journaled when the engine started, which every later message is named from; a reader loads them from there
 * ({@link JournalReader#readDefinitions(JournalReader.Handler)}). Definitions are rare (start-up, listings): the
 * extra write is off the steady state.
 * <p>
 * Beside them too, {@link #TIME_MARKS_FILE}: a mark each time the latest receive time appended so far moves on by a
 * second, so that a reader can start a time range near its start ({@link JournalReader#seekBefore(long)}). And between
 * documents, in the caller's idle time, {@link #pretouch(int)} touches the pages the next appends will write, so
 * that they do not take those page faults themselves. Each mapping the writer writes into is advised as random access
 * ({@link RandomAccessAdvice}), so that a page fault maps one page instead of reading the kernel's read-ahead window
 * of the sparse file (8 MB zeroed, about 20 ms, on a machine whose disk reads ahead 8 MB); the next block is mapped
 * and advised a mebibyte before the writer reaches it, so that not even its first fault reads ahead.
 * <p>
 * A writer holds the directory's {@link JournalLock} while open, so readers can tell a journal still being written.
 * One writer per thread (Chronicle appenders are per thread). Steady-state appends do not allocate; rolling to a new
 * cycle file and mapping a new block do.
 */
public final class JournalWriter implements AutoCloseable
{
    /**
     * Bytes after which a document is closed even if the batch goes on.
     */
    public static final int DOCUMENT_BYTES = 64 * 1024;

    /**
     * {@link #append(DirectBuffer, int, int)} result: the message was appended.
     */
    public static final int APPENDED = 0;

    /**
     * {@link #append(DirectBuffer, int, int)} result: the message is longer than {@link #maxMessageLength()}; nothing
     * was written.
     */
    public static final int TOO_LARGE = -1;

    /**
     * The file, in the journal's directory, holding a copy of every instrument definition the journal was given.
     */
    public static final String DEFINITIONS_FILE = "instruments.sbe";

    /**
     * The file, in the journal's directory, of time marks: pairs of a Chronicle index and the latest receive time of
     * any record in that document or before it (little-endian int64 each), one each time that latest time has moved
     * on by {@link #MARK_INTERVAL_NS} (about 1.4 MB a day). The times only rise, so a reader finds by binary search
     * where a time range can start ({@link JournalReader#seekBefore(long)}), whatever the order of the records' own
     * times.
     */
    public static final String TIME_MARKS_FILE = "times.idx";

    /**
     * Receive time between two time marks: one second.
     */
    public static final long MARK_INTERVAL_NS = 1_000_000_000L;

    /**
     * How far ahead of the write position {@link #pretouch(int)} goes: 1 MiB.
     */
    public static final int PRETOUCH_AHEAD_BYTES = 1 << 20;

    private static final int PAGE_BYTES = 4096;

    /** Bytes of a time mark. */
    static final int MARK_LENGTH = 2 * Long.BYTES;
    private static final int MARKS_BUFFERED = 256;

    private static final int LENGTH_FIELD = Integer.BYTES;

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[64 * 1024]);
    private final Path directory;
    private DocumentContext document;
    private Bytes<?> bytes;
    private long documentStart;
    private long appended;
    private final int maxMessageLength;
    private final int documentBytes;
    private final JournalLock lock;
    private FileChannel definitions;
    private FileChannel timeMarks;
    private final ByteBuffer marks = ByteBuffer.allocate(MARKS_BUFFERED * MARK_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private long latestRecvTsNs = Long.MIN_VALUE;
    private long markedRecvTsNs = Long.MIN_VALUE;
    private boolean unmarked;
    /** The mapping the last document was written into, and where it ended: what {@link #pretouch} may touch. */
    private net.openhft.chronicle.bytes.BytesStore<?, ?> lastStore;
    private long lastEnd;
    private long touchedUpTo;
    private long pagesTouched;
    private long mappingsAdvised;
    /** The file of {@link #lastStore}, and its next block, mapped and advised before the writer gets there. */
    private MappedFile lastFile;
    private MappedBytesStore next;
    private final ReferenceOwner nextOwner = ReferenceOwner.temporary("journal-next-block");
    private long mappingsEnteredAdvised;

    /**
     * Opens (or creates) the journal. Call from the thread that will append.
     *
     * @param directory      the queue's directory; created when missing. Appends to what is there (also after a
     *                       crash: Chronicle recovers the last incomplete document).
     * @param rollCycle      a roll cycle name, e.g. {@code FAST_HOURLY}.
     * @param blockSizeBytes bytes mapped at a time; larger means fewer mapping events.
     * @throws JournalException when another writer has the directory ({@link JournalLock}).
     */
    public JournalWriter(final Path directory, final String rollCycle, final long blockSizeBytes)
    {
        this(directory, rollCycle, blockSizeBytes, SystemTimeProvider.INSTANCE);
    }

    /**
     * Opens (or creates) the journal with a clock of the caller's: tests write cycles of other times.
     */
    JournalWriter(final Path directory, final String rollCycle, final long blockSizeBytes, final TimeProvider clock)
    {
        this.directory = directory;
        this.lock = JournalLock.acquire(directory);
        try
        {
            this.queue = SingleChronicleQueueBuilder.single(directory.toFile())
                .rollCycle(JournalReader.rollCycle(rollCycle))
                .blockSize(blockSizeBytes)
                .timeProvider(clock)
                .build();
        }
        catch (final RuntimeException ex)
        {
            lock.close();
            throw ex;
        }
        this.appender = queue.createAppender();
        this.maxMessageLength = maxMessageLength(blockSizeBytes);
        this.documentBytes = Math.min(DOCUMENT_BYTES, maxMessageLength + LENGTH_FIELD);
        try
        {
            latestRecvTsNs = resumeTimeMarks(directory.resolve(TIME_MARKS_FILE));
            markedRecvTsNs = latestRecvTsNs;
            resumeDefinitions(directory.resolve(DEFINITIONS_FILE));
        }
        catch (final IOException ex)
        {
            closeQueue();
            throw new JournalException("cannot open " + directory + "'s " + TIME_MARKS_FILE + " or " +
                DEFINITIONS_FILE + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * A journal written before, perhaps by a writer that crashed: a mark cut short is dropped, so that the marks
     * appended now line up, and the latest time so far carries on from its last mark, so that the marks' times keep
     * rising even when this writer's records are older than the last writer's (a capture imported after a newer
     * one).
     *
     * @return the last mark's time, or {@link Long#MIN_VALUE}.
     */
    private static long resumeTimeMarks(final Path file) throws IOException
    {
        if (!java.nio.file.Files.exists(file))
        {
            return Long.MIN_VALUE;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final long whole = channel.size() / MARK_LENGTH * MARK_LENGTH;
            channel.truncate(whole);
            if (whole == 0)
            {
                return Long.MIN_VALUE;
            }
            final ByteBuffer last = ByteBuffer.allocate(MARK_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            while (last.hasRemaining() && channel.read(last, whole - MARK_LENGTH + last.position()) > 0)
            {
                // read the last mark whole
            }
            return last.getLong(Long.BYTES);
        }
    }

    /**
     * Drops a definition cut short at the end of the file (a crash while it was copied), so that the definitions
     * appended now are read after the whole ones.
     */
    private static void resumeDefinitions(final Path file) throws IOException
    {
        if (!java.nio.file.Files.exists(file))
        {
            return;
        }
        final byte[] bytes = java.nio.file.Files.readAllBytes(file);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int whole = 0;
        while (whole + LENGTH_FIELD <= bytes.length)
        {
            final int length = buffer.getInt(whole, ByteOrder.LITTLE_ENDIAN);
            if (length < JournalFormat.HEADER_LENGTH || length > bytes.length - whole - LENGTH_FIELD)
            {
                break;
            }
            whole += LENGTH_FIELD + length;
        }
        if (whole < bytes.length)
        {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
            {
                channel.truncate(whole);
            }
        }
    }

    /**
     * Creates and maps the current cycle file now, writing nothing, so that the first real append does not pay for
     * it (class loading, file creation and mapping took most of a second on a small machine). Call before traffic.
     */
    public void prepare()
    {
        flush();
        final DocumentContext warmUp = appender.writingDocument();
        warmUp.rollbackOnClose();
        warmUp.close();
    }

    /**
     * The largest message a journal with this block size stores.
     *
     * @param blockSizeBytes Chronicle block size.
     * @return bytes.
     */
    public static int maxMessageLength(final long blockSizeBytes)
    {
        return (int)Math.min(Integer.MAX_VALUE, blockSizeBytes / 4 - LENGTH_FIELD);
    }

    /**
     * @return the largest message this writer stores.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Appends one message to the open document, opening one when needed.
     *
     * @param buffer holding the message.
     * @param offset of its first byte.
     * @param length of the message.
     * @return {@link #APPENDED} or {@link #TOO_LARGE}.
     */
    public int append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > maxMessageLength)
        {
            return TOO_LARGE;
        }
        if (document != null && bytes.writePosition() - documentStart + LENGTH_FIELD + length > documentBytes)
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
        final int recordLength = LENGTH_FIELD + length;
        bytes.writeSkip(recordLength);
        if (bytes.bytesStore().inside(position, recordLength))
        {
            // the whole record lies in the current mapping: one copy straight into mapped memory
            view.wrap(bytes.addressForWrite(position), recordLength);
            view.putInt(0, length, ByteOrder.LITTLE_ENDIAN);
            view.putBytes(LENGTH_FIELD, buffer, offset, length);
        }
        else
        {
            writeAcrossMappings(position, buffer, offset, length);
        }
        appended++;
        final long recvTsNs = JournalFormat.recvTsNs(buffer, offset, length);
        if (recvTsNs > latestRecvTsNs)
        {
            latestRecvTsNs = recvTsNs;
        }
        if (length >= JournalFormat.HEADER_LENGTH &&
            JournalFormat.templateId(buffer, offset) == InstrumentDecoder.TEMPLATE_ID &&
            JournalFormat.schemaId(buffer, offset) == JournalFormat.NORMALIZED_SCHEMA_ID)
        {
            copyDefinition(buffer, offset, length);
        }
        return APPENDED;
    }

    /**
     * Appends an instrument definition to {@link #DEFINITIONS_FILE}, opening it the first time; cold path.
     *
     * @throws JournalException when the file cannot be written: a journal whose later messages could not be named
     *                          after retention is not kept silently.
     */
    private void copyDefinition(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] record = new byte[LENGTH_FIELD + length];
        final UnsafeBuffer recordView = new UnsafeBuffer(record);
        recordView.putInt(0, length, ByteOrder.LITTLE_ENDIAN);
        recordView.putBytes(LENGTH_FIELD, buffer, offset, length);
        try
        {
            if (definitions == null)
            {
                definitions = FileChannel.open(directory.resolve(DEFINITIONS_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            final ByteBuffer bytes = ByteBuffer.wrap(record);
            while (bytes.hasRemaining())
            {
                definitions.write(bytes);
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot write " + directory.resolve(DEFINITIONS_FILE) + ": " +
                ex.getMessage(), ex);
        }
    }

    /**
     * A record that crosses the end of Chronicle's current mapping (a large message, or a small block size) is
     * written through Chronicle's own stream API, which moves between mappings; cold path.
     */
    private void writeAcrossMappings(final long position, final DirectBuffer buffer, final int offset, final int length)
    {
        bytes.writePosition(position);
        scratch.putInt(0, length, ByteOrder.LITTLE_ENDIAN);
        bytes.write(scratch.byteArray(), 0, LENGTH_FIELD);
        for (int written = 0; written < length; )
        {
            final int chunk = Math.min(scratch.capacity(), length - written);
            buffer.getBytes(offset + written, scratch, 0, chunk);
            bytes.write(scratch.byteArray(), 0, chunk);
            written += chunk;
        }
    }

    /**
     * Closes the open document, if any, making its messages visible to readers.
     */
    public void flush()
    {
        if (document != null)
        {
            if (bytes.bytesStore() != lastStore)
            {
                enteredMapping();
            }
            lastEnd = bytes.writePosition();
            if (next == null && lastFile != null && !lastStore.inside(lastEnd + PRETOUCH_AHEAD_BYTES, Long.BYTES))
            {
                // within a mebibyte of the end of this mapping: map the next block now, so the writer enters it advised
                mapNextBlock();
            }
            document.close();
            document = null;
            bytes = null;
            unmarked = true;
            if (latestRecvTsNs - markedRecvTsNs >= MARK_INTERVAL_NS || markedRecvTsNs == Long.MIN_VALUE)
            {
                mark();
            }
        }
    }

    /**
     * Touches pages of the journal ahead of where it was last written, up to {@link #PRETOUCH_AHEAD_BYTES} ahead and
     * within the mapping the writer is in, so that the next appends do not take the page faults of a fresh page of a
     * sparse file (a block allocated and zeroed) themselves. For the journal stage's idle time: it costs about a
     * page fault a page, so the caller bounds the pages a call. Each page is touched as Chronicle's own toucher does,
     * a compare-and-swap of zero for zero on its first word, which can change nothing a writer wrote. Call on the
     * writer's thread, between documents; never inside one.
     *
     * @param maxPages most pages to touch.
     * @return pages touched (0 when everything within reach is touched already, or nothing was written yet).
     */
    public int pretouch(final int maxPages)
    {
        if (document != null || lastStore == null)
        {
            return 0;
        }
        long page = Math.max(touchedUpTo, (lastEnd + PAGE_BYTES - 1) & -PAGE_BYTES);
        final long limit = lastEnd + PRETOUCH_AHEAD_BYTES;
        int touched = 0;
        while (touched < maxPages && page < limit && lastStore.inside(page, Long.BYTES))
        {
            lastStore.compareAndSwapLong(page, 0, 0);
            page += PAGE_BYTES;
            touched++;
        }
        touchedUpTo = page;
        pagesTouched += touched;
        return touched;
    }

    /**
     * The writer has moved into another mapping (the next block, or a new cycle file whose positions start again).
     * One this writer mapped ahead is advised already and held by the writer now, so the hold taken for it is let
     * go; any other is advised now, after its first page fault.
     */
    private void enteredMapping()
    {
        lastStore = bytes.bytesStore();
        touchedUpTo = 0;
        lastFile = bytes instanceof MappedBytes && lastStore instanceof MappedBytesStore ?
            ((MappedBytes)bytes).mappedFile() : null;
        if (lastStore == next)
        {
            mappingsEnteredAdvised++;
        }
        else if (RandomAccessAdvice.advise(lastStore))
        {
            mappingsAdvised++;
        }
        releaseNext();
    }

    /**
     * Maps the block after the writer's (Chronicle keeps a block's mapping while anyone holds it, and hands the same
     * one to the appender when it gets there) and advises it, a mebibyte before the writer gets there. Cold: once a
     * block (a map and an advice call, some microseconds, against the 8 MB read-ahead it saves).
     */
    private void mapNextBlock()
    {
        final long nextStart = ((MappedBytesStore)lastStore).start() + lastFile.chunkSize();
        try
        {
            next = lastFile.acquireByteStore(nextOwner, nextStart);
            if (RandomAccessAdvice.advise(next))
            {
                mappingsAdvised++;
            }
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            // the writer maps it itself when it gets there, as without this
            next = null;
            lastFile = null;
        }
    }

    private void releaseNext()
    {
        if (next != null)
        {
            final MappedBytesStore held = next;
            next = null;
            held.release(nextOwner);
        }
    }

    /**
     * @return mappings the writer moved into that it had mapped and advised ahead of itself, so that not even the
     *         first page fault in them read ahead.
     */
    public long mappingsEnteredAdvised()
    {
        return mappingsEnteredAdvised;
    }

    /**
     * @return pages {@link #pretouch(int)} has touched.
     */
    public long pagesTouched()
    {
        return pagesTouched;
    }

    /**
     * @return mappings of the journal this writer has advised the kernel not to read ahead in
     *         ({@link RandomAccessAdvice}).
     */
    public long mappingsAdvised()
    {
        return mappingsAdvised;
    }

    /**
     * Notes a time mark for the document just closed; the buffered marks go to {@link #TIME_MARKS_FILE} when the
     * buffer is full (every 256 marks) and on close. A crash loses the marks not written: a reader then starts
     * earlier, never later.
     */
    private void mark()
    {
        unmarked = false;
        if (latestRecvTsNs == Long.MIN_VALUE)
        {
            return;
        }
        markedRecvTsNs = latestRecvTsNs;
        marks.putLong(appender.lastIndexAppended()).putLong(latestRecvTsNs);
        if (!marks.hasRemaining())
        {
            writeMarks();
        }
    }

    private void writeMarks()
    {
        marks.flip();
        try
        {
            if (timeMarks == null && marks.hasRemaining())
            {
                timeMarks = FileChannel.open(directory.resolve(TIME_MARKS_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            while (marks.hasRemaining())
            {
                timeMarks.write(marks);
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot write " + directory.resolve(TIME_MARKS_FILE) + ": " +
                ex.getMessage(), ex);
        }
        finally
        {
            marks.clear();
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
        try
        {
            if (unmarked)
            {
                mark();
            }
            writeMarks();
            if (timeMarks != null)
            {
                timeMarks.close();
            }
            if (definitions != null)
            {
                definitions.close();
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot close " + directory + "'s " + DEFINITIONS_FILE + " or " +
                TIME_MARKS_FILE + ": " + ex.getMessage(), ex);
        }
        finally
        {
            releaseNext();
            closeQueue();
        }
    }

    private void closeQueue()
    {
        try
        {
            appender.close();
            queue.close();
        }
        finally
        {
            lock.close();
        }
    }
}
