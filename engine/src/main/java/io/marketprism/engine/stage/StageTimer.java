/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import io.marketprism.engine.CompletionTimes;
import io.marketprism.engine.MarketEvent;
import io.marketprism.engine.StageLatency;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * What every terminal stage does around its work on an event: open a latency batch when the ring hands it a batch,
 * and when it is done with an event read the clock once, record the stage latency from the frame's receipt and stamp
 * the slot's completion; close the batch with its last event.
 */
final class StageTimer
{
    private final StageLatency latency;
    private final int stage;
    private final CompletionTimes.Stamp completion;
    private final AtomicCounter position;

    StageTimer(
        final StageLatency latency,
        final int stage,
        final CompletionTimes.Stamp completion,
        final AtomicCounter position)
    {
        this.position = position;
        this.latency = latency;
        this.stage = stage;
        this.completion = completion;
    }

    void batchStart()
    {
        latency.beginBatch(stage);
    }

    void done(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        final long now = System.nanoTime();
        completion.done(sequence, now);
        if (event.receivedNs() != 0)
        {
            // 0: a raw frame on its way to the journal, not a message: latency is measured on messages
            latency.record(stage, now - event.receivedNs());
        }
        if (endOfBatch)
        {
            position.setRelease(sequence + 1);
            latency.endBatch(stage);
        }
    }
}
