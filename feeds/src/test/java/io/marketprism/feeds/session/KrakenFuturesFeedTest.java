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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Kraken Futures feed session against the simulator on loopback, a real recorded session (ten books, trades and
 * tickers, 2021) replayed on a live timeline: the books are synced from the stream's own {@code book_snapshot}s and
 * each delta continues the product's {@code seq}; after a lost connection, or a lost delta that the next {@code seq}
 * exposes, the session subscribes again on a new connection, whose first messages are the venue's snapshots of the
 * books as they then stand. The journal never holds a valid book message of a book between its fault and the snapshot
 * that repairs it, and every book is valid at the end.
 */
@Timeout(value = 120)
class KrakenFuturesFeedTest
{
    private static final String RECORDING = "cryptofeed/KRAKEN_FUTURES.ws.1.0.gz";
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @Test
    void shouldResyncFromTheStreamAfterALostConnection() throws Exception
    {
        final Result result = run(List.of("disconnect:at=3000"));
        assertEquals(1, result.counters.feedDisconnects.get(), "disconnects");
        assertEquals(1, result.counters.feedReconnects.get(), "reconnects");
        result.assertJournal();
        result.counters.close();
    }

    @Test
    void shouldResubscribeOnANewConnectionWhenAnUpdateIsLost() throws Exception
    {
        // a PI_ETHUSD book delta well after its snapshot is lost: the next delta's seq shows the gap
        final Result result = run(List.of("drop:at=" + bookDeltaOrdinal("PI_ETHUSD", 200) + ",match=PI_ETHUSD"));
        assertTrue(result.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the gap's resync request");
        assertTrue(result.counters.feedReconnects.get() >= 1, "reconnects " + result.counters.feedReconnects.get());
        result.assertJournal();
        result.counters.close();
    }

    /**
     * @return the ordinal, among the recording's messages that name the product, of its {@code n}-th book delta: a
     *         fault spec that hits exactly that delta.
     */
    private static int bookDeltaOrdinal(final String product, final int n) throws Exception
    {
        int naming = 0;
        int deltas = 0;
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
            new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(FeedHarness.recording(RECORDING))),
            java.nio.charset.StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = lines.readLine()) != null)
            {
                // received messages only, as the simulator's timeline holds them
                if (line.contains(" <- ") || line.contains(" <-> ") || !line.contains(product))
                {
                    continue;
                }
                naming++;
                if (line.contains("\"feed\":\"book\",") && ++deltas == n)
                {
                    return naming;
                }
            }
        }
        throw new IllegalStateException(product + " has fewer than " + n + " book deltas");
    }

    private Result run(final List<String> faults) throws Exception
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
                .venue(Venue.KRAKEN_FUTURES)
                .recording(List.of(FeedHarness.recording(RECORDING)))
                .recordingFormat("cryptofeed")
                .rate("5000")
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
                final ConnectionPlan plan = SubscriptionBuilders.forVenue(Venue.KRAKEN_FUTURES, simulator.baseUrl())
                    .plan(SubscriptionRequest.subscribe(List.of("PI_ETHUSD", "PI_XRPUSD"),
                        List.of(DataType.BOOK, DataType.TRADE)))
                    .get(0);
                final KrakenFuturesFeedVenue venue = new KrakenFuturesFeedVenue(null);
                assertEquals(List.of("PI_ETHUSD", "PI_XRPUSD"), venue.bookSymbols(plan));
                feed.open(venue, plan);
                // the venue has produced its whole recording (less the frame lost to the fault), after a reconnect
                final int expected = simulator.timeline().size() - 1;
                assertTrue(FeedHarness.await(() -> counters.feedReconnects.get() >= 1 &&
                    simulator.counter(VenueSimulator.FRAMES_SENT) >= expected, WAIT_NS),
                    "reconnects " + counters.feedReconnects.get() + ", frames sent " +
                    simulator.counter(VenueSimulator.FRAMES_SENT) + " of " + expected + ", events " + events);
            }
            finally
            {
                feed.close();
                pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30));
            }
            return new Result(counters, events, FeedHarness.journal(journalDir));
        }
    }

    private static final class Result
    {
        final EngineCounters counters;
        final Map<FeedEvent, AtomicLong> events;
        final List<FeedHarness.Entry> journal;

        Result(final EngineCounters counters, final Map<FeedEvent, AtomicLong> events,
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

        /**
         * Per book: no valid message from a disconnect, gap or failed checksum until a snapshot repairs it; valid at
         * the end; and at least one such repair happened.
         */
        void assertJournal()
        {
            final Set<Integer> broken = new HashSet<>();
            final Map<Integer, BookHealth> lastHealth = new HashMap<>();
            int repairs = 0;
            int valid = 0;
            for (final FeedHarness.Entry entry : journal)
            {
                final int id = entry.instrumentId;
                if (entry.event == StatusEvent.DISCONNECTED || entry.event == StatusEvent.GAP ||
                    entry.event == StatusEvent.INVALID)
                {
                    broken.add(id);
                }
                else if (entry.health != null && id > 0)
                {
                    lastHealth.put(id, entry.health);
                    if (entry.health != BookHealth.VALID)
                    {
                        continue;
                    }
                    if (broken.contains(id))
                    {
                        if (!entry.snapshot)
                        {
                            fail("valid book update between a fault and the snapshot that repairs it: " + entry);
                        }
                        broken.remove(id);
                        repairs++;
                    }
                    valid++;
                }
            }
            System.out.println("KrakenFuturesFeedTest: " + valid + " valid book messages, " + repairs +
                " repaired by a " +
                "snapshot; journal " + journal.size() + ", events " + events);
            assertTrue(repairs >= 1, "a book repaired by the venue's snapshot");
            assertTrue(broken.isEmpty(), "books left broken: " + broken);
            assertEquals(10, lastHealth.size(), "the recording's ten books " + lastHealth);
            lastHealth.forEach((id, health) -> assertEquals(BookHealth.VALID, health, "book " + id));
        }
    }
}
