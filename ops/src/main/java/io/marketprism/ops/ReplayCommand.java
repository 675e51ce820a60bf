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
import io.marketprism.feeds.capture.CaptureRun;
import io.marketprism.feeds.capture.JournalCaptureReader;
import io.marketprism.feeds.capture.SnapshotSource;
import io.marketprism.journal.JournalException;
import io.marketprism.journal.JournalFormat;
import io.marketprism.journal.JournalReader;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code replay}: a journal's normalized messages, filtered, as JSON lines, CSV or a count, at the recorded pace or
 * flat out; or, with {@code --redecode}, its raw frames decoded and normalized again by the current code.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Print a journal's normalized messages (JSONL.md or CSV) to --output or stdout; a summary on stderr.",
        "--redecode decodes the journal's raw frames again with the current decoders and normalizer instead." })
public final class ReplayCommand implements Callable<Integer>
{
    private static final int PROGRESS_EVERY = 1 << 18;

    @ParentCommand
    private MarketPrism parent;

    @Option(names = "--journal", required = true, description = "journal directory")
    private Path journal;

    @Option(names = "--venue", split = ",", description = "keep these venues only (repeat or comma-separate)")
    private List<String> venues;

    @Option(names = "--symbol", description = "keep this instrument only (canonical, e.g. BTC-USDT, or the venue's)")
    private String symbol;

    @Option(names = "--type", split = ",", description = "keep these types only: trade, book, bbo, funding, status, " +
        "instrument, open_interest, liquidation, ratio, volatility_index")
    private List<String> types;

    @Option(names = "--from", description = "receive time from (inclusive): ns since epoch or ISO-8601; the " +
        "journal's time marks let the read start near it")
    private String from;

    @Option(names = "--to", description = "receive time to (exclusive): ns since epoch or ISO-8601")
    private String to;

    @Option(names = "--speed", defaultValue = "max",
        description = "max (as fast as possible, default), 1 (recorded pace) or N (N times the recorded pace)")
    private String speed;

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl (default) or csv")
    private String format;

    @Option(names = "--output", description = "a file, a directory (csv: one file per type), - (stdout, the " +
        "default), null (count only) or an Aeron channel (aeron:ipc, aeron:udp?endpoint=host:port): the SBE " +
        "messages as the engine publishes them, for a consumer started first")
    private String output;

    @Option(names = "--stream", defaultValue = "1001", description = "with an Aeron --output: its stream id " +
        "(default 1001, the engine's live stream)")
    private int streamId;

    @Option(names = "--aeron-dir", description = "with an Aeron --output: the directory of a running media driver " +
        "(needed for aeron:ipc; default: an embedded driver of this process)")
    private String aeronDir;

    @Option(names = "--wait-ms", defaultValue = "10000", description = "with an Aeron --output: how long to wait " +
        "for a subscriber (default 10000)")
    private long waitMs;

    @Option(names = "--redecode", description = "decode the journal's raw frames again instead of reading its " +
        "normalized messages")
    private boolean redecode;

    @Option(names = "--redecode-journal", description = "with --redecode: also journal what the decoding produces " +
        "here (e.g. to compare it with the original)")
    private Path redecodeJournal;

    @Option(names = "--config",
        description = "with --redecode: a config file (HOCON) overriding marketprism-default.conf")
    private Path config;

    @Option(names = "--quiet", description = "no summary on stderr")
    private boolean quiet;

