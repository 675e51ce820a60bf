/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class JournalReaderTest
{
    private static final String ROLL_CYCLE = "FAST_HOURLY";
    private static final long BLOCK_SIZE = 4L * 1024 * 1024;

    @TempDir
    Path tempDir;

    private final UnsafeBuffer record = new UnsafeBuffer(new byte[4096]);
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[4096]);

    @Test
    void shouldRefuseMissingAndNonJournalDirectoriesSayingWhy() throws IOException
    {
        final Path missing = tempDir.resolve("missing");
        final JournalException noDirectory = assertThrows(JournalException.class, () -> JournalReader.open(missing));
        assertTrue(noDirectory.isNoJournal());
        assertEquals("no journal at " + missing + ": the directory does not exist", noDirectory.getMessage());

        final Path empty = Files.createDirectory(tempDir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "hello");
        final JournalException noQueue = assertThrows(JournalException.class, () -> JournalReader.open(empty));
        assertTrue(noQueue.isNoJournal());
        assertTrue(noQueue.getMessage().contains("no Chronicle Queue .cq4 cycle files"), noQueue.getMessage());

        final Path oddName = Files.createDirectory(tempDir.resolve("odd"));
        Files.writeString(oddName.resolve("backup.cq4"), "x");
        final JournalException badName = assertThrows(JournalException.class, () -> JournalReader.open(oddName));
        assertFalse(badName.isNoJournal());
        assertTrue(badName.getMessage().contains("backup.cq4 is not named like a Chronicle Queue cycle file"),
            badName.getMessage());
    }

    @Test
    void shouldRefuseAQueueWhoseFirstRecordIsNotAMarketPrismRecord()
    {
        final Path directory = tempDir.resolve("foreign");
        record.putShort(0, (short)16, ByteOrder.LITTLE_ENDIAN);
        record.putShort(2, (short)1, ByteOrder.LITTLE_ENDIAN);
        record.putShort(4, (short)4242, ByteOrder.LITTLE_ENDIAN);
        record.putShort(6, (short)1, ByteOrder.LITTLE_ENDIAN);
        writeRecords(directory, writer -> writer.append(record, 0, 24));

        final JournalException ex = assertThrows(JournalException.class, () -> JournalReader.open(directory));
        assertTrue(ex.getMessage().startsWith("not a MarketPrism journal: " + directory), ex.getMessage());
        assertTrue(ex.getMessage().contains("schema id 4242; expected 1701 or 1702"), ex.getMessage());
        assertFalse(ex.isNoJournal());
        assertFalse(JournalLock.isHeld(directory));
    }

    @Test
    void shouldRefuseAJournalWrittenByANewerVersionNamingBothVersions()
    {
        final Path normalized = tempDir.resolve("newer-normalized");
        final int tradeLength = RawFrameAndFormatTest.trade(record, 0, 1, 1_000L);
        record.putShort(6, (short)(JournalFormat.NORMALIZED_SCHEMA_VERSION + 1), ByteOrder.LITTLE_ENDIAN);
        writeRecords(normalized, writer -> writer.append(record, 0, tradeLength));
        final JournalException market = assertThrows(JournalException.class, () -> JournalReader.open(normalized));
        assertTrue(market.getMessage().contains("was written by a newer MarketPrism: market-data schema version " +
            (JournalFormat.NORMALIZED_SCHEMA_VERSION + 1) + ", this build reads up to version " +
            JournalFormat.NORMALIZED_SCHEMA_VERSION), market.getMessage());

        final Path raw = tempDir.resolve("newer-raw");
        final int frameLength = RawFrame.encode(record, 0, (short)1, 1, 1_000L, null, null, payload, 0, 4);
        record.putShort(6, (short)(JournalFormat.JOURNAL_SCHEMA_VERSION + 1), ByteOrder.LITTLE_ENDIAN);
        writeRecords(raw, writer -> writer.append(record, 0, frameLength));
        final JournalException journal = assertThrows(JournalException.class, () -> JournalReader.open(raw));
        assertTrue(journal.getMessage().contains("journal schema version " +
            (JournalFormat.JOURNAL_SCHEMA_VERSION + 1)), journal.getMessage());
    }

    @Test
    void shouldRefuseAFirstDocumentTooShortForARecord()
    {
        final Path directory = tempDir.resolve("short");
        writeDocuments(directory, bytes -> bytes.writeInt(7));
        final JournalException ex = assertThrows(JournalException.class, () -> JournalReader.open(directory));
        assertTrue(ex.getMessage().contains("its first document holds 4 bytes, no record"), ex.getMessage());
    }

    @Test
    void shouldOpenAJournalWithoutModifyingItAndReadItsRecords() throws IOException
    {
        final Path directory = tempDir.resolve("journal");
        writeFrames(directory, new long[][] {{ 10, 20 }, { 30 }});
        final Map<String, String> before = snapshot(directory);

        final List<Long> times = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory))
        {
            assertEquals(directory, reader.directory());
            while (reader.next())
            {
                assertEquals(JournalFormat.RAW_FRAME,
                    JournalFormat.kind(reader.recordBuffer(), reader.recordOffset(), reader.recordLength()));
                times.add(JournalFormat.recvTsNs(reader.recordBuffer(), reader.recordOffset()));
            }
            assertFalse(reader.next(), "stays at the end");
        }
        assertEquals(List.of(10L, 20L, 30L), times);
        assertEquals(before, snapshot(directory), "files and their bytes after open, read and close");
    }

    @Test
    void shouldOpenAJournalWithNoRecordsYet()
    {
        final Path directory = tempDir.resolve("prepared");
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE))
        {
            writer.prepare();
        }
        try (JournalReader reader = JournalReader.open(directory))
        {
            assertFalse(reader.next());
            assertEquals(0, reader.poll((buffer, offset, length, index) -> { }, 10));
            assertEquals(-1, reader.seek(0));
            assertFalse(reader.next());
        }
    }

    @Test
    void shouldDeliverTheSameRecordsThroughNextAsThroughPoll()
    {
        final Path directory = tempDir.resolve("cursor");
        final SplittableRandom random = new SplittableRandom(7);
        final int count = 5000;
        final int[] lengths = new int[count];
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE))
        {
            for (int i = 0; i < count; i++)
            {
                lengths[i] = random.nextInt(Integer.BYTES, 2000);
                fill(record, i, lengths[i]);
                assertEquals(JournalWriter.APPENDED, writer.append(record, 0, lengths[i]));
                if (random.nextInt(50) == 0)
                {
                    writer.flush();
                }
            }
        }

        final List<String> polled = new ArrayList<>();
        try (JournalReader reader = new JournalReader(directory))
        {
            final JournalReader.Handler handler =
                (buffer, offset, length, index) -> polled.add(describe(buffer, offset, length));
            while (reader.poll(handler, 3) > 0)
            {
                assertTrue(polled.size() <= count);
            }
        }
        final List<String> pulled = new ArrayList<>();
        try (JournalReader reader = new JournalReader(directory))
        {
            while (reader.next())
            {
                pulled.add(describe(reader.recordBuffer(), reader.recordOffset(), reader.recordLength()));
            }
        }
        assertEquals(count, polled.size());
        assertEquals(polled, pulled);
        for (int i = 0; i < count; i++)
        {
            assertEquals(i + ":" + lengths[i], pulled.get(i).substring(0, pulled.get(i).indexOf('#')), "record " + i);
        }
    }

    @Test
    void shouldSeekToTheFirstDocumentAtOrAfterATime()
    {
        final Path directory = tempDir.resolve("seek");
        final int documents = 300;
        final long[][] times = new long[documents][];
        for (int i = 0; i < documents; i++)
        {
            times[i] = new long[] { 1_000L * (i + 1) };
        }
        writeFrames(directory, times);

        try (JournalReader reader = JournalReader.open(directory))
        {
            assertEquals(1_000L, seekAndRead(reader, Long.MIN_VALUE), "before the first");
            assertEquals(1_000L, seekAndRead(reader, 0), "before the first");
            assertEquals(1_000L, seekAndRead(reader, 1_000), "exactly the first");
            assertEquals(2_000L, seekAndRead(reader, 1_001), "just after the first");
            assertEquals(300_000L, seekAndRead(reader, 300_000), "exactly the last");
            assertEquals(300_000L, seekAndRead(reader, 299_999), "just before the last");
            for (int i = 1; i <= documents; i++)
            {
                assertEquals(1_000L * i, seekAndRead(reader, 1_000L * i), "exact " + i);
                assertEquals(1_000L * i, seekAndRead(reader, 1_000L * i - 500), "between " + i);
            }

            assertEquals(-1, reader.seek(300_001), "after the last");
            assertFalse(reader.next(), "at the end after seeking past the last");
            assertEquals(-1, reader.seek(Long.MAX_VALUE));
            assertEquals(0, reader.poll((buffer, offset, length, index) -> { }, 10));

            final long index = reader.seek(150_000);
            final long[] polledIndex = { 0 };
            final long[] polledTime = { 0 };
            assertEquals(1, reader.poll((buffer, offset, length, at) ->
            {
                polledIndex[0] = at;
                polledTime[0] = JournalFormat.recvTsNs(buffer, offset);
            }, 1));
            assertEquals(index, polledIndex[0], "seek returns the index poll then reads");
            assertEquals(150_000L, polledTime[0]);
            int after = 0;
            while (reader.next())
            {
                after++;
            }
            assertEquals(150, after, "reading goes on to the end in order after a seek");
        }
    }

    @Test
    void shouldSeekOverDocumentsOfSeveralRecordsAndNormalizedMessages()
    {
        final Path directory = tempDir.resolve("seek-mixed");
        writeRecords(directory, writer ->
        {
            for (int document = 0; document < 40; document++)
            {
                final long first = 10_000L * (document + 1);
                for (int i = 0; i < 3; i++)
                {
                    final long recvTsNs = first + 100L * i;
                    final int length = document % 2 == 0 ?
                        RawFrame.encode(record, 0, (short)1, i, recvTsNs, "S", null, payload, 0, 8) :
                        RawFrameAndFormatTest.trade(record, 0, document, recvTsNs);
                    writer.append(record, 0, length);
                }
                writer.flush();
            }
        });

        try (JournalReader reader = JournalReader.open(directory))
        {
            for (int document = 0; document < 40; document++)
            {
                final long first = 10_000L * (document + 1);
                assertEquals(first, seekAndRead(reader, first), "exact " + document);
                assertEquals(first, seekAndRead(reader, first - 1), "before " + document);
            }
            // documented behaviour: seek positions on a document, so a time inside a document lands on the next one
            assertEquals(30_000L, seekAndRead(reader, 20_100));
            assertEquals(-1, reader.seek(400_001));
        }
    }

    @Test
    void shouldRepositionTheCursorWhenSeekingAfterNext()
    {
        final Path directory = tempDir.resolve("seek-after-next");
        writeFrames(directory, new long[][] {{ 100, 110, 120 }, { 200, 210 }, { 300 }});
        try (JournalReader reader = JournalReader.open(directory))
        {
            assertEquals(100L, seekAndRead(reader, 50));
            assertEquals(100L, seekAndRead(reader, 50), "again, with the first document still open");
            assertEquals(300L, seekAndRead(reader, 300));
            assertEquals(200L, seekAndRead(reader, 150), "backwards from the last document");
            assertTrue(reader.next());
            assertEquals(210L, JournalFormat.recvTsNs(reader.recordBuffer(), reader.recordOffset()));
            assertEquals(100L, seekAndRead(reader, 0), "back to the start from inside a document");
            final List<Long> rest = new ArrayList<>();
            while (reader.next())
            {
                rest.add(JournalFormat.recvTsNs(reader.recordBuffer(), reader.recordOffset()));
            }
            assertEquals(List.of(110L, 120L, 200L, 210L, 300L), rest);
        }
    }

    @Test
    void shouldReportADamagedDocumentAndGoOnWithTheNext()
    {
        final Path directory = tempDir.resolve("damaged");
        final int tradeLength = RawFrameAndFormatTest.trade(record, 0, 5, 100L);
        writeDocuments(directory,
            bytes -> writeRecord(bytes, tradeLength),
            bytes ->
            {
                writeRecord(bytes, tradeLength);
                bytes.writeInt(100);
                bytes.write(new byte[10]);
            },
            bytes ->
            {
                bytes.writeInt(-5);
                bytes.write(new byte[10]);
            },
            bytes -> writeRecord(bytes, tradeLength));

        final int[] delivered = { 0 };
        final JournalReader.Handler handler = (buffer, offset, length, index) ->
        {
            assertEquals(tradeLength, length);
            assertEquals(JournalFormat.NORMALIZED, JournalFormat.kind(buffer, offset, length));
            delivered[0]++;
        };
        try (JournalReader reader = JournalReader.open(directory))
        {
            assertEquals(1, reader.poll(handler, 1));
            final JournalException tooLong = assertThrows(JournalException.class, () -> reader.poll(handler, 1));
            assertTrue(tooLong.getMessage().contains("is damaged at index"), tooLong.getMessage());
            assertTrue(tooLong.getMessage().contains("a record of 100 bytes at byte " + (4 + tradeLength) + " of a " +
                (4 + tradeLength + 14) + "-byte document"), tooLong.getMessage());
            assertEquals(2, delivered[0], "the good record before the damage was delivered");
            final JournalException negative = assertThrows(JournalException.class, () -> reader.poll(handler, 1));
            assertTrue(negative.getMessage().contains("a record of -5 bytes at byte 0 of a 14-byte document"),
                negative.getMessage());
            assertEquals(1, reader.poll(handler, 10), "reading goes on after a damaged document");
            assertEquals(0, reader.poll(handler, 10));
        }

        try (JournalReader reader = JournalReader.open(directory))
        {
            assertTrue(reader.next());
            assertTrue(reader.next());
            assertEquals(tradeLength, reader.recordLength());
            final JournalException tooLong = assertThrows(JournalException.class, reader::next);
            assertTrue(tooLong.getMessage().contains("a record of 100 bytes"), tooLong.getMessage());
            final JournalException negative = assertThrows(JournalException.class, reader::next);
            assertTrue(negative.getMessage().contains("a record of -5 bytes"), negative.getMessage());
            assertTrue(reader.next(), "the cursor goes on after a damaged document");
            assertEquals(5, JournalFormat.instrumentId(reader.recordBuffer(), reader.recordOffset()));
            assertFalse(reader.next());
        }
    }

    @Test
    void shouldNotAllocateInNextOrPollOnceWarm()
    {
        final Path directory = tempDir.resolve("alloc");
        final int count = 40_000;
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE))
        {
            for (int i = 0; i < count; i++)
            {
                final int length = RawFrame.encode(record, 0, (short)1, i, i, "BTCUSDT", null, payload, 0, 200);
                writer.append(record, 0, length);
            }
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final int recordLength = RawFrame.encodedLength("BTCUSDT", null, 200);
        try (JournalReader reader = JournalReader.open(directory))
        {
            long checksum = 0;
            int read = 0;
            for (; read < count / 4; read++)
            {
                assertTrue(reader.next());
                checksum += reader.recordLength();
            }
            // five windows of count / 10 calls: a deoptimisation or tier change on the test thread (JDK 25 once
            // charged 1,072 bytes to one window of 20,000 calls) can charge a window; the cursor does the same work
            // for every record, so one clean window proves next() itself allocates nothing
            final StringBuilder measured = new StringBuilder();
            boolean clean = false;
            for (int window = 0; window < 5; window++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                final int end = read + count / 10;
                for (; read < end; read++)
                {
                    if (!reader.next())
                    {
                        break;
                    }
                    checksum += reader.recordLength();
                }
                final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                measured.append(allocated).append(' ');
                clean |= allocated == 0;
            }
            while (reader.next())
            {
                checksum += reader.recordLength();
                read++;
            }
            assertEquals(count, read);
            assertEquals((long)count * recordLength, checksum);
            assertTrue(clean, "bytes allocated by each window of " + count / 10 + " next() calls: " + measured);
        }

        final long[] sum = { 0 };
        final JournalReader.Handler handler = (buffer, offset, length, index) -> sum[0] += length;
        try (JournalReader reader = JournalReader.open(directory))
        {
            int polled = reader.poll(handler, 40);
            // the same windows as for next(): JDK 25 once charged 48 bytes (a JIT event) to one pass over the journal
            final StringBuilder measured = new StringBuilder();
            boolean clean = false;
            int delivered = 1;
            while (delivered > 0)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                final int end = polled + count / 10;
                while (polled < end && (delivered = reader.poll(handler, 5)) > 0)
                {
                    polled += delivered;
                }
                final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                measured.append(allocated).append(' ');
                clean |= allocated == 0 && polled >= end;
            }
            assertEquals(count, polled);
            assertEquals((long)count * recordLength, sum[0]);
            assertTrue(clean, "bytes allocated by each window of " + count / 10 + " polled records: " + measured);
        }
    }

    private static String describe(final DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) + ":" + length + "#" +
            Arrays.hashCode(bytes(buffer, offset, length));
    }

    private static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        return copy;
    }

    private static void fill(final UnsafeBuffer buffer, final int sequence, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(i, (byte)(sequence * 31 + i * 7));
        }
        buffer.putInt(0, sequence, ByteOrder.LITTLE_ENDIAN);
    }

    private static long seekAndRead(final JournalReader reader, final long recvTsNs)
    {
        final long index = reader.seek(recvTsNs);
        assertTrue(index >= 0, "seek(" + recvTsNs + ") found nothing");
        assertTrue(reader.next(), "a record after seek(" + recvTsNs + ")");
        return JournalFormat.recvTsNs(reader.recordBuffer(), reader.recordOffset());
    }

    private void writeFrames(final Path directory, final long[][] documents)
    {
        writeRecords(directory, writer ->
        {
            for (final long[] document : documents)
            {
                for (final long recvTsNs : document)
                {
                    final int length = RawFrame.encode(record, 0, (short)1, 1, recvTsNs, null, null, payload, 0, 16);
                    writer.append(record, 0, length);
                }
                writer.flush();
            }
        });
    }

    private static void writeRecords(final Path directory, final Consumer<JournalWriter> body)
    {
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE))
        {
            body.accept(writer);
        }
    }

    private void writeRecord(final Bytes<?> bytes, final int length)
    {
        bytes.writeInt(length);
        bytes.write(record.byteArray(), 0, length);
    }

    /**
     * Writes documents straight through Chronicle, bypassing {@link JournalWriter}'s framing, to make damage.
     */
    @SafeVarargs
    private static void writeDocuments(final Path directory, final Consumer<Bytes<?>>... documents)
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile())
            .rollCycle(RollCycles.FAST_HOURLY).blockSize(BLOCK_SIZE).build();
            ExcerptAppender appender = queue.createAppender())
        {
            for (final Consumer<Bytes<?>> document : documents)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    document.accept(dc.wire().bytes());
                }
            }
        }
    }

    private static Map<String, String> snapshot(final Path directory) throws IOException
    {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(directory))
        {
            for (final Path path : (Iterable<Path>)paths::iterator)
            {
                files.put(path.getFileName().toString(), Arrays.hashCode(Files.readAllBytes(path)) + "/" +
                    Files.getLastModifiedTime(path).toMillis());
            }
        }
        return files;
    }
}
