/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class StageLatencyTest
{
    private final StageLatency latency = new StageLatency();

    @Test
    void shouldRecordOutsideABatch()
    {
        latency.record(StageLatency.DECODED, 100);
        latency.record(StageLatency.DECODED, 200);
        latency.record(StageLatency.DECODED, 300);

        final Histogram histogram = latency.cumulative(StageLatency.DECODED);
        assertEquals(3, histogram.getTotalCount());
        assertEquals(100, histogram.getMinValue());
        assertTrue(histogram.valuesAreEquivalent(300, histogram.getMaxValue()));
        assertEquals(0, latency.cumulative(StageLatency.NORMALIZED).getTotalCount(), "stages are independent");
    }

    @Test
    void shouldRecordInsideABatch()
    {
        latency.beginBatch(StageLatency.JOURNALED);
        for (int i = 1; i <= 5; i++)
        {
            latency.record(StageLatency.JOURNALED, i * 1000);
        }
        latency.endBatch(StageLatency.JOURNALED);
        latency.endBatch(StageLatency.JOURNALED);
        latency.record(StageLatency.JOURNALED, 7);

        final Histogram histogram = latency.cumulative(StageLatency.JOURNALED);
        assertEquals(6, histogram.getTotalCount());
        assertEquals(7, histogram.getMinValue());
    }

    @Test
    void shouldClampValuesToTheTrackableRange()
    {
        latency.record(StageLatency.PUBLISHED, -5);
        latency.record(StageLatency.PUBLISHED, 0);
        latency.record(StageLatency.PUBLISHED, Long.MAX_VALUE);

        final Histogram histogram = latency.cumulative(StageLatency.PUBLISHED);
        assertEquals(3, histogram.getTotalCount());
        assertEquals(1, histogram.getMinValue());
        assertEquals(2, histogram.getCountAtValue(1));
        assertTrue(histogram.valuesAreEquivalent(StageLatency.HIGHEST_TRACKABLE_NS, histogram.getMaxValue()));
    }

    @Test
    void shouldAccumulateAcrossReads()
    {
        latency.record(StageLatency.COMPLETED, 10);
        latency.record(StageLatency.COMPLETED, 20);
        assertEquals(2, latency.cumulative(StageLatency.COMPLETED).getTotalCount());
        assertEquals(2, latency.cumulative(StageLatency.COMPLETED).getTotalCount(), "reading does not consume");

        latency.beginBatch(StageLatency.COMPLETED);
        latency.record(StageLatency.COMPLETED, 30);
        latency.endBatch(StageLatency.COMPLETED);
        latency.record(StageLatency.COMPLETED, 40);
        assertEquals(4, latency.cumulative(StageLatency.COMPLETED).getTotalCount());
    }

    @Test
    void shouldForgetEverythingOnReset()
    {
        for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
        {
            latency.record(stage, 50);
            latency.cumulative(stage);
            latency.record(stage, 60);
        }
        latency.reset();
        for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
        {
            assertEquals(0, latency.cumulative(stage).getTotalCount(), StageLatency.name(stage));
        }

        latency.record(StageLatency.NORMALIZED, 70);
        assertEquals(1, latency.cumulative(StageLatency.NORMALIZED).getTotalCount());
    }

    @Test
    void shouldNameTheStages()
    {
        assertEquals("decoded", StageLatency.name(StageLatency.DECODED));
        assertEquals("normalized", StageLatency.name(StageLatency.NORMALIZED));
        assertEquals("journaled", StageLatency.name(StageLatency.JOURNALED));
        assertEquals("published", StageLatency.name(StageLatency.PUBLISHED));
        assertEquals("completed", StageLatency.name(StageLatency.COMPLETED));
    }

    @Test
    void shouldLoseNoValueWhileAReaderFlipsConcurrently() throws Exception
    {
        final int batches = 20_000;
        final int perBatch = 50;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch readerRunning = new CountDownLatch(100);
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer = new Thread(() ->
        {
            try
            {
                started.countDown();
                for (int batch = 0; batch < batches; batch++)
                {
                    latency.beginBatch(StageLatency.NORMALIZED);
                    for (int i = 0; i < perBatch; i++)
                    {
                        latency.record(StageLatency.NORMALIZED, 1 + (batch * 31L + i) % 100_000);
                    }
                    latency.endBatch(StageLatency.NORMALIZED);
                    if (batch == batches / 2 && !readerRunning.await(10, TimeUnit.SECONDS))
                    {
                        throw new IllegalStateException("the reader did not run");
                    }
                    if (batch % 10 == 0)
                    {
                        latency.record(StageLatency.NORMALIZED, 5);
                    }
                }
            }
            catch (final Throwable t)
            {
                failure.set(t);
            }
            finally
            {
                done.set(true);
            }
        }, "latency-writer");

        writer.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        long previous = 0;
        int reads = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.get() && System.nanoTime() - deadline < 0)
        {
            final long total = latency.cumulative(StageLatency.NORMALIZED).getTotalCount();
            assertTrue(total >= previous, "cumulative count went back from " + previous + " to " + total);
            previous = total;
            reads++;
            readerRunning.countDown();
            Thread.yield();
        }
        writer.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(writer.isAlive());
        assertNull(failure.get());

        final long expected = (long)batches * perBatch + batches / 10;
        assertEquals(expected, latency.cumulative(StageLatency.NORMALIZED).getTotalCount(),
            "after " + reads + " reads");
        assertTrue(reads >= 100, "the reader flipped while the writer recorded: " + reads);
    }
}
