/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import io.marketprism.journal.JournalRetention;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Journal retention on a thread of its own, off the hot path: at start and then every {@link #CHECK_INTERVAL_MS}
 * it deletes the cycle files that expired ({@link JournalRetention}) and counts them.
 */
public final class JournalRetentionAgent implements Agent
{
    /** Time between two checks. */
    public static final long CHECK_INTERVAL_MS = 60_000;

    private final JournalRetention retention;
    private final AtomicCounter filesDeleted;
    private final EpochClock clock;
    private long nextCheckMs = Long.MIN_VALUE;

    /**
     * @param retention    what to delete.
     * @param filesDeleted counts the files deleted.
     * @param clock        wall-clock time.
     */
    public JournalRetentionAgent(
        final JournalRetention retention, final AtomicCounter filesDeleted, final EpochClock clock)
    {
        this.retention = retention;
        this.filesDeleted = filesDeleted;
        this.clock = clock;
    }

    @Override
    public int doWork()
    {
        final long nowMs = clock.time();
        if (nowMs < nextCheckMs)
        {
            return 0;
        }
        nextCheckMs = nowMs + CHECK_INTERVAL_MS;
        final int deleted = retention.deleteExpired(nowMs);
        filesDeleted.getAndAddRelease(deleted);
        return deleted + 1;
    }

    @Override
    public String roleName()
    {
        return "journal-retention";
    }
}
