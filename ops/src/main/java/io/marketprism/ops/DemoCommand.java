/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.aeron.Publication;
import io.aeron.driver.status.SenderPos;
import io.aeron.driver.status.StreamCounter;
import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.ErrorLog;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.engine.stage.SubscriptionCounter;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.capture.CapturePacer;
import io.marketprism.feeds.capture.CaptureReader;
import io.marketprism.feeds.capture.CaptureReplayAgent;
import io.marketprism.feeds.capture.CaptureRun;
import io.marketprism.feeds.capture.Captures;
import io.marketprism.feeds.capture.LimitedCaptureReader;
import io.marketprism.feeds.capture.MergedCaptureReader;
import io.marketprism.feeds.capture.SnapshotSource;
import io.marketprism.sbe.Venue;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo}: the whole pipeline offline on the recordings bundled with the project. Four Binance captures (spot
 * BTCUSDT and ETHUSDT, COIN-M BTCUSD_PERP, USD-M BTCUSDT) are merged by receive time and run through the live
 * decoders, normalize, the Chronicle journal and Aeron IPC (embedded media driver, with a subscriber counting what
 * arrives); then a summary is printed, ending with the line {@code journal: <path>}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the full pipeline offline on the bundled recordings and print a summary.")
public final class DemoCommand implements Callable<Integer>
{
    private static final String[][] SOURCES = {
        { "binance-spot", "hftbacktest/spot/btcusdt_20240808.gz", "hftbacktest/spot/btcusdt_20240809.gz" },
        { "binance-spot", "hftbacktest/spot/ethusdt_20240808.gz", "hftbacktest/spot/ethusdt_20240809.gz" },
        { "binance-coinm", "hftbacktest/cm/btcusd_perp_20240808.gz", "hftbacktest/cm/btcusd_perp_20240809.gz" },
        { "binance-usdm", "hftbacktest/usdm/btcusdt_20230404.dat.gz", "hftbacktest/usdm/btcusdt_20230405.dat.gz" },
    };
    private static final int[] TEMPLATES = { 1, 3, 2, 4, 5, 6 };

    @ParentCommand
    private MarketPrism parent;

    @Option(names = "--journal", description = "journal directory (default: a new directory under the temp dir)")
    private Path journal;

    @Option(names = "--rate", defaultValue = "100000",
        description = "offer frames at this many per second (default 100000; 0: use --pace)")
    private long rate;

    @Option(names = "--pace", defaultValue = "max",
        description = "with --rate 0: max, original or N times original (default max)")
    private String pace;

    @Option(names = "--warmup", defaultValue = "100000",
        description = "frames first run through a throwaway pipeline to compile the code (default 100000; 0: none)")
    private long warmupFrames;

    @Option(names = "--recordings", description = "recordings directory (default: the project's bundled ones)")
    private Path recordings;

    @Option(names = "--config", description = "a config file (HOCON) overriding marketprism-default.conf")
    private Path config;

