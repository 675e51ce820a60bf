/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.engine.RingProducer;
import io.marketprism.engine.StageLatency;
import io.marketprism.engine.ThreadingProfile;
import io.marketprism.engine.stage.SubscriptionCounter;
import io.marketprism.feeds.Venues;
import io.marketprism.ops.PercentilePlot;
import io.aeron.Aeron;
import io.aeron.Publication;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.AgentRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency at fixed offered rates, MarketPrism's pipeline against a bare baseline in the same run.
 * <p>
 * For each rate, each of the two runs in turn in a fresh instance: our pipeline ({@link MarketDataPipeline}: decode
 * on the feed thread, normalize, journal to Chronicle Queue, publish on Aeron IPC to a subscriber that counts) and
 * the {@link BarePipeline} (the same frame bytes copied into a ring of the same size, journaled and published the
 * same way, nothing decoded). A paced sender offers the recorded frames (the demo's Binance captures, looped) at the
 * rate, frame {@code i} stamped with its intended send time {@code start + i / rate} as its receipt time
 * ({@link SendSchedule}), so a sender held up by the pipeline shows up as latency (no coordinated omission). Each run
 * has a warm-up flood of recorded frames (to compile the data path and touch the journal's and Aeron's fresh
 * pages), then a paced warm-up at the rate, both excluded; then the measured interval. Before the first rate, a JVM
 * warm-up round of both pipelines (printed, not counted) lets the JIT compile what a pass over fresh instances only
 * reaches late: the recording's wrap, rare kinds of frame, the journal's index entries.
 * <p>
 * Latency is from the intended send time to done by journal and publish ({@code completed}), with the stages on the
 * way in HdrHistograms. Per rate it writes {@code .hgrm} files (HdrHistogram percentile output, microseconds) for
 * every stage of both pipelines and the sender's lag, and a PNG percentile plot of both totals
 * ({@link PercentilePlot}); prints the stages' percentiles and a line
 * {@code RESULT latency rate=.. ours_p50_ns=.. ours_p99_ns=.. ours_p999_ns=.. ours_max_ns=.. bare_p50_ns=..
 * bare_p99_ns=.. bare_p999_ns=.. bare_max_ns=.. ratio_p99=.. achieved_rate=.. bare_achieved_rate=.. rate_ok=..
 * checks=PASS|FAIL}.
 * <p>
 * It checks itself: every message committed was journaled and published and arrived at the subscriber, nothing
 * malformed, no gap, no stage error, every latency histogram holds exactly one value per message; the achieved send
 * rate within {@link #RATE_TOLERANCE} of the offered one, else it says so ({@code rate_ok=false}: the sender could not
 * keep up and the backlog is in the latency).
 */
public final class LatencyBenchmark
{
    /** Largest shortfall of the achieved send rate below the offered one that still counts as the offered rate. */
    public static final double RATE_TOLERANCE = 0.03;
    /** The bound the project holds its pipeline to at 100k msg/s in the dev profile: p99 ours / p99 bare. */
    public static final double P99_RATIO_BOUND = 2.0;

    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);
    private static final int MAX_SENDS_PER_CYCLE = 256;
    private static final long FLOOD_RATE = 1_000_000_000L;
    private static final double WARMUP_SLICE_SECONDS = 0.5;
    private static final long QUIET_COMPILATION_MS = 5;
    private static final double MAX_QUIET_SECONDS = 5;
    private static final double[] PERCENTILES = { 50, 90, 99, 99.9, 99.99 };

    private LatencyBenchmark()
    {
    }

    /**
     * @param args {@code [--rates R1,R2,..] [--seconds S] [--warmup N] [--warmup-seconds S]
     *             [--warmup-max-seconds S] [--rounds N] [--jvm-warmup-rounds N] [--profile dev|low-latency]
     *             [--stages auto|dedicated|per-stage|shared] [--out DIR] [--journal DIR] [--recordings DIR]}.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = new Options();
        try
        {
            options.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("bench latency: " + ex.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
        }
        final Report report = run(options, System.out);
        System.exit(report.passed() ? 0 : 1);
    }

    /**
     * What to run.
     */
    public static final class Options
    {
        static final String USAGE = "usage: bench latency [--rates 10000,100000,1000000] [--seconds S] [--warmup N]" +
            " [--warmup-seconds S] [--warmup-max-seconds S] [--rounds N] [--jvm-warmup-rounds N]" +
            " [--profile dev|low-latency]" +
            " [--stages auto|dedicated|per-stage|shared]" +
            " [--out DIR] [--journal DIR] [--recordings DIR]";

        long[] rates = { 10_000, 100_000, 1_000_000 };
        double seconds = 10;
        long warmupFrames = 300_000;
        double warmupSeconds = 2;
        double warmupMaxSeconds = 30;
        int rounds = 1;
        int jvmWarmupRounds = 1;
        String profile = "dev";
        String stages = "auto";
        Path out;
        Path journalParent;
        Path recordings;

        /**
         * @param rates offered rates, frames per second.
         * @return this.
         */
        public Options rates(final long... rates)
        {
            this.rates = rates.clone();
            return this;
        }

        /**
         * @param seconds measured seconds per rate and pipeline.
         * @return this.
         */
        public Options seconds(final double seconds)
        {
            this.seconds = seconds;
            return this;
        }

        /**
         * @param frames frames sent as fast as possible before the paced warm-up.
         * @return this.
         */
        public Options warmupFrames(final long frames)
        {
            this.warmupFrames = frames;
            return this;
        }

        /**
         * @param seconds paced warm-up at the rate before measuring.
         * @return this.
         */
        public Options warmupSeconds(final double seconds)
        {
            this.warmupSeconds = seconds;
            return this;
        }

        /**
         * @param seconds longest paced warm-up: it stops here even while the JIT compilers are still busy.
         * @return this.
         */
        public Options warmupMaxSeconds(final double seconds)
        {
            this.warmupMaxSeconds = seconds;
            return this;
        }

        /**
         * @param rounds measurements of both pipelines per rate, each pair in fresh instances; more than one adds a
         *               summary of the rounds' p99 ratios.
         * @return this.
         */
        public Options rounds(final int rounds)
        {
            this.rounds = rounds;
            return this;
        }

        /**
         * @param rounds rounds of both pipelines, at the first rate and each pair in fresh instances, run once before
         *               any rate is measured and not counted: the JVM compiles the data path's rare paths (a recording
         *               wrap, a rare kind of frame, a journal index entry) there instead of inside the first measured
         *               round. Printed, checked, no RESULT line and no files. 0 for none.
         * @return this.
         */
        public Options jvmWarmupRounds(final int rounds)
        {
            this.jvmWarmupRounds = rounds;
            return this;
        }

        /**
         * @param profile {@code dev} or {@code low-latency}.
         * @return this.
         */
        public Options profile(final String profile)
        {
            this.profile = profile;
            return this;
        }

        /**
         * @param stages {@code auto}, {@code dedicated}, {@code per-stage} or {@code shared}.
         * @return this.
         */
        public Options stages(final String stages)
        {
            this.stages = stages;
            return this;
        }

        /**
         * @param out directory for the .hgrm and PNG files; created when missing.
         * @return this.
         */
        public Options out(final Path out)
        {
            this.out = out;
            return this;
        }

        /**
         * @param journalParent parent directory of the temporary journals (deleted after each run).
         * @return this.
         */
        public Options journalParent(final Path journalParent)
        {
            this.journalParent = journalParent;
            return this;
        }

        void parse(final String[] args)
        {
            for (int i = 0; i < args.length; i++)
            {
                if (i + 1 >= args.length)
                {
                    throw new IllegalArgumentException("missing value after " + args[i]);
                }
                final String value = args[++i];
                try
                {
                    switch (args[i - 1])
                    {
                        case "--rates":
                            final String[] parts = value.split(",");
                            rates = new long[parts.length];
                            for (int r = 0; r < parts.length; r++)
                            {
                                rates[r] = Long.parseLong(parts[r].trim());
                                if (rates[r] < 1 || rates[r] > 100_000_000L)
                                {
                                    throw new IllegalArgumentException("--rates: each from 1 to 100000000: " + value);
                                }
                            }
                            break;
                        case "--seconds":
                            seconds = positive("--seconds", Double.parseDouble(value));
                            break;
                        case "--warmup":
                            warmupFrames = Long.parseLong(value);
                            break;
                        case "--warmup-seconds":
                            warmupSeconds = Double.parseDouble(value);
                            break;
                        case "--warmup-max-seconds":
                            warmupMaxSeconds = positive("--warmup-max-seconds", Double.parseDouble(value));
                            break;
                        case "--rounds":
                            rounds = atLeast("--rounds", Integer.parseInt(value), 1);
                            break;
                        case "--jvm-warmup-rounds":
                            jvmWarmupRounds = atLeast("--jvm-warmup-rounds", Integer.parseInt(value), 0);
                            break;
                        case "--profile":
                            profile = value;
                            break;
                        case "--stages":
                            stages = value;
                            break;
                        case "--out":
                            out = Path.of(value);
                            break;
                        case "--journal":
                            journalParent = Path.of(value);
                            break;
                        case "--recordings":
                            recordings = Path.of(value);
                            break;
                        default:
                            throw new IllegalArgumentException("unknown option " + args[i - 1]);
                    }
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException(args[i - 1] + ": not a number: " + value);
                }
            }
        }

        private static int atLeast(final String name, final int value, final int least)
        {
            if (value < least)
            {
                throw new IllegalArgumentException(name + " must be at least " + least + ": " + value);
            }
            return value;
        }

        private static double positive(final String name, final double value)
        {
            if (!(value > 0))
            {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }

    /**
     * What the paced warm-up of one pipeline took.
     */
    static final class WarmUp
    {
        final double seconds;
        final double quietSeconds;
        final long lastSliceCompiledMs;
        final boolean quiet;

        WarmUp(final double seconds, final double quietSeconds, final long lastSliceCompiledMs, final boolean quiet)
        {
            this.seconds = seconds;
            this.quietSeconds = quietSeconds;
            this.lastSliceCompiledMs = lastSliceCompiledMs;
            this.quiet = quiet;
        }
    }

    /**
     * One pipeline's measured interval at one rate.
     */
    public static final class Measurement
    {
        final String pipeline;
        final String[] stageNames;
        final Histogram[] stages;
        final Histogram sendLag;
        final long frames;
        final long messages;
        final double achievedRate;
        final WarmUp warmUp;
        final JvmActivity during;
        final long pagesPretouched;
        final List<String> failures;

        Measurement(
            final String pipeline,
            final String[] stageNames,
            final Histogram[] stages,
            final Histogram sendLag,
            final long frames,
            final long messages,
            final double achievedRate,
            final WarmUp warmUp,
            final JvmActivity during,
            final long pagesPretouched,
            final List<String> failures)
        {
            this.pipeline = pipeline;
            this.stageNames = stageNames;
            this.stages = stages;
            this.sendLag = sendLag;
            this.frames = frames;
            this.messages = messages;
            this.achievedRate = achievedRate;
            this.warmUp = warmUp;
            this.during = during;
            this.pagesPretouched = pagesPretouched;
            this.failures = failures;
        }

        /**
         * @return latency from intended send to done by journal and publish, nanoseconds.
         */
        public Histogram total()
        {
            return stages[stages.length - 1];
        }

        /**
         * @return seconds of paced warm-up before the measured interval.
         */
        public double warmUpSeconds()
        {
            return warmUp.seconds;
        }

        /**
         * @return milliseconds the JIT compilers spent during the measured interval.
         */
        public long compiledMs()
        {
            return during.compilationMs;
        }

        /**
         * @return journal pages the journal stage touched ahead of its appends, in its idle time, during the measured
         * interval.
         */
        public long pagesPretouched()
        {
            return pagesPretouched;
        }

        /**
         * @return garbage collections during the measured interval.
         */
        public long collections()
        {
            return during.collections;
        }

        /**
         * @return frames sent in the measured interval.
         */
        public long frames()
        {
            return frames;
        }

        /**
         * @return messages put on the ring in the measured interval (ours: what the frames decoded into).
         */
        public long messages()
        {
            return messages;
        }

        /**
         * @return frames sent per second in the measured interval.
         */
        public double achievedRate()
        {
            return achievedRate;
        }

        /**
         * @return self-check failures; empty when it passed.
         */
        public List<String> failures()
        {
            return failures;
        }
    }

    /**
     * Both pipelines at one rate.
     */
    public static final class RateResult
    {
        final long rate;
        final Measurement ours;
        final Measurement bare;
        final Path hgrm;
        final Path png;
        final boolean rateOk;
        final String line;

        RateResult(final long rate, final Measurement ours, final Measurement bare, final Path hgrm, final Path png)
        {
            this.rate = rate;
            this.ours = ours;
            this.bare = bare;
            this.hgrm = hgrm;
            this.png = png;
            this.rateOk = ours.achievedRate >= rate * (1 - RATE_TOLERANCE) &&
                bare.achievedRate >= rate * (1 - RATE_TOLERANCE);
            final Histogram o = ours.total();
            final Histogram b = bare.total();
            this.line = String.format(Locale.ROOT,
                "RESULT latency rate=%d ours_p50_ns=%d ours_p99_ns=%d ours_p999_ns=%d ours_max_ns=%d bare_p50_ns=%d " +
                "bare_p99_ns=%d bare_p999_ns=%d bare_max_ns=%d ratio_p99=%.2f achieved_rate=%.0f " +
                "bare_achieved_rate=%.0f rate_ok=%b checks=%s",
                rate, o.getValueAtPercentile(50), o.getValueAtPercentile(99), o.getValueAtPercentile(99.9),
                o.getMaxValue(), b.getValueAtPercentile(50), b.getValueAtPercentile(99), b.getValueAtPercentile(99.9),
                b.getMaxValue(), ratioP99(), ours.achievedRate, bare.achievedRate, rateOk, passed() ? "PASS" : "FAIL");
        }

        /**
         * @return p99 of ours divided by p99 of the bare baseline.
         */
        public double ratioP99()
        {
            return (double)ours.total().getValueAtPercentile(99) / Math.max(1, bare.total().getValueAtPercentile(99));
        }

        /**
         * @return true when both pipelines passed their checks (the rate shortfall is reported, not failed).
         */
        public boolean passed()
        {
            return ours.failures.isEmpty() && bare.failures.isEmpty();
        }

        /**
         * @return true when both achieved the offered rate within {@link #RATE_TOLERANCE}.
         */
        public boolean rateOk()
        {
            return rateOk;
        }

        /**
         * @return our pipeline's measurement.
         */
        public Measurement ours()
        {
            return ours;
        }

        /**
         * @return the bare baseline's measurement.
         */
        public Measurement bare()
        {
            return bare;
        }

        /**
         * @return the .hgrm file of our total latency.
         */
        public Path hgrm()
        {
            return hgrm;
        }

        /**
         * @return the PNG percentile plot of both totals.
         */
        public Path png()
        {
            return png;
        }

        /**
         * @return the RESULT line.
         */
        public String line()
        {
            return line;
        }
    }

    /**
     * Every rate of a run.
     */
    public static final class Report
    {
        final List<RateResult> results;
        final List<RateResult> jvmWarmUps;
        final Path out;

        Report(final List<RateResult> results, final List<RateResult> jvmWarmUps, final Path out)
        {
            this.results = results;
            this.jvmWarmUps = jvmWarmUps;
            this.out = out;
        }

        /**
         * @return the JVM warm-up rounds, not counted.
         */
        public List<RateResult> jvmWarmUps()
        {
            return jvmWarmUps;
        }

        /**
         * @return one result per rate, in the order run.
         */
        public List<RateResult> results()
        {
            return results;
        }

        /**
         * @return where the files were written.
         */
        public Path out()
        {
            return out;
        }

        /**
         * @return true when every rate passed its checks.
         */
        public boolean passed()
        {
            for (final RateResult result : results)
            {
                if (!result.passed())
                {
                    return false;
                }
            }
            for (final RateResult result : jvmWarmUps)
            {
                if (!result.passed())
                {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Runs every rate, prints per-stage percentiles and a RESULT line per rate, writes the files.
     *
     * @param options what to run.
     * @param out     where to print.
     * @return the results.
     * @throws Exception on failure to set up.
     */
    public static Report run(final Options options, final PrintStream out) throws Exception
    {
        final Path recordingsDir = options.recordings != null ?
            options.recordings : PipelineBenchmark.defaultRecordings();
        final FrameSet frames = FrameSet.load(recordingsDir, FrameSet.BINANCE_CAPTURES);
        final Path outDir = options.out != null ? options.out : Path.of(System.getProperty("marketprism.home", ""))
            .resolve("bench/target/latency").resolve(
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
        Files.createDirectories(outDir);
        final Path journalParent = options.journalParent != null ?
            options.journalParent : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(journalParent);
        final EngineConfiguration.Context probe = context(options, journalParent.resolve("unused"));
        out.printf(Locale.ROOT, "bench latency: %d frames (%.1f MB of JSON) pre-loaded from %s; rates %s frames/s, " +
            "%.1f s each after a warm-up of %d frames flat out and at least %.1f s paced (until the JIT compilers " +
            "are quiet for one pass of the recording, 0.5-5 s, at most %.1f s); %d round%s, after %d JVM warm-up " +
            "round%s; profile %s, stages %s, ring %d slots, log %d MB; files in %s%n",
            frames.size(), frames.totalBytes() / 1e6, recordingsDir, joined(options.rates), options.seconds,
            options.warmupFrames, options.warmupSeconds, options.warmupMaxSeconds, options.rounds,
            options.rounds == 1 ? "" : "s", options.jvmWarmupRounds, options.jvmWarmupRounds == 1 ? "" : "s",
            probe.threadingProfile().printedName(), probe.stageThreads().printedName(), probe.ringSize(),
            probe.logCapacityBytes() >> 20, outDir);

        final List<RateResult> jvmWarmUps = new ArrayList<>();
        for (int round = 1; round <= options.jvmWarmupRounds; round++)
        {
            final long rate = options.rates[0];
            final RateResult result = new RateResult(rate, measureOurs(options, frames, rate, journalParent),
                measureBare(options, frames, rate, journalParent), null, null);
            out.printf(Locale.ROOT, "%nJVM warm-up round %d of %d: not counted (it compiles the rare paths of the " +
                "data path, which a fresh JVM would otherwise compile inside the first measured round)",
                round, options.jvmWarmupRounds);
            print(out, result, options.seconds, false);
            jvmWarmUps.add(result);
        }

        final List<RateResult> results = new ArrayList<>();
        for (final long rate : options.rates)
        {
            final List<RateResult> rounds = new ArrayList<>();
            for (int round = 1; round <= options.rounds; round++)
            {
                final Measurement ours = measureOurs(options, frames, rate, journalParent);
                final Measurement bare = measureBare(options, frames, rate, journalParent);
                final String name = options.rounds == 1 ? Long.toString(rate) : rate + "-round" + round;
                final Path hgrm = writeFiles(outDir, name, ours, bare);
                final Path png = outDir.resolve("latency-" + name + ".png");
                new PercentilePlot(String.format(Locale.ROOT,
                    "intended send to journaled and published, %,d frames/s offered, %s profile%s",
                    rate, probe.threadingProfile().printedName(),
                    options.rounds == 1 ? "" : ", round " + round + " of " + options.rounds))
                    .add("MarketPrism pipeline", ours.total())
                    .add("bare: ring + Chronicle append + Aeron offer", bare.total())
                    .write(png);
                final RateResult result = new RateResult(rate, ours, bare, hgrm, png);
                if (options.rounds > 1)
                {
                    out.printf(Locale.ROOT, "%nround %d of %d", round, options.rounds);
                }
                print(out, result, options.seconds, true);
                results.add(result);
                rounds.add(result);
            }
            if (options.rounds > 1)
            {
                printRounds(out, rate, rounds);
            }
        }
        return new Report(results, jvmWarmUps, outDir);
    }

    private static EngineConfiguration.Context context(final Options options, final Path journalDir)
    {
        return new EngineConfiguration.Context()
            .threadingProfile(options.profile)
            .stageThreads(options.stages)
            .journalDir(journalDir)
            .conclude();
    }

    private static Measurement measureOurs(
        final Options options, final FrameSet frames, final long rate, final Path journalParent) throws Exception
    {
        final Path journalDir = Files.createTempDirectory(journalParent, "marketprism-latency-").resolve("journal");
        final EngineConfiguration.Context context = context(options, journalDir);
        try (EngineCounters counters = new EngineCounters();
            MarketDataPipeline pipeline = MarketDataPipeline.start(context, Venues.rules(), counters))
        {
            final Subscriber subscriber = new Subscriber(pipeline.aeron().aeron(), pipeline.publication(), context);
            try
            {
                final RingProducer producer = pipeline.producer();
                final RecordedFeed feed = new RecordedFeed(frames);
                final PacedTarget target = new PacedTarget()
                {
                    @Override
                    public void beginCycle()
                    {
                        producer.beginBatch();
                    }

                    @Override
                    public int send(final long intendedNs)
                    {
                        return feed.sendNext(producer, intendedNs);
                    }

                    @Override
                    public void endCycle()
                    {
                        producer.endBatch();
                    }
                };
                final Histogram sendLag = newHistogram();
                pace(target, new SendSchedule(System.nanoTime(), FLOOD_RATE, context.threadingProfile()),
                    options.warmupFrames, sendLag);
                require(pipeline.awaitDrained(DRAIN_TIMEOUT_NS), "ours: warm-up flood did not drain");
                final WarmUp warmUp = warmUpPaced(options, target, rate, frames.size(), context.threadingProfile(),
                    sendLag, () -> require(pipeline.awaitDrained(DRAIN_TIMEOUT_NS),
                    "ours: paced warm-up did not drain"), () -> pipeline.latency().reset());
                final long journaledBefore = counters.journaled.get();
                final long pretouchedBefore = counters.journalPagesPretouched.get();
                final long publishedBefore = counters.published.get();

                final long sends = Math.max(1, (long)(options.seconds * rate));
                final JvmActivity before = JvmActivity.now();
                final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
                final long[] paced = pace(
                    target, new SendSchedule(startNs, rate, context.threadingProfile()), sends, sendLag);
                final boolean drained = pipeline.awaitDrained(DRAIN_TIMEOUT_NS);
                final JvmActivity during = JvmActivity.now().since(before);
                final long pretouched = counters.journalPagesPretouched.get() - pretouchedBefore;
                subscriber.awaitReceived(counters.published.get());

                final Histogram[] stages = new Histogram[StageLatency.STAGE_COUNT];
                final String[] names = new String[StageLatency.STAGE_COUNT];
                for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
                {
                    stages[stage] = pipeline.latency().cumulative(stage).copy();
                    names[stage] = StageLatency.name(stage);
                }
                final long messages = paced[0];
                final List<String> failures = new ArrayList<>();
                if (!drained)
                {
                    failures.add("did not drain");
                }
                final long journaled = counters.journaled.get() - journaledBefore;
                final long published = counters.published.get() - publishedBefore;
                if (journaled < messages || published != journaled)
                {
                    failures.add("messages " + messages + ", journaled " + journaled + ", published " + published);
                }
                if (subscriber.received() != counters.published.get())
                {
                    failures.add("subscriber received " + subscriber.received() + " of " +
                        counters.published.get() + " published");
                }
                if (counters.publishDropped.get() != 0 || counters.publishNotConnected.get() != 0 ||
                    counters.journalRejected.get() != 0)
                {
                    failures.add("publish dropped " + counters.publishDropped.get() + ", not connected " +
                        counters.publishNotConnected.get() + ", journal rejected " + counters.journalRejected.get());
                }
                if (counters.errors.get() != 0 || counters.malformed.get() != 0 || counters.gaps.get() != 0)
                {
                    failures.add("errors " + counters.errors.get() + ", malformed " + counters.malformed.get() +
                        ", gaps " + counters.gaps.get());
                }
                for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
                {
                    if (stages[stage].getTotalCount() != messages)
                    {
                        failures.add(names[stage] + " histogram holds " + stages[stage].getTotalCount() +
                            " values for " + messages + " messages");
                    }
                }
                return new Measurement("ours", names, stages, sendLag.copy(), sends, messages,
                    achievedRate(sends, startNs, paced[1]), warmUp, during, pretouched, failures);
            }
            finally
            {
                subscriber.close();
            }
        }
        finally
        {
            PipelineBenchmark.deleteRecursively(journalDir.getParent());
        }
    }

    private static Measurement measureBare(
        final Options options, final FrameSet frames, final long rate, final Path journalParent) throws Exception
    {
        final Path journalDir = Files.createTempDirectory(journalParent, "marketprism-latency-bare-")
            .resolve("journal");
        final EngineConfiguration.Context context = context(options, journalDir);
        try (BarePipeline bare = BarePipeline.start(context))
        {
            final Subscriber subscriber = new Subscriber(bare.aeron().aeron(), bare.publication(), context);
            try
            {
                final PacedTarget target = new PacedTarget()
                {
                    private int next;

                    @Override
                    public void beginCycle()
                    {
                    }

                    @Override
                    public int send(final long intendedNs)
                    {
                        if (next == frames.size())
                        {
                            next = 0;
                        }
                        final int frame = next++;
                        bare.send(frames.buffer(), frames.offset(frame), frames.length(frame), intendedNs);
                        return 1;
                    }

                    @Override
                    public void endCycle()
                    {
                    }
                };
                final Histogram sendLag = newHistogram();
                pace(target, new SendSchedule(System.nanoTime(), FLOOD_RATE, context.threadingProfile()),
                    options.warmupFrames, sendLag);
                require(bare.awaitDrained(DRAIN_TIMEOUT_NS), "bare: warm-up flood did not drain");
                final WarmUp warmUp = warmUpPaced(options, target, rate, frames.size(), context.threadingProfile(),
                    sendLag, () -> require(bare.awaitDrained(DRAIN_TIMEOUT_NS), "bare: paced warm-up did not drain"),
                    bare::resetLatency);
                final long journaledBefore = bare.journaled();
                final long pretouchedBefore = bare.pagesPretouched();
                final long publishedBefore = bare.published();

                final long sends = Math.max(1, (long)(options.seconds * rate));
                final JvmActivity before = JvmActivity.now();
                final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
                final long[] paced = pace(
                    target, new SendSchedule(startNs, rate, context.threadingProfile()), sends, sendLag);
                final boolean drained = bare.awaitDrained(DRAIN_TIMEOUT_NS);
                final JvmActivity during = JvmActivity.now().since(before);
                final long pretouched = bare.pagesPretouched() - pretouchedBefore;
                subscriber.awaitReceived(bare.published());

                final Histogram[] stages = new Histogram[BarePipeline.STAGE_COUNT];
                final String[] names = new String[BarePipeline.STAGE_COUNT];
                for (int stage = 0; stage < BarePipeline.STAGE_COUNT; stage++)
                {
                    stages[stage] = bare.latency(stage).copy();
                    names[stage] = BarePipeline.name(stage);
                }
                final List<String> failures = new ArrayList<>();
                if (!drained)
                {
                    failures.add("did not drain");
                }
                final long journaled = bare.journaled() - journaledBefore;
                final long published = bare.published() - publishedBefore;
                if (journaled != sends || published != sends)
                {
                    failures.add("frames " + sends + ", journaled " + journaled + ", published " + published);
                }
                if (subscriber.received() != bare.published())
                {
                    failures.add("subscriber received " + subscriber.received() + " of " + bare.published() +
                        " published");
                }
                if (bare.publishDropped() != 0 || bare.journalRejected() != 0 || bare.errors() != 0)
                {
                    failures.add("publish dropped " + bare.publishDropped() + ", journal rejected " +
                        bare.journalRejected() + ", errors " + bare.errors());
                }
                for (int stage = 0; stage < BarePipeline.STAGE_COUNT; stage++)
                {
                    if (stages[stage].getTotalCount() != sends)
                    {
                        failures.add(names[stage] + " histogram holds " + stages[stage].getTotalCount() +
                            " values for " + sends + " frames");
                    }
                }
                return new Measurement("bare", names, stages, sendLag.copy(), sends, paced[0],
                    achievedRate(sends, startNs, paced[1]), warmUp, during, pretouched, failures);
            }
            finally
            {
                subscriber.close();
            }
        }
        finally
        {
            PipelineBenchmark.deleteRecursively(journalDir.getParent());
        }
    }

    /**
     * The paced warm-up, in slices of {@link #WARMUP_SLICE_SECONDS} at the rate, each ended as the measured interval
     * will start (drained, then the latency histograms reset): so the code that runs when the measurement starts has
     * run before, and the reset's new paths (a histogram's first minimum and maximum, the recorder's other phase) do
     * not send the compiled stage code back to the interpreter at the start of the measured interval. It goes on
     * until at least {@code --warmup-seconds} have passed and the JIT compilers spent at most
     * {@link #QUIET_COMPILATION_MS} in each slice of a quiet window, or {@code --warmup-max-seconds} have passed: on
     * two cores a compiler thread still working through its queue takes a core from the pipeline for milliseconds at
     * a time. The window is one pass of the recording at the rate (between one slice and {@link #MAX_QUIET_SECONDS}):
     * paths first taken late in a pass (the books' resync where the recording wraps) are compiled before the
     * measurement, not inside it.
     *
     * @param passFrames frames in one pass of the recording.
     */
    private static WarmUp warmUpPaced(
        final Options options,
        final PacedTarget target,
        final long rate,
        final long passFrames,
        final ThreadingProfile profile,
        final Histogram sendLag,
        final Runnable awaitDrained,
        final Runnable resetLatency)
    {
        final long sliceSends = Math.max(1, (long)(WARMUP_SLICE_SECONDS * rate));
        final double quietSeconds = quietWindowSeconds(passFrames, rate);
        double seconds = 0;
        double quietFor = 0;
        while (true)
        {
            final long compiledBeforeMs = JvmActivity.now().compilationMs;
            pace(target, new SendSchedule(System.nanoTime(), rate, profile), sliceSends, sendLag);
            awaitDrained.run();
            resetLatency.run();
            sendLag.reset();
            seconds += WARMUP_SLICE_SECONDS;
            final long compiledMs = JvmActivity.now().compilationMs - compiledBeforeMs;
            quietFor = compiledMs <= QUIET_COMPILATION_MS ? quietFor + WARMUP_SLICE_SECONDS : 0;
            final boolean quiet = quietFor >= quietSeconds;
            if ((quiet && seconds >= options.warmupSeconds) || seconds >= options.warmupMaxSeconds)
            {
                return new WarmUp(seconds, quietSeconds, compiledMs, quiet);
            }
        }
    }

    /**
     * @param passFrames frames in one pass of the recording.
     * @param rate       frames a second.
     * @return how long the JIT compilers must have been quiet before the measured interval starts: one pass of the
     * recording at the rate, in whole slices, at least one slice and at most {@link #MAX_QUIET_SECONDS}.
     */
    static double quietWindowSeconds(final long passFrames, final long rate)
    {
        final double pass = (double)passFrames / rate;
        final double slices = Math.ceil(Math.min(pass, MAX_QUIET_SECONDS) / WARMUP_SLICE_SECONDS);
        return Math.max(1, slices) * WARMUP_SLICE_SECONDS;
    }

    /**
     * Sends on the schedule: waits for the next intended time, then sends every frame due by the clock read after
     * the wait (up to {@link #MAX_SENDS_PER_CYCLE}) in one cycle, each stamped with its own intended time, and
     * records each one's lag (clock read minus intended time).
     *
     * @return {messages sent, clock after the last send}.
     */
    private static long[] pace(
        final PacedTarget target, final SendSchedule schedule, final long sends, final Histogram sendLag)
    {
        long index = 0;
        long messages = 0;
        while (index < sends)
        {
            long dueNs = schedule.intendedNs(index);
            final long nowNs = schedule.awaitUntil(dueNs);
            target.beginCycle();
            int inCycle = 0;
            do
            {
                sendLag.recordValue(Math.max(0, Math.min(nowNs - dueNs, StageLatency.HIGHEST_TRACKABLE_NS)));
                messages += target.send(dueNs);
                index++;
                inCycle++;
                if (index == sends || inCycle == MAX_SENDS_PER_CYCLE)
                {
                    break;
                }
                dueNs = schedule.intendedNs(index);
            }
            while (dueNs - nowNs <= 0);
            target.endCycle();
        }
        return new long[] { messages, System.nanoTime() };
    }

    private static double achievedRate(final long sends, final long startNs, final long endNs)
    {
        return sends * 1e9 / Math.max(1, endNs - startNs);
    }

    private static Path writeFiles(final Path outDir, final String rate, final Measurement ours, final Measurement bare)
        throws IOException
    {
        for (final Measurement m : new Measurement[] { ours, bare })
        {
            for (int stage = 0; stage < m.stages.length; stage++)
            {
                PercentilePlot.writeHgrm(m.stages[stage],
                    outDir.resolve("latency-" + rate + "-" + m.pipeline + "-" + m.stageNames[stage] + ".hgrm"));
            }
            PercentilePlot.writeHgrm(
                m.sendLag, outDir.resolve("latency-" + rate + "-" + m.pipeline + "-send-lag.hgrm"));
        }
        final Path hgrm = outDir.resolve("latency-" + rate + "-ours.hgrm");
        PercentilePlot.writeHgrm(ours.total(), hgrm);
        PercentilePlot.writeHgrm(bare.total(), outDir.resolve("latency-" + rate + "-bare.hgrm"));
        return hgrm;
    }

    private static void print(
        final PrintStream out, final RateResult result, final double seconds, final boolean counted)
    {
        out.printf(Locale.ROOT, "%nrate %,d frames/s offered, %.1f s measured%n", result.rate, seconds);
        for (final Measurement m : new Measurement[] { result.ours, result.bare })
        {
            out.printf(Locale.ROOT, "  %-4s %,d frames (%,d messages) sent at %,.0f frames/s%s; checks: %s%n",
                m.pipeline, m.frames, m.messages, m.achievedRate,
                m.achievedRate < result.rate * (1 - RATE_TOLERANCE) ? String.format(Locale.ROOT,
                " (%.1f%% below the offered rate: the sender fell behind, the backlog is in the latency)",
                100.0 * (1 - m.achievedRate / result.rate)) : "",
                m.failures.isEmpty() ? "PASS" : "FAIL " + m.failures);
            out.printf(Locale.ROOT, "       warm-up paced %.1f s (JIT compilers %s %.1f s; %d ms in its last " +
                "%.1f s)%n       during the measured %.1f s (from %.1f s of JVM uptime): JIT compilers busy %d ms, " +
                "%d GC pause%s (%d ms), %d journal pages pre-touched in idle time%n", m.warmUp.seconds,
                m.warmUp.quiet ? "quiet for the last" : "NOT quiet, at --warmup-max-seconds, for a window of",
                m.warmUp.quietSeconds, m.warmUp.lastSliceCompiledMs, WARMUP_SLICE_SECONDS, seconds,
                m.during.uptimeMs / 1000.0, m.during.compilationMs, m.during.collections,
                m.during.collections == 1 ? "" : "s", m.during.collectionMs, m.pagesPretouched);
        }
        out.println("  latency from intended send, us     p50       p90       p99     p99.9    p99.99       max");
        for (final Measurement m : new Measurement[] { result.ours, result.bare })
        {
            for (int stage = 0; stage < m.stages.length; stage++)
            {
                printRow(out, m.pipeline + " " + m.stageNames[stage], m.stages[stage]);
            }
            printRow(out, m.pipeline + " send lag", m.sendLag);
        }
        out.printf(Locale.ROOT, "  p99 ours / bare = %.2f (bound %.1f at 100k/s, dev profile: %s)%n",
            result.ratioP99(), P99_RATIO_BOUND, result.ratioP99() <= P99_RATIO_BOUND ? "within" : "ABOVE");
        if (counted)
        {
            out.println("  files: " + result.png + ", " + result.hgrm + " and the other latency-" + result.rate +
                "-*.hgrm");
            out.println(result.line);
        }
    }

    /**
     * The rounds of one rate side by side: each round's p99 ratio, their median and spread, and in how many the bound
     * held. Every round is a same-run comparison; the median says which way the pipelines compare on this machine,
     * the spread how much a single run can be trusted.
     */
    private static void printRounds(final PrintStream out, final long rate, final List<RateResult> rounds)
    {
        final int n = rounds.size();
        final double[] ratios = new double[n];
        final long[] ours = new long[n];
        final long[] bare = new long[n];
        int within = 0;
        boolean passed = true;
        final StringBuilder each = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            final RateResult r = rounds.get(i);
            ratios[i] = r.ratioP99();
            ours[i] = r.ours.total().getValueAtPercentile(99);
            bare[i] = r.bare.total().getValueAtPercentile(99);
            within += ratios[i] <= P99_RATIO_BOUND ? 1 : 0;
            passed &= r.passed();
            each.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", ratios[i]));
        }
        Arrays.sort(ratios);
        Arrays.sort(ours);
        Arrays.sort(bare);
        out.printf(Locale.ROOT, "%nrate %,d frames/s, %d rounds: p99 ours / bare per round %s; median %.2f " +
            "(ours p99 median %.1f us, bare %.1f us); within %.1f in %d of %d%n", rate, n, each, median(ratios),
            median(ours) / 1e3, median(bare) / 1e3, P99_RATIO_BOUND, within, n);
        out.printf(Locale.ROOT, "RESULT latency-rounds rate=%d rounds=%d ratio_p99_median=%.2f ratio_p99_min=%.2f " +
            "ratio_p99_max=%.2f within_bound=%d ours_p99_median_ns=%.0f bare_p99_median_ns=%.0f checks=%s%n",
            rate, n, median(ratios), ratios[0], ratios[n - 1], within, median(ours), median(bare),
            passed ? "PASS" : "FAIL");
    }

    private static double median(final double[] sorted)
    {
        final int n = sorted.length;
        return (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double median(final long[] sorted)
    {
        final int n = sorted.length;
        return (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static void printRow(final PrintStream out, final String name, final Histogram histogram)
    {
        final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-30s", name));
        for (final double percentile : PERCENTILES)
        {
            row.append(String.format(Locale.ROOT, "%10.1f", histogram.getValueAtPercentile(percentile) / 1e3));
        }
        row.append(String.format(Locale.ROOT, "%10.1f", histogram.getMaxValue() / 1e3));
        out.println(row);
    }

    private static Histogram newHistogram()
    {
        return new Histogram(1, StageLatency.HIGHEST_TRACKABLE_NS, 3);
    }

    private static String joined(final long[] rates)
    {
        final StringBuilder s = new StringBuilder();
        for (final long rate : rates)
        {
            s.append(s.length() == 0 ? "" : ",").append(rate);
        }
        return s.toString();
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalStateException(message);
        }
    }

    /**
     * One pipeline as the paced sender sees it.
     */
    private interface PacedTarget
    {
        void beginCycle();

        int send(long intendedNs);

        void endCycle();
    }

    /**
     * The Aeron subscriber that counts what arrives, on its own agent thread with the profile's idle strategy.
     */
    private static final class Subscriber implements AutoCloseable
    {
        private final SubscriptionCounter counter;
        private final AgentRunner runner;

        Subscriber(final Aeron aeron, final Publication publication, final EngineConfiguration.Context context)
            throws InterruptedException
        {
            counter = new SubscriptionCounter(
                aeron.addSubscription(context.publishChannel(), context.publishStreamId()));
            runner = new AgentRunner(context.threadingProfile().newIdleStrategy(), Throwable::printStackTrace, null,
                counter);
            AgentRunner.startOnThread(runner);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!publication.isConnected() || !counter.isConnected())
            {
                if (System.nanoTime() - deadline > 0)
                {
                    runner.close();
                    throw new IllegalStateException("Aeron subscriber did not connect");
                }
                Thread.sleep(1);
            }
        }

        long received()
        {
            return counter.messages();
        }

        void awaitReceived(final long published) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (counter.messages() < published && System.nanoTime() - deadline < 0)
            {
                Thread.sleep(1);
            }
        }

        @Override
        public void close()
        {
            runner.close();
        }
    }
}
