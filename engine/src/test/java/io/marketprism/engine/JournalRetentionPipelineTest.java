/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.engine.stage.JournalRetentionAgent;
import io.marketprism.journal.JournalReader;
import io.marketprism.journal.JournalRetention;
import io.marketprism.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal retention as the engine runs it: the agent deletes expired cycle files at start and then once a minute,
 * counting them; a pipeline with {@code journal.retentionHours} set removes an expired cycle file it finds at start,
 * keeps writing, and leaves a journal that reads.
 */
final class JournalRetentionPipelineTest
{
    private static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path tempDir;

    @Test
    void shouldDeleteAtStartAndThenOnceAMinute() throws IOException
    {
        final Path journal = Files.createDirectories(tempDir.resolve("fake"));
        final long nowMs = Instant.parse("2024-08-08T12:30:00Z").toEpochMilli();
        for (final String name : new String[]{ "20240808-09F", "20240808-10F", "20240808-11F", "20240808-12F" })
        {
            Files.createFile(journal.resolve(name + ".cq4"));
        }
        final AtomicLong clock = new AtomicLong(nowMs);
        try (EngineCounters counters = new EngineCounters())
        {
            final AtomicCounter deleted = counters.journalFilesDeleted;
            final JournalRetentionAgent agent = new JournalRetentionAgent(
                new JournalRetention(journal, "FAST_HOURLY", HOUR_MS), deleted, clock::get);

            assertEquals(3, agent.doWork(), "09:00 and 10:00 ended before 11:30: two deleted (plus the check)");
            assertEquals(2, deleted.get());
            assertEquals(List.of("20240808-11F.cq4", "20240808-12F.cq4"), files(journal));

            clock.addAndGet(JournalRetentionAgent.CHECK_INTERVAL_MS / 2);
            assertEquals(0, agent.doWork(), "within a minute of the last check: no check");
            assertEquals(2, files(journal).size());
            clock.addAndGet(30 * 60_000L);
            assertEquals(2, agent.doWork(), "at 13:00:30 the 11:00 cycle has been over for more than an hour");
            assertEquals(List.of("20240808-12F.cq4"), files(journal));
            assertEquals(3, deleted.get());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRemoveAnExpiredCycleFileWhileThePipelineRuns() throws IOException
    {
        // a real cycle file, under the name of a cycle that ended years ago
        final Path older = tempDir.resolve("older");
        try (JournalWriter writer = new JournalWriter(older, "FAST_HOURLY", 4L * 1024 * 1024))
        {
            writer.append(new UnsafeBuffer(new byte[16]), 0, 16);
        }
        final Path journal = Files.createDirectories(tempDir.resolve("journal"));
        try (Stream<Path> cycle = Files.list(older).filter((file) -> file.toString().endsWith(".cq4")))
        {
            Files.copy(cycle.findFirst().orElseThrow(), journal.resolve("20200101-00F.cq4"));
        }

        final EngineConfiguration.Context context = new EngineConfiguration.Context()
            .ringSize(256)
            .logCapacityBytes(1024 * 1024)
            .threadingProfile("dev")
            .journalEnabled(true)
            .journalDir(journal)
            .journalBlockSizeBytes(4L * 1024 * 1024)
            .journalRetentionHours(1)
            .publishEnabled(false);
        try (EngineCounters counters = new EngineCounters();
            MarketDataPipeline pipeline = MarketDataPipeline.start(context, new VenueRules(), counters))
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (counters.journalFilesDeleted.get() == 0 && System.nanoTime() - deadlineNs < 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertEquals(1, counters.journalFilesDeleted.get());
            assertFalse(Files.exists(journal.resolve("20200101-00F.cq4")));
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch((thread) -> thread.getName().equals("journal-retention")));
            assertEquals(1, files(journal).size(), "the cycle being written stays: " + files(journal));
        }
        try (JournalReader reader = JournalReader.open(journal))
        {
            assertFalse(reader.next(), "nothing was journaled, and the journal reads");
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
            .anyMatch((thread) -> thread.getName().equals("journal-retention")), "stopped on close");
    }

    private static List<String> files(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map((file) -> file.getFileName().toString()).filter((name) -> name.endsWith(".cq4"))
                .sorted().collect(Collectors.toList());
        }
    }
}
