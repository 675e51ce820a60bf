/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.engine.stage.JsonLinesSink;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.capture.CaptureReader;
import io.marketprism.feeds.capture.CaptureReplayAgent;
import io.marketprism.feeds.capture.CaptureRun;
import io.marketprism.feeds.capture.Captures;
import io.marketprism.feeds.capture.SnapshotSource;
import io.marketprism.sbe.Venue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code decode}: runs capture files through the same decoders and normalizer as live and prints normalized JSON
 * lines.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
        "Run capture files, read in order as one stream, through the live decoders and normalizer;",
        "print normalized JSON lines (JSONL.md) to --output or stdout, a summary to stderr." })
public final class DecodeCommand implements Callable<Integer>
{
    @ParentCommand
    private MarketPrism parent;

    @Option(names = "--venue", required = true, description =
        "binance-spot, binance-usdm, binance-coinm, okx, bybit, deribit, kraken, kraken-futures or coinbase")
    private String venue;

    @Option(names = "--format", required = true, description = "hftbacktest, cryptofeed or lines")
    private String format;

    @Option(names = "--input", required = true, description = "capture file (gzip or plain); repeat for more")
    private List<Path> inputs;

    @Option(names = "--output", description = "file for the JSON lines (default: stdout)")
    private Path output;

    @Option(names = "--pace", defaultValue = "max", description = "max, original or N times original (default max)")
    private String pace;

    @Option(names = "--rate", defaultValue = "0",
        description = "offer frames at this many per second (0: use --pace)")
    private long rate;

    @Option(names = "--instruments", description = {
        "the venue's instrument metadata responses (e.g. exchangeInfo) in cryptofeed's capture format:",
        "canonical symbols, tick, lot and contract sizes come from them; repeat for more" })
    private List<Path> instruments;

    @Option(names = "--journal", description = "also journal the normalized messages to this directory")
    private Path journal;

    @Option(names = "--config", description = "a config file (HOCON) overriding marketprism-default.conf")
    private Path config;

    @Option(names = "--quiet", description = "no summary on stderr")
    private boolean quiet;

    @Override
    public Integer call() throws Exception
    {
        final Venue parsedVenue = VenueNames.parse(venue);
        final FrameDecoder decoder = Venues.newDecoder(parsedVenue);
        final Map<String, String> overrides = new HashMap<>();
        overrides.put(EngineConfiguration.PUBLISH_ENABLED_PROP_NAME, "false");
        overrides.put(EngineConfiguration.JOURNAL_ENABLED_PROP_NAME, String.valueOf(journal != null));
        if (journal != null)
        {
            overrides.put(EngineConfiguration.JOURNAL_DIR_PROP_NAME, journal.toString());
        }
        final EngineConfiguration.Context context = EngineSettings.load(config, overrides);

        final long startNs = System.nanoTime();
        try (OutputStream out = output == null ?
            new BufferedOutputStream(new NonClosingOutputStream(parent.stdout()), 1 << 20) :
            new BufferedOutputStream(Files.newOutputStream(output), 1 << 20);
            CaptureReader reader = Captures.open(format, inputs, 0);
            EngineCounters counters = new EngineCounters())
        {
            final JsonLinesSink sink = new JsonLinesSink(out);
            final CaptureReplayAgent agent;
            final VenueRules rules = instruments == null ? Venues.rules() :
                Venues.rules(Map.of(parsedVenue, instruments));
            try (MarketDataPipeline pipeline = MarketDataPipeline.start(context, rules, counters, sink))
            {
                agent = CaptureRun.run(pipeline, reader, new FrameDecoder[]{ decoder }, new Venue[]{ parsedVenue },
                    SnapshotSource.NONE, Pace.parse(pace, rate), context.threadingProfile().newIdleStrategy());
            }
            if (sink.failure() != null)
            {
                throw new IOException("writing JSON lines failed after " + sink.lines() + " lines: " +
                    sink.failure().getMessage(), sink.failure());
            }
            out.flush();
            if (!quiet)
            {
                parent.stderr().printf(
                    "decode: %d frames (%d bytes) from %d file(s) in %.2f s -> %d JSON lines%s%n" +
                    "decode: malformed %d, gaps %d, resyncs %d, skipped updates %d, unanswered resyncs %d%n" +
                    "decode: checksums verified %d, checksum mismatches %d%n" +
                    "decode: data quality: exchange time backwards %d, clock skew %d, duplicate trade ids %d, " +
                    "zero quantities %d%n",
                    agent.frames(), agent.bytes(), inputs.size(), (System.nanoTime() - startNs) / 1e9,
                    sink.lines(), output == null ? "" : " in " + output,
                    counters.malformed.get(), counters.gaps.get(), counters.resyncs.get(),
                    counters.skippedUpdates.get(), agent.snapshotsUnavailable(),
                    counters.checksumsVerified.get(), counters.checksumMismatches.get(),
                    counters.quality(EngineCounters.QUALITY_TIME_BACKWARDS),
                    counters.quality(EngineCounters.QUALITY_CLOCK_SKEW),
                    counters.quality(EngineCounters.QUALITY_DUPLICATE_TRADE_ID),
                    counters.quality(EngineCounters.QUALITY_ZERO_QUANTITY));
            }
        }
        return 0;
    }

    /**
     * Lets the command close its buffered writer without closing the process's stdout.
     */
    static final class NonClosingOutputStream extends java.io.FilterOutputStream
    {
        NonClosingOutputStream(final OutputStream out)
        {
            super(out);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws java.io.IOException
        {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException
        {
            flush();
        }
    }
}
