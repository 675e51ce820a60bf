/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import com.lmax.disruptor.EventHandler;
import io.marketprism.engine.CompletionTimes;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketEvent;
import io.marketprism.engine.StageLatency;
import io.marketprism.journal.JournalWriter;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * The journal stage: appends every message of every event (definitions and status first, then the message itself)
 * to the Chronicle Queue journal, in ring order, one Chronicle document per batch, closed at the end of the batch.
 * The writer is opened on the stage's own thread, as Chronicle appenders are per thread.
 */
public final class JournalHandler implements EventHandler<MarketEvent>, MarketEvent.MessageVisitor
{
    /**
     * Pages {@link #onTimeout} touches at most: about 16 page faults, tens of microseconds. Public so that a baseline
     * journal stage (the latency harness's) pre-touches exactly as this one does.
     */
    public static final int PRETOUCH_PAGES_PER_IDLE = 16;

    private final Path directory;
    private final String rollCycle;
    private final long blockSizeBytes;
    private final EngineCounters counters;
    private final StageTimer timer;
    private JournalWriter writer;

    /**
     * @param directory      journal directory.
     * @param rollCycle      Chronicle roll cycle name.
     * @param blockSizeBytes Chronicle block size.
     * @param counters       engine counters.
     * @param latency        stage latency recorders.
     * @param completion     where this stage stamps when it is done with a slot.
     */
    public JournalHandler(
        final Path directory,
        final String rollCycle,
        final long blockSizeBytes,
        final EngineCounters counters,
        final StageLatency latency,
        final CompletionTimes.Stamp completion)
    {
        this.timer = new StageTimer(latency, StageLatency.JOURNALED, completion,
            counters.newStagePosition(StageLatency.JOURNALED));
        this.directory = directory;
        this.rollCycle = rollCycle;
        this.blockSizeBytes = blockSizeBytes;
        this.counters = counters;
    }

    @Override
    public void onStart()
    {
        writer = new JournalWriter(directory, rollCycle, blockSizeBytes);
        writer.prepare();
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        timer.batchStart();
    }

    @Override
    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            event.forEachMessage(this);
        }
        finally
        {
            if (endOfBatch)
            {
                writer.flush();
            }
            timer.done(event, sequence, endOfBatch);
        }
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (writer.append(buffer, offset, length) == JournalWriter.APPENDED)
        {
            counters.journaled.incrementRelease();
            counters.journalBytes.getAndAddRelease(length);
        }
        else
        {
            counters.journalRejected.incrementRelease();
        }
    }

    /**
     * Idle (no event for {@code ThreadingProfile.IDLE_TIMEOUT_NS}): touches the journal's next pages, a few at a time,
     * so that the appends to come do not take their page faults.
     */
    @Override
    public void onTimeout(final long sequence)
    {
        if (writer != null)
        {
            final int touched = writer.pretouch(PRETOUCH_PAGES_PER_IDLE);
            if (touched > 0)
            {
                counters.journalPagesPretouched.getAndAddRelease(touched);
            }
        }
    }

    @Override
    public void onShutdown()
    {
        if (writer != null)
        {
            writer.close();
            writer = null;
        }
    }

    /**
     * @return the journal directory.
     */
    public Path directory()
    {
        return directory;
    }
}
