/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.journal.JournalReader;
import io.marketprism.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the journal writer allocates: appends fixed-size messages to a fresh journal on disk, reads the thread's
 * allocated bytes ({@code ThreadMXBean}) every {@link #SAMPLE_EVERY} appends, and keeps each change with the journal
 * position it happened at, in arrays allocated before the measurement so that the harness adds nothing of its own.
 * Prints every allocation event with its position and whether it lies within {@link #BOUNDARY_SLACK} of a mapping
 * chunk boundary (a multiple of the block size), then reads the journal back and checks that every message is there,
 * in order.
 * <pre>
 *   bin/marketprism bench journal-alloc [--messages N] [--warmup N] [--length BYTES] [--block-size BYTES]
 * </pre>
 */
public final class JournalAllocationBenchmark
{
    /** Appends between two reads of the allocation counter. */
    static final int SAMPLE_EVERY = 1024;
    /** Bytes either side of a chunk boundary within which an allocation counts as the boundary's. */
    static final long BOUNDARY_SLACK = 4L * 1024 * 1024;

    private static final int MAX_EVENTS = 1 << 16;
    private static final int RECORD_OVERHEAD = Integer.BYTES;

    private JournalAllocationBenchmark()
    {
    }

    /**
     * What a run measured.
     *
     * @param messages       appends measured.
     * @param journalBytes   bytes those appends put in the journal (records with their length fields).
     * @param allocated      bytes the appending thread allocated during them.
     * @param atBoundaries   of which within {@link #BOUNDARY_SLACK} of a chunk boundary.
     * @param events         samples in which the counter moved.
     * @param chunksCrossed  chunk boundaries the measured appends crossed.
     * @param readBack       messages read back from the journal, warm-up included.
     * @param passed         every message read back, in order.
     */
    record Result(
        long messages, long journalBytes, long allocated, long atBoundaries, int events, long chunksCrossed,
        long readBack, boolean passed)
    {
        String line()
        {
            return String.format("RESULT journal-alloc msgs=%d journal_bytes=%d alloc_bytes=%d " +
                "alloc_bytes_at_chunk_boundaries=%d chunks_crossed=%d alloc_bytes_elsewhere=%d",
                messages, journalBytes, allocated, atBoundaries, chunksCrossed, allocated - atBoundaries);
        }
    }

    /**
     * @param args see the class comment.
     * @throws IOException when the journal cannot be created.
     */
    public static void main(final String[] args) throws IOException
    {
        long messages = 30_000_000L;
        long warmup = 2_000_000L;
        int length = 120;
        long blockSize = 256L * 1024 * 1024;
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--messages" -> messages = Long.parseLong(required(args[i], value));
                case "--warmup" -> warmup = Long.parseLong(required(args[i], value));
                case "--length" -> length = Integer.parseInt(required(args[i], value));
                case "--block-size" -> blockSize = Long.parseLong(required(args[i], value));
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        if (messages <= 0 || warmup < 0 || length < 8 || blockSize < (1 << 16))
        {
            usage("need --messages > 0, --warmup >= 0, --length >= 8, --block-size >= 65536");
        }
        final Path dir = Files.createTempDirectory("marketprism-journal-alloc-");
        try
        {
            final Result result = run(messages, warmup, length, blockSize, dir.resolve("journal"), System.out);
            System.exit(result.passed() ? 0 : 1);
        }
        finally
        {
            delete(dir);
        }
    }

    /**
     * Runs the measurement.
     *
     * @param messages  appends to measure.
     * @param warmup    appends before measuring, so that the JIT has compiled the append path.
     * @param length    bytes per message.
     * @param blockSize Chronicle block size (mapping chunk).
     * @param journal   the journal directory to create.
     * @param out       where to print.
     * @return what was measured.
     */
    static Result run(
        final long messages, final long warmup, final int length, final long blockSize, final Path journal,
        final PrintStream out)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long[] eventPositions = new long[MAX_EVENTS];
        final long[] eventBytes = new long[MAX_EVENTS];
        final UnsafeBuffer message = new UnsafeBuffer(new byte[length]);
        final long recordBytes = length + RECORD_OVERHEAD;
        int events = 0;
        final long allocated;

        try (JournalWriter writer = new JournalWriter(journal, "FAST_HOURLY", blockSize))
        {
            writer.prepare();
            long sequence = 0;
            for (; sequence < warmup; sequence++)
            {
                message.putLong(0, sequence, ByteOrder.LITTLE_ENDIAN);
                writer.append(message, 0, length);
            }
            final long start = threads.getThreadAllocatedBytes(threadId);
            long last = start;
            for (long i = 1; i <= messages; i++, sequence++)
            {
                message.putLong(0, sequence, ByteOrder.LITTLE_ENDIAN);
                writer.append(message, 0, length);
                if (i % SAMPLE_EVERY == 0 || i == messages)
                {
                    final long now = threads.getThreadAllocatedBytes(threadId);
                    if (now != last && events < MAX_EVENTS)
                    {
                        eventPositions[events] = (warmup + i) * recordBytes;
                        eventBytes[events] = now - last;
                        events++;
                    }
                    last = now;
                }
            }
            allocated = last - start;
        }

        long atBoundaries = 0;
        out.printf("journal-alloc: %d messages of %d bytes after %d warm-up, block size %d; allocation events " +
            "(journal position MB: bytes, * = within %d MB of a chunk boundary):%n",
            messages, length, warmup, blockSize, BOUNDARY_SLACK >> 20);
        final StringBuilder line = new StringBuilder(" ");
        for (int e = 0; e < events; e++)
        {
            final long offset = eventPositions[e] % blockSize;
            final boolean boundary = offset < BOUNDARY_SLACK || blockSize - offset < BOUNDARY_SLACK;
            atBoundaries += boundary ? eventBytes[e] : 0;
            line.append(' ').append(eventPositions[e] >> 20).append(": ").append(eventBytes[e])
                .append(boundary ? "*" : "");
        }
        out.println(events == 0 ? "  none" : line);

        final long expected = warmup + messages;
        final long[] next = { 0 };
        final boolean[] inOrder = { true };
        try (JournalReader reader = new JournalReader(journal))
        {
            while (reader.poll((buffer, offset, len, index) ->
            {
                inOrder[0] &= len == length && buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN) == next[0];
                next[0]++;
            }, 1024) > 0)
            {
                // reading on
            }
        }
        final boolean passed = inOrder[0] && next[0] == expected;
        out.printf("checks: %d of %d messages read back in order: %s%n", next[0], expected, passed ? "PASS" : "FAIL");

        final long measuredBytes = messages * recordBytes;
        final long warmupBytes = warmup * recordBytes;
        final long chunksCrossed = (warmupBytes + measuredBytes) / blockSize - warmupBytes / blockSize;
        final Result result = new Result(
            messages, measuredBytes, allocated, atBoundaries, events, chunksCrossed, next[0], passed);
        out.println(result.line());
        return result;
    }

    private static String required(final String option, final String value)
    {
        if (value == null)
        {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(final String problem)
    {
        System.err.println("bench journal-alloc: " + problem + "\nusage: marketprism bench journal-alloc " +
            "[--messages N] [--warmup N] [--length BYTES] [--block-size BYTES]");
        System.exit(2);
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p ->
            {
                try
                {
                    Files.delete(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }
}
