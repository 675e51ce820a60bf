/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import io.aeron.Publication;
import io.aeron.ReservedValueSupplier;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.book.BookSnapshots;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

import java.util.Arrays;

/**
 * The late joiners' agent: every interval it asks normalize for a round ({@link BookSnapshots#requestRound()}: bring
 * the slots of the books that changed up to date), and once normalize has served it, or after half an interval
 * without (normalize stuck behind back pressure: the slots are older, and say so), copies every instrument's slot
 * (never blocking normalize) and offers its {@code Instrument} definition and its book snapshot on the snapshot
 * publication, both with the live stream sequence the copy is current at in the frame's reserved value (see
 * {@code io.marketprism.client.MarketDataStreams}). A snapshot that meets back pressure or no subscriber is counted
 * and the next round sends a newer one. A copy that normalize's writes kept contended is tried again on every duty
 * cycle until it succeeds or the next round begins, so that a busy book does not leave a late joiner waiting whole
 * intervals. Runs on its own thread (an {@code AgentRunner}).
 */
public final class SnapshotPublisher implements Agent, ReservedValueSupplier
{
    private final BookSnapshots snapshots;
    private final Publication publication;
    private final EngineCounters counters;
    private final EpochClock clock;
    private final long intervalMs;
    private final BookSnapshots.Copy copy;
    private final long serveWaitMs;
    private long nextRoundMs;
    private long awaitedRound;
    private long copyDeadlineMs;
    private long stampSeq;
    private boolean[] contended = new boolean[64];
    private int contendedCount;

    /**
     * @param snapshots   the store normalize writes.
     * @param publication the snapshot stream; closed by {@link #onClose()}.
     * @param counters    engine counters.
     * @param clock       the clock the interval is measured with.
     * @param intervalMs  time between rounds.
     */
    public SnapshotPublisher(
        final BookSnapshots snapshots,
        final Publication publication,
        final EngineCounters counters,
        final EpochClock clock,
        final long intervalMs)
    {
        this.snapshots = snapshots;
        this.publication = publication;
        this.counters = counters;
        this.clock = clock;
        this.intervalMs = intervalMs;
        this.serveWaitMs = Math.max(1, intervalMs / 2);
        this.copy = snapshots.newCopy();
    }

    @Override
    public int doWork()
    {
        final long nowMs = clock.time();
        if (awaitedRound > 0)
        {
            if (snapshots.servedRound() < awaitedRound && nowMs < copyDeadlineMs)
            {
                return 0;
            }
            awaitedRound = 0;
            return publishRound();
        }
        if (nowMs < nextRoundMs)
        {
            return contendedCount > 0 ? retryContended() : 0;
        }
        // a fixed rate: rounds do not drift later by the agent's wake-ups; after a stall, the next is an interval on
        nextRoundMs = nextRoundMs + intervalMs > nowMs ? nextRoundMs + intervalMs : nowMs + intervalMs;
        copyDeadlineMs = nowMs + serveWaitMs;
        awaitedRound = snapshots.requestRound();
        return 1;
    }

    /**
     * @return true while a round has been asked of normalize and not yet copied.
     */
    public boolean awaitingRound()
    {
        return awaitedRound > 0;
    }

    /**
     * @return instruments whose copy was contended in this round and not yet published.
     */
    public int contendedCount()
    {
        return contendedCount;
    }

    /**
     * Offers one snapshot of every instrument now, as the slots are.
     *
     * @return instruments offered.
     */
    public int publishRound()
    {
        int offered = 0;
        final int maxId = snapshots.maxInstrumentId();
        if (maxId >= contended.length)
        {
            // a new instrument (cold: definitions arrive at start-up and on listings)
            contended = Arrays.copyOf(contended, Math.max(maxId + 1, contended.length * 2));
        }
        Arrays.fill(contended, false);
        contendedCount = 0;
        for (int id = 1; id <= maxId; id++)
        {
            final int status = snapshots.copy(id, copy);
            if (status == BookSnapshots.CONTENDED)
            {
                counters.snapshotsContended.incrementRelease();
                contended[id] = true;
                contendedCount++;
                continue;
            }
            if (status == BookSnapshots.COPIED)
            {
                offer();
                offered++;
            }
        }
        return offered;
    }

    private int retryContended()
    {
        int offered = 0;
        for (int id = 1; id < contended.length && contendedCount > 0; id++)
        {
            if (!contended[id])
            {
                continue;
            }
            final int status = snapshots.copy(id, copy);
            if (status == BookSnapshots.CONTENDED)
            {
                counters.snapshotsContended.incrementRelease();
                continue;
            }
            contended[id] = false;
            contendedCount--;
            if (status == BookSnapshots.COPIED)
            {
                offer();
                offered++;
            }
        }
        return offered;
    }

    private void offer()
    {
        stampSeq = copy.streamSeq();
        if (copy.definitionLength() > 0)
        {
            publication.offer(copy.buffer(), copy.definitionOffset(), copy.definitionLength(), this);
        }
        if (copy.bookLength() > 0)
        {
            final long result = publication.offer(copy.buffer(), copy.bookOffset(), copy.bookLength(), this);
            if (result > 0)
            {
                counters.snapshotsPublished.incrementRelease();
            }
            else if (result != Publication.NOT_CONNECTED)
            {
                counters.snapshotsDropped.incrementRelease();
            }
        }
    }

    @Override
    public long get(final DirectBuffer termBuffer, final int termOffset, final int frameLength)
    {
        return stampSeq;
    }

    @Override
    public void onClose()
    {
        publication.close();
    }

    @Override
    public String roleName()
    {
        return "book-snapshots";
    }
}