    @Override
    public Integer call() throws Exception
    {
        final ReplayFilter filter = new ReplayFilter(venues, symbol, types, from, to);
        final CapturePacer pacer = Pace.parse("1".equals(speed) ? "original" : speed, 0);
        if (redecodeJournal != null && !redecode)
        {
            throw new IllegalArgumentException("--redecode-journal needs --redecode");
        }
        if (config != null && !redecode)
        {
            EngineSettings.load(config, Map.of()); // only --redecode uses it, but a bad file is refused all the same
        }
        final long startNs = System.nanoTime();
        final Tally tally = new Tally();
        tally.openedNs = startNs;
        final ReplayOutput out;
        if (redecode)
        {
            out = redecode(filter, pacer, tally);
        }
        else
        {
            out = read(filter, pacer, tally);
        }
        final long endNs = System.nanoTime();
        final String unknownSymbol = filter.unknownSymbolMessage();
        if (unknownSymbol != null)
        {
            throw new IllegalArgumentException(unknownSymbol);
        }
        if (!quiet && tally.seekIndex >= 0)
        {
            parent.stderr().printf("replay: --from: started at the journal's time mark of %s (index %d): nothing " +
                "before it was received later%n", Instant.ofEpochSecond(0, tally.seekMarkNs), tally.seekIndex);
        }
        if (!quiet)
        {
            // the rate is the read's: start-up (Chronicle's, the first record's check, --redecode's pipeline) is a
            // fixed cost, printed beside it
            final double seconds = (endNs - tally.openedNs) / 1e9;
            parent.stderr().printf("replay: %d %s messages%s, %d kept%s; %s; read in %.3f s (start-up %.3f s), " +
                "%d msgs/s%n",
                out.messages(), redecode ? "re-decoded" : "normalized",
                redecode ? " from " + tally.rawFrames + " raw frames" : tally.rawFrames > 0 ?
                " (" + tally.rawFrames + " raw frames passed by)" : "",
                out.kept(), "null".equals(output) ? " (counted, not printed)" : out.publication() != null ?
                " (" + out.publication().offered() + " offered with the instruments' definitions on " + output +
                " stream " + streamId + ", " + out.publication().backPressured() + " offers back-pressured)" : "",
                span(out), seconds, (tally.openedNs - startNs) / 1e9,
                (long)(out.messages() / Math.max(seconds, 1e-9)));
        }
        return 0;
    }

    private ReplayOutput openOutput(final ReplayFilter filter) throws IOException
    {
        if (ReplayOutput.isAeron(output))
        {
            if (waitMs < 0)
            {
                throw new IllegalArgumentException("--wait-ms must be >= 0: " + waitMs);
            }
            return ReplayOutput.openAeron(format, output, streamId, aeronDir, waitMs, filter, parent.stderr());
        }
        if (aeronDir != null)
        {
            throw new IllegalArgumentException("--aeron-dir needs an Aeron --output (aeron:ipc or aeron:udp?...)");
        }
        return ReplayOutput.open(format, output, parent.stdout(), filter, types);
    }

    private static String span(final ReplayOutput out)
    {
        if (out.kept() == 0)
        {
            return "no receive times";
        }
        return "received " + Instant.ofEpochSecond(0, out.firstRecvTsNs()) + " to " +
            Instant.ofEpochSecond(0, out.lastRecvTsNs()) +
            String.format(" (%.1f s)", (out.lastRecvTsNs() - out.firstRecvTsNs()) / 1e9);
    }

    private ReplayOutput read(final ReplayFilter filter, final CapturePacer pacer, final Tally tally)
        throws IOException
    {
        final boolean progress = parent.stderr() == System.err && System.console() != null && !quiet;
        final boolean paced = !"max".equals(speed);
        try (JournalReader reader = JournalReader.open(journal);
            ReplayOutput out = openOutput(filter))
        {
            RetainedDefinitions retained = new RetainedDefinitions(reader);
            if (filter.fromNs() != Long.MIN_VALUE)
            {
                // the journal's time marks say where nothing before can be in the window: start there
                tally.seekIndex = reader.seekBefore(filter.fromNs());
                tally.seekMarkNs = reader.seekMarkRecvTsNs();
            }
            long records = 0;
            long rawFrames = 0;
            tally.openedNs = System.nanoTime();
            long lastProgressNs = tally.openedNs;
            while (reader.next())
            {
                final DirectBuffer buffer = reader.recordBuffer();
                final int offset = reader.recordOffset();
                final int kind = JournalFormat.kind(buffer, offset, reader.recordLength());
                if (kind == JournalFormat.NORMALIZED)
                {
                    if (retained != null)
                    {
                        retained.defineBefore(JournalFormat.recvTsNs(buffer, offset), out);
                        retained = null;
                    }
                    if (paced)
                    {
                        pace(pacer, JournalFormat.recvTsNs(buffer, offset));
                    }
                    out.onMessage(buffer, offset, reader.recordLength());
                }
                else if (kind == JournalFormat.RAW_FRAME)
                {
                    rawFrames++;
                }
                else
                {
                    throw unreadable(reader, kind, buffer, offset);
                }
                if (progress && (++records & (PROGRESS_EVERY - 1)) == 0 && System.nanoTime() - lastProgressNs > 1e9)
                {
                    lastProgressNs = System.nanoTime();
                    parent.stderr().printf("\rreplay: %d messages, %d kept ...", out.messages(), out.kept());
                }
            }
            if (progress)
            {
                parent.stderr().print("\r");
            }
            tally.rawFrames = rawFrames;
            return out;
        }
    }

