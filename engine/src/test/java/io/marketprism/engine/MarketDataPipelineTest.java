/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import com.lmax.disruptor.EventHandler;
import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring and the message log behind it: every byte committed arrives intact, in order, while the log wraps around
 * hundreds of times and the producer waits for space the slowest consumer frees.
 */
final class MarketDataPipelineTest
{
    private static final int LOG_CAPACITY = 1024 * 1024;
    private static final int MESSAGES = 30_000;
    private static final long HALF_LOG_SEQUENCE = 7_777;
    private static final long GATE_SEQUENCE = 100;


    @Test
    void shouldDeliverEveryMessageIntactAndInOrderAcrossLogWrapArounds() throws InterruptedException
    {
        final CountDownLatch gate = new CountDownLatch(1);
        final CheckingSink sink = new CheckingSink(gate);
        final EngineCounters counters = new EngineCounters();
        final Thread gateKeeper = new Thread(() ->
        {
            final IdleStrategy idle = ThreadingProfile.DEV.newIdleStrategy();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (counters.logWaits.get() == 0 && System.nanoTime() - deadline < 0)
            {
                idle.idle();
            }
            gate.countDown();
        }, "gate-keeper");
        long totalBytes = 0;
        try (MarketDataPipeline pipeline = MarketDataPipeline.start(context(), new VenueRules(), counters, sink))
        {
            gateKeeper.start();
            final RingProducer producer = pipeline.producer();
            assertEquals(-1, producer.lastPublished());
            for (long sequence = 0; sequence < MESSAGES; sequence++)
            {
                if (sequence % 16 == 0)
                {
                    producer.beginBatch();
                    producer.frameReceived(System.nanoTime());
                }
                final int length = lengthOf(sequence);
                final int offset = producer.claim(length);
                assertTrue(offset >= 0 && offset % MessageLog.ALIGNMENT == 0, "offset " + offset);
                assertTrue(offset + length <= LOG_CAPACITY, "a message never straddles the end of the log");
                PatternMessages.encode(producer.buffer(), offset, sequence, length);
                producer.commit(length, null, 0, 0);
                totalBytes += length;
                if (sequence % 16 == 15)
                {
                    producer.endBatch();
                }
            }
            producer.endBatch();
            assertEquals(MESSAGES - 1, producer.lastPublished());

            assertTrue(pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30)), "drained");
            assertTrue(pipeline.isDrained());
            gateKeeper.join(TimeUnit.SECONDS.toMillis(30));
            assertNull(sink.failure, sink.failure);
            assertEquals(MESSAGES, sink.received);
            assertTrue(sink.wraps >= totalBytes / LOG_CAPACITY - 1,
                sink.wraps + " wrap-arounds for " + totalBytes + " bytes");
            assertEquals(MESSAGES, counters.messages(Venue.BINANCE_SPOT, StatusDecoder.TEMPLATE_ID));
            assertEquals(0, counters.errors.get());
            assertTrue(counters.logWaits.get() > 0, "the producer waited for a stalled consumer to free log space");
            assertEquals(MESSAGES, pipeline.latency().cumulative(StageLatency.DECODED).getTotalCount());
            assertEquals(MESSAGES, pipeline.latency().cumulative(StageLatency.NORMALIZED).getTotalCount());
            assertEquals(MESSAGES, pipeline.latency().cumulative(StageLatency.COMPLETED).getTotalCount(),
                "every message's pipeline latency is recorded exactly once");
        }
    }

    @Test
    void shouldRefuseClaimsItCanNeverHoldAndCommitsWithoutAClaim()
    {
        final CheckingSink sink = new CheckingSink(new CountDownLatch(0));
        try (MarketDataPipeline pipeline = MarketDataPipeline.start(
            context(), new VenueRules(), new EngineCounters(), sink))
        {
            final RingProducer producer = pipeline.producer();
            assertEquals(MessageSink.TOO_LARGE, producer.claim(LOG_CAPACITY / 2 + 1));
            assertEquals(MessageSink.TOO_LARGE, producer.claim(-1));
            assertThrows(IllegalStateException.class, () -> producer.commit(10, null, 0, 0));

            final int offset = producer.claim(96);
            assertTrue(offset >= 0);
            assertThrows(IllegalStateException.class, () -> producer.claim(96));
            assertThrows(IllegalStateException.class, () -> producer.commit(97, null, 0, 0));
            producer.abort();
            assertEquals(-1, producer.lastPublished(), "nothing was published");

            final int length = lengthOf(0);
            PatternMessages.encode(producer.buffer(), producer.claim(length), 0, length);
            producer.commit(length, null, 0, 0);
            assertTrue(pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(10)));
            assertEquals(1, sink.received);
            assertNull(sink.failure, sink.failure);
        }
    }

    @Test
    void shouldDetectACorruptedMessage()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final int length = PatternMessages.encode(buffer, 8, 42, 3000);
        assertNull(PatternMessages.check(buffer, 8, length, 42, 3000));
        assertEquals(42, PatternMessages.sequenceOf(buffer, 8));
        assertTrue(PatternMessages.check(buffer, 8, length, 43, 3000) != null, "another sequence");
        assertTrue(PatternMessages.check(buffer, 8, length, 42, 3001) != null, "another length");
        buffer.putByte(8 + 2999, (byte)(buffer.getByte(8 + 2999) + 1));
        assertTrue(PatternMessages.check(buffer, 8, length, 42, 3000) != null, "a changed byte");
    }

    private static EngineConfiguration.Context context()
    {
        return new EngineConfiguration.Context()
            .ringSize(64)
            .logCapacityBytes(LOG_CAPACITY)
            .journalEnabled(false)
            .publishEnabled(false)
            .threadingProfile("dev");
    }

    /**
     * Mostly small messages, some of tens of KB, a few up to 300 KB, and one of exactly half the log (the most a
     * claim may take).
     */
    private static int lengthOf(final long sequence)
    {
        if (sequence == HALF_LOG_SEQUENCE)
        {
            return LOG_CAPACITY / 2;
        }
        if (sequence > GATE_SEQUENCE && sequence <= GATE_SEQUENCE + 10)
        {
            return 200_000;
        }
        return PatternMessages.lengthOf(sequence, 40_000, 300_000);
    }

    /**
     * A terminal stage that checks every byte of every message against its sequence number. It stalls at
     * {@link #GATE_SEQUENCE} until its gate opens, so that the producer must wait for log space.
     */
    private static final class CheckingSink implements EventHandler<MarketEvent>
    {
        private final CountDownLatch gate;
        volatile String failure;
        volatile long received;
        volatile long wraps;
        private int lastOffset = -1;

        CheckingSink(final CountDownLatch gate)
        {
            this.gate = gate;
        }

        @Override
        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
            throws InterruptedException
        {
            if (sequence == GATE_SEQUENCE && !gate.await(30, TimeUnit.SECONDS))
            {
                failure = "the gate never opened";
            }
            final long expected = received;
            if (failure == null)
            {
                if (event.prefixLength() != 0 || sequence != expected)
                {
                    failure = "event " + sequence + " expected " + expected + " prefix " + event.prefixLength();
                }
                else
                {
                    failure = PatternMessages.check(
                        event.buffer(), event.offset(), event.length(), expected, lengthOf(expected));
                }
            }
            if (event.offset() < lastOffset)
            {
                wraps = wraps + 1;
            }
            lastOffset = event.offset();
            received = expected + 1;
        }
    }

    @Test
    void shouldFailToStartWithTheCauseWhenAStageCannotStart(@TempDir final Path tmp)
        throws IOException
    {
        final Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        final EngineConfiguration.Context context = new EngineConfiguration.Context()
            .journalDir(notADirectory.resolve("journal"))
            .publishEnabled(false)
            .ringSize(64)
            .logCapacityBytes(1 << 20)
            .journalBlockSizeBytes(4 << 20);
        try (EngineCounters counters = new EngineCounters())
        {
            final IllegalStateException ex = assertThrows(
                IllegalStateException.class,
                () -> MarketDataPipeline.start(context, new VenueRules(), counters));
            assertTrue(ex.getMessage().contains("failed to start"), ex.getMessage());
        }
    }
}
