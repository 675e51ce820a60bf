/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.StageLatency;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies the pipeline's stage latency histograms into Prometheus buckets on a thread of its own, once a second.
 * <p>
 * Reading a {@link StageLatency} flips its phaser, which waits for the writer to leave its current batch: on a wedged
 * pipeline that wait never ends. So the HTTP thread never reads the histograms; it serves the latest snapshot taken
 * here, and its age ({@code marketprism_stage_latency_snapshot_age_seconds}) tells a stuck sampler from a quiet one.
 */
final class LatencySampler implements AutoCloseable
{
    /** Upper bounds of the buckets, ns: microsecond scale up to a second. */
    static final long[] BUCKET_BOUNDS_NS = {
        1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
        1_000_000, 2_000_000, 5_000_000, 10_000_000, 50_000_000, 100_000_000, 1_000_000_000 };

    private final StageLatency latency;
    private final ScheduledExecutorService executor;
    private volatile Snapshot snapshot;

    /**
     * One stage's cumulative histogram as Prometheus buckets.
     */
    static final class Snapshot
    {
        final long takenAtNs;
        final long[][] cumulativeBuckets = new long[StageLatency.STAGE_COUNT][BUCKET_BOUNDS_NS.length];
        final long[] counts = new long[StageLatency.STAGE_COUNT];
        final double[] sumsSeconds = new double[StageLatency.STAGE_COUNT];

        Snapshot(final long takenAtNs)
        {
            this.takenAtNs = takenAtNs;
        }
    }

    LatencySampler(final StageLatency latency, final long periodMs)
    {
        this.latency = latency;
        this.snapshot = new Snapshot(System.nanoTime());
        this.executor = Executors.newSingleThreadScheduledExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "marketprism-latency-sampler");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sample, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * @return the latest snapshot; never blocks.
     */
    Snapshot snapshot()
    {
        return snapshot;
    }

    private void sample()
    {
        final Snapshot next = new Snapshot(System.nanoTime());
        for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
        {
            final Histogram histogram = latency.cumulative(stage);
            final long[] buckets = next.cumulativeBuckets[stage];
            double sumNs = 0;
            for (final HistogramIterationValue value : histogram.recordedValues())
            {
                final long count = value.getCountAtValueIteratedTo();
                final long valueNs = histogram.medianEquivalentValue(value.getValueIteratedTo());
                sumNs += (double)count * valueNs;
                for (int b = 0; b < BUCKET_BOUNDS_NS.length; b++)
                {
                    if (valueNs <= BUCKET_BOUNDS_NS[b])
                    {
                        buckets[b] += count;
                    }
                }
            }
            next.counts[stage] = histogram.getTotalCount();
            next.sumsSeconds[stage] = sumNs / 1e9;
        }
        snapshot = next;
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
    }
}
