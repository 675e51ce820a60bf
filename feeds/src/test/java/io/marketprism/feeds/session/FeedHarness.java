/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.sim.FaultPlan;
import io.marketprism.feeds.sim.VenueSimulator;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.journal.JournalReader;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;

import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The engine (journal on), a Binance spot simulator on loopback replaying a real recording with faults, and a
 * {@link LiveFeed} session between them: what the fault tests drive, and the journal read back as book and status
 * records.
 */
final class FeedHarness implements AutoCloseable
{
    static final String RECORDING = "hftbacktest/spot/btcusdt_20240808.gz";
    static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    final Path journalDir;
    final EngineCounters counters = new EngineCounters();
    final MarketDataPipeline pipeline;
    final VenueSimulator.Context simulatorContext;
    volatile VenueSimulator simulator;
    final LiveFeed feed;
    final FeedSession session;
    final Map<FeedEvent, AtomicLong> events = new ConcurrentHashMap<>();

    FeedHarness(final List<String> faults, final String rate, final LiveFeed.Context feedContext) throws IOException
    {
        journalDir = Files.createTempDirectory("marketprism-feed-journal");
        pipeline = MarketDataPipeline.start(new EngineConfiguration.Context()
            .journalEnabled(true)
            .journalDir(journalDir)
            .publishEnabled(false)
            .ringSize(4096)
            .logCapacityBytes(16 << 20), Venues.rules(), counters);
        simulatorContext = new VenueSimulator.Context()
            .venue(Venue.BINANCE_SPOT)
            .recording(List.of(recording(RECORDING)))
            .recordingFormat("hftbacktest")
            .rate(rate)
            .live(true)
            .faults(FaultPlan.parse(faults));
        simulator = VenueSimulator.start(simulatorContext);
        feed = LiveFeed.start(feedContext, pipeline.producer(), pipeline.resyncRequests(), counters,
            (name, event, detail) -> events.computeIfAbsent(event, e -> new AtomicLong()).incrementAndGet());
        final List<ConnectionPlan> plans = SubscriptionBuilders.forVenue(Venue.BINANCE_SPOT, simulator.baseUrl())
            .plan(SubscriptionRequest.subscribe(List.of("BTCUSDT"), List.of(DataType.BOOK, DataType.BBO)));
        session = feed.open(new BinanceFeedVenue(Venue.BINANCE_SPOT, "http://127.0.0.1:" + simulator.port()),
            plans.get(0));
    }

    static LiveFeed.Context fastFeed()
    {
        return new LiveFeed.Context()
            .reconnectBackoffInitialNs(TimeUnit.MILLISECONDS.toNanos(5))
            .reconnectBackoffMaxNs(TimeUnit.MILLISECONDS.toNanos(50))
            .restTimeoutNs(TimeUnit.SECONDS.toNanos(2))
            .restBackoffInitialNs(TimeUnit.MILLISECONDS.toNanos(20))
            .restBackoffMaxNs(TimeUnit.MILLISECONDS.toNanos(200))
            .circuitFailures(5)
            .circuitOpenNs(TimeUnit.MILLISECONDS.toNanos(200));
    }

    long events(final FeedEvent event)
    {
        final AtomicLong count = events.get(event);
        return count == null ? 0 : count.get();
    }

    /**
     * Polls a condition until it holds or the deadline passes.
     */
    static boolean await(final BooleanSupplier condition, final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            LockSupport.parkNanos(POLL_NS);
        }
        return true;
    }

    /**
     * Kills the simulator (every connection closed, the port refused), waits, and starts a new one on the same port:
     * a venue restarting under the feed.
     *
     * @param downNs how long the venue is away.
     */
    void restartSimulator(final long downNs) throws IOException
    {
        final int port = simulator.port();
        simulator.close();
        LockSupport.parkNanos(downNs);
        simulator = VenueSimulator.start(simulatorContext.port(port));
    }

    /**
     * Stops the feed and drains the engine, so the journal is complete.
     */
    void stopFeed()
    {
        feed.close();
        pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30));
    }

    List<Entry> journal()
    {
        return journal(journalDir);
    }

    /**
     * @param journalDir a journal.
     * @return its book updates and statuses, in order.
     */
    static List<Entry> journal(final Path journalDir)
    {
        final List<Entry> entries = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BookUpdateDecoder book = new BookUpdateDecoder();
        final StatusDecoder status = new StatusDecoder();
        try (JournalReader reader = new JournalReader(journalDir))
        {
            int delivered;
            do
            {
                delivered = reader.poll((buffer, offset, length, index) ->
                {
                    header.wrap(buffer, offset);
                    final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
                    if (header.templateId() == BookUpdateDecoder.TEMPLATE_ID)
                    {
                        book.wrap(buffer, body, header.blockLength(), header.version());
                        entries.add(new Entry(book.instrumentId(), null, null, book.health(),
                            book.snapshotRaw() == 1, book.firstSeq(), book.seq(), book.recvTsNs(), 0));
                    }
                    else if (header.templateId() == StatusDecoder.TEMPLATE_ID)
                    {
                        status.wrap(buffer, body, header.blockLength(), header.version());
                        entries.add(new Entry(status.instrumentId(), status.eventType(), status.reason(), null,
                            false, 0, 0, status.recvTsNs(), status.detail()));
                    }
                }, 64);
            }
            while (delivered > 0);
        }
        return entries;
    }

    @Override
    public void close()
    {
        feed.close();
        pipeline.close();
        simulator.close();
        counters.close();
        IoUtil.delete(journalDir.toFile(), false);
    }

    static Path recording(final String relative)
    {
        final String property = System.getProperty("marketprism.recordings");
        final Path dir = property != null ? Paths.get(property) : Paths.get("src", "test", "resources", "recordings");
        return dir.resolve(relative);
    }

    /**
     * A journaled book update or status.
     */
    static final class Entry
    {
        final int instrumentId;
        final StatusEvent event;
        final StatusReason reason;
        final BookHealth health;
        final boolean snapshot;
        final long firstSeq;
        final long seq;
        final long recvTsNs;
        final long detail;

        Entry(
            final int instrumentId,
            final StatusEvent event,
            final StatusReason reason,
            final BookHealth health,
            final boolean snapshot,
            final long firstSeq,
            final long seq,
            final long recvTsNs,
            final long detail)
        {
            this.instrumentId = instrumentId;
            this.event = event;
            this.reason = reason;
            this.health = health;
            this.snapshot = snapshot;
            this.firstSeq = firstSeq;
            this.seq = seq;
            this.recvTsNs = recvTsNs;
            this.detail = detail;
        }

        @Override
        public String toString()
        {
            return (event != null ? "status " + event + " detail " + detail :
                "book " + health + (snapshot ? " snapshot" : "") + " U=" + firstSeq + " u=" + seq) +
                " instrument " + instrumentId + " recv " + recvTsNs;
        }
    }
}
