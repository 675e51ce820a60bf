/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.journal.JournalWriter;
import io.marketprism.journal.RawFrame;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journals {@code replay} must refuse: a clear message on stderr, no stack trace, exit 2 (no journal there) or 1 (a
 * journal that cannot be read), and not a byte or a modification time changed in the directory.
 */
final class ReplayBadJournalTest
{
    @Test
    void shouldRefuseMissingDirectory(@TempDir final Path tmp) throws IOException
    {
        final Path missing = tmp.resolve("nowhere");
        assertRefused(missing, "the directory does not exist", "--redecode");
        assertFalse(Files.exists(missing), "replay created nothing");
    }

    @Test
    void shouldRefuseDirectoryThatIsNotAJournal(@TempDir final Path tmp) throws IOException
    {
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertRefused(tmp, "not a journal (no Chronicle Queue .cq4 cycle files)");
    }

    @Test
    void shouldRefuseOtherProgramsQueue(@TempDir final Path tmp) throws IOException
    {
        final Path dir = tmp.resolve("q");
        writeDocument(dir, record(4242, 1, 16));
        assertRefused(dir, "not a MarketPrism journal", "--redecode");
    }

    @Test
    void shouldRefuseJournalFromNewerSchemaVersion(@TempDir final Path tmp) throws IOException
    {
        final Path dir = tmp.resolve("newer");
        writeDocument(dir, record(1701, 99, 40));
        assertRefused(dir, "was written by a newer MarketPrism: market-data schema version 99, this build reads " +
            "up to version 1", "--redecode");
        final Path rawNewer = tmp.resolve("raw-newer");
        writeDocument(rawNewer, record(1702, 7, RawFrame.FIXED_LENGTH));
        assertRefused(rawNewer, "journal schema version 7, this build reads up to version 1");
    }

    @Test
    void shouldRefuseJournalBeingWrittenByLiveEngine(@TempDir final Path tmp) throws IOException
    {
        final Path dir = tmp.resolve("live");
        try (JournalWriter writer = new JournalWriter(dir, "FAST_HOURLY", 1 << 20))
        {
            writer.prepare();
            final UnsafeBuffer message = record(1701, 1, 40);
            writer.append(message, 0, message.capacity());
            writer.flush();
            assertRefused(dir, "is being written by a live engine (marketprism-writer.lock is locked)", "--redecode");
        }
        final Cli after = Cli.run("replay", "--journal", dir.toString(), "--output", "null");
        assertEquals(0, after.exitCode, after::toString);
    }

    @Test
    void shouldRefuseTruncatedRecord(@TempDir final Path tmp) throws IOException
    {
        final Path dir = tmp.resolve("truncated");
        final UnsafeBuffer whole = record(1701, 1, 40);
        final UnsafeBuffer document = new UnsafeBuffer(new byte[4 + 40 + 4 + 20]);
        document.putInt(0, 40, ByteOrder.LITTLE_ENDIAN);
        document.putBytes(4, whole, 0, 40);
        document.putInt(44, 40, ByteOrder.LITTLE_ENDIAN);
        document.putBytes(48, whole, 0, 20);
        writeRaw(dir, document);
        assertRefused(dir, "is damaged at index", "--redecode");
    }

    @Test
    void shouldRefuseARecordShorterThanItsOwnBlock(@TempDir final Path tmp) throws IOException
    {
        // a normalized message whose header promises 100 bytes of fixed fields in a 40-byte record, last in its
        // document: reading its fields would run past the document's end
        final Path dir = tmp.resolve("short");
        final UnsafeBuffer record = record(1701, 1, 40);
        record.putShort(0, (short)100, ByteOrder.LITTLE_ENDIAN);
        writeDocument(dir, record);
        assertRefused(dir, "holds a market-data record shorter than its own fields (template 1, 100 bytes of fixed " +
            "fields): damaged");
    }

    private static UnsafeBuffer record(final int schemaId, final int version, final int length)
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[length]);
        record.putShort(0, (short)(length - 8), ByteOrder.LITTLE_ENDIAN);
        record.putShort(2, (short)1, ByteOrder.LITTLE_ENDIAN);
        record.putShort(4, (short)schemaId, ByteOrder.LITTLE_ENDIAN);
        record.putShort(6, (short)version, ByteOrder.LITTLE_ENDIAN);
        if (schemaId == 1702 && length >= RawFrame.FIXED_LENGTH)
        {
            record.putByte(8 + 16, (byte)1);
        }
        else if (length > 12)
        {
            record.putByte(12, (byte)1);
        }
        return record;
    }

    private static void writeDocument(final Path dir, final UnsafeBuffer record)
    {
        try (JournalWriter writer = new JournalWriter(dir, "FAST_HOURLY", 1 << 20))
        {
            writer.append(record, 0, record.capacity());
        }
    }

    private static void writeRaw(final Path dir, final UnsafeBuffer document)
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
            .rollCycle(net.openhft.chronicle.queue.RollCycles.FAST_HOURLY).blockSize(1 << 20).build();
            ExcerptAppender appender = queue.createAppender();
            DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(document.byteArray());
        }
    }

    private static void assertRefused(final Path dir, final String message, final String... extra) throws IOException
    {
        for (final String[] args : new String[][]{ {}, extra })
        {
            final Map<String, String> before = listing(dir);
            final String[] command = Stream.concat(Stream.of("replay", "--journal", dir.toString()), Stream.of(args))
                .toArray(String[]::new);
            final Cli replay = Cli.run(command);
            assertEquals(message.contains("not a journal (") || message.contains("does not exist") ?
                MarketPrism.EXIT_USAGE : MarketPrism.EXIT_FAILURE, replay.exitCode, replay::toString);
            assertTrue(replay.stderr.startsWith("marketprism: replay: ") && replay.stderr.contains(message),
                replay.stderr);
            assertFalse(replay.stderr.contains("Exception") || replay.stderr.contains("\tat "), replay.stderr);
            if (!message.contains("damaged"))
            {
                assertEquals("", replay.stdout);
            }
            else
            {
                // the complete record before the damage is printed, then the replay stops with the message
                assertTrue(replay.stdout.isEmpty() || replay.stdout.split("\n").length == 1, replay.stdout);
            }
            assertEquals(before, listing(dir), "nothing modified");
        }
    }

    private static Map<String, String> listing(final Path dir) throws IOException
    {
        final Map<String, String> files = new TreeMap<>();
        if (Files.exists(dir))
        {
            try (Stream<Path> paths = Files.walk(dir))
            {
                for (final Path path : (Iterable<Path>)paths::iterator)
                {
                    files.put(dir.relativize(path).toString(), Files.size(path) + " " +
                        Files.getLastModifiedTime(path).toMillis());
                }
            }
        }
        return files;
    }
}