    @Override
    public Integer call() throws Exception
    {
        final Path recordingsDir = recordings != null ? recordings : Recordings.directory();
        final Path journalDir = journal != null ? journal : defaultJournalDir();
        final PrintStream out = new PrintStream(new DecodeCommand.NonClosingOutputStream(parent.stdout()), true,
            java.nio.charset.StandardCharsets.UTF_8);
        if (warmupFrames < 0)
        {
            throw new IllegalArgumentException("invalid --warmup " + warmupFrames + "; expected 0 or more frames");
        }
        final CapturePacer pacer = Pace.parse(pace, rate);

        out.println("MarketPrism demo: " + SOURCES.length + " Binance recordings from " + recordingsDir +
            ", merged by receive time, " + (rate > 0 ? "offered at " + rate + " frames/s" : "pace " + pace));
        for (final String[] source : SOURCES)
        {
            out.printf("  %-14s %s%n", source[0], String.join(" + ", List.of(source).subList(1, source.length)));
        }
        final EngineConfiguration.Context context = pipelineContext(journalDir, Map.of());
        // the port is taken before anything runs: a port in use stops the demo with nothing half-started
        try (MetricsServer server = context.httpEnabled() ? MetricsServer.bind(context) : null)
        {
            if (server != null)
            {
                parent.stderr().println("marketprism: " + server.url() + "/metrics, /health, /ready and " +
                    "/book/{venue}/{symbol} (served once the pipeline runs)");
            }
            if (warmupFrames > 0)
            {
                final long startNs = System.nanoTime();
                final long frames = warmUp(recordingsDir);
                out.printf("warm-up: %d frames through a throwaway pipeline in %.1f s, so that the figures below " +
                    "are of compiled code (--warmup 0 skips it)%n", frames, (System.nanoTime() - startNs) / 1e9);
            }

            try (EngineCounters counters = EngineCounters.mapped(context.countersDir());
                ErrorLog errorLog = ErrorLog.create(context.countersDir(), ErrorLog.DEFAULT_LOG_LENGTH);
                CaptureReader reader = openRecordings(recordingsDir, Long.MAX_VALUE))
            {
                counters.errorLog(errorLog);
                if (server != null)
                {
                    server.errorHandler(counters::onError);
                }
                parent.stderr().println("marketprism: counters in " + counters.file().path() +
                    " (marketprism stat --dir " + context.countersDir() + "), unexpected errors in " + errorLog.path() +
                    " (marketprism errors --dir " + context.countersDir() + ")");
                final BookHealthAudit audit = new BookHealthAudit();
                run(context, reader, pacer, counters, audit, server,
                    (pipeline, agent, subscriber, elapsedNs) -> printSummary(out, pipeline, counters, audit, agent,
                    subscriber, elapsedNs, rate == 0 && "max".equals(pace)));
            }
        }
        if (context.latencyLogFile() != null)
        {
            out.println("latency log: " + context.latencyLogFile().toAbsolutePath() +
                " (marketprism latency FILE [--png OUT.png])");
        }
        out.println("journal: " + journalDir.toAbsolutePath());
        out.flush();
        return 0;
    }

    private EngineConfiguration.Context pipelineContext(final Path journalDir, final Map<String, String> extra)
    {
        final Map<String, String> overrides = new HashMap<>(extra);
        overrides.put(EngineConfiguration.JOURNAL_ENABLED_PROP_NAME, "true");
        overrides.put(EngineConfiguration.JOURNAL_DIR_PROP_NAME, journalDir.toString());
        overrides.put(EngineConfiguration.PUBLISH_ENABLED_PROP_NAME, "true");
        return EngineSettings.load(config, overrides);
    }

