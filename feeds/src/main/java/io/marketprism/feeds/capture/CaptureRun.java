/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Replays a capture through a running pipeline on the calling thread until the capture is exhausted, every stage
 * has processed everything, and no resync request is left unanswered.
 */
public final class CaptureRun
{
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    private CaptureRun()
    {
    }

    /**
     * @param pipeline  a started pipeline.
     * @param reader    the capture; closed at the end.
     * @param decoders  one decoder per capture source.
     * @param venues    venue of each source.
     * @param snapshots answers to resync requests.
     * @param pacer     when frames are due.
     * @param idle      how the calling thread waits.
     * @return the agent that did the work, with its statistics.
     * @throws IOException when the capture cannot be read.
     * @throws IllegalStateException when the pipeline does not drain within a minute.
     */
    public static CaptureReplayAgent run(
        final MarketDataPipeline pipeline,
        final CaptureReader reader,
        final FrameDecoder[] decoders,
        final Venue[] venues,
        final SnapshotSource snapshots,
        final CapturePacer pacer,
        final IdleStrategy idle) throws IOException
    {
        final CaptureReplayAgent agent = new CaptureReplayAgent(
            reader, decoders, venues, pipeline.producer(), pipeline.resyncRequests(), snapshots, pacer,
            new SystemNanoClock());
        try
        {
            while (!agent.isDone())
            {
                idle.idle(agent.doWork());
            }
            final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NS;
            while (true)
            {
                // drained first: every request normalize made is then already queued for doWork to see
                final boolean drained = pipeline.isDrained();
                final int work = agent.doWork();
                if (work == 0 && drained)
                {
                    break;
                }
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("pipeline did not drain within 60 s");
                }
                idle.idle(work);
            }
            if (!pipeline.awaitDrained(DRAIN_TIMEOUT_NS))
            {
                throw new IllegalStateException("pipeline did not drain within 60 s");
            }
        }
        finally
        {
            agent.onClose();
        }
        return agent;
    }
}
