/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both profiles' wait strategies: they return what is published, tell a consumer it is idle once the idle timeout
 * has passed (where normalize serves the snapshot agent), and stop on an alert.
 */
final class WaitStrategyTimeoutTest
{
    private static final long TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(2);

    @Test
    void backoffTimesOutWhenIdle() throws Exception
    {
        check(new BackoffWaitStrategy(16, 8, 1_000, 100_000, TIMEOUT_NS));
    }

    @Test
    void spinTimesOutWhenIdle() throws Exception
    {
        check(new SpinWaitStrategy(TIMEOUT_NS));
    }

    @Test
    void rejectsNonsense()
    {
        assertThrows(IllegalArgumentException.class, () -> new SpinWaitStrategy(0));
        assertThrows(IllegalArgumentException.class, () -> new BackoffWaitStrategy(16, 8, 1_000, 100_000, 0));
    }

    private static void check(final WaitStrategy strategy) throws Exception
    {
        final RingBuffer<long[]> ring = RingBuffer.createSingleProducer(() -> new long[1], 8, strategy);
        final SequenceBarrier barrier = ring.newBarrier();

        final long startNs = System.nanoTime();
        assertThrows(TimeoutException.class, () -> barrier.waitFor(0));
        final long waitedNs = System.nanoTime() - startNs;
        assertTrue(waitedNs >= TIMEOUT_NS, "told idle after " + waitedNs + " ns, not before the timeout");

        ring.publish(ring.next());
        ring.publish(ring.next());
        assertEquals(1, barrier.waitFor(0), "what is published is returned at once");

        barrier.alert();
        assertThrows(AlertException.class, () -> barrier.waitFor(2));
    }
}