    static JournalException unreadable(
        final JournalReader reader, final int kind, final DirectBuffer buffer, final int offset)
    {
        if (kind == JournalFormat.NEWER_VERSION)
        {
            return reader.newerVersion(buffer, offset);
        }
        final boolean marketData = JournalFormat.schemaId(buffer, offset) == JournalFormat.NORMALIZED_SCHEMA_ID;
        if (kind == JournalFormat.DAMAGED && marketData)
        {
            return new JournalException("journal " + reader.directory() + " holds a market-data record shorter than " +
                "its own fields (template " + JournalFormat.templateId(buffer, offset) + ", " +
                JournalFormat.blockLength(buffer, offset) + " bytes of fixed fields): damaged");
        }
        return new JournalException("journal " + reader.directory() + " holds a record that is not a MarketPrism " +
            "record (schema id " + JournalFormat.schemaId(buffer, offset) + "): damaged, or not a MarketPrism journal");
    }

    private static void pace(final CapturePacer pacer, final long recvTsNs)
    {
        while (true)
        {
            final long delayNs = pacer.delayNs(recvTsNs, System.nanoTime());
            if (delayNs <= 0)
            {
                return;
            }
            LockSupport.parkNanos(delayNs);
        }
    }

    private ReplayOutput redecode(final ReplayFilter filter, final CapturePacer pacer, final Tally tally)
        throws Exception
    {
        final Map<String, String> overrides = new HashMap<>();
        overrides.put(EngineConfiguration.PUBLISH_ENABLED_PROP_NAME, "false");
        overrides.put(EngineConfiguration.JOURNAL_ENABLED_PROP_NAME, String.valueOf(redecodeJournal != null));
        if (redecodeJournal != null)
        {
            overrides.put(EngineConfiguration.JOURNAL_DIR_PROP_NAME, redecodeJournal.toString());
        }
        final EngineConfiguration.Context context = EngineSettings.load(config, overrides);
        try (JournalCaptureReader frames = JournalCaptureReader.open(journal);
            ReplayOutput out = openOutput(filter);
            EngineCounters counters = new EngineCounters())
        {
            final Venue[] sourceVenues = frames.venues();
            final FrameDecoder[] decoders = new FrameDecoder[sourceVenues.length];
            for (int i = 0; i < decoders.length; i++)
            {
                decoders[i] = Venues.newDecoder(sourceVenues[i]);
            }
            final OutputSink sink = new OutputSink(out);
            try (MarketDataPipeline pipeline = MarketDataPipeline.start(context, Venues.rules(), counters, sink))
            {
                tally.openedNs = System.nanoTime();
                tally.rawFrames = CaptureRun.run(pipeline, frames, decoders, sourceVenues, SnapshotSource.NONE, pacer,
                    context.threadingProfile().newIdleStrategy()).frames();
            }
            if (sink.failure != null)
            {
                throw sink.failure;
            }
            return out;
        }
    }

    /**
     * What a read counted besides the output's own figures.
     */
    private static final class Tally
    {
        long rawFrames;
        long openedNs;
        long seekIndex = -1;
        long seekMarkNs;
    }

    /**
     * The pipeline stage that hands {@code --redecode}'s normalized messages to the output; keeps the first failure
     * and stops writing.
     */
    private static final class OutputSink implements EventHandler<MarketEvent>, MarketEvent.MessageVisitor
    {
        private final ReplayOutput out;
        private volatile RuntimeException failure;

        OutputSink(final ReplayOutput out)
        {
            this.out = out;
        }

        @Override
        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            if (failure == null)
            {
                event.forEachMessage(this);
            }
        }

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            if (failure != null || JournalFormat.schemaId(buffer, offset) != JournalFormat.NORMALIZED_SCHEMA_ID)
            {
                return;
            }
            try
            {
                out.onMessage(buffer, offset, length);
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
        }
    }
}
