/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import com.lmax.disruptor.RingBuffer;
import io.marketprism.journal.RawFrame;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The single producer of the ring: decoders claim space in the {@link MessageLog}, encode a message in place and
 * commit it, which publishes one {@link MarketEvent}. Log space is reclaimed as the slowest consumer moves past the
 * messages that used it; while it is short the producer waits with its idle strategy (counted in
 * {@link EngineCounters#logWaits}).
 * <p>
 * When a slot is reused the producer also records the previous occupant's pipeline latency (receive to done by
 * every terminal stage): by then all stages have finished with it, so no extra thread or stage is needed.
 * <p>
 * Single-threaded: one feed thread owns it. Does not allocate.
 */
public final class RingProducer implements MessageSink
{
    private final RingBuffer<MarketEvent> ring;
    private final MessageLog log;
    private final MutableDirectBuffer buffer;
    private final long[] positionBySlot;
    private final int ringMask;
    private final int logCapacity;
    private final int maxMessageLength;
    private final StageLatency latency;
    private final AtomicCounter logWaits;
    private final AtomicCounter ringPublished;
    private final IdleStrategy idleStrategy;
    private final CompletionTimes completionTimes;

    private long tailPosition;
    private long limitPosition;
    private long claimPosition;
    private int claimLength = -1;
    private int claimedLength;
    private long lastPublished = -1;
    private long frameReceivedNs;
    private boolean recordRawFrames;
    private AtomicCounter rawFrames;
    private AtomicCounter rawFramesTooLarge;

    RingProducer(
        final RingBuffer<MarketEvent> ring,
        final MessageLog log,
        final StageLatency latency,
        final AtomicCounter logWaits,
        final AtomicCounter ringPublished,
        final IdleStrategy idleStrategy,
        final CompletionTimes completionTimes)
    {
        this.completionTimes = completionTimes;
        this.ring = ring;
        this.log = log;
        this.buffer = log.buffer();
        this.positionBySlot = new long[ring.getBufferSize()];
        this.ringMask = ring.getBufferSize() - 1;
        this.logCapacity = log.capacity();
        this.maxMessageLength = log.maxMessageLength();
        this.latency = latency;
        this.logWaits = logWaits;
        this.ringPublished = ringPublished;
        this.idleStrategy = idleStrategy;
        this.limitPosition = logCapacity;
    }

    /**
     * Turns the journaling of raw frames on or off ({@link #recordFrame}); set once, before the feed starts.
     *
     * @param enabled  record frames or not.
     * @param counters where the frames recorded and refused are counted.
     */
    void recordRawFrames(final boolean enabled, final EngineCounters counters)
    {
        this.recordRawFrames = enabled;
        this.rawFrames = counters.rawFrames;
        this.rawFramesTooLarge = counters.rawFramesTooLarge;
    }

    /**
     * @return true when frames given to {@link #recordFrame} are journaled.
     */
    public boolean isRecordingRawFrames()
    {
        return recordRawFrames;
    }

    /**
     * Puts a frame as received on the ring, for the journal, ahead of the messages it will be decoded into: one copy
     * into the message log, then the journal stage writes it; normalize and publish pass it by. Does nothing when
     * raw frames are not journaled. Call after {@link #frameReceived(long)} and before decoding the frame. Does not
     * allocate.
     *
     * @param venue        the market-data {@code Venue} value of the connection.
     * @param connectionId the connection (or capture source) it came from.
     * @param recvTsNs     receive time, ns since epoch (the time its messages carry).
     * @param symbol       the symbol the feed told the decoder the frame is about (a REST request's), or null.
     * @param url          the URL of the REST request the frame answers, or null for stream frames.
     * @param frame        buffer holding the frame.
     * @param offset       its first byte.
     * @param length       its length.
     * @return true when recorded; false when off or the frame is longer than the log can carry (counted).
     */
    public boolean recordFrame(
        final short venue,
        final int connectionId,
        final long recvTsNs,
        final CharSequence symbol,
        final CharSequence url,
        final DirectBuffer frame,
        final int offset,
        final int length)
    {
        if (!recordRawFrames)
        {
            return false;
        }
        final int recordLength = RawFrame.encodedLength(symbol, url, length);
        final int at = claim(recordLength);
        if (at < 0)
        {
            rawFramesTooLarge.incrementRelease();
            return false;
        }
        RawFrame.encode(buffer, at, venue, connectionId, recvTsNs, symbol, url, frame, offset, length);
        publish(recordLength, null, 0, 0, false);
        rawFrames.incrementRelease();
        return true;
    }

    /**
     * Opens a batch of commits: the latency recordings of the commits until {@link #endBatch()} share one critical
     * section (see {@link StageLatency}). Optional; call around each duty cycle of the feed.
     */
    public void beginBatch()
    {
        latency.beginBatch(StageLatency.DECODED);
        latency.beginBatch(StageLatency.COMPLETED);
    }

    /**
     * Closes the batch opened by {@link #beginBatch()}.
     */
    public void endBatch()
    {
        latency.endBatch(StageLatency.DECODED);
        latency.endBatch(StageLatency.COMPLETED);
    }

    /**
     * Marks the receipt of the frame whose messages are about to be committed.
     *
     * @param nanoTime System.nanoTime() when the frame was received.
     */
    public void frameReceived(final long nanoTime)
    {
        frameReceivedNs = nanoTime;
    }

    @Override
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    @Override
    public int claim(final int length)
    {
        if (claimLength >= 0)
        {
            throw new IllegalStateException("a message is already claimed");
        }
        final int alignedLength = BitUtil.align(Math.max(length, 1), MessageLog.ALIGNMENT);
        if (alignedLength > maxMessageLength || length < 0)
        {
            return TOO_LARGE;
        }

        long start = tailPosition;
        final int offset = log.offset(start);
        if (offset + alignedLength > logCapacity)
        {
            start += logCapacity - offset;
        }
        final long end = start + alignedLength;
        if (end > limitPosition)
        {
            awaitSpace(end);
        }
        claimPosition = start;
        claimLength = alignedLength;
        claimedLength = length;
        return log.offset(start);
    }

    @Override
    public void commit(final int length, final DirectBuffer symbol, final int symbolOffset, final int symbolLength)
    {
        publish(length, symbol, symbolOffset, symbolLength, true);
    }

    /**
     * Publishes the claimed record; a raw frame ({@code message} false) carries no receive time, so that no stage
     * counts it in the message latencies.
     */
    private void publish(
        final int length,
        final DirectBuffer symbol,
        final int symbolOffset,
        final int symbolLength,
        final boolean message)
    {
        if (claimLength < 0 || length > claimedLength)
        {
            throw new IllegalStateException("commit of " + length + " bytes against a claim of " + claimLength);
        }

        final long sequence = ring.next();
        final MarketEvent event = ring.get(sequence);
        if (event.receivedNs != 0)
        {
            recordCompletion(event);
        }

        event.offset = log.offset(claimPosition);
        event.length = length;
        event.capacity = claimLength;
        event.logPosition = claimPosition;
        if (symbolLength > 0)
        {
            event.symbol(symbol, symbolOffset, Math.min(symbolLength, MarketEvent.MAX_SYMBOL_LENGTH));
        }
        else
        {
            event.noSymbol();
        }
        event.prefixLength = 0;
        event.receivedNs = message ? frameReceivedNs : 0;
        event.decodedNs = System.nanoTime();
        event.normalizedNs = 0;
        event.sequence = sequence;
        if (message)
        {
            latency.record(StageLatency.DECODED, event.decodedNs - frameReceivedNs);
        }

        positionBySlot[(int)(sequence & ringMask)] = claimPosition;
        tailPosition = claimPosition + claimLength;
        claimLength = -1;
        lastPublished = sequence;
        ring.publish(sequence);
        ringPublished.setRelease(sequence + 1);
    }

    @Override
    public void abort()
    {
        claimLength = -1;
    }

    /**
     * @return sequence of the last event published, -1 before the first.
     */
    public long lastPublished()
    {
        return lastPublished;
    }

    /**
     * Records the pipeline latency of every published event not yet recorded. Call on the producer's thread once
     * the consumers have processed everything (see {@link MarketDataPipeline#awaitDrained(long)}).
     */
    public void recordCompletions()
    {
        final long first = Math.max(0, lastPublished - ringMask);
        for (long sequence = first; sequence <= lastPublished; sequence++)
        {
            final MarketEvent event = ring.get(sequence);
            if (event.receivedNs != 0)
            {
                recordCompletion(event);
            }
        }
    }

    private void recordCompletion(final MarketEvent event)
    {
        final long done = Math.max(event.normalizedNs, completionTimes.latest(event.sequence));
        if (done != 0)
        {
            latency.record(StageLatency.COMPLETED, done - event.receivedNs);
        }
        event.receivedNs = 0;
    }

    private void awaitSpace(final long end)
    {
        idleStrategy.reset();
        while (true)
        {
            limitPosition = headPosition() + logCapacity;
            if (end <= limitPosition)
            {
                return;
            }
            logWaits.incrementRelease();
            idleStrategy.idle();
        }
    }

    private long headPosition()
    {
        final long next = ring.getMinimumGatingSequence() + 1;
        if (next > lastPublished)
        {
            return tailPosition;
        }
        return positionBySlot[(int)(next & ringMask)];
    }
}
