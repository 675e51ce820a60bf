/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.JsonLinesEncoder;
import io.marketprism.journal.JournalFormat;
import io.marketprism.journal.JournalLock;
import io.marketprism.journal.JournalReader;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code kill -9} during heavy ingest. A child JVM ({@link IngestUntilKilled}) runs the real pipeline with the journal
 * (normalized messages and raw frames) as fast as it can; this test tails the journal while it grows, kills the child
 * with SIGKILL ({@link Process#destroyForcibly()}) once enough records are visible, and then checks, at three kill
 * points:
 * <ul>
 *   <li>the dead writer's lock file is still there but is seen as stale: {@link JournalLock#isHeld} is false and
 *   {@link JournalReader#open} (which refuses a journal a live engine holds) opens it;</li>
 *   <li>every record up to the last complete one reads and decodes (a normalized message prints as a JSON line, a
 *   raw frame's lengths add up), and every record a reader could see before the kill is still there, unchanged;</li>
 *   <li>{@code replay} runs over it with exit 0 and counts the same normalized messages and raw frames;</li>
 *   <li>{@code decode --journal} on the same directory (a restart) appends: the old records come first, unchanged,
 *   followed by exactly what the same decode writes into an empty journal.</li>
 * </ul>
 */
final class KillDuringIngestTest
{
    private static final String INGESTED = "spot/btcusdt_20240808.gz";
    private static final String RESTART_INPUT = "spot/btcusdt_20230405.dat.gz";

    @TempDir
    static Path shared;

    private static Path config;
    private static Records reference;

    @BeforeAll
    static void writeReference() throws Exception
    {
        config = shared.resolve("crash.properties");
        // small maps: the test starts several pipelines and a child JVM per kill point
        Files.writeString(config, String.join("\n",
            "marketprism.ring.size=8192",
            "marketprism.ring.logCapacityBytes=4m",
            "marketprism.journal.blockSizeBytes=16m",
            "marketprism.snapshot.enabled=false",
            ""), StandardCharsets.UTF_8);
        final Path referenceJournal = shared.resolve("reference");
        restart(referenceJournal);
        reference = Records.read(referenceJournal);
        assertTrue(reference.count() > 10_000, "reference journal holds " + reference.count() + " records");
        assertTrue(reference.rawFrames > 0 && reference.normalized > 0, reference.toString());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReplayAndAppendAfterKillEarlyInTheFirstPass(@TempDir final Path tmp) throws Exception
    {
        killAndRecover(tmp, 5_000);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReplayAndAppendAfterKillLateInTheFirstPass(@TempDir final Path tmp) throws Exception
    {
        killAndRecover(tmp, 60_000);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReplayAndAppendAfterKillInTheSecondPass(@TempDir final Path tmp) throws Exception
    {
        // one pass of the recording journals about 82,500 records (frames and normalized messages)
        killAndRecover(tmp, 110_000);
    }

    private static void killAndRecover(final Path tmp, final long killAfterRecords) throws Exception
    {
        final Path journal = tmp.resolve("journal");
        final Path childErr = tmp.resolve("child.err");
        final Process child = startChild(journal, childErr);
        final IntArrayList seenBeforeKill = new IntArrayList();
        try
        {
            final BufferedReader progress = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            JournalReader tail = null;
            try
            {
                while (seenBeforeKill.size() < killAfterRecords)
                {
                    // wait for the child's next progress line: the journal has grown since the last one
                    final String line = progress.readLine();
                    if (line == null)
                    {
                        fail("the ingesting JVM ended before it was killed:\n" + Files.readString(childErr));
                    }
                    if (tail == null && hasCycleFile(journal))
                    {
                        // the constructor, not open(): open() refuses a journal a live writer holds
                        tail = new JournalReader(journal);
                    }
                    if (tail != null)
                    {
                        while (tail.next())
                        {
                            seenBeforeKill.addInt(crc(tail.recordBuffer(), tail.recordOffset(), tail.recordLength()));
                        }
                    }
                }
                assertTrue(JournalLock.isHeld(journal), "the ingesting JVM holds the journal's lock");
            }
            finally
            {
                if (tail != null)
                {
                    tail.close();
                }
            }
        }
        finally
        {
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the killed JVM ended");
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");

        // the lock left by the dead process: present, but stale
        assertTrue(Files.exists(journal.resolve(JournalLock.FILE_NAME)), "the dead writer's lock file is left");
        assertFalse(JournalLock.isHeld(journal), "a dead writer's lock is not held");

        // every record up to the last complete one reads and decodes; what was visible before the kill is unchanged
        final Records afterKill = Records.read(journal);
        assertTrue(afterKill.count() >= seenBeforeKill.size(),
            afterKill.count() + " records after the kill, " + seenBeforeKill.size() + " seen before it");
        assertPrefix(seenBeforeKill, afterKill.crcs, "records seen before the kill");

        final Cli replay = Cli.run("replay", "--journal", journal.toString(), "--output", "null");
        assertEquals(0, replay.exitCode, replay::toString);
        assertTrue(replay.stderr.contains("replay: " + afterKill.normalized + " normalized messages (" +
            afterKill.rawFrames + " raw frames passed by)"), replay.stderr);

        // restart on the same directory: appends after the old records
        final long restartStartNs = System.nanoTime();
        restart(journal);
        final long restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartStartNs);
        final Records afterRestart = Records.read(journal);
        assertEquals(afterKill.count() + reference.count(), afterRestart.count(),
            "old + new records; after the kill " + afterKill + ", reference " + reference);
        assertPrefix(afterKill.crcs, afterRestart.crcs, "records written before the kill");
        for (int i = 0; i < reference.count(); i++)
        {
            assertEquals(reference.crcs.getInt(i), afterRestart.crcs.getInt(afterKill.count() + i),
                "record " + i + " written after the restart");
        }
        System.out.printf("KillDuringIngestTest: killed after %d records seen (%d after the kill: %d normalized, " +
            "%d raw frames); restart appended %d records in %d ms%n", seenBeforeKill.size(), afterKill.count(),
            afterKill.normalized, afterKill.rawFrames, reference.count(), restartMs);
    }

    private static boolean hasCycleFile(final Path journal) throws java.io.IOException
    {
        if (!Files.isDirectory(journal))
        {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.list(journal))
        {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4"));
        }
    }

    private static void assertPrefix(final IntArrayList expected, final IntArrayList actual, final String what)
    {
        assertTrue(actual.size() >= expected.size(), what + ": " + expected.size() + " expected, " +
            actual.size() + " read");
        for (int i = 0; i < expected.size(); i++)
        {
            if (expected.getInt(i) != actual.getInt(i))
            {
                fail(what + ": record " + i + " of " + expected.size() + " differs");
            }
        }
    }

    private static void restart(final Path journal)
    {
        final Cli decode = Cli.run("decode", "--venue", "binance-spot", "--format", "hftbacktest",
            "--input", TestRecordings.file("hftbacktest/" + RESTART_INPUT).toString(),
            "--config", config.toString(), "--journal", journal.toString(),
            "--output", journal.resolveSibling(journal.getFileName() + ".jsonl").toString(), "--quiet");
        assertEquals(0, decode.exitCode, decode::toString);
    }

    private static Process startChild(final Path journal, final Path childErr) throws Exception
    {
        final List<String> command = ChildJvm.command(IngestUntilKilled.class, journal.toString(), config.toString(),
            TestRecordings.file("hftbacktest/" + INGESTED).toAbsolutePath().toString());
        return new ProcessBuilder(command)
            .redirectError(childErr.toFile())
            .redirectInput(ChildJvm.noInput())
            .start();
    }

    private static int crc(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int)crc.getValue();
    }

    /**
     * What a journal holds, read with {@link JournalReader#open} (as replay opens it): one CRC per record, and the
     * records of each kind, every one checked to decode.
     */
    private static final class Records
    {
        final IntArrayList crcs = new IntArrayList();
        long normalized;
        long rawFrames;

        static Records read(final Path journal)
        {
            final Records records = new Records();
            final JsonLinesEncoder encoder = new JsonLinesEncoder();
            try (JournalReader reader = JournalReader.open(journal))
            {
                assertNotNull(reader);
                while (reader.next())
                {
                    final DirectBuffer buffer = reader.recordBuffer();
                    final int offset = reader.recordOffset();
                    final int length = reader.recordLength();
                    final int kind = JournalFormat.kind(buffer, offset, length);
                    if (kind == JournalFormat.NORMALIZED)
                    {
                        assertTrue(encoder.encode(buffer, offset) > 0,
                            "normalized record " + records.crcs.size() + " prints as a JSON line");
                        records.normalized++;
                    }
                    else if (kind == JournalFormat.RAW_FRAME)
                    {
                        records.rawFrames++;
                    }
                    else
                    {
                        fail("record " + records.crcs.size() + " of " + journal + " is of kind " + kind);
                    }
                    records.crcs.addInt(crc(buffer, offset, length));
                }
            }
            return records;
        }

        int count()
        {
            return crcs.size();
        }

        @Override
        public String toString()
        {
            return count() + " records (" + normalized + " normalized, " + rawFrames + " raw frames)";
        }
    }
}
