/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import io.aeron.Publication;
import io.marketprism.engine.book.BookSnapshots;
import io.marketprism.engine.instrument.InstrumentRegistry;
import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.engine.quality.DataQuality;
import io.marketprism.engine.stage.AeronTransport;
import io.marketprism.engine.stage.JournalHandler;
import io.marketprism.engine.stage.JournalRetentionAgent;
import io.marketprism.engine.stage.NormalizeHandler;
import io.marketprism.engine.stage.PublishHandler;
import io.marketprism.engine.stage.SnapshotPublisher;
import io.marketprism.journal.JournalRetention;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ring and its topology, wired in one place:
 * <pre>
 *   feed thread: raw frame (when journaled), decoded frame -> MessageLog + MarketEvent   (RingProducer)
 *        |
 *        v
 *   normalize      instruments, venue-ruled books, health and top of book, status events
 *        |
 *        +------------------+------------------+
 *        v                  v                  v
 *   journal            publish            sinks (optional: JSON lines, tool counters)
 *   Chronicle Queue    Aeron IPC/UDP
 *
 *   normalize -> BookSnapshots (seqlocked slots) <- snapshot agent, own thread: Aeron snapshot stream every interval
 *   journal directory <- retention agent, own thread: expired cycle files deleted (journal.retentionHours)
 * </pre>
 * A raw frame travels the ring as a record of the journal schema ({@code RawFrame}) ahead of the messages decoded from
 * it: normalize and publish pass it by, the journal writes it, so the journal holds every frame followed by what it
 * became, in one order. Journal and publish run in parallel after normalize; every terminal stage gates the producer.
 * How the stages map onto threads is {@link StageThreads}: each on its own thread ({@code dedicated}), one thread per
 * stage ({@code per-stage}) or all on one thread ({@code shared}, the {@code dev} default: on two cores the feed and
 * the consumers each keep a core). Consumers wait with the threading profile's wait strategy.
 */
public final class MarketDataPipeline implements AutoCloseable
{
    private final EngineConfiguration.Context context;
    private final EngineCounters counters;
    private final StageLatency latency = new StageLatency();
    private final ResyncRequests resyncRequests;
    private final MessageLog log;
    private final Disruptor<MarketEvent> disruptor;
    private final RingProducer producer;
    private final NormalizeHandler normalize;
    private final List<EventHandler<MarketEvent>> terminals = new ArrayList<>();
    private final List<EventHandler<MarketEvent>> consumers = new ArrayList<>();
    private final CompletionTimes completionTimes;
    private CountDownLatch started;
    private CountDownLatch stopped;
    private final AtomicReference<Throwable> startFailure = new AtomicReference<>();
    private final AeronTransport aeron;
    private final Publication publication;
    private final IdleStrategy drainIdleStrategy;
    private final BookSnapshots bookSnapshots;
    private final AgentRunner snapshotRunner;
    private final AgentRunner retentionRunner;
    private boolean closed;

    private MarketDataPipeline(
        final EngineConfiguration.Context context,
        final VenueRules rules,
        final EngineCounters counters,
        final List<EventHandler<MarketEvent>> sinks)
    {
        this.context = context.conclude();
        this.counters = counters;
        this.resyncRequests = new ResyncRequests(context.resyncQueueCapacityBytes());
        this.log = new MessageLog(context.logCapacityBytes());
        this.drainIdleStrategy = context.threadingProfile().newIdleStrategy();

        disruptor = new Disruptor<>(
            MarketEvent.factory(log.buffer(), context.ringSize()),
            context.ringSize(),
            new StageThreadFactory(),
            ProducerType.SINGLE,
            context.threadingProfile().newWaitStrategy());
        final StageExceptionHandler exceptionHandler = new StageExceptionHandler(counters);
        disruptor.setDefaultExceptionHandler(exceptionHandler);
        completionTimes = new CompletionTimes(2, context.ringSize());

        bookSnapshots = context.snapshotEnabled() ? new BookSnapshots(context.snapshotDepth()) : null;
        normalize = new NormalizeHandler(
            new InstrumentRegistry(context.instrumentsMax()),
            rules,
            counters,
            latency,
            resyncRequests,
            context.bookInitialLevels(),
            context.bookLadderTicks(),
            context.bookPendingInitialBytes(),
            context.bookPendingMaxBytes(),
            new DataQuality(context.qualityMaxClockSkewNs()),
            bookSnapshots);

        AeronTransport transport = null;
        Publication pub = null;
        AgentRunner snapshotRunner = null;
        try
        {
            if (context.journalEnabled())
            {
                terminals.add(new JournalHandler(
                    context.journalDir(),
                    context.journalRollCycle(),
                    context.journalBlockSizeBytes(),
                    counters,
                    latency,
                    completionTimes.stage(0)));
            }
            if (context.publishEnabled())
            {
                transport = context.aeronDir().isEmpty() ?
                    AeronTransport.launchEmbedded(context.threadingProfile()) :
                    AeronTransport.connectExternal(context.aeronDir());
                pub = transport.addPublication(context.publishChannel(), context.publishStreamId());
                terminals.add(new PublishHandler(
                    pub,
                    context.threadingProfile().newIdleStrategy(),
                    context.publishBackPressureTimeoutNs(),
                    counters,
                    latency,
                    completionTimes.stage(1)));
                if (bookSnapshots != null)
                {
                    snapshotRunner = startSnapshots(transport, context, counters);
                }
            }
            terminals.addAll(sinks);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(snapshotRunner, pub, transport);
            throw ex;
        }
        this.aeron = transport;
        this.publication = pub;
        this.snapshotRunner = snapshotRunner;

        wire(context.stageThreads(), exceptionHandler);
        final RingBuffer<MarketEvent> ring = disruptor.start();
        awaitStarted();
        producer = new RingProducer(
            ring, log, latency, counters.logWaits, counters.ringPublished, context.threadingProfile().newIdleStrategy(),
            completionTimes);
        counters.ringCapacity.setRelease(context.ringSize());
        producer.recordRawFrames(context.journalRawFrames(), counters);
        // the journal stage has made its directory by now
        retentionRunner = context.journalEnabled() && context.journalRetentionHours() > 0 ?
            startRetention(context, counters) : null;
    }

