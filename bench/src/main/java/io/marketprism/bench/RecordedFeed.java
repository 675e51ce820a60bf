/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.engine.RingProducer;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.StatusEncoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Feeds pre-loaded recorded frames, one at a time and in a loop, through the venues' decoders into the pipeline's
 * ring, as a live feed thread would. At each wrap it first reports the venues' connections as lost (a
 * {@code disconnected} status), so every book resynchronises from the recording's snapshot as after a real
 * reconnect, rather than seeing time run backwards. Single-threaded (the feed thread); does not allocate.
 */
final class RecordedFeed
{
    private static final int STATUS_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + StatusEncoder.BLOCK_LENGTH;

    private final FrameSet frames;
    private final FrameDecoder[] decoders;
    private final Venue[] loopVenues;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final StatusEncoder statusEncoder = new StatusEncoder();
    private int next;
    private long loops;

    /**
     * @param frames the recorded frames; one decoder per capture is made for them.
     */
    RecordedFeed(final FrameSet frames)
    {
        this.frames = frames;
        final Venue[] venues = frames.venues();
        final String[] contextSymbols = frames.contextSymbols();
        decoders = new FrameDecoder[venues.length];
        final Set<Venue> distinct = new LinkedHashSet<>();
        for (int i = 0; i < venues.length; i++)
        {
            decoders[i] = Venues.newDecoder(venues[i]);
            decoders[i].contextSymbol(contextSymbols[i]);
            distinct.add(venues[i]);
        }
        loopVenues = distinct.toArray(new Venue[0]);
    }

    /**
     * Decodes the next frame into the ring (after the disconnect statuses when the recording wraps).
     *
     * @param producer   the ring's producer.
     * @param receivedNs the frame's receipt time to stamp (System.nanoTime() base).
     * @return messages committed.
     */
    int sendNext(final RingProducer producer, final long receivedNs)
    {
        int committed = 0;
        if (next == frames.size())
        {
            next = 0;
            loops++;
            committed += reportDisconnects(producer, receivedNs);
        }
        final int frame = next++;
        producer.frameReceived(receivedNs);
        committed += decoders[frames.source(frame)].decode(
            frames.buffer(), frames.offset(frame), frames.length(frame), frames.recvTsNs(frame), producer);
        return committed;
    }

    /**
     * @return frames left before the recording wraps.
     */
    int remainingInPass()
    {
        return frames.size() - next;
    }

    /**
     * @return completed passes over the recording.
     */
    long loops()
    {
        return loops;
    }

    private int reportDisconnects(final RingProducer producer, final long receivedNs)
    {
        for (final Venue venue : loopVenues)
        {
            final int offset = producer.claim(STATUS_LENGTH);
            statusEncoder.wrapAndApplyHeader(producer.buffer(), offset, headerEncoder)
                .instrumentId(0)
                .venue(venue)
                .eventType(StatusEvent.DISCONNECTED)
                .reason(StatusReason.NONE)
                .exchTsNs(StatusEncoder.exchTsNsNullValue())
                .recvTsNs(frames.recvTsNs(0))
                .expectedSeq(StatusEncoder.expectedSeqNullValue())
                .receivedSeq(StatusEncoder.receivedSeqNullValue())
                .detail(StatusEncoder.detailNullValue());
            producer.frameReceived(receivedNs);
            producer.commit(STATUS_LENGTH, null, 0, 0);
        }
        return loopVenues.length;
    }
}
