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
import java.util.List;
import java.util.Locale;

/**
 * Reads a journal from its start (or from a time, {@link #seek(long)}), handing each record to a handler as a view
 * over the queue's mapped memory (no copy, no allocation per record). Records are what the writer was given: the
 * reader does not interpret them; {@link JournalFormat} tells their kinds apart. One reader per thread.
 */
public final class JournalReader implements AutoCloseable
{
    private static final int LENGTH_FIELD = Integer.BYTES;

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final org.agrona.ExpandableArrayBuffer copy = new org.agrona.ExpandableArrayBuffer(64 * 1024);
    private final Path directory;
    private final UnsafeBuffer cursorView = new UnsafeBuffer(0, 0);
    private final org.agrona.ExpandableArrayBuffer cursorCopy = new org.agrona.ExpandableArrayBuffer(64 * 1024);
    private DocumentContext cursorDocument;
    private long seekMarkRecvTsNs = Long.MIN_VALUE;
    private int cursorLength;
    private int cursorPosition;
    private int recordOffset;
    private int recordLength;

    /**
     * Opens an existing journal read-only, without checking what it holds (see {@link #open(Path)}).
     *
     * @param directory the queue's directory.
     * @throws JournalException when the directory does not exist or holds no Chronicle Queue.
     */
    public JournalReader(final Path directory)
    {
        this.directory = directory;
        if (!Files.exists(directory))
        {
            throw new JournalException("no journal at " + directory + ": the directory does not exist", true);
        }
        if (!Files.isDirectory(directory))
        {
            throw new JournalException("no journal at " + directory + ": not a directory", true);
        }
        final String cycleFile;
        try (var files = Files.list(directory))
        {
            cycleFile = files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".cq4"))
                .sorted().findFirst().orElse(null);
        }
        catch (final java.io.IOException ex)
        {
            throw new JournalException("cannot list " + directory + ": " + ex.getMessage(), ex);
        }
        if (cycleFile == null)
        {
            throw new JournalException("no journal at " + directory + ": not a journal (no Chronicle Queue .cq4 " +
                "cycle files)", true);
        }
        final SingleChronicleQueueBuilder builder =
            SingleChronicleQueueBuilder.single(directory.toFile()).readOnly(true);
        final RollCycle rollCycle = rollCycleOfFile(cycleFile.substring(0, cycleFile.length() - ".cq4".length()));
        if (rollCycle == null)
        {
            throw new JournalException("no journal at " + directory + ": " + cycleFile +
                " is not named like a Chronicle Queue cycle file");
        }
        builder.rollCycle(rollCycle);
        try
        {
            this.queue = builder.build();
            this.tailer = startTailer(queue);
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException("cannot read journal " + directory + ": not a readable Chronicle Queue (" +
                ex.getMessage() + ")", ex);
        }
    }

    /**
     * A tailer at the journal's first record. Cycle files may have been deleted (retention, or by hand) since the
     * queue noted its lowest cycle, which a read-only queue does not update and from which a tailer at the start
     * would find nothing: the tailer then starts at the oldest cycle file there is.
     */
    private static ExcerptTailer startTailer(final SingleChronicleQueue queue)
    {
        final ExcerptTailer tailer = queue.createTailer().toStart();
        final int firstCycle = queue.firstCycle();
        final int lastCycle = queue.lastCycle();
        if (firstCycle >= 0 && lastCycle >= firstCycle)
        {
            final CycleFiles cycleFiles = new CycleFiles(queue.rollCycle());
            final List<String> names = cycleFiles.list(queue.file().toPath());
            if (!names.isEmpty() && names.get(0).compareTo(cycleFiles.name(firstCycle)) > 0)
            {
                final int oldest = cycleFiles.cycleOf(names.get(0), firstCycle, lastCycle);
                if (oldest >= 0)
                {
                    tailer.moveToCycle(oldest);
                }
            }
        }
        return tailer;
    }

    /**
     * Opens a journal for replay and checks it first: refused when a live engine is writing it ({@link JournalLock})
     * or when its first record is not a MarketPrism record this build reads (another program's queue, or a journal
     * written by a newer MarketPrism). Opening modifies nothing in the directory.
     *
     * @param directory the journal directory.
     * @return a reader at the journal's start.
     * @throws JournalException saying what is wrong.
     */
    public static JournalReader open(final Path directory)
    {
        if (Files.isDirectory(directory) && JournalLock.isHeld(directory))
        {
            throw new JournalException("journal " + directory + " is being written by a live engine (" +
                JournalLock.FILE_NAME + " is locked); replay it once the engine has stopped, or replay a copy");
        }
        final JournalReader reader = new JournalReader(directory);
        try
        {
            reader.checkFirstRecord();
            return reader;
        }
        catch (final RuntimeException ex)
        {
            reader.close();
            throw ex;
        }
    }

    private void checkFirstRecord()
    {
        final int[] kind = { 0 };
        final long[] at = { 0 };
        final ExcerptTailer probe = startTailer(queue);
        try (DocumentContext dc = probe.readingDocument())
        {
            if (!dc.isPresent())
            {
                return;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final int length = (int)Math.min(bytes.readRemaining(), 64);
            if (length < LENGTH_FIELD + JournalFormat.HEADER_LENGTH)
            {
                throw new JournalException("not a MarketPrism journal: " + directory + " (its first document holds " +
                    length + " bytes, no record)");
            }
            final UnsafeBuffer first = new UnsafeBuffer(new byte[length]);
            bytes.read(first.byteArray(), 0, length);
            final int recordLength = first.getInt(0, ByteOrder.LITTLE_ENDIAN);
            kind[0] = JournalFormat.kind(first, LENGTH_FIELD, Math.min(recordLength, length - LENGTH_FIELD));
            at[0] = dc.index();
            if (kind[0] == JournalFormat.UNKNOWN_SCHEMA || recordLength <= 0)
            {
                throw new JournalException("not a MarketPrism journal: " + directory + " (first record has schema id " +
                    JournalFormat.schemaId(first, LENGTH_FIELD) + "; expected " + JournalFormat.NORMALIZED_SCHEMA_ID +
                    " or " + JournalFormat.JOURNAL_SCHEMA_ID + ")");
            }
            if (kind[0] == JournalFormat.NEWER_VERSION)
            {
                throw newerVersion(first, LENGTH_FIELD);
            }
        }
        finally
        {
            probe.close();
        }
    }

    /**
     * @param buffer holding a record of a newer version.
     * @param offset its header.
     * @return the exception to throw, naming both versions.
     */
    public JournalException newerVersion(final DirectBuffer buffer, final int offset)
    {
        final boolean normalized = JournalFormat.schemaId(buffer, offset) == JournalFormat.NORMALIZED_SCHEMA_ID;
        return new JournalException("journal " + directory + " was written by a newer MarketPrism: " +
            (normalized ? "market-data" : "journal") + " schema version " + JournalFormat.version(buffer, offset) +
            ", this build reads up to version " + (normalized ?
            JournalFormat.NORMALIZED_SCHEMA_VERSION : JournalFormat.JOURNAL_SCHEMA_VERSION));
    }

    /**
     * Delivers the instrument definitions the journal's writers copied to {@link JournalWriter#DEFINITIONS_FILE},
     * oldest first, whether or not retention has since deleted the cycle files they were journaled in: a reader
     * names later messages from them. A journal written before that file existed has none (its definitions are in
     * its cycle files only); a record cut short by a crash ends the list. Cold path; does not move the reader.
     *
     * @param handler receives each definition (index -1).
     * @return definitions delivered.
     */
    public int readDefinitions(final Handler handler)
    {
        final byte[] bytes = readFileBeside(JournalWriter.DEFINITIONS_FILE);
        if (bytes == null)
        {
            return 0;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int count = 0;
        int position = 0;
        while (position + LENGTH_FIELD <= bytes.length)
        {
            final int length = buffer.getInt(position, ByteOrder.LITTLE_ENDIAN);
            if (length < JournalFormat.HEADER_LENGTH || length > bytes.length - position - LENGTH_FIELD)
            {
                break;
            }
            handler.onMessage(buffer, position + LENGTH_FIELD, length, -1);
            count++;
            position += LENGTH_FIELD + length;
        }
        return count;
    }

    /**
     * Positions the reader where a time range starting at a time can start: at the last time mark
     * ({@link JournalWriter#TIME_MARKS_FILE}) whose document and every document before it hold only records received
     * before that time. Exact whatever the order of the records' times: nothing received at or after it lies before
     * the position (records before it in the documents read from there are the caller's to filter, as it filters
     * every record). Without a usable mark (a journal written before marks existed, a time before the first mark,
     * a mark in a cycle file since deleted) the reader stays where it is. Cold path: reads the marks file.
     *
     * @param recvTsNs ns since epoch.
     * @return the Chronicle index the reader was moved to, or -1 when it was not moved.
     */
    public long seekBefore(final long recvTsNs)
    {
        final byte[] bytes = readFileBeside(JournalWriter.TIME_MARKS_FILE);
        if (bytes == null)
        {
            return -1;
        }
        final UnsafeBuffer marks = new UnsafeBuffer(bytes);
        // the marks' times rise (each is the latest up to its document): the last one before the time
        int low = 0;
        int high = bytes.length / JournalWriter.MARK_LENGTH;
        while (low < high)
        {
            final int middle = (low + high) >>> 1;
            if (marks.getLong(middle * JournalWriter.MARK_LENGTH + Long.BYTES, ByteOrder.LITTLE_ENDIAN) < recvTsNs)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        if (low == 0)
        {
            return -1;
        }
        if (cursorDocument != null)
        {
            closeCursorDocument();
        }
        final int mark = (low - 1) * JournalWriter.MARK_LENGTH;
        final long index = marks.getLong(mark, ByteOrder.LITTLE_ENDIAN);
        final long before = tailer.index();
        if (tailer.moveToIndex(index))
        {
            seekMarkRecvTsNs = marks.getLong(mark + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            return index;
        }
        tailer.moveToIndex(before);
        return -1;
    }

    /**
     * @return the time of the mark {@link #seekBefore(long)} last moved the reader to: every record up to its document
     * was received at or before it; {@link Long#MIN_VALUE} if it never moved the reader.
     */
    public long seekMarkRecvTsNs()
    {
        return seekMarkRecvTsNs;
    }

    /**
     * @return the bytes of a file the writers keep beside the cycle files, or null when the journal has none.
     */
    private byte[] readFileBeside(final String name)
    {
        final Path file = directory.resolve(name);
        if (!Files.exists(file))
        {
            return null;
        }
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final java.io.IOException ex)
        {
            throw new JournalException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Positions the reader at the first document whose first record was received at or after a time, found by binary
     * search over the documents (receive times rise through a journal, up to the small disorder of merged sources,
     * so readers that need an exact bound still filter each record).
     *
     * @param recvTsNs ns since epoch.
     * @return the Chronicle index positioned at, or -1 when every document is older (the reader is then at the end).
     */
    public long seek(final long recvTsNs)
    {
        if (cursorDocument != null)
        {
            // a document next() left open would otherwise be read on (and, closed later, move the tailer past the
            // position found here)
            closeCursorDocument();
        }
        final RollCycle cycles = queue.rollCycle();
        int cycle = queue.firstCycle();
        final int lastCycle = queue.lastCycle();
        if (cycle == Integer.MAX_VALUE || lastCycle < 0)
        {
            tailer.toEnd();
            return -1;
        }
        int chosen = cycle;
        while (cycle <= lastCycle)
        {
            final long first = documentTime(cycles.toIndex(cycle, 0));
            if (first != Long.MIN_VALUE && first > recvTsNs)
            {
                break;
            }
            chosen = cycle;
            cycle = nextCycle(cycle);
            if (cycle < 0)
            {
                break;
            }
        }
        long high = 1;
        while (documentTime(cycles.toIndex(chosen, high)) < recvTsNs)
        {
            high <<= 1;
        }
        long low = high >> 1;
        if (documentTime(cycles.toIndex(chosen, 0)) >= recvTsNs)
        {
            low = 0;
            high = 0;
        }
        // invariant: time(low) < recvTsNs (or low == high == 0), time(high) >= recvTsNs or high is past the end
        while (high - low > 1)
        {
            final long middle = (low + high) >>> 1;
            if (documentTime(cycles.toIndex(chosen, middle)) < recvTsNs)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        final long index = cycles.toIndex(chosen, high);
        if (tailer.moveToIndex(index))
        {
            return index;
        }
        final int next = nextCycle(chosen);
        if (next >= 0 && tailer.moveToIndex(cycles.toIndex(next, 0)))
        {
            return cycles.toIndex(next, 0);
        }
        tailer.toEnd();
        return -1;
    }

    private int nextCycle(final int cycle)
    {
        try
        {
            return queue.nextCycle(cycle, net.openhft.chronicle.queue.TailerDirection.FORWARD);
        }
        catch (final java.text.ParseException ex)
        {
            return -1;
        }
    }

    /**
     * The receive time of a document's first record; {@link Long#MAX_VALUE} past the end, {@link Long#MIN_VALUE} when
     * it has none. Moves the tailer; cold path.
     */
    private long documentTime(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return Long.MAX_VALUE;
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return Long.MAX_VALUE;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final int length = (int)Math.min(bytes.readRemaining(), LENGTH_FIELD + RawFrame.FIXED_LENGTH);
            copy.checkLimit(length);
            bytes.read(copy.byteArray(), 0, length);
            if (length < LENGTH_FIELD + JournalFormat.HEADER_LENGTH + Long.BYTES + 4 ||
                JournalFormat.schemaId(copy, LENGTH_FIELD) != JournalFormat.JOURNAL_SCHEMA_ID &&
                JournalFormat.schemaId(copy, LENGTH_FIELD) != JournalFormat.NORMALIZED_SCHEMA_ID)
            {
                return Long.MIN_VALUE;
            }
            return JournalFormat.recvTsNs(copy, LENGTH_FIELD);
        }
    }

    /**
     * Delivers the messages of up to {@code limit} documents (see {@link JournalWriter} for the format).
     *
     * @param handler receives each message; the buffer is valid during the call only.
     * @param limit   most documents to read.
     * @return messages delivered; 0 at the end of the journal.
     * @throws JournalException when a document's records do not add up (a damaged journal).
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
                        throw new JournalException("journal " + directory + " is damaged at index " +
                            Long.toHexString(dc.index()) + ": a record of " + messageLength + " bytes at byte " +
                            position + " of a " + length + "-byte document (truncated, or not a MarketPrism journal)");
                    }
                    handler.onMessage(view, position + LENGTH_FIELD, messageLength, dc.index());
                    position += LENGTH_FIELD + messageLength;
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Moves to the next record, pull-style, as an alternative to {@link #poll}: the record is then
     * {@link #recordBuffer()} from {@link #recordOffset()} for {@link #recordLength()} bytes, valid until the next
     * call. The document holding it stays open meanwhile (a writer is not held up: Chronicle readers take no lock).
     *
     * @return true when positioned on a record; false at the end of the journal.
     * @throws JournalException when a document's records do not add up (a damaged journal).
     */
    public boolean next()
    {
        while (true)
        {
            if (cursorDocument != null)
            {
                if (cursorPosition + LENGTH_FIELD <= cursorLength)
                {
                    final int messageLength = cursorView.getInt(cursorPosition, ByteOrder.LITTLE_ENDIAN);
                    if (messageLength < 0 || cursorPosition + LENGTH_FIELD + messageLength > cursorLength)
                    {
                        final long index = cursorDocument.index();
                        closeCursorDocument();
                        throw new JournalException("journal " + directory + " is damaged at index " +
                            Long.toHexString(index) + ": a record of " + messageLength + " bytes at byte " +
                            cursorPosition + " of a " + cursorLength +
                            "-byte document (truncated, or not a MarketPrism journal)");
                    }
                    recordOffset = cursorPosition + LENGTH_FIELD;
                    recordLength = messageLength;
                    cursorPosition += LENGTH_FIELD + messageLength;
                    return true;
                }
                closeCursorDocument();
            }
            final DocumentContext dc = tailer.readingDocument();
            if (!dc.isPresent())
            {
                dc.close();
                return false;
            }
            cursorDocument = dc;
            final Bytes<?> bytes = dc.wire().bytes();
            cursorLength = (int)bytes.readRemaining();
            if (bytes.bytesStore().inside(bytes.readPosition(), cursorLength))
            {
                cursorView.wrap(bytes.addressForRead(bytes.readPosition()), cursorLength);
            }
            else
            {
                cursorCopy.checkLimit(cursorLength);
                bytes.read(cursorCopy.byteArray(), 0, cursorLength);
                cursorView.wrap(cursorCopy, 0, cursorLength);
            }
            cursorPosition = 0;
        }
    }

    private void closeCursorDocument()
    {
        cursorDocument.close();
        cursorDocument = null;
    }

    /**
     * @return the buffer holding the record {@link #next()} moved to.
     */
    public DirectBuffer recordBuffer()
    {
        return cursorView;
    }

    /**
     * @return offset of the current record's header in {@link #recordBuffer()}.
     */
    public int recordOffset()
    {
        return recordOffset;
    }

    /**
     * @return length of the current record.
     */
    public int recordLength()
    {
        return recordLength;
    }

    /**
     * @return the journal directory.
     */
    public Path directory()
    {
        return directory;
    }

    @Override
    public void close()
    {
        if (cursorDocument != null)
        {
            closeCursorDocument();
        }
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
