/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.engine.ThreadingProfile;

import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate schedule of intended send times, {@code start + i * 10^9 / rate} nanoseconds, and the wait for the
 * next one. The schedule is absolute: a late send does not move later ones, so a stalled sender shows up as latency
 * measured from the intended time (no coordinated omission) and the rate does not drift.
 * <p>
 * How it waits depends on the threading profile. {@code low-latency} spins until the due time. {@code dev} never
 * busy-spins: when the due time is more than {@link #PARK_THRESHOLD_NS} away it parks for the distance less that
 * threshold (a park on Linux oversleeps by about 50-60 us, the kernel's default timer slack), then yields the CPU
 * until due. The timing error this adds is the time from the due time to the clock read after the wait (a yield that
 * handed the core to another thread, or a park that overslept); the harness records it per send as the "send lag"
 * and prints it. Latency is measured from the intended time, so this error is part of every latency figure of both
 * pipelines alike; it is not hidden, and it is reported separately so that it can be told apart.
 */
final class SendSchedule
{
    /** Parks only when the next send is further away than this; yields below it. */
    static final long PARK_THRESHOLD_NS = 80_000;

    private final long startNs;
    private final long rate;
    private final boolean spin;

    /**
     * @param startNs intended time of send 0, System.nanoTime() base.
     * @param rate    sends per second.
     * @param profile decides how to wait.
     */
    SendSchedule(final long startNs, final long rate, final ThreadingProfile profile)
    {
        if (rate < 1 || rate > 1_000_000_000L)
        {
            throw new IllegalArgumentException("rate must be from 1 to 10^9 per second: " + rate);
        }
        this.startNs = startNs;
        this.rate = rate;
        this.spin = profile == ThreadingProfile.LOW_LATENCY;
    }

    /**
     * @param index send number from 0.
     * @return its intended time.
     */
    long intendedNs(final long index)
    {
        // exact for any index below 9.2e9 sends: index * 10^9 fits a long, the division rounds once
        return startNs + index * 1_000_000_000L / rate;
    }

    /**
     * @return sends per second.
     */
    long rate()
    {
        return rate;
    }

    /**
     * Waits until the given time; returns at once when it has passed.
     *
     * @param dueNs System.nanoTime() to wait for.
     * @return the clock read after the wait, at or after {@code dueNs}.
     */
    long awaitUntil(final long dueNs)
    {
        long now = System.nanoTime();
        while (now - dueNs < 0)
        {
            if (spin)
            {
                Thread.onSpinWait();
            }
            else
            {
                final long remaining = dueNs - now;
                if (remaining > PARK_THRESHOLD_NS)
                {
                    LockSupport.parkNanos(remaining - PARK_THRESHOLD_NS);
                }
                else
                {
                    Thread.yield();
                }
            }
            now = System.nanoTime();
        }
        return now;
    }
}
