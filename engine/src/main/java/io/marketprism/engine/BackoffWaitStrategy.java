/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * A Disruptor wait strategy that spins briefly, then yields, then parks with a period doubling from a minimum to a
 * maximum. Publishing never signals (no lock on the producer's path); the price is up to the maximum park period of
 * extra latency when a consumer has gone idle. A consumer that has parked for the idle timeout gets a
 * {@link TimeoutException} (its handler's {@code onTimeout}) and then waits again: stages do their idle work there.
 * The {@code dev} profile's strategy.
 */
public final class BackoffWaitStrategy implements WaitStrategy
{
    private final int maxSpins;
    private final int maxYields;
    private final long minParkNs;
    private final long maxParkNs;
    private final long idleTimeoutNs;

    /**
     * @param maxSpins  spins before yielding.
     * @param maxYields yields before parking.
     * @param minParkNs first park period.
     * @param maxParkNs longest park period.
     * @param idleTimeoutNs time parked after which the consumer is told it is idle.
     */
    public BackoffWaitStrategy(
        final int maxSpins, final int maxYields, final long minParkNs, final long maxParkNs, final long idleTimeoutNs)
    {
        if (maxSpins < 0 || maxYields < 0 || minParkNs < 1 || maxParkNs < minParkNs || idleTimeoutNs < 1)
        {
            throw new IllegalArgumentException("invalid backoff: spins=" + maxSpins + " yields=" + maxYields +
                " minParkNs=" + minParkNs + " maxParkNs=" + maxParkNs + " idleTimeoutNs=" + idleTimeoutNs);
        }
        this.idleTimeoutNs = idleTimeoutNs;
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNs = minParkNs;
        this.maxParkNs = maxParkNs;
    }

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, TimeoutException
    {
        long available;
        int spins = 0;
        int yields = 0;
        long parkNs = minParkNs;
        long idleDeadlineNs = 0;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (spins < maxSpins)
            {
                spins++;
                Thread.onSpinWait();
            }
            else if (yields < maxYields)
            {
                yields++;
                Thread.yield();
            }
            else
            {
                final long nowNs = System.nanoTime();
                if (idleDeadlineNs == 0)
                {
                    idleDeadlineNs = nowNs + idleTimeoutNs;
                }
                else if (nowNs - idleDeadlineNs >= 0)
                {
                    throw TimeoutException.INSTANCE;
                }
                LockSupport.parkNanos(parkNs);
                parkNs = Math.min(parkNs << 1, maxParkNs);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
    }
}
