/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.aeron.Publication;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.MessageLog;
import io.marketprism.engine.StageLatency;
import io.marketprism.engine.StageThreads;
import io.marketprism.engine.stage.AeronTransport;
import io.marketprism.engine.stage.JournalHandler;
import io.marketprism.journal.JournalWriter;
import org.HdrHistogram.Histogram;
import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bare baseline of the latency harness: what any engine that journals and publishes frames must at least do,
 * with none of MarketPrism's work (no decode, no normalize). The same frame bytes are copied into a power-of-two log
 * of the engine's capacity behind a Disruptor ring of the engine's size; one stage appends them to a Chronicle Queue
 * on disk (through the journal module's {@link JournalWriter}, one document per batch, as the engine's journal stage
 * does) and one offers them on an Aeron publication of the engine's channel from an embedded media driver. The wait
 * strategies, idle strategies, driver threading and the mapping of the two stages onto threads are the engine's for
 * the same configuration ({@code shared} and {@code per-stage}: one thread runs journal then publish; {@code
 * dedicated}: a thread each).
 * <p>
 * Latency is defined as in the engine: from the receipt time the producer stamps to done by journal and publish,
 * recorded by the producer when it reuses a slot or on {@link #awaitDrained(long)}; per stage from receipt to copied
 * (producer), journaled and published (each stage's thread). Each histogram has one writer thread; read or reset
 * them only when drained (the ring's sequences order the accesses).
 */
final class BarePipeline implements AutoCloseable
{
    /** Receipt to copied into the ring (producer thread). */
    static final int COPIED = 0;
    /** Receipt to appended to the journal (journal thread; at the end of a batch, after the document closed). */
    static final int JOURNALED = 1;
    /** Receipt to offered on Aeron successfully (publish thread). */
    static final int PUBLISHED = 2;
    /** Receipt to done by journal and publish. */
    static final int COMPLETED = 3;
    /** Number of stages. */
    static final int STAGE_COUNT = 4;

    private static final String[] NAMES = { "copied", "journaled", "published", "completed" };

    private final Histogram[] histograms = new Histogram[STAGE_COUNT];
    private final MessageLog log;
    private final UnsafeBuffer logBuffer;
    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final long[] positionBySlot;
    private final long[] journalDoneNs;
    private final long[] publishDoneNs;
    private final int ringMask;
    private final int logCapacity;
    private final IdleStrategy producerIdle;
    private final IdleStrategy drainIdle;
    private final AeronTransport transport;
    private final Publication publication;
    private final AtomicLong journaled = new AtomicLong();
    private final AtomicLong journalRejected = new AtomicLong();
    private final AtomicLong pagesPretouched = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishDropped = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    private long tailPosition;
    private long limitPosition;
    private long lastPublished = -1;

    private BarePipeline(final EngineConfiguration.Context context)
    {
        for (int i = 0; i < STAGE_COUNT; i++)
        {
            histograms[i] = new Histogram(1, StageLatency.HIGHEST_TRACKABLE_NS, 3);
        }
        final int ringSize = context.ringSize();
        log = new MessageLog(context.logCapacityBytes());
        logBuffer = log.buffer();
        logCapacity = log.capacity();
        limitPosition = logCapacity;
        ringMask = ringSize - 1;
        positionBySlot = new long[ringSize];
        journalDoneNs = new long[ringSize];
        publishDoneNs = new long[ringSize];
        producerIdle = context.threadingProfile().newIdleStrategy();
        drainIdle = context.threadingProfile().newIdleStrategy();

        transport = AeronTransport.launchEmbedded(context.threadingProfile());
        Publication pub = null;
        try
        {
            pub = transport.addPublication(context.publishChannel(), context.publishStreamId());
            disruptor = new Disruptor<>(Slot::new, ringSize, new StageThreadFactory(), ProducerType.SINGLE,
                context.threadingProfile().newWaitStrategy());
            disruptor.setDefaultExceptionHandler(new CountingExceptionHandler(errors));
            final CountDownLatch started = new CountDownLatch(
                context.stageThreads() == StageThreads.DEDICATED ? 2 : 1);
            final JournalStage journal = new JournalStage(context, started);
            final PublishStage publish = new PublishStage(pub, context, started);
            if (context.stageThreads() == StageThreads.DEDICATED)
            {
                disruptor.handleEventsWith(journal, publish);
            }
            else
            {
                disruptor.handleEventsWith(new BothStages(journal, publish));
            }
            ring = disruptor.start();
            if (!started.await(60, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("bare baseline stages did not start within 60 s");
            }
            if (errors.get() != 0)
            {
                disruptor.halt();
                throw new IllegalStateException("a bare baseline stage failed to start (see the error above)");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            CloseHelper.quietCloseAll(pub, transport);
            throw new IllegalStateException("interrupted while the bare baseline started", ex);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(pub, transport);
            throw ex;
        }
        publication = pub;
    }

    /**
     * Starts the baseline with the engine's ring size, log capacity, threading, journal and publish settings.
     *
     * @param context a concluded engine configuration.
     * @return the running baseline; its journal is mapped and its publication added.
     */
    static BarePipeline start(final EngineConfiguration.Context context)
    {
        return new BarePipeline(context);
    }

    /**
     * @param stage one of the stage constants.
     * @return its printed name.
     */
    static String name(final int stage)
    {
        return NAMES[stage];
    }

    /**
     * @return the transport, for a subscriber.
     */
    AeronTransport aeron()
    {
        return transport;
    }

    /**
     * @return the publication the publish stage offers on.
     */
    Publication publication()
    {
        return publication;
    }

    /**
     * Copies one frame into the log and publishes its slot; producer thread only. Waits (with the profile's idle
     * strategy) while the log or the ring is full. Does not allocate.
     *
     * @param buffer     holding the frame.
     * @param offset     of its first byte.
     * @param length     of the frame.
     * @param receivedNs the receipt time to stamp.
     */
    void send(final DirectBuffer buffer, final int offset, final int length, final long receivedNs)
    {
        final int aligned = BitUtil.align(Math.max(length, 1), MessageLog.ALIGNMENT);
        if (aligned > log.maxMessageLength())
        {
            throw new IllegalArgumentException("frame of " + length + " bytes exceeds the log's largest message");
        }
        long start = tailPosition;
        final int startOffset = log.offset(start);
        if (startOffset + aligned > logCapacity)
        {
            start += logCapacity - startOffset;
        }
        final long end = start + aligned;
        if (end > limitPosition)
        {
            awaitSpace(end);
        }
        final int logOffset = log.offset(start);
        logBuffer.putBytes(logOffset, buffer, offset, length);

        final long sequence = ring.next();
        final Slot slot = ring.get(sequence);
        if (slot.receivedNs != 0)
        {
            recordCompletion(slot, sequence - ringMask - 1);
        }
        slot.offset = logOffset;
        slot.length = length;
        slot.receivedNs = receivedNs;
        positionBySlot[(int)(sequence & ringMask)] = start;
        tailPosition = end;
        lastPublished = sequence;
        histograms[COPIED].recordValue(clamp(System.nanoTime() - receivedNs));
        ring.publish(sequence);
    }

    /**
     * Waits until both stages have processed everything published, then records the remaining completions; producer
     * thread only.
     *
     * @param timeoutNs longest wait.
     * @return true when drained.
     */
    boolean awaitDrained(final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        drainIdle.reset();
        while (ring.getMinimumGatingSequence() < lastPublished)
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            drainIdle.idle();
        }
        final long first = Math.max(0, lastPublished - ringMask);
        for (long sequence = first; sequence <= lastPublished; sequence++)
        {
            final Slot slot = ring.get(sequence);
            if (slot.receivedNs != 0)
            {
                recordCompletion(slot, sequence);
            }
        }
        return true;
    }

    /**
     * Forgets every latency recorded so far; producer thread, when drained.
     */
    void resetLatency()
    {
        for (final Histogram histogram : histograms)
        {
            histogram.reset();
        }
    }

    /**
     * @param stage one of the stage constants.
     * @return its histogram; read when drained.
     */
    Histogram latency(final int stage)
    {
        return histograms[stage];
    }

    /**
     * @return frames appended to the journal.
     */
    long journaled()
    {
        return journaled.get();
    }

    /**
     * @return journal pages the journal stage touched ahead of its appends in its idle time.
     */
    long pagesPretouched()
    {
        return pagesPretouched.get();
    }

    /**
     * @return frames the journal refused (too large).
     */
    long journalRejected()
    {
        return journalRejected.get();
    }

    /**
     * @return frames offered on Aeron successfully.
     */
    long published()
    {
        return published.get();
    }

    /**
     * @return frames not published (not connected, back-pressured past the timeout, closed).
     */
    long publishDropped()
    {
        return publishDropped.get();
    }

    /**
     * @return exceptions thrown by the stages.
     */
    long errors()
    {
        return errors.get();
    }

    @Override
    public void close()
    {
        try
        {
            disruptor.shutdown(30, TimeUnit.SECONDS);
        }
        catch (final com.lmax.disruptor.TimeoutException ex)
        {
            disruptor.halt();
        }
        finally
        {
            CloseHelper.quietCloseAll(publication, transport);
        }
    }

    private void recordCompletion(final Slot slot, final long sequence)
    {
        final int index = (int)(sequence & ringMask);
        final long done = Math.max(journalDoneNs[index], publishDoneNs[index]);
        histograms[COMPLETED].recordValue(clamp(done - slot.receivedNs));
        slot.receivedNs = 0;
    }

    private void awaitSpace(final long end)
    {
        producerIdle.reset();
        while (true)
        {
            final long next = ring.getMinimumGatingSequence() + 1;
            final long head = next > lastPublished ? tailPosition : positionBySlot[(int)(next & ringMask)];
            limitPosition = head + logCapacity;
            if (end <= limitPosition)
            {
                return;
            }
            producerIdle.idle();
        }
    }

    private static long clamp(final long latencyNs)
    {
        return latencyNs < 1 ? 1 : Math.min(latencyNs, StageLatency.HIGHEST_TRACKABLE_NS);
    }

    /**
     * A ring slot: where the frame's bytes are in the log and when it was received.
     */
    static final class Slot
    {
        int offset;
        int length;
        long receivedNs;
    }

    /**
     * Appends each frame to the journal; closes the document at the end of each batch.
     */
    private final class JournalStage implements EventHandler<Slot>
    {
        private final EngineConfiguration.Context context;
        private final CountDownLatch started;
        private JournalWriter writer;

        JournalStage(final EngineConfiguration.Context context, final CountDownLatch started)
        {
            this.context = context;
            this.started = started;
        }

        @Override
        public void onStart()
        {
            try
            {
                writer = new JournalWriter(
                    context.journalDir(), context.journalRollCycle(), context.journalBlockSizeBytes());
                writer.prepare();
            }
            finally
            {
                started.countDown();
            }
        }

        @Override
        public void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
        {
            if (writer.append(logBuffer, slot.offset, slot.length) == JournalWriter.APPENDED)
            {
                journaled.lazySet(journaled.get() + 1);
            }
            else
            {
                journalRejected.lazySet(journalRejected.get() + 1);
            }
            if (endOfBatch)
            {
                writer.flush();
            }
            final long now = System.nanoTime();
            journalDoneNs[(int)(sequence & ringMask)] = now;
            histograms[JOURNALED].recordValue(clamp(now - slot.receivedNs));
        }

        /**
         * Idle: touches the journal's next pages, as the engine's journal stage does in its idle time
         * ({@link JournalHandler#onTimeout(long)}), so that the appends to come do not take their page faults.
         */
        @Override
        public void onTimeout(final long sequence)
        {
            if (writer != null)
            {
                final int touched = writer.pretouch(JournalHandler.PRETOUCH_PAGES_PER_IDLE);
                pagesPretouched.lazySet(pagesPretouched.get() + touched);
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
    }

    /**
     * Offers each frame on Aeron; retries under back pressure with the profile's idle strategy up to the engine's
     * back-pressure timeout, then counts it dropped.
     */
    private final class PublishStage implements EventHandler<Slot>
    {
        private final Publication publication;
        private final IdleStrategy idle;
        private final long backPressureTimeoutNs;
        private final CountDownLatch started;

        PublishStage(
            final Publication publication, final EngineConfiguration.Context context, final CountDownLatch started)
        {
            this.publication = publication;
            this.idle = context.threadingProfile().newIdleStrategy();
            this.backPressureTimeoutNs = context.publishBackPressureTimeoutNs();
            this.started = started;
        }

        @Override
        public void onStart()
        {
            started.countDown();
        }

        @Override
        public void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
        {
            long deadlineNs = 0;
            idle.reset();
            while (true)
            {
                final long result = publication.offer(logBuffer, slot.offset, slot.length);
                if (result > 0)
                {
                    published.lazySet(published.get() + 1);
                    break;
                }
                if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION)
                {
                    publishDropped.lazySet(publishDropped.get() + 1);
                    break;
                }
                final long now = System.nanoTime();
                if (deadlineNs == 0)
                {
                    deadlineNs = now + backPressureTimeoutNs;
                }
                else if (now - deadlineNs > 0)
                {
                    publishDropped.lazySet(publishDropped.get() + 1);
                    break;
                }
                idle.idle();
            }
            final long now = System.nanoTime();
            publishDoneNs[(int)(sequence & ringMask)] = now;
            histograms[PUBLISHED].recordValue(clamp(now - slot.receivedNs));
        }
    }

    /**
     * Both stages on one thread, journal then publish for each frame, as the engine's shared stage thread runs them.
     */
    private static final class BothStages implements EventHandler<Slot>
    {
        private final JournalStage journal;
        private final PublishStage publish;

        BothStages(final JournalStage journal, final PublishStage publish)
        {
            this.journal = journal;
            this.publish = publish;
        }

        @Override
        public void onStart()
        {
            journal.onStart();
            publish.onStart();
        }

        @Override
        public void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
        {
            journal.onEvent(slot, sequence, endOfBatch);
            publish.onEvent(slot, sequence, endOfBatch);
        }

        @Override
        public void onTimeout(final long sequence)
        {
            journal.onTimeout(sequence);
        }

        @Override
        public void onShutdown()
        {
            journal.onShutdown();
        }
    }

    private static final class StageThreadFactory implements java.util.concurrent.ThreadFactory
    {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable runnable)
        {
            final Thread thread = new Thread(runnable, "bare-stage-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    private static final class CountingExceptionHandler implements ExceptionHandler<Object>
    {
        private final AtomicLong errors;

        CountingExceptionHandler(final AtomicLong errors)
        {
            this.errors = errors;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final Object event)
        {
            if (errors.incrementAndGet() <= 10)
            {
                System.err.println("bare baseline: stage error at sequence " + sequence + ": " + ex);
            }
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            errors.incrementAndGet();
            System.err.println("bare baseline: stage failed to start: " + ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            errors.incrementAndGet();
        }
    }
}
