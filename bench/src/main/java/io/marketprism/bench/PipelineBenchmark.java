/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import com.sun.management.ThreadMXBean;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.engine.RingProducer;
import io.marketprism.engine.StageLatency;
import io.marketprism.engine.stage.SubscriptionCounter;
import io.marketprism.feeds.Venues;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole pipeline fed from recorded frames pre-loaded in memory: decode on this thread, normalize, journal to
 * Chronicle Queue on disk and publish on Aeron IPC (embedded driver) to a subscriber that counts what arrives.
 * <p>
 * The recording is replayed in a loop; at each wrap the harness reports the venues' connections as lost (a
 * {@code disconnected} status), so every book resynchronises from the recording's snapshot exactly as after a real
 * reconnect, rather than seeing time run backwards. After a warm-up the harness measures: throughput, pipeline
 * latency (receipt to done by journal and publish; as-fast-as-possible replay, so it is queueing), bytes allocated
 * by the data-path threads ({@code ThreadMXBean#getThreadAllocatedBytes}) and GC count.
 * <p>
 * It checks its own result: every message published arrived at the subscriber, every message was journaled, no stage
 * error, no malformed frame, no gap, every book valid at the end. Prints a final line
 * {@code RESULT pipeline msgs=.. msgs_per_s=.. p50_ns=.. p99_ns=.. p999_ns=.. alloc_bytes_per_msg=.. gc_count=..}.
 */
public final class PipelineBenchmark
{
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);
    private static final long LOSSLESS_BACK_PRESSURE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final RecordedFeed feed;

    private PipelineBenchmark(final FrameSet frames)
    {
        this.feed = new RecordedFeed(frames);
    }

    /**
     * @param args {@code [--messages N] [--warmup N] [--profile dev|low-latency] [--journal DIR] [--recordings DIR]
     *             [--keep-journal]}.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        long messages = 10_000_000L;
        long warmup = 2_000_000L;
        String profile = "dev";
        String stages = "auto";
        Path journalParent = null;
        Path recordings = null;
        boolean keepJournal = false;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--messages":
                    messages = Long.parseLong(args[++i]);
                    break;
                case "--warmup":
                    warmup = Long.parseLong(args[++i]);
                    break;
                case "--profile":
                    profile = args[++i];
                    break;
                case "--stages":
                    stages = args[++i];
                    break;
                case "--journal":
                    journalParent = Path.of(args[++i]);
                    break;
                case "--recordings":
                    recordings = Path.of(args[++i]);
                    break;
                case "--keep-journal":
                    keepJournal = true;
                    break;
                default:
                    System.err.println("usage: bench pipeline [--messages N] [--warmup N] [--profile dev|low-latency]" +
                        " [--stages auto|dedicated|per-stage|shared] [--journal DIR] [--recordings DIR]" +
                        " [--keep-journal]");
                    System.exit(2);
            }
        }
        final Result result = run(
            messages, warmup, profile, stages, journalParent, recordings, keepJournal, System.out);
        System.exit(result.passed ? 0 : 1);
    }

    /**
     * The measured figures.
     */
    public static final class Result
    {
        final long messages;
        final double messagesPerSecond;
        final Histogram latency;
        final double allocBytesPerMessage;
        final long gcCount;
        final boolean passed;
        final String line;

        Result(
            final long messages,
            final double messagesPerSecond,
            final Histogram latency,
            final double allocBytesPerMessage,
            final long gcCount,
            final boolean passed)
        {
            this.messages = messages;
            this.messagesPerSecond = messagesPerSecond;
            this.latency = latency;
            this.allocBytesPerMessage = allocBytesPerMessage;
            this.gcCount = gcCount;
            this.passed = passed;
            this.line = String.format(Locale.ROOT,
                "RESULT pipeline msgs=%d msgs_per_s=%.0f p50_ns=%d p99_ns=%d p999_ns=%d alloc_bytes_per_msg=%.2f " +
                "gc_count=%d",
                messages, messagesPerSecond, latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), allocBytesPerMessage, gcCount);
        }

        /**
         * @return the RESULT line.
         */
        public String line()
        {
            return line;
        }

        /**
         * @return true when every self-check passed.
         */
        public boolean passed()
        {
            return passed;
        }

        /**
         * @return data-path bytes allocated per message in the measured interval.
         */
        public double allocBytesPerMessage()
        {
            return allocBytesPerMessage;
        }

        /**
         * @return collections during the measured interval.
         */
        public long gcCount()
        {
            return gcCount;
        }

        /**
         * @return messages measured.
         */
        public long messages()
        {
            return messages;
        }
    }

    /**
     * Something that runs beside the pipeline while it is warmed up and measured (e.g. a metrics scraper).
     */
    @FunctionalInterface
    public interface Sidecar
    {
        /**
         * Starts it once the pipeline runs.
         *
         * @param context  the pipeline's settings.
         * @param counters the pipeline's counters.
         * @param pipeline the pipeline.
         * @return stops it; closed right after the measured run has drained.
         * @throws Exception when it cannot start.
         */
        AutoCloseable start(EngineConfiguration.Context context, EngineCounters counters, MarketDataPipeline pipeline)
            throws Exception;
    }

    /**
     * Runs the benchmark.
     *
     * @return the result; its RESULT line has been printed.
     * @throws Exception on failure to set up.
     */
    public static Result run(
        final long messages,
        final long warmup,
        final String profile,
        final String stages,
        final Path journalParent,
        final Path recordings,
        final boolean keepJournal,
        final PrintStream out) throws Exception
    {
        return run(messages, warmup, profile, stages, journalParent, recordings, keepJournal, out, null);
    }

    /**
     * Runs the benchmark with something beside it.
     *
     * @return the result; its RESULT line has been printed.
     * @throws Exception on failure to set up.
     */
    public static Result run(
        final long messages,
        final long warmup,
        final String profile,
        final String stages,
        final Path journalParent,
        final Path recordings,
        final boolean keepJournal,
        final PrintStream out,
        final Sidecar sidecar) throws Exception
    {
        final Path recordingsDir = recordings != null ? recordings : defaultRecordings();
        final FrameSet frames = FrameSet.load(recordingsDir, FrameSet.BINANCE_CAPTURES);
        out.printf("bench pipeline: %d frames (%.1f MB of JSON) pre-loaded from %s; warm-up %d, measure %d messages," +
            " profile %s, stages %s%n", frames.size(), frames.totalBytes() / 1e6, recordingsDir, warmup, messages,
            profile, stages);

        final Path parent = journalParent != null ? journalParent : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(parent);
        final Path journalDir = Files.createTempDirectory(parent, "marketprism-bench-").resolve("journal");
        // lossless: the harness feeds flat out and its check wants every message at the subscriber, so the publish
        // bound is the longest allowed; a subscriber thread the scheduler parks (four threads on two cores) slows the
        // ring instead of losing messages, and a drop still fails the check
        final EngineConfiguration.Context context = new EngineConfiguration.Context()
            .threadingProfile(profile)
            .stageThreads(stages)
            .journalDir(journalDir)
            .publishBackPressureTimeoutNs(LOSSLESS_BACK_PRESSURE_TIMEOUT_NS);
        // -Dmarketprism.<key>=<value> (in MARKETPRISM_JAVA_OPTS) sets any engine key, e.g. to measure what a feature
        // costs: -Dmarketprism.journal.rawFrames=false
        final Set<String> keys = EngineConfiguration.keys();
        for (final String name : System.getProperties().stringPropertyNames())
        {
            if (keys.contains(name))
            {
                context.set(name, System.getProperty(name));
                out.printf("bench pipeline: %s=%s%n", name, System.getProperty(name));
            }
        }
        context.conclude();

        final PipelineBenchmark harness = new PipelineBenchmark(frames);
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        // counters in the default counters directory: `marketprism stat` watches a running benchmark
        try (EngineCounters counters = EngineCounters.mapped(context.countersDir());
            MarketDataPipeline pipeline = MarketDataPipeline.start(context, Venues.rules(), counters))
        {
            final SubscriptionCounter subscriber = new SubscriptionCounter(
                pipeline.aeron().aeron().addSubscription(context.publishChannel(), context.publishStreamId()));
            final AgentRunner subscriberRunner = new AgentRunner(
                new BackoffIdleStrategy(), Throwable::printStackTrace, null, subscriber);
            AgentRunner.startOnThread(subscriberRunner);
            AutoCloseable side = null;
            try
            {
                awaitConnected(pipeline, subscriber);
                final RingProducer producer = pipeline.producer();
                side = sidecar == null ? null : sidecar.start(context, counters, pipeline);

                harness.feed(producer, warmup);
                require(pipeline.awaitDrained(DRAIN_TIMEOUT_NS), "warm-up did not drain");

                final long[] dataPathThreadIds = dataPathThreadIds();
                final long[] allThreadIds = threads.getAllThreadIds();
                final long[] allocatedBefore = new long[dataPathThreadIds.length];
                final long[] allocatedAfter = new long[dataPathThreadIds.length];
                final long[] cpuBefore = new long[allThreadIds.length];
                final long[] cpuAfter = new long[allThreadIds.length];
                final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
                pipeline.latency().reset();
                final long journaledBefore = counters.journaled.get();

                // the measured window: nothing but the feed and the drain between the snapshots
                final long gcBefore = gcCount(collectors);
                cpuTimes(threads, allThreadIds, cpuBefore);
                allocatedBytes(threads, dataPathThreadIds, allocatedBefore);
                final long startNs = System.nanoTime();
                final long fed = harness.feed(producer, messages);
                final boolean drained = pipeline.awaitDrained(DRAIN_TIMEOUT_NS);
                final long elapsedNs = System.nanoTime() - startNs;
                allocatedBytes(threads, dataPathThreadIds, allocatedAfter);
                cpuTimes(threads, allThreadIds, cpuAfter);
                final long gcAfter = gcCount(collectors);
                require(drained, "measured run did not drain");
                if (side != null)
                {
                    side.close();
                    side = null;
                }
                long allocated = 0;
                final StringBuilder perThread = new StringBuilder();
                for (int i = 0; i < dataPathThreadIds.length; i++)
                {
                    final long bytes = allocatedAfter[i] - allocatedBefore[i];
                    allocated += bytes;
                    perThread.append(String.format(Locale.ROOT, " %s=%d",
                        threadName(dataPathThreadIds[i]), bytes));
                }

                // outside the measured window: finish the current pass of the recording, so that every book has met
                // its snapshot again since the last wrap, then check
                harness.finishPass(producer);
                require(pipeline.awaitDrained(DRAIN_TIMEOUT_NS), "final pass did not drain");
                awaitReceived(subscriber, counters);
                final boolean passed = check(out, pipeline, counters, subscriber, fed, journaledBefore);

                final Histogram latency = pipeline.latency().cumulative(StageLatency.COMPLETED).copy();
                out.printf(Locale.ROOT, "measured: %d messages in %.3f s over %d loops of the recording%n",
                    fed, elapsedNs / 1e9, harness.feed.loops());
                out.println("latency from frame receipt, ns (as fast as possible: queueing in the ring dominates):");
                for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
                {
                    final Histogram h = pipeline.latency().cumulative(stage);
                    out.printf(Locale.ROOT, "  %-11s p50=%d p99=%d p99.9=%d max=%d%n", StageLatency.name(stage),
                        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                        h.getMaxValue());
                }
                out.println("allocated bytes in the measured interval, by data-path thread:" + perThread);
                final StringBuilder cpu = new StringBuilder();
                long cpuTotal = 0;
                for (int i = 0; i < allThreadIds.length; i++)
                {
                    final long ns = cpuAfter[i] - cpuBefore[i];
                    if (ns > elapsedNs / 200)
                    {
                        cpuTotal += ns;
                        cpu.append(String.format(
                            Locale.ROOT, " %s=%.0f", threadName(allThreadIds[i]), (double)ns / fed));
                    }
                }
                out.printf(Locale.ROOT, "CPU ns per message by thread:%s, total %.0f (%.2f cores busy)%n",
                    cpu, (double)cpuTotal / fed, (double)cpuTotal / elapsedNs);
                out.printf(Locale.ROOT, "journal: %s (%s)%n", journalDir, keepJournal ? "kept" : "deleted");

                final Result result = new Result(fed, fed / (elapsedNs / 1e9), latency,
                    (double)allocated / fed, gcAfter - gcBefore, passed);
                out.println(result.line());
                return result;
            }
            finally
            {
                if (side != null)
                {
                    side.close();
                }
                subscriberRunner.close();
            }
        }
        finally
        {
            if (!keepJournal)
            {
                deleteRecursively(journalDir.getParent());
            }
        }
    }

    private long feed(final RingProducer producer, final long messages)
    {
        long committed = 0;
        int inBatch = 0;
        producer.beginBatch();
        while (committed < messages)
        {
            if (++inBatch == 256)
            {
                producer.endBatch();
                producer.beginBatch();
                inBatch = 0;
            }
            committed += feed.sendNext(producer, System.nanoTime());
        }
        producer.endBatch();
        return committed;
    }

    private void finishPass(final RingProducer producer)
    {
        final long remaining = feed.remainingInPass();
        if (remaining > 0)
        {
            feed(producer, remaining);
        }
    }

    private static boolean check(
        final PrintStream out,
        final MarketDataPipeline pipeline,
        final EngineCounters counters,
        final SubscriptionCounter subscriber,
        final long fed,
        final long journaledBefore)
    {
        final List<String> failures = new ArrayList<>();
        if (counters.journaled.get() - journaledBefore < fed)
        {
            failures.add("journaled " + (counters.journaled.get() - journaledBefore) + " < fed " + fed);
        }
        if (subscriber.messages() != counters.published.get())
        {
            failures.add("subscriber received " + subscriber.messages() + " != published " + counters.published.get());
        }
        if (counters.publishDropped.get() != 0 || counters.publishNotConnected.get() != 0)
        {
            failures.add("publish dropped " + counters.publishDropped.get() + ", not connected " +
                counters.publishNotConnected.get());
        }
        if (counters.errors.get() != 0 || counters.malformed.get() != 0 || counters.gaps.get() != 0)
        {
            failures.add("errors " + counters.errors.get() + ", malformed " + counters.malformed.get() + ", gaps " +
                counters.gaps.get());
        }
        int books = 0;
        for (int id = 1; id <= pipeline.normalize().registry().count(); id++)
        {
            if (pipeline.normalize().book(id) != null)
            {
                books++;
                if (!pipeline.normalize().book(id).isValid())
                {
                    failures.add("book of instrument " + id + " not valid at the end");
                }
            }
        }
        out.printf(Locale.ROOT, "checks: journaled %d, published %d, received %d, books %d, resyncs %d, " +
            "back-pressured offers %d: %s%n", counters.journaled.get(), counters.published.get(),
            subscriber.messages(), books, counters.resyncs.get(), counters.publishBackPressured.get(),
            failures.isEmpty() ? "PASS" : "FAIL " + failures);
        return failures.isEmpty();
    }

    private static long[] dataPathThreadIds()
    {
        final List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().getId());
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("marketprism-stage-"))
            {
                ids.add(thread.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static String threadName(final long id)
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getId() == id)
            {
                return thread.getName();
            }
        }
        return "thread-" + id;
    }

    private static void cpuTimes(final ThreadMXBean threads, final long[] ids, final long[] times)
    {
        for (int i = 0; i < ids.length; i++)
        {
            times[i] = Math.max(0, threads.getThreadCpuTime(ids[i]));
        }
    }

    private static void allocatedBytes(final ThreadMXBean threads, final long[] ids, final long[] bytes)
    {
        for (int i = 0; i < ids.length; i++)
        {
            bytes[i] = threads.getThreadAllocatedBytes(ids[i]);
        }
    }

    private static long gcCount(final List<GarbageCollectorMXBean> collectors)
    {
        long count = 0;
        for (int i = 0; i < collectors.size(); i++)
        {
            count += Math.max(0, collectors.get(i).getCollectionCount());
        }
        return count;
    }

    private static void awaitConnected(final MarketDataPipeline pipeline, final SubscriptionCounter subscriber)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!pipeline.publication().isConnected() || !subscriber.isConnected())
        {
            require(System.nanoTime() < deadline, "Aeron subscriber did not connect");
            Thread.sleep(1);
        }
    }

    private static void awaitReceived(final SubscriptionCounter subscriber, final EngineCounters counters)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (subscriber.messages() < counters.published.get() && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalStateException(message);
        }
    }

    static Path defaultRecordings()
    {
        final String explicit = System.getProperty("marketprism.recordings");
        if (explicit != null && !explicit.isEmpty())
        {
            return Path.of(explicit);
        }
        final String home = System.getProperty("marketprism.home", "");
        return Path.of(home).resolve("feeds/src/test/resources/recordings").toAbsolutePath();
    }

    static void deleteRecursively(final Path directory) throws IOException
    {
        if (directory == null || !Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
