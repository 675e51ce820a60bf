/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import com.lmax.disruptor.EventHandler;
import io.aeron.Publication;
import io.aeron.ReservedValueSupplier;
import io.marketprism.engine.CompletionTimes;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketEvent;
import io.marketprism.engine.StageLatency;
import io.marketprism.journal.JournalFormat;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * The publish stage: offers every message of every event on an Aeron publication, in ring order.
 * <ul>
 *   <li>no subscriber connected: the message is counted in {@link EngineCounters#publishNotConnected} and not
 *       retried (there is nobody to deliver it to);</li>
 *   <li>back pressure: retried with the idle strategy for at most the configured timeout, then dropped and counted
 *       in {@link EngineCounters#publishDropped}. After a timeout the stage stops waiting: later messages are offered
 *       once and dropped (counted) while the publication stays back-pressured, until an offer succeeds again. So a
 *       stalled consumer costs the ring one timeout per episode, not one per message;</li>
 *   <li>publication closed or at its maximum position: dropped and counted.</li>
 * </ul>
 * Every message carries its live stream sequence (numbered by normalize, {@link MarketEvent#firstStreamSeq()}) in
 * the Aeron frame's reserved value, delivered or not, so a consumer detects every message it did not get (see
 * {@code io.marketprism.client.MarketDataStreams}).
 */
public final class PublishHandler implements EventHandler<MarketEvent>, MarketEvent.MessageVisitor,
    ReservedValueSupplier
{
    private final Publication publication;
    private final IdleStrategy idleStrategy;
    private final long backPressureTimeoutNs;
    private final EngineCounters counters;
    private final StageTimer timer;
    private boolean shedding;
    private long streamSeq;

    /**
     * @param publication           where to offer.
     * @param idleStrategy          how to wait between offers under back pressure.
     * @param backPressureTimeoutNs longest time to retry one message.
     * @param counters              engine counters.
     * @param latency               stage latency recorders.
     * @param completion            where this stage stamps when it is done with a slot.
     */
    public PublishHandler(
        final Publication publication,
        final IdleStrategy idleStrategy,
        final long backPressureTimeoutNs,
        final EngineCounters counters,
        final StageLatency latency,
        final CompletionTimes.Stamp completion)
    {
        this.timer = new StageTimer(latency, StageLatency.PUBLISHED, completion,
            counters.newStagePosition(StageLatency.PUBLISHED));
        this.publication = publication;
        this.idleStrategy = idleStrategy;
        this.backPressureTimeoutNs = backPressureTimeoutNs;
        this.counters = counters;
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
            streamSeq = event.firstStreamSeq();
            event.forEachMessage(this);
        }
        finally
        {
            timer.done(event, sequence, endOfBatch);
        }
    }

    @Override
    public long get(final DirectBuffer termBuffer, final int termOffset, final int frameLength)
    {
        return streamSeq;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (JournalFormat.schemaId(buffer, offset) == JournalFormat.JOURNAL_SCHEMA_ID)
        {
            // a raw frame on its way to the journal: consumers get the normalized messages only
            return;
        }
        try
        {
            offer(buffer, offset, length);
        }
        finally
        {
            streamSeq++;
        }
    }

    private void offer(final DirectBuffer buffer, final int offset, final int length)
    {
        long deadlineNs = 0;
        idleStrategy.reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length, this);
            if (result > 0)
            {
                shedding = false;
                counters.published.incrementRelease();
                return;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                counters.publishNotConnected.incrementRelease();
                return;
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                counters.publishBackPressured.incrementRelease();
                final long now = System.nanoTime();
                if (shedding && result == Publication.BACK_PRESSURED)
                {
                    counters.publishDropped.incrementRelease();
                    return;
                }
                if (deadlineNs == 0)
                {
                    deadlineNs = now + backPressureTimeoutNs;
                }
                else if (now - deadlineNs > 0)
                {
                    shedding = true;
                    counters.publishDropped.incrementRelease();
                    return;
                }
                idleStrategy.idle();
                continue;
            }
            counters.publishDropped.incrementRelease();
            return;
        }
    }
}
