/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.journal.JournalLock;
import io.marketprism.journal.JournalWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing a pipeline returns only once its stages have shut down: the journal is closed and its directory free, so
 * an engine restarted in the same process (or a tool run right after it) can open it. Disruptor's shutdown only
 * signals the stage threads; before the pipeline waited for them, {@code decode --journal} run twice in one JVM was
 * refused with "is being written by a live engine".
 */
final class MarketDataPipelineCloseTest
{
    private static final int ROUNDS = 10;

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @ValueSource(strings = { "dedicated", "shared" })
    void shouldReleaseTheJournalBeforeCloseReturns(final String stageThreads)
    {
        final Path journalDir = tempDir.resolve("journal");
        final EngineConfiguration.Context context = new EngineConfiguration.Context()
            .ringSize(256)
            .logCapacityBytes(1024 * 1024)
            .threadingProfile("dev")
            .stageThreads(stageThreads)
            .journalEnabled(true)
            .journalDir(journalDir)
            .journalBlockSizeBytes(4L * 1024 * 1024)
            .publishEnabled(false);
        for (int round = 0; round < ROUNDS; round++)
        {
            try (EngineCounters counters = new EngineCounters();
                MarketDataPipeline pipeline = MarketDataPipeline.start(context, new VenueRules(), counters))
            {
                assertTrue(JournalLock.isHeld(journalDir), "round " + round + ": the running pipeline holds it");
            }
            assertFalse(JournalLock.isHeld(journalDir), "round " + round + ": released when close() returned");
        }
        try (JournalWriter writer = new JournalWriter(journalDir, "FAST_HOURLY", 4L * 1024 * 1024))
        {
            assertTrue(JournalLock.isHeld(journalDir), "a writer in this JVM takes it again");
        }
    }
}