    /**
     * Journal retention on a thread of its own: it wakes every second and deletes expired cycle files every minute.
     */
    private static AgentRunner startRetention(final EngineConfiguration.Context context, final EngineCounters counters)
    {
        final JournalRetentionAgent agent = new JournalRetentionAgent(
            new JournalRetention(context.journalDir(), context.journalRollCycle(),
                TimeUnit.HOURS.toMillis(context.journalRetentionHours())),
            counters.journalFilesDeleted, SystemEpochClock.INSTANCE);
        final AgentRunner runner =
            new AgentRunner(new SleepingMillisIdleStrategy(1000), counters::onError, null, agent);
        AgentRunner.startOnThread(runner, runnable ->
        {
            final Thread thread = new Thread(runnable, "journal-retention");
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }

    /**
     * The late joiners' agent on a thread of its own: it wakes every millisecond (sleeping, not spinning), so that a
     * round starts within a millisecond of its time and is copied within a millisecond of normalize serving it, and
     * offers every book's snapshot once per interval.
     */
    private AgentRunner startSnapshots(
        final AeronTransport transport, final EngineConfiguration.Context context, final EngineCounters counters)
    {
        final Publication snapshotPublication =
            transport.addPublication(context.publishChannel(), context.snapshotStreamId());
        if (snapshotPublication.maxMessageLength() < bookSnapshots.slotLength())
        {
            final int maxMessageLength = snapshotPublication.maxMessageLength();
            snapshotPublication.close();
            throw new EngineConfiguration.ConfigurationException(EngineConfiguration.SNAPSHOT_DEPTH_PROP_NAME,
                String.valueOf(context.snapshotDepth()), "a depth whose snapshot (" + bookSnapshots.slotLength() +
                " bytes) fits the channel's largest message (" + maxMessageLength + " bytes; raise term-length)");
        }
        final SnapshotPublisher agent = new SnapshotPublisher(
            bookSnapshots, snapshotPublication, counters, SystemEpochClock.INSTANCE, context.snapshotIntervalMs());
        final AgentRunner runner = new AgentRunner(
            new SleepingMillisIdleStrategy(1),
            counters::onError, null, agent);
        AgentRunner.startOnThread(runner, runnable ->
        {
            final Thread thread = new Thread(runnable, "marketprism-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }

    /**
     * The topology. Stage 1: normalize - instruments, books by the venue's rule, health and top of book, status
     * events. Stage 2, in parallel: journal (Chronicle) || publish (Aeron) || tool sinks; together they gate the
     * producer. The thread mode only decides which of these share a thread.
     */
    private void wire(final StageThreads stageThreads, final StageExceptionHandler exceptionHandler)
    {
        final List<List<EventHandler<MarketEvent>>> stage1 = new ArrayList<>();
        final List<List<EventHandler<MarketEvent>>> stage2 = new ArrayList<>();
        switch (stageThreads)
        {
            case DEDICATED:
                stage1.add(List.of(normalize));
                for (final EventHandler<MarketEvent> terminal : terminals)
                {
                    stage2.add(List.of(terminal));
                }
                break;

            case PER_STAGE:
                stage1.add(List.of(normalize));
                if (!terminals.isEmpty())
                {
                    stage2.add(terminals);
                }
                break;

            default:
                final List<EventHandler<MarketEvent>> all = new ArrayList<>();
                all.add(normalize);
                all.addAll(terminals);
                stage1.add(all);
                break;
        }

        started = new CountDownLatch(stage1.size() + stage2.size());
        stopped = new CountDownLatch(stage1.size() + stage2.size());
        final EventHandlerGroup<MarketEvent> first = disruptor.handleEventsWith(groups(stage1, exceptionHandler));
        if (!stage2.isEmpty())
        {
            first.then(groups(stage2, exceptionHandler));
        }
    }

    @SuppressWarnings("unchecked")
    private EventHandler<MarketEvent>[] groups(
        final List<List<EventHandler<MarketEvent>>> threads, final StageExceptionHandler exceptionHandler)
    {
        final EventHandler<MarketEvent>[] groups = new EventHandler[threads.size()];
        for (int i = 0; i < groups.length; i++)
        {
            groups[i] = new StageGroup(threads.get(i), exceptionHandler, started, stopped, startFailure);
            consumers.add(groups[i]);
        }
        return groups;
    }

    private void awaitStarted()
    {
        try
        {
            final boolean allStarted = started.await(60, TimeUnit.SECONDS);
            if (!allStarted || startFailure.get() != null)
            {
                disruptor.halt();
                CloseHelper.quietCloseAll(snapshotRunner, publication, aeron);
                throw startFailure.get() == null ?
                    new IllegalStateException("pipeline stages did not start within 60 s") :
                    new IllegalStateException("a pipeline stage failed to start: " + startFailure.get(),
                        startFailure.get());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the pipeline started", ex);
        }
    }

    /**
     * Starts a pipeline; returns once every stage has started (the journal has its file mapped).
     *
     * @param context  settings; concluded here.
     * @param rules    venue rules.
     * @param counters counters to write.
     * @param sinks    extra terminal stages after normalize (e.g. a JSON-lines printer), run in parallel with journal
     *                 and publish.
     * @return the running pipeline.
     */
    @SafeVarargs
    public static MarketDataPipeline start(
        final EngineConfiguration.Context context,
        final VenueRules rules,
        final EngineCounters counters,
        final EventHandler<MarketEvent>... sinks)
    {
        return new MarketDataPipeline(context, rules, counters, List.of(sinks));
    }

    /**
     * @return the producer; use it from one feed thread only.
     */
    public RingProducer producer()
    {
        return producer;
    }

    /**
     * @return resync requests for the feed thread to poll.
     */
    public ResyncRequests resyncRequests()
    {
        return resyncRequests;
    }

    /**
     * @return the normalize stage (for inspecting books in tests and summaries once drained).
     */
    public NormalizeHandler normalize()
    {
        return normalize;
    }

    /**
     * @return stage latency recorders.
     */
    public StageLatency latency()
    {
        return latency;
    }

    /**
     * @return counters.
     */
    public EngineCounters counters()
    {
        return counters;
    }

    /**
     * @return the settings.
     */
    public EngineConfiguration.Context context()
    {
        return context;
    }

    /**
     * @return the Aeron transport, or null when publishing is off.
     */
    public AeronTransport aeron()
    {
        return aeron;
    }

    /**
     * @return every book's current state, readable from any thread without blocking normalize (e.g. to serve the
     *         current book on request); null when snapshots are off.
     */
    public BookSnapshots bookSnapshots()
    {
        return bookSnapshots;
    }

    /**
     * @return the Aeron publication, or null when publishing is off.
     */
    public Publication publication()
    {
        return publication;
    }

    /**
     * Waits until every stage has processed everything published so far, then records the remaining pipeline
     * latencies. Call on the producer's thread.
     *
     * @param timeoutNs longest wait.
     * @return true when drained, false on timeout.
     */
    public boolean awaitDrained(final long timeoutNs)
    {
        final long target = producer.lastPublished();
        final long deadline = System.nanoTime() + timeoutNs;
        drainIdleStrategy.reset();
        while (!isProcessed(target))
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            drainIdleStrategy.idle();
        }
        producer.recordCompletions();
        return true;
    }

    /**
     * @return true when every stage has processed everything published so far; does not wait.
     */
    public boolean isDrained()
    {
        return isProcessed(producer.lastPublished());
    }

    private boolean isProcessed(final long target)
    {
        for (int i = 0; i < consumers.size(); i++)
        {
            if (disruptor.getSequenceValueFor(consumers.get(i)) < target)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops the stages after they have processed everything published, closes the journal, the publication and the
     * embedded media driver.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
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
            // halt() only signals the stage threads: wait for their onShutdown, or the journal would still be open
            // (its lock held, a restart on the same directory refused) when close() returns
            awaitStopped();
            CloseHelper.quietCloseAll(retentionRunner, snapshotRunner, publication, aeron);
        }
    }

    private void awaitStopped()
    {
        try
        {
            if (!stopped.await(30, TimeUnit.SECONDS))
            {
                System.err.println("marketprism: pipeline stages did not shut down within 30 s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static final class StageThreadFactory implements ThreadFactory
    {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable runnable)
        {
            final Thread thread = new Thread(runnable, "marketprism-stage-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /**
     * Counts and reports an exception thrown by a stage, then lets the stage continue with the next event: one bad
     * event must not stop the engine. Off the hot path by construction (it only runs on an exception).
     */
    private static final class StageExceptionHandler implements ExceptionHandler<Object>
    {
        private final EngineCounters counters;

        StageExceptionHandler(final EngineCounters counters)
        {
            this.counters = counters;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final Object event)
        {
            counters.onError(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            counters.onError(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            counters.onError(ex);
        }
    }
}
