/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.StageLatency;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies the pipeline's stage latency histograms into Prometheus buckets on a thread of its own, once a second.
 * <p>
 * Reading a {@link StageLatency} flips its phaser, which waits for the writer to leave its current batch: on a wedged
 * pipeline that wait never ends. So the HTTP thread never reads the histograms; it serves the latest snapshot taken
 * here, and its age ({@code marketprism_stage_latency_snapshot_age_seconds}) tells a stuck sampler from a quiet one.
 * <p>
 * With a log file it also writes an HdrHistogram interval log ({@code .hlog}): every log interval, one histogram per
 * stage, tagged with the stage's name, holding the values recorded in that interval (ns). {@link #close()} writes the
 * last, shorter interval, so the log holds every value the stages recorded.
 */
final class LatencySampler implements AutoCloseable
{
    /** Upper bounds of the buckets, ns: microsecond scale up to a second. */
    static final long[] BUCKET_BOUNDS_NS = {
        1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
        1_000_000, 2_000_000, 5_000_000, 10_000_000, 50_000_000, 100_000_000, 1_000_000_000 };

    private final StageLatency latency;
    private final ScheduledExecutorService executor;
    private final HistogramLogWriter logWriter;
    private final long logIntervalMs;
    private final Histogram[] intervals;
    private long intervalStartMs;
    private volatile Snapshot snapshot;
    private boolean closed;

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
        this(latency, periodMs, null, 0);
    }

    /**
     * @param latency       the pipeline's stage latency.
     * @param periodMs      time between two samples.
     * @param logFile       the interval log to create, or null for none.
     * @param logIntervalMs length of one interval of the log, ms; a multiple of the period in practice.
     * @throws UncheckedIOException when the log cannot be created.
     */
    LatencySampler(final StageLatency latency, final long periodMs, final Path logFile, final long logIntervalMs)
    {
        this.latency = latency;
        this.snapshot = new Snapshot(System.nanoTime());
        this.logIntervalMs = logIntervalMs;
        this.intervalStartMs = System.currentTimeMillis();
        if (logFile != null)
        {
            try
            {
                logWriter = new HistogramLogWriter(logFile.toFile());
            }
            catch (final FileNotFoundException ex)
            {
                throw new UncheckedIOException("cannot create the latency log " + logFile + ": " + ex.getMessage(), ex);
            }
            logWriter.outputComment("MarketPrism stage latency, ns from frame receipt; one histogram per stage (tag) " +
                "per interval");
            logWriter.outputLogFormatVersion();
            logWriter.outputStartTime(intervalStartMs);
            logWriter.setBaseTime(intervalStartMs);
            logWriter.outputBaseTime(intervalStartMs);
            logWriter.outputLegend();
            intervals = new Histogram[StageLatency.STAGE_COUNT];
            for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
            {
                intervals[stage] = new Histogram(1, StageLatency.HIGHEST_TRACKABLE_NS, 3);
            }
        }
        else
        {
            logWriter = null;
            intervals = null;
        }
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

    private synchronized void sample()
    {
        if (closed)
        {
            return;
        }
        final Snapshot next = new Snapshot(System.nanoTime());
        for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
        {
            if (intervals != null)
            {
                latency.takeInterval(stage, intervals[stage]);
            }
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
        final long nowMs = System.currentTimeMillis();
        if (logWriter != null && nowMs - intervalStartMs >= logIntervalMs)
        {
            writeIntervals(nowMs);
        }
    }

    private void writeIntervals(final long endMs)
    {
        for (int stage = 0; stage < intervals.length; stage++)
        {
            final Histogram interval = intervals[stage];
            // Histogram.reset() forgets the tag too
            interval.setTag(StageLatency.name(stage));
            interval.setStartTimeStamp(intervalStartMs);
            interval.setEndTimeStamp(endMs);
            logWriter.outputIntervalHistogram(interval);
            interval.reset();
        }
        intervalStartMs = endMs;
    }

    /**
     * Stops sampling; with a log, takes a last sample and writes the last interval before closing the file.
     */
    @Override
    public void close()
    {
        executor.shutdownNow();
        try
        {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            if (logWriter != null)
            {
                for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
                {
                    latency.takeInterval(stage, intervals[stage]);
                }
                writeIntervals(Math.max(System.currentTimeMillis(), intervalStartMs));
                logWriter.close();
            }
            closed = true;
        }
    }
}
