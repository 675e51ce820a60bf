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
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Bybit v5 feed session against the simulator on loopback, the real recording of one XRPUSDT {@code orderbook.500}
 * stream (a snapshot and 49 deltas) replayed on a live timeline: the book is synced from the stream's own snapshot
 * (no REST), and after a lost connection or a lost delta it is resynced by subscribing again on a new connection,
 * whose first message is the venue's snapshot of the book as it then stands. The journal never holds a valid book
 * message between the fault and that snapshot, and every valid update continues the one before; the book ends at the
 * recording's last update id.
 */
@Timeout(value = 120)
class BybitFeedTest
{
    private static final String RECORDING = "nautilus/bybit/xrpusdt-ob500.data.zip";
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(60);
    /** The recording's last update id (its 50 messages run from u=20254869 to this, one apart). */
    private static final long LAST_U = 20254918;

    @TempDir
    Path dir;

    @Test
    void shouldResyncFromTheStreamAfterALostConnection() throws Exception
    {
        try (Run run = run(List.of("disconnect:at=21")))
        {
            assertEquals(1, run.counters.feedDisconnects.get(), "disconnects");
            assertEquals(1, run.counters.feedReconnects.get(), "reconnects");
            assertEquals(0, run.events(FeedEvent.SNAPSHOT_REQUESTED), "no resync requested beyond the reconnect");
            run.assertJournal(1);
        }
    }

    @Test
    void shouldResubscribeOnANewConnectionWhenADeltaIsLost() throws Exception
    {
        try (Run run = run(List.of("drop:at=31")))
        {
            assertEquals(1, run.events(FeedEvent.SNAPSHOT_REQUESTED), "the gap's resync request");
            assertEquals(1, run.counters.feedDisconnects.get(), "the connection closed to subscribe again");
            assertEquals(1, run.counters.feedReconnects.get(), "reconnects");
            run.assertJournal(1);
        }
    }

    private Run run(final List<String> faults) throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        final EngineCounters counters = new EngineCounters();
        final Map<FeedEvent, AtomicLong> events = new ConcurrentHashMap<>();
        try (MarketDataPipeline pipeline = MarketDataPipeline.start(new EngineConfiguration.Context()
                .journalEnabled(true)
                .journalDir(journalDir)
                .publishEnabled(false)
                .ringSize(4096)
                .logCapacityBytes(16 << 20), Venues.rules(), counters);
            VenueSimulator simulator = VenueSimulator.start(new VenueSimulator.Context()
                .venue(Venue.BYBIT)
                .recording(List.of(FeedHarness.recording(RECORDING)))
                .recordingFormat("lines")
                .rate("200")
                .live(true)
                .faults(FaultPlan.parse(faults))))
        {
            final LiveFeed feed = LiveFeed.start(FeedHarness.fastFeed()
                    .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(50))
                    .pongTimeoutNs(TimeUnit.SECONDS.toNanos(5)),
                pipeline.producer(), pipeline.resyncRequests(), counters,
                (name, event, detail) -> events.computeIfAbsent(event, e -> new AtomicLong()).incrementAndGet());
            try
            {
                final ConnectionPlan plan = SubscriptionBuilders.forVenue(Venue.BYBIT, simulator.baseUrl())
                    .plan(SubscriptionRequest.subscribe(List.of("linear:XRPUSDT"), List.of(DataType.BOOK)))
                    .get(0);
                final BybitFeedVenue venue = BybitFeedVenue.forPlan(plan, null);
                assertEquals(List.of("linear:XRPUSDT"), venue.bookSymbols(plan));
                feed.open(venue, plan);
                // the feed has reconnected after the fault, and the recording's last update has reached the journal
                assertTrue(FeedHarness.await(() -> counters.feedReconnects.get() >= 1 &&
                    lastBookSeq(journalDir) == LAST_U, WAIT_NS), "reconnects " + counters.feedReconnects.get() +
                    ", last book u " + lastBookSeq(journalDir) + " (expected " + LAST_U + "), events " + events);
            }
            finally
            {
                feed.close();
                pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30));
            }
            return new Run(counters, events, FeedHarness.journal(journalDir));
        }
    }

    private static long lastBookSeq(final Path journalDir)
    {
        long seq = -1;
        for (final FeedHarness.Entry entry : FeedHarness.journal(journalDir))
        {
            if (entry.health != null)
            {
                seq = entry.seq;
            }
        }
        return seq;
    }

    private static final class Run implements AutoCloseable
    {
        final EngineCounters counters;
        final Map<FeedEvent, AtomicLong> events;
        final List<FeedHarness.Entry> journal;

        Run(final EngineCounters counters, final Map<FeedEvent, AtomicLong> events,
            final List<FeedHarness.Entry> journal)
        {
            this.counters = counters;
            this.events = events;
            this.journal = journal;
        }

        long events(final FeedEvent event)
        {
            final AtomicLong count = events.get(event);
            return count == null ? 0 : count.get();
        }

        void assertJournal(final int resyncs)
        {
            final int checked = FeedFaultAcceptanceTest.assertJournalInOrderAndRecovered(journal);
            long snapshots = 0;
            long disconnectedOrGaps = 0;
            FeedHarness.Entry last = null;
            for (final FeedHarness.Entry entry : journal)
            {
                if (entry.health != null)
                {
                    snapshots += entry.snapshot ? 1 : 0;
                    last = entry;
                }
                if (entry.event == StatusEvent.DISCONNECTED || entry.event == StatusEvent.GAP)
                {
                    disconnectedOrGaps++;
                }
            }
            System.out.println("BybitFeedTest: " + checked + " valid book messages in order, " + snapshots +
                " snapshots, " + disconnectedOrGaps + " disconnect/gap statuses; journal " + journal.size());
            assertEquals(1 + resyncs, snapshots, "the recording's snapshot and one from the venue per resync");
            assertTrue(disconnectedOrGaps >= resyncs, "disconnect or gap statuses " + disconnectedOrGaps);
            assertTrue(last != null && last.health == BookHealth.VALID && last.seq == LAST_U, "last " + last);
        }

        @Override
        public void close()
        {
            counters.close();
        }
    }
}
