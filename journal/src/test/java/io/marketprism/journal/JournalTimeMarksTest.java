/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.TradeEncoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's time marks: a reader moved to where a time range can start finds every record received at or
 * after that time that a read from the start finds, however out of order the records' times are, and starts well
 * past the beginning when the times mostly rise. Marks lost to a crash or missing altogether make it start earlier,
 * never later.
 */
final class JournalTimeMarksTest
{
    private static final long BLOCK_SIZE = 4L * 1024 * 1024;
    private static final int DOCUMENTS = 2_000;
    private static final int PER_DOCUMENT = 5;

    @TempDir
    Path tempDir;

    @Test
    void shouldStartWhereNothingBeforeIsInTheRangeWhateverTheOrderOfTimes() throws IOException
    {
        final Path directory = tempDir.resolve("journal");
        final long[] times = write(directory);
        final long markCount = Files.size(directory.resolve(JournalWriter.TIME_MARKS_FILE)) /
            JournalWriter.MARK_LENGTH;
        final long seconds = (times[times.length - 1] - times[0]) / JournalWriter.MARK_INTERVAL_NS;
        assertTrue(markCount >= seconds / 2 && markCount <= seconds + 2, markCount + " marks over " + seconds + " s");

        final long[] sorted = times.clone();
        Arrays.sort(sorted);
        for (final long from : new long[] { sorted[0], sorted[times.length / 4], sorted[times.length / 2],
            sorted[times.length - 100], sorted[times.length - 1], sorted[times.length - 1] + 1 })
        {
            final List<Long> expected = new ArrayList<>();
            for (final long time : times)
            {
                if (time >= from)
                {
                    expected.add(time);
                }
            }
            try (JournalReader reader = new JournalReader(directory))
            {
                final long index = reader.seekBefore(from);
                final List<Long> read = readFrom(reader, from);
                assertEquals(expected, read, "from " + from);
                if (from > sorted[times.length / 4] && from <= sorted[times.length - 1])
                {
                    assertTrue(index >= 0, "moved for " + from);
                    assertTrue(skipped(directory, index) > times.length / 5, "past the beginning for " + from);
                }
            }
        }

        // a crash lost the last marks; then none at all: the reader starts earlier, and still finds everything
        final Path marks = directory.resolve(JournalWriter.TIME_MARKS_FILE);
        final byte[] all = Files.readAllBytes(marks);
        Files.write(marks, Arrays.copyOf(all, all.length / 2 - 5));
        final long from = sorted[times.length - 100];
        final long expectedCount = Arrays.stream(times).filter((time) -> time >= from).count();
        try (JournalReader reader = new JournalReader(directory))
        {
            assertTrue(reader.seekBefore(from) >= 0);
            assertEquals(expectedCount, readFrom(reader, from).size());
        }
        Files.delete(marks);
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(-1, reader.seekBefore(from));
            assertEquals(expectedCount, readFrom(reader, from).size());
        }
    }

    @Test
    void shouldResumeTheMarksOfAJournalAWriterLeftCutShort() throws IOException
    {
        final Path directory = tempDir.resolve("resumed");
        final long[] first = write(directory, 1_723_161_255_000_000_000L, 23);
        final Path marks = directory.resolve(JournalWriter.TIME_MARKS_FILE);
        final byte[] all = Files.readAllBytes(marks);
        Files.write(marks, Arrays.copyOf(all, all.length - 5));

        // a capture older than what the journal holds, imported after it: its marks must not go back in time
        final long[] second = write(directory, 1_723_000_000_000_000_000L, 29);
        final byte[] resumed = Files.readAllBytes(marks);
        assertEquals(0, resumed.length % JournalWriter.MARK_LENGTH, "whole marks");
        final UnsafeBuffer buffer = new UnsafeBuffer(resumed);
        for (int i = JournalWriter.MARK_LENGTH; i < resumed.length; i += JournalWriter.MARK_LENGTH)
        {
            assertTrue(buffer.getLong(i + Long.BYTES, java.nio.ByteOrder.LITTLE_ENDIAN) >=
                buffer.getLong(i - Long.BYTES, java.nio.ByteOrder.LITTLE_ENDIAN), "rising at " + i);
        }
        final long[] times = new long[first.length + second.length];
        System.arraycopy(first, 0, times, 0, first.length);
        System.arraycopy(second, 0, times, first.length, second.length);
        for (final long from : new long[] { second[second.length / 2], first[first.length / 2] })
        {
            try (JournalReader reader = new JournalReader(directory))
            {
                reader.seekBefore(from);
                assertEquals(Arrays.stream(times).filter((time) -> time >= from).boxed().toList(),
                    readFrom(reader, from), "from " + from);
            }
        }
    }

    /**
     * Trades received at rising times with noise, some a minute late and one a second early, in documents of five.
     *
     * @return every record's receive time, in journal order.
     */
    private static long[] write(final Path directory)
    {
        return write(directory, 1_723_161_255_000_000_000L, 23);
    }

    private static long[] write(final Path directory, final long start, final int seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] times = new long[DOCUMENTS * PER_DOCUMENT];
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final TradeEncoder trade = new TradeEncoder();
        long clock = start;
        try (JournalWriter writer = new JournalWriter(directory, "FAST_HOURLY", BLOCK_SIZE))
        {
            for (int i = 0; i < times.length; i++)
            {
                clock += random.nextLong(5_000_000);
                // one in a hundred stamped a minute before its neighbours (a source merged late); and one, early in
                // the journal, stamped ahead of its time: the marks' times cannot go down after it, so the reader
                // moves only past it
                times[i] = random.nextInt(100) == 0 ? clock - 60_000_000_000L : clock;
                if (i == 500)
                {
                    times[i] = clock + 1_000_000_000L;
                }
                trade.wrapAndApplyHeader(buffer, 0, header).instrumentId(1).venue(Venue.BINANCE_SPOT)
                    .recvTsNs(times[i]).tradeId(i);
                assertEquals(JournalWriter.APPENDED,
                    writer.append(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength()));
                if ((i + 1) % PER_DOCUMENT == 0)
                {
                    writer.flush();
                }
            }
        }
        return times;
    }

    private static List<Long> readFrom(final JournalReader reader, final long from)
    {
        final List<Long> read = new ArrayList<>();
        while (reader.next())
        {
            final long time = JournalFormat.recvTsNs(reader.recordBuffer(), reader.recordOffset());
            if (time >= from)
            {
                read.add(time);
            }
        }
        return read;
    }

    /**
     * @return records before a Chronicle index.
     */
    private static int skipped(final Path directory, final long index)
    {
        int records = 0;
        try (JournalReader reader = new JournalReader(directory))
        {
            final long[] current = { Long.MIN_VALUE };
            int delivered;
            do
            {
                delivered = reader.poll((buffer, offset, length, documentIndex) ->
                    current[0] = documentIndex < index ? documentIndex : current[0], 1);
                if (delivered > 0 && current[0] != Long.MIN_VALUE)
                {
                    records += delivered;
                    current[0] = Long.MIN_VALUE;
                }
            }
            while (delivered > 0);
        }
        return records;
    }
}
