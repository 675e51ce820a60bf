/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import com.lmax.disruptor.WaitStrategy;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.Locale;

/**
 * How the engine's threads wait. {@code dev} backs off to parking so that a 2-core machine (and CI) is never
 * saturated by spinning threads; {@code low-latency} busy-spins on dedicated cores and wants one core per stage.
 */
public enum ThreadingProfile
{
    /**
     * Backoff: a few spins, a few yields, then parks from 1 us growing to 100 us. Tests and 2-core machines.
     */
    DEV("dev"),

    /**
     * Busy spin everywhere; Aeron's driver in dedicated threading mode. Needs a core per busy thread.
     */
    LOW_LATENCY("low-latency");

    /**
     * How long a ring consumer waits with nothing to do before its stages get {@code onTimeout} (then again after
     * as long, while the ring stays idle): the bound on how long an idle normalize takes to serve a round of the
     * snapshot agent.
     */
    public static final long IDLE_TIMEOUT_NS = 1_000_000;

    private final String printedName;

    ThreadingProfile(final String printedName)
    {
        this.printedName = printedName;
    }

    /**
     * @return name as written in configuration.
     */
    public String printedName()
    {
        return printedName;
    }

    /**
     * @return a new wait strategy for the ring's consumers.
     */
    public WaitStrategy newWaitStrategy()
    {
        return this == DEV ?
            new BackoffWaitStrategy(16, 8, 1_000, 100_000, IDLE_TIMEOUT_NS) : new SpinWaitStrategy(IDLE_TIMEOUT_NS);
    }

    /**
     * @return a new idle strategy for agents and for a producer waiting on its consumers.
     */
    public IdleStrategy newIdleStrategy()
    {
        return this == DEV ? new BackoffIdleStrategy(16, 8, 1_000, 100_000) : new BusySpinIdleStrategy();
    }

    /**
     * Parses a configured name.
     *
     * @param name {@code dev} or {@code low-latency}.
     * @return the profile.
     * @throws IllegalArgumentException naming the allowed values.
     */
    public static ThreadingProfile parse(final String name)
    {
        final String normalized = name.trim().toLowerCase(Locale.ROOT);
        for (final ThreadingProfile profile : values())
        {
            if (profile.printedName.equals(normalized))
            {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown threading profile '" + name + "'; expected dev or low-latency");
    }
}
