/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.capture.CaptureReader;
import io.marketprism.feeds.capture.CaptureReplayAgent;
import io.marketprism.feeds.capture.CaptureRun;
import io.marketprism.feeds.capture.Captures;
import io.marketprism.feeds.capture.CapturePacer;
import io.marketprism.feeds.capture.SnapshotSource;
import io.marketprism.sbe.Venue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code import}: third-party captures into a journal, through the live decoders and normalizer: the frames as
 * recorded (raw-frame records) and the normalized messages made of them, so the capture replays, re-decodes and
 * serves like the engine's own recording.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Journal capture files (raw frames and the normalized messages decoded from them).")
public final class ImportCommand implements Callable<Integer>
{
    @ParentCommand
    private MarketPrism parent;

    @Option(names = "--format", required = true, description = "hftbacktest, cryptofeed or lines")
    private String format;

    @Option(names = "--venue", required = true, description =
        "binance-spot, binance-usdm, binance-coinm, okx, bybit, deribit, kraken, kraken-futures or coinbase")
    private String venue;

    @Option(names = "--journal", required = true, description = "journal directory (created, or appended to)")
    private Path journal;

    @Option(names = "--instruments", description = "the venue's instrument metadata (cryptofeed format), as decode")
    private List<Path> instruments;

    @Option(names = "--config", description = "a config file (HOCON) overriding marketprism-default.conf")
    private Path config;

    @Option(names = "--quiet", description = "no summary on stderr")
    private boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "capture files, read in order as one stream")
    private List<Path> files;

    @Override
    public Integer call() throws Exception
    {
        final Venue parsedVenue = VenueNames.parse(venue);
        final Map<String, String> overrides = new HashMap<>();
        overrides.put(EngineConfiguration.PUBLISH_ENABLED_PROP_NAME, "false");
        overrides.put(EngineConfiguration.JOURNAL_ENABLED_PROP_NAME, "true");
        overrides.put(EngineConfiguration.JOURNAL_DIR_PROP_NAME, journal.toString());
        final EngineConfiguration.Context context = EngineSettings.load(config, overrides);
        final long startNs = System.nanoTime();
        try (CaptureReader reader = Captures.open(format, files, 0);
            EngineCounters counters = new EngineCounters())
        {
            final VenueRules rules = instruments == null ? Venues.rules() :
                Venues.rules(Map.of(parsedVenue, instruments));
            final CaptureReplayAgent agent;
            try (MarketDataPipeline pipeline = MarketDataPipeline.start(context, rules, counters))
            {
                agent = CaptureRun.run(pipeline, reader, new FrameDecoder[]{ Venues.newDecoder(parsedVenue) },
                    new Venue[]{ parsedVenue }, SnapshotSource.NONE, CapturePacer.asFastAsPossible(),
                    context.threadingProfile().newIdleStrategy());
            }
            if (!quiet)
            {
                parent.stderr().printf("import: %d frames from %d file(s) -> %d records (%d raw frames) in %s " +
                    "in %.2f s; malformed %d, gaps %d%n", agent.frames(), files.size(), counters.journaled.get(),
                    counters.rawFrames.get(), journal, (System.nanoTime() - startNs) / 1e9, counters.malformed.get(),
                    counters.gaps.get());
            }
        }
        return 0;
    }
}
