/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.engine.EngineConfiguration;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency harness's baseline journals every frame and, idle, touches the journal's next pages as the engine's
 * journal stage does, so that the two pipelines take their page faults alike.
 */
final class BarePipelineTest
{
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void journalsEveryFrameAndPretouchesTheJournalWhenIdle(@TempDir final Path tmp)
    {
        final EngineConfiguration.Context context = new EngineConfiguration.Context()
            .threadingProfile("dev")
            .stageThreads("shared")
            .journalDir(tmp.resolve("journal"))
            .conclude();
        final byte[] frame = "{\"e\":\"trade\",\"p\":\"1.5\"}".getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        try (BarePipeline bare = BarePipeline.start(context))
        {
            for (int i = 0; i < 100; i++)
            {
                bare.send(buffer, 0, frame.length, System.nanoTime());
            }
            assertTrue(bare.awaitDrained(TimeUnit.SECONDS.toNanos(10)));
            assertEquals(100, bare.journaled());

            // nothing more arrives: the stage's wait times out and it touches pages ahead of the write position
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (bare.pagesPretouched() == 0 && System.nanoTime() - deadline < 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertTrue(bare.pagesPretouched() > 0, "no page pre-touched while idle");
        }
    }
}
