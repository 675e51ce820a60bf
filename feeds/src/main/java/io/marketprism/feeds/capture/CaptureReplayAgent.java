/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import io.marketprism.engine.ResyncRequests;
import io.marketprism.engine.RingProducer;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The feed role for recordings: reads frames from a capture, paces them, decodes each with its source's decoder into
 * the ring (each frame first recorded as received for the journal, with its source index as connection id, when the
 * pipeline journals raw frames), and answers the engine's resync requests from a {@link SnapshotSource}. The live feed
 * will have the same shape with a WebSocket in place of the capture.
 * <p>
 * {@link #doWork()} reads the clock once, delivers at most one batch of frames that are due and returns how many it
 * delivered; run it with an idle strategy until {@link #isDone()}.
 */
public final class CaptureReplayAgent implements Agent
{
    private static final int BATCH = 256;
    private static final int RESYNC_LIMIT = 16;

    private final CaptureReader reader;
    private final FrameDecoder[] decoders;
    private final Venue[] venues;
    private final String[] lastContextSymbol;
    private final String[] lastContextUrl;
    private final RingProducer producer;
    private final ResyncRequests resyncRequests;
    private final SnapshotSource snapshots;
    private final CapturePacer pacer;
    private final NanoClock clock;
    private final CaptureFrame frame = new CaptureFrame();
    private final UnsafeBuffer snapshotBuffer = new UnsafeBuffer(0, 0);
    private final ResyncRequests.Handler resyncHandler = this::onResync;
    private boolean framePending;
    private boolean done;
    private long frames;
    private long bytes;
    private long snapshotsServed;
    private long snapshotsUnavailable;
    private long lastRecvTsNs;

    /**
     * @param reader         frames, with source indexes into {@code decoders}.
     * @param decoders       one decoder per source.
     * @param venues         the venue of each source.
     * @param producer       the ring's producer.
     * @param resyncRequests the engine's resync requests.
     * @param snapshots      where snapshots for resyncs come from.
     * @param pacer          when frames are due.
     * @param clock          the clock read once per duty cycle.
     */
    public CaptureReplayAgent(
        final CaptureReader reader,
        final FrameDecoder[] decoders,
        final Venue[] venues,
        final RingProducer producer,
        final ResyncRequests resyncRequests,
        final SnapshotSource snapshots,
        final CapturePacer pacer,
        final NanoClock clock)
    {
        if (decoders.length != venues.length)
        {
            throw new IllegalArgumentException("one venue per decoder");
        }
        this.reader = reader;
        this.decoders = decoders.clone();
        this.venues = venues.clone();
        this.lastContextSymbol = new String[decoders.length];
        this.lastContextUrl = new String[decoders.length];
        this.producer = producer;
        this.resyncRequests = resyncRequests;
        this.snapshots = snapshots;
        this.pacer = pacer;
        this.clock = clock;
    }

    @Override
    public int doWork() throws java.io.IOException
    {
        int work = resyncRequests.poll(resyncHandler, RESYNC_LIMIT);
        if (done)
        {
            return work;
        }
        final long now = clock.nanoTime();
        producer.beginBatch();
        try
        {
            work += deliverDue(now);
        }
        finally
        {
            producer.endBatch();
        }
        return work;
    }

    private int deliverDue(final long now) throws java.io.IOException
    {
        int work = 0;
        for (int i = 0; i < BATCH; i++)
        {
            if (!framePending)
            {
                if (!reader.next(frame))
                {
                    done = true;
                    break;
                }
                framePending = true;
            }
            if (pacer.delayNs(frame.recvTsNs(), now) > 0)
            {
                break;
            }
            deliver(frame.source(), frame.buffer(), frame.offset(), frame.length(), frame.recvTsNs(),
                frame.contextSymbol(), frame.contextUrl());
            framePending = false;
            work++;
        }
        return work;
    }

    private void deliver(
        final int source,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long recvTsNs,
        final String contextSymbol,
        final String contextUrl)
    {
        final FrameDecoder decoder = decoders[source];
        if (contextSymbol != null && !contextSymbol.equals(lastContextSymbol[source]))
        {
            decoder.contextSymbol(contextSymbol);
            lastContextSymbol[source] = contextSymbol;
        }
        // null for stream messages: the decoder is told when frames stop being the answer to a REST request
        if (contextUrl == null ? lastContextUrl[source] != null : !contextUrl.equals(lastContextUrl[source]))
        {
            decoder.contextUrl(contextUrl);
            lastContextUrl[source] = contextUrl;
        }
        producer.frameReceived(System.nanoTime());
        producer.recordFrame(venues[source].value(), source, recvTsNs, contextSymbol, contextUrl, buffer, offset,
            length);
        decoder.decode(buffer, offset, length, recvTsNs, producer);
        frames++;
        bytes += length;
        lastRecvTsNs = recvTsNs;
    }

    private void onResync(
        final short rawVenue, final int instrumentId, final DirectBuffer symbol, final int offset, final int length)
    {
        final Venue venue = Venue.get(rawVenue);
        final String venueSymbol = symbol.getStringWithoutLengthAscii(offset, length);
        final byte[] body = snapshots.snapshot(venue, venueSymbol);
        if (body == null)
        {
            snapshotsUnavailable++;
            return;
        }
        for (int source = 0; source < venues.length; source++)
        {
            if (venues[source] == venue)
            {
                snapshotBuffer.wrap(body);
                lastContextSymbol[source] = null;
                // a depth snapshot body: no context URL, which is what the decoders take depth snapshots as
                deliver(source, snapshotBuffer, 0, body.length, lastRecvTsNs, venueSymbol, null);
                snapshotsServed++;
                return;
            }
        }
        snapshotsUnavailable++;
    }

    /**
     * @return true once the capture is exhausted.
     */
    public boolean isDone()
    {
        return done;
    }

    /**
     * @return frames delivered.
     */
    public long frames()
    {
        return frames;
    }

    /**
     * @return bytes of frames delivered.
     */
    public long bytes()
    {
        return bytes;
    }

    /**
     * @return resync requests answered with a snapshot.
     */
    public long snapshotsServed()
    {
        return snapshotsServed;
    }

    /**
     * @return resync requests no snapshot could answer.
     */
    public long snapshotsUnavailable()
    {
        return snapshotsUnavailable;
    }

    @Override
    public void onClose()
    {
        try
        {
            reader.close();
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException("closing capture: " + ex.getMessage(), ex);
        }
    }

    @Override
    public String roleName()
    {
        return "capture-replay";
    }
}
