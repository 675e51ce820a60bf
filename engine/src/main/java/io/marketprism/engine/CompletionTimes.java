/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

/**
 * When each terminal stage finished with each ring slot, for the pipeline latency the producer records when it reuses
 * a slot. Every terminal stage writes its own array (indexed by sequence), so stages that run in parallel never write
 * the same cache line; the producer reads them only for slots every stage has passed.
 */
public final class CompletionTimes
{
    private final long[][] byStage;
    private final int mask;

    /**
     * @param stages   terminal stages that stamp.
     * @param ringSize ring slots, a power of two.
     */
    public CompletionTimes(final int stages, final int ringSize)
    {
        byStage = new long[stages][ringSize];
        mask = ringSize - 1;
    }

    /**
     * @param stage index of a terminal stage, 0 to the number of stages - 1.
     * @return the writer for that stage; use from the stage's thread only.
     */
    public Stamp stage(final int stage)
    {
        return new Stamp(byStage[stage], mask);
    }

    /**
     * @param sequence a sequence every terminal stage has processed.
     * @return the latest completion time of the slot among the stages, 0 when none stamped it.
     */
    long latest(final long sequence)
    {
        final int slot = (int)(sequence & mask);
        long latest = 0;
        for (final long[] times : byStage)
        {
            latest = Math.max(latest, times[slot]);
        }
        return latest;
    }

    /**
     * One terminal stage's completion stamps.
     */
    public static final class Stamp
    {
        private final long[] times;
        private final int mask;

        Stamp(final long[] times, final int mask)
        {
            this.times = times;
            this.mask = mask;
        }

        /**
         * @param sequence the event's ring sequence.
         * @param nanoTime System.nanoTime() when the stage finished with it.
         */
        public void done(final long sequence, final long nanoTime)
        {
            times[(int)(sequence & mask)] = nanoTime;
        }
    }
}
