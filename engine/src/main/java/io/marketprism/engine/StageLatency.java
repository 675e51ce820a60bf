/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Latency of each pipeline stage, measured from the moment a frame was received, in nanoseconds.
 * <p>
 * Each stage has one writer thread. Like HdrHistogram's {@code SingleWriterRecorder}, a reader flips the active and
 * inactive histograms under a {@link WriterReaderPhaser} and reads the inactive one, so reading never blocks the
 * writer and never sees a torn histogram. Unlike it, the writer enters the phaser's critical section once per
 * <em>batch</em> ({@link #beginBatch(int)} ... {@link #endBatch(int)}), not once per value: two atomic operations per
 * batch instead of two per message, which on the hot path is the difference that matters. A value recorded outside
 * a batch pays for its own critical section.
 * <p>
 * Two readers can share the values without losing any: every flip adds what the writer recorded both to the
 * cumulative histogram ({@link #cumulative(int)}) and to a pending interval that {@link #takeInterval(int, Histogram)}
 * hands over, so an interval log sees every value even when a summary reads the cumulative histogram in between.
 */
public final class StageLatency
{
    /** Receive to decoded (feed thread). */
    public static final int DECODED = 0;
    /** Receive to normalized (normalize thread). */
    public static final int NORMALIZED = 1;
    /** Receive to journaled (journal thread). */
    public static final int JOURNALED = 2;
    /** Receive to published on Aeron (publish thread). */
    public static final int PUBLISHED = 3;
    /** Receive to done by every terminal stage (feed thread, when the slot is reused or drained). */
    public static final int COMPLETED = 4;
    /** Number of stages. */
    public static final int STAGE_COUNT = 5;
    /** Values above this are recorded as this (one hour). */
    public static final long HIGHEST_TRACKABLE_NS = 3_600_000_000_000L;

    private static final String[] NAMES = { "decoded", "normalized", "journaled", "published", "completed" };

    private final Stage[] stages = new Stage[STAGE_COUNT];

    /**
     * Histograms with 3 significant digits from 1 ns to one hour.
     */
    public StageLatency()
    {
        for (int i = 0; i < STAGE_COUNT; i++)
        {
            stages[i] = new Stage();
        }
    }

    /**
     * @param stage one of the stage constants.
     * @return its printed name.
     */
    public static String name(final int stage)
    {
        return NAMES[stage];
    }

    /**
     * Opens a batch of recordings for a stage; writer thread only.
     *
     * @param stage one of the stage constants.
     */
    public void beginBatch(final int stage)
    {
        final Stage s = stages[stage];
        s.batchEpoch = s.phaser.writerCriticalSectionEnter();
        s.inBatch = true;
    }

    /**
     * Closes the stage's batch; writer thread only.
     *
     * @param stage one of the stage constants.
     */
    public void endBatch(final int stage)
    {
        final Stage s = stages[stage];
        if (s.inBatch)
        {
            s.inBatch = false;
            s.phaser.writerCriticalSectionExit(s.batchEpoch);
        }
    }

    /**
     * Records one latency; writer thread only. Does not allocate.
     *
     * @param stage     one of the stage constants.
     * @param latencyNs nanoseconds since the frame was received; clamped to [1, one hour].
     */
    public void record(final int stage, final long latencyNs)
    {
        final long value = latencyNs < 1 ? 1 : Math.min(latencyNs, HIGHEST_TRACKABLE_NS);
        final Stage s = stages[stage];
        if (s.inBatch)
        {
            s.active.recordValue(value);
        }
        else
        {
            final long epoch = s.phaser.writerCriticalSectionEnter();
            try
            {
                s.active.recordValue(value);
            }
            finally
            {
                s.phaser.writerCriticalSectionExit(epoch);
            }
        }
    }

    /**
     * Everything recorded for a stage so far. Cold path.
     *
     * @param stage one of the stage constants.
     * @return a cumulative histogram owned by this object; copy it to keep it.
     */
    public synchronized Histogram cumulative(final int stage)
    {
        final Stage s = stages[stage];
        s.flip();
        s.accumulate();
        return s.accumulated;
    }

    /**
     * Adds what was recorded for a stage since the previous call to {@code interval}, and to the cumulative histogram.
     * Cold path (an interval log's sampler thread).
     *
     * @param stage    one of the stage constants.
     * @param interval receives the values of the interval; not reset here.
     */
    public synchronized void takeInterval(final int stage, final Histogram interval)
    {
        final Stage s = stages[stage];
        s.flip();
        s.accumulate();
        interval.add(s.pendingInterval);
        s.pendingInterval.reset();
    }

    /**
     * Forgets everything recorded so far, e.g. at the end of a warm-up. Cold path.
     */
    public synchronized void reset()
    {
        for (final Stage s : stages)
        {
            s.flip();
            s.inactive.reset();
            s.accumulated.reset();
            s.pendingInterval.reset();
        }
    }

    private static final class Stage
    {
        final WriterReaderPhaser phaser = new WriterReaderPhaser();
        final Histogram accumulated = new Histogram(1, HIGHEST_TRACKABLE_NS, 3);
        final Histogram pendingInterval = new Histogram(1, HIGHEST_TRACKABLE_NS, 3);
        volatile Histogram active = new Histogram(1, HIGHEST_TRACKABLE_NS, 3);
        Histogram inactive = new Histogram(1, HIGHEST_TRACKABLE_NS, 3);
        long batchEpoch;
        boolean inBatch;

        void accumulate()
        {
            accumulated.add(inactive);
            pendingInterval.add(inactive);
            inactive.reset();
        }

        void flip()
        {
            phaser.readerLock();
            try
            {
                final Histogram wasActive = active;
                active = inactive;
                inactive = wasActive;
                phaser.flipPhase();
            }
            finally
            {
                phaser.readerUnlock();
            }
        }
    }
}
