/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

/**
 * A Disruptor wait strategy that busy-spins, for a consumer that owns its core. A consumer that has waited for the
 * idle timeout gets a {@link TimeoutException} (its handler's {@code onTimeout}) and then spins again: stages do
 * their idle work there. The clock is read once every {@value #SPINS_PER_CLOCK_READ} spins. The
 * {@code low-latency} profile's strategy.
 */
public final class SpinWaitStrategy implements WaitStrategy
{
    private static final int SPINS_PER_CLOCK_READ = 1024;

    private final long idleTimeoutNs;

    /**
     * @param idleTimeoutNs time waited after which the consumer is told it is idle.
     */
    public SpinWaitStrategy(final long idleTimeoutNs)
    {
        if (idleTimeoutNs < 1)
        {
            throw new IllegalArgumentException("invalid idleTimeoutNs=" + idleTimeoutNs);
        }
        this.idleTimeoutNs = idleTimeoutNs;
    }

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, TimeoutException
    {
        long available;
        int spins = 0;
        long idleDeadlineNs = 0;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            Thread.onSpinWait();
            if (++spins == SPINS_PER_CLOCK_READ)
            {
                spins = 0;
                final long nowNs = System.nanoTime();
                if (idleDeadlineNs == 0)
                {
                    idleDeadlineNs = nowNs + idleTimeoutNs;
                }
                else if (nowNs - idleDeadlineNs >= 0)
                {
                    throw TimeoutException.INSTANCE;
                }
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
    }
}
