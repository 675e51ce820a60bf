/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The writer's pre-toucher: it touches the pages ahead of the last document, up to a mebibyte ahead, a bounded number
 * a call; the appends that follow then take far fewer page faults (counted by the kernel for this thread); and
 * what is written and read back is unchanged by it.
 */
final class JournalPretouchTest
{
    private static final long BLOCK_SIZE = 64L * 1024 * 1024;
    private static final int RECORD = 1000;
    /** About 900 KiB of records: within what the toucher reaches ahead. */
    private static final int RECORDS = 900;

    @TempDir
    Path tempDir;

    @Test
    void shouldTouchAheadSoThatTheNextAppendsTakeFewerPageFaults() throws IOException
    {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/stat")), "counts page faults through Linux's /proc");
        final long untouched = faultsWriting(tempDir.resolve("untouched"), false);
        final long touched = faultsWriting(tempDir.resolve("touched"), true);
        System.out.println("JournalPretouchTest: minor page faults appending 900 KB: " + untouched + " without the " +
            "toucher, " + touched + " after it");
        assertTrue(touched * 4 < untouched, "faults with the toucher " + touched + ", without " + untouched);
    }

    @Test
    void shouldTouchABoundedNumberOfPagesAheadAndChangeNothing()
    {
        final Path directory = tempDir.resolve("journal");
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RECORD]);
        try (JournalWriter writer = new JournalWriter(directory, "FAST_HOURLY", BLOCK_SIZE))
        {
            assertEquals(0, writer.pretouch(16), "nothing written yet");
            fill(record, 0);
            writer.append(record, 0, RECORD);
            assertEquals(0, writer.pretouch(16), "never inside an open document");
            writer.flush();
            int total = 0;
            int touched;
            while ((touched = writer.pretouch(16)) > 0)
            {
                assertTrue(touched <= 16);
                total += touched;
            }
            assertEquals(JournalWriter.PRETOUCH_AHEAD_BYTES / 4096, total, "a mebibyte ahead, no more");
            assertEquals(total, writer.pagesTouched());
            for (int i = 1; i < RECORDS * 3; i++)
            {
                fill(record, i);
                assertEquals(JournalWriter.APPENDED, writer.append(record, 0, RECORD));
                if (i % 7 == 0)
                {
                    writer.flush();
                    writer.pretouch(64);
                }
            }
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            int read = 0;
            while (reader.next())
            {
                assertEquals(RECORD, reader.recordLength());
                final String expected = String.valueOf(read);
                assertEquals(expected, reader.recordBuffer().getStringWithoutLengthAscii(reader.recordOffset(),
                    expected.length()), "record " + read);
                read++;
            }
            assertEquals(RECORDS * 3, read);
        }
    }

    @Test
    void shouldAdviseEveryMappingAndMapTheNextBlockAheadOfTheWriter() throws IOException
    {
        final Path smaps = Path.of("/proc/self/smaps");
        assumeTrue(Files.isReadable(smaps), "reads the kernel's flags of each mapping from Linux's /proc");
        final Path directory = tempDir.resolve("ahead");
        try (JournalWriter writer = new JournalWriter(directory, "FAST_HOURLY", 64 * 1024))
        {
            appendFlushed(writer, 300);
            assertTrue(writer.mappingsAdvised() >= 3, "mappings advised: " + writer.mappingsAdvised());
            assertTrue(writer.mappingsEnteredAdvised() >= 2,
                "mappings the writer entered already advised: " + writer.mappingsEnteredAdvised() + " of " +
                writer.mappingsAdvised() + " advised");
            // every mapping of the cycle file this process holds now was advised: the writer's and the one ahead
            // (64 KiB blocks: Chronicle maps the cycle file a block at a time, so 300 KB of records cross several)
            final int[] flagged = cycleFileMappings(smaps, directory);
            assertTrue(flagged[0] > 0, "the cycle file is mapped");
            assertEquals(flagged[0], flagged[1], "mappings of the cycle file advised random");
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            int read = 0;
            while (reader.next())
            {
                final String expected = String.valueOf(read);
                assertEquals(expected, reader.recordBuffer().getStringWithoutLengthAscii(reader.recordOffset(),
                    expected.length()), "record " + read);
                read++;
            }
            assertEquals(300, read, "every record read back, in order, across the blocks mapped ahead");
        }
    }

    private static void appendFlushed(final JournalWriter writer, final int records)
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RECORD]);
        for (int i = 0; i < records; i++)
        {
            fill(record, i);
            assertEquals(JournalWriter.APPENDED, writer.append(record, 0, RECORD));
            writer.flush();
        }
    }

    /**
     * @return this process's mappings of the directory's cycle file, and how many of them carry the kernel's mark of
     *         {@code MADV_RANDOM} ({@code rr} in VmFlags).
     */
    private static int[] cycleFileMappings(final Path smaps, final Path directory) throws IOException
    {
        int mappings = 0;
        int random = 0;
        boolean inCycleFile = false;
        for (final String line : Files.readString(smaps, StandardCharsets.US_ASCII).split("\\n"))
        {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*"))
            {
                inCycleFile = line.endsWith(".cq4") && line.contains(directory.toString());
                mappings += inCycleFile ? 1 : 0;
            }
            else if (inCycleFile && line.startsWith("VmFlags:") && (" " + line.substring(8) + " ").contains(" rr "))
            {
                random++;
            }
        }
        return new int[] {mappings, random};
    }

    private long faultsWriting(final Path directory, final boolean pretouch) throws IOException
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RECORD]);
        try (JournalWriter writer = new JournalWriter(directory, "FAST_HOURLY", BLOCK_SIZE))
        {
            fill(record, 0);
            writer.append(record, 0, RECORD);
            writer.flush();
            while (pretouch && writer.pretouch(64) > 0)
            {
                // touch all that is within reach
            }
            final long before = minorFaults();
            for (int i = 1; i < RECORDS; i++)
            {
                fill(record, i);
                writer.append(record, 0, RECORD);
                if (i % 10 == 0)
                {
                    writer.flush();
                }
            }
            writer.flush();
            return minorFaults() - before;
        }
    }

    private static void fill(final UnsafeBuffer record, final int index)
    {
        record.setMemory(0, RECORD, (byte)'x');
        record.putStringWithoutLengthAscii(0, String.valueOf(index));
    }

    /**
     * @return this thread's minor page faults so far ({@code minflt}, the tenth field of its stat line).
     */
    private static long minorFaults() throws IOException
    {
        final String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII);
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]);
    }
}