    /**
     * Runs the first frames of every recording, as fast as possible, through a pipeline of the same configuration
     * whose journal is deleted afterwards: the JIT compiles the data path before the measured run, as a production
     * engine is warmed before the market opens.
     */
    private long warmUp(final Path recordingsDir) throws Exception
    {
        final Path base = Path.of(System.getProperty("java.io.tmpdir"), "marketprism");
        Files.createDirectories(base);
        final Path dir = Files.createTempDirectory(base, "demo-warmup-");
        final long[] frames = new long[1];
        try (EngineCounters counters = new EngineCounters();
            CaptureReader reader = openRecordings(recordingsDir, Math.max(1, warmupFrames / SOURCES.length)))
        {
            // over IPC whatever the channel: the warm-up's messages must not reach consumers on other hosts
            run(pipelineContext(dir.resolve("journal"), Map.of(EngineConfiguration.LATENCY_LOG_ENABLED_PROP_NAME,
                "false")).publishChannel(EngineConfiguration.PUBLISH_CHANNEL_DEFAULT), reader,
                CapturePacer.asFastAsPossible(), counters,
                new BookHealthAudit(), null, (pipeline, agent, subscriber, elapsedNs) -> frames[0] = agent.frames());
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
        return frames[0];
    }

    /**
     * The demo's input: its recordings merged by receive time, as {@link #venues()} lists them (also what tests run
     * an engine on).
     *
     * @param recordingsDir      the recordings directory.
     * @param framesPerRecording at most this many frames of each recording.
     * @return the merged reader; the caller closes it.
     * @throws IOException when a recording cannot be opened.
     */
    static CaptureReader openRecordings(final Path recordingsDir, final long framesPerRecording)
        throws IOException
    {
        final List<CaptureReader> readers = new ArrayList<>();
        try
        {
            for (int i = 0; i < SOURCES.length; i++)
            {
                final List<Path> files = new ArrayList<>();
                for (int f = 1; f < SOURCES[i].length; f++)
                {
                    files.add(recordingsDir.resolve(SOURCES[i][f]));
                }
                readers.add(new LimitedCaptureReader(Captures.open("hftbacktest", files, i), framesPerRecording));
            }
            return new MergedCaptureReader(readers);
        }
        catch (final IOException | RuntimeException ex)
        {
            for (final CaptureReader reader : readers)
            {
                CloseHelper.quietClose(reader);
            }
            throw ex;
        }
    }

    /**
     * @return the venue of each recording of {@link #openRecordings(Path, long)}, by source index.
     */
    static Venue[] venues()
    {
        final Venue[] venues = new Venue[SOURCES.length];
        for (int i = 0; i < SOURCES.length; i++)
        {
            venues[i] = VenueNames.parse(SOURCES[i][0]);
        }
        return venues;
    }

    private static void run(
        final EngineConfiguration.Context context,
        final CaptureReader reader,
        final CapturePacer pacer,
        final EngineCounters counters,
        final BookHealthAudit audit,
        final MetricsServer server,
        final Outcome outcome) throws Exception
    {
        final Venue[] venues = venues();
        final FrameDecoder[] decoders = new FrameDecoder[venues.length];
        for (int i = 0; i < venues.length; i++)
        {
            decoders[i] = Venues.newDecoder(venues[i]);
        }
        final IdleStrategy idle = context.threadingProfile().newIdleStrategy();
        final Path latencyLog = context.latencyLogFile();
        try (MarketDataPipeline pipeline = MarketDataPipeline.start(context, Venues.rules(), counters, audit);
            LatencySampler sampler = server != null || latencyLog != null ? new LatencySampler(
                pipeline.latency(), 1000, latencyLog, context.latencyLogIntervalMs()) : null)
        {
            if (server != null)
            {
                server.startWith(counters.reader(), sampler, pipeline.bookSnapshots());
                server.ready(true);
            }
            final SubscriptionCounter subscriber = new SubscriptionCounter(pipeline.aeron().aeron().addSubscription(
                localSubscriptionChannel(context.publishChannel()), context.publishStreamId()));
            final AgentRunner subscriberRunner = new AgentRunner(
                new BackoffIdleStrategy(), counters::onError, null, subscriber);
            AgentRunner.startOnThread(subscriberRunner);
            final CaptureReplayAgent agent;
            final long elapsedNs;
            try
            {
                awaitConnected(pipeline, subscriber);
                // what starting left behind (classes loading, the ring's slots) is collected now, not while frames flow
                System.gc();
                final long startNs = System.nanoTime();
                agent = CaptureRun.run(pipeline, reader, decoders, venues, SnapshotSource.NONE, pacer, idle);
                elapsedNs = System.nanoTime() - startNs;
                awaitReceived(subscriber, counters);
                awaitSent(pipeline);
            }
            finally
            {
                subscriberRunner.close();
            }
            outcome.accept(pipeline, agent, subscriber, elapsedNs);
        }
    }

    /**
     * The channel of the demo's own counting subscriber: the publish channel itself over IPC; over UDP (consumers on
     * other hosts, whose address the channel names) a spy on the local publication, which sees every message the
     * engine sends without binding the remote address.
     *
     * @param publishChannel the engine's publish channel.
     * @return the subscription channel.
     */
    static String localSubscriptionChannel(final String publishChannel)
    {
        return publishChannel.startsWith("aeron:udp") ? "aeron-spy:" + publishChannel : publishChannel;
    }

    /**
     * What a run leaves to look at, while its pipeline is still open.
     */
    @FunctionalInterface
    private interface Outcome
    {
        void accept(MarketDataPipeline pipeline, CaptureReplayAgent agent, SubscriptionCounter subscriber,
            long elapsedNs);
    }

    private static Path defaultJournalDir() throws IOException
    {
        final Path base = Path.of(System.getProperty("java.io.tmpdir"), "marketprism");
        Files.createDirectories(base);
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Files.createTempDirectory(base, "demo-" + stamp + "-").resolve("journal");
    }

    private static void awaitConnected(final MarketDataPipeline pipeline, final SubscriptionCounter subscriber)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!pipeline.publication().isConnected() || !subscriber.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the demo's Aeron publication was not connected within 10 s" +
                    (pipeline.publication().channel().startsWith("aeron:udp") ?
                    " (over UDP a subscriber must be listening at the channel's endpoint)" : ""));
            }
            Thread.sleep(1);
        }
    }

    /**
     * Over UDP, waits until the driver's sender has sent everything published (its {@code snd-pos} counter reaches
     * the publication's position), so that closing the embedded driver does not cut off the end of the stream for
     * consumers on other hosts. Over IPC there is nothing to send.
     */
    private static void awaitSent(final MarketDataPipeline pipeline) throws InterruptedException
    {
        final Publication publication = pipeline.publication();
        if (!publication.channel().startsWith("aeron:udp"))
        {
            return;
        }
        final CountersReader counters = pipeline.aeron().aeron().countersReader();
        final int[] senderPosition = { CountersReader.NULL_COUNTER_ID };
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == SenderPos.SENDER_POSITION_TYPE_ID &&
                key.getLong(StreamCounter.REGISTRATION_ID_OFFSET) == publication.registrationId())
            {
                senderPosition[0] = counterId;
            }
        });
        if (senderPosition[0] == CountersReader.NULL_COUNTER_ID)
        {
            return;
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counters.getCounterValue(senderPosition[0]) < publication.position() && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
    }

    private static void awaitReceived(final SubscriptionCounter subscriber, final EngineCounters counters)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (subscriber.messages() < counters.published.get() && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
    }

    private static void printSummary(
        final PrintStream out,
        final MarketDataPipeline pipeline,
        final EngineCounters counters,
        final BookHealthAudit audit,
        final CaptureReplayAgent agent,
        final SubscriptionCounter subscriber,
        final long elapsedNs,
        final boolean asFastAsPossible)
    {
        out.println();
        out.println("messages by venue and type:");
        out.printf("  %-14s", "venue");
        for (final int template : TEMPLATES)
        {
            out.printf(" %10s", EngineCounters.templateName(template));
        }
        out.printf(" %10s%n", "total");
        long total = 0;
        for (final Venue venue : VenueNames.venues())
        {
            long venueTotal = 0;
            for (final int template : TEMPLATES)
            {
                venueTotal += counters.messages(venue, template);
            }
            if (venueTotal == 0)
            {
                continue;
            }
            out.printf("  %-14s", VenueNames.name(venue));
            for (final int template : TEMPLATES)
            {
                out.printf(" %10d", counters.messages(venue, template));
            }
            out.printf(" %10d%n", venueTotal);
            total += venueTotal;
        }

        EndSummary.books(out, pipeline, counters, audit);

        out.println();
        final double seconds = elapsedNs / 1e9;
        out.printf("throughput: %d frames -> %d messages in %.3f s = %.0f msgs/s%n",
            agent.frames(), total, seconds, total / Math.max(seconds, 1e-9));
        out.println("latency from frame receipt, microseconds" +
            (asFastAsPossible ? " (replaying as fast as possible, so queueing in the ring dominates):" : ":"));
        EndSummary.stageLatency(out, pipeline);

        out.println();
        final boolean ipc = pipeline.publication().channel().startsWith("aeron:ipc");
        out.printf("aeron: published %d, received by %s %d, no subscriber %d, back-pressured %d, " +
            "dropped %d%n", counters.published.get(), ipc ? "an IPC subscriber" : "a local spy subscriber",
            subscriber.messages(), counters.publishNotConnected.get(),
            counters.publishBackPressured.get(), counters.publishDropped.get());
        out.printf("journaled: %d messages and %d raw frames%n", counters.journaled.get() - counters.rawFrames.get(),
            counters.rawFrames.get());
    }
}
