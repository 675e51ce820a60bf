/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.lmax.disruptor.EventHandler;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.engine.MarketEvent;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.capture.CapturePacer;
import io.marketprism.feeds.capture.CaptureReader;
import io.marketprism.feeds.capture.CaptureRun;
import io.marketprism.feeds.capture.Captures;
import io.marketprism.feeds.capture.SnapshotSource;
import io.marketprism.sbe.Venue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link KillDuringIngestTest}: the real pipeline (decoders, normalize, journal with raw frames)
 * running one Binance spot recording as fast as it can, over and over, into one journal, until it is killed. It
 * prints {@code ingested N} on stdout every few thousand ring events, which is what the test waits on (no polling
 * of the file system, no sleeping).
 * <pre>
 *   IngestUntilKilled JOURNAL_DIR CONFIG_FILE RECORDING
 * </pre>
 */
final class IngestUntilKilled
{
    private static final long PROGRESS_EVERY = 2048;

    private IngestUntilKilled()
    {
    }

    /**
     * @param args journal directory, properties file, recording (hftbacktest format).
     * @throws Exception when the pipeline cannot start or the recording cannot be read.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path journal = Path.of(args[0]);
        final Path config = Path.of(args[1]);
        final Path recording = Path.of(args[2]);
        final EngineConfiguration.Context context = EngineSettings.load(config, Map.of(
            EngineConfiguration.JOURNAL_ENABLED_PROP_NAME, "true",
            EngineConfiguration.JOURNAL_DIR_PROP_NAME, journal.toString(),
            EngineConfiguration.PUBLISH_ENABLED_PROP_NAME, "false"));
        final Progress progress = new Progress(System.out);
        try (EngineCounters counters = new EngineCounters();
            MarketDataPipeline pipeline = MarketDataPipeline.start(context, Venues.rules(), counters, progress))
        {
            final Venue[] venues = { Venue.BINANCE_SPOT };
            final FrameDecoder[] decoders = { Venues.newDecoder(Venue.BINANCE_SPOT) };
            while (true)
            {
                try (CaptureReader reader = Captures.open("hftbacktest", List.of(recording), 0))
                {
                    CaptureRun.run(pipeline, reader, decoders, venues, SnapshotSource.NONE,
                        CapturePacer.asFastAsPossible(), context.threadingProfile().newIdleStrategy());
                }
            }
        }
    }

    /**
     * A terminal stage beside the journal: counts ring events and reports progress at the end of a batch.
     */
    private static final class Progress implements EventHandler<MarketEvent>
    {
        private final PrintStream out;
        private long events;
        private long reported;

        Progress(final PrintStream out)
        {
            this.out = out;
        }

        @Override
        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            events++;
            if (endOfBatch && events - reported >= PROGRESS_EVERY)
            {
                reported = events;
                out.println("ingested " + events);
                out.flush();
            }
        }
    }
}
