/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.sim.VenueSimulator;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.StatusEvent;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One run of a venue whose books come from the stream (OKX, Bybit, Deribit, Kraken Futures): the engine with its
 * journal, the venue's simulator on loopback replaying a real recording on a live timeline with faults, and a feed
 * session between them, until a condition holds; then the journal read back. What the venues' feed tests share.
 */
final class StreamVenueRun implements AutoCloseable
{
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(60);

    final EngineCounters counters;
    final Map<FeedEvent, AtomicLong> events;
    final List<FeedHarness.Entry> journal;

    private StreamVenueRun(
        final EngineCounters counters, final Map<FeedEvent, AtomicLong> events, final List<FeedHarness.Entry> journal)
    {
        this.counters = counters;
        this.events = events;
        this.journal = journal;
    }

    /**
     * When a run has gone far enough: the simulator, the engine's counters and the journal's directory at hand.
     */
    interface Until
    {
        boolean done(VenueSimulator simulator, EngineCounters counters, Path journalDir);
    }

    /**
     * @param journalDir where the engine journals.
     * @param simulator  the simulator's settings (venue, recording, rate, live, faults).
     * @param plan       the connection plan, from the started simulator's base URL.
     * @param venue      the session's venue, for the plan.
     * @param until      when to stop the feed and read the journal back.
     * @return the run, its journal complete.
     */
    static StreamVenueRun run(
        final Path journalDir,
        final VenueSimulator.Context simulator,
        final Function<VenueSimulator, ConnectionPlan> plan,
        final Function<ConnectionPlan, FeedVenue> venue,
        final Until until) throws Exception
    {
        return run(journalDir, simulator, plan, venue, until, FeedHarness.fastFeed()
            .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(50))
            .pongTimeoutNs(TimeUnit.SECONDS.toNanos(5)));
    }

    /**
     * As {@link #run(Path, VenueSimulator.Context, Function, Function, Until)}, with the feed's own settings.
     */
    static StreamVenueRun run(
        final Path journalDir,
        final VenueSimulator.Context simulator,
        final Function<VenueSimulator, ConnectionPlan> plan,
        final Function<ConnectionPlan, FeedVenue> venue,
        final Until until,
        final LiveFeed.Context feedContext) throws Exception
    {
        final EngineCounters counters = new EngineCounters();
        final Map<FeedEvent, AtomicLong> events = new ConcurrentHashMap<>();
        try (MarketDataPipeline pipeline = MarketDataPipeline.start(new EngineConfiguration.Context()
                .journalEnabled(true)
                .journalDir(journalDir)
                .publishEnabled(false)
                .ringSize(4096)
                .logCapacityBytes(16 << 20), Venues.rules(), counters);
            VenueSimulator started = VenueSimulator.start(simulator.live(true)))
        {
            final LiveFeed feed = LiveFeed.start(feedContext,
                pipeline.producer(), pipeline.resyncRequests(), counters,
                (name, event, detail) -> events.computeIfAbsent(event, e -> new AtomicLong()).incrementAndGet());
            try
            {
                final ConnectionPlan connection = plan.apply(started);
                feed.open(venue.apply(connection), connection);
                assertTrue(FeedHarness.await(() -> until.done(started, counters, journalDir), WAIT_NS),
                    "reconnects " + counters.feedReconnects.get() + ", frames sent " +
                    started.counter(VenueSimulator.FRAMES_SENT) + " of " + started.timeline().size() +
                    ", events " + events);
            }
            finally
            {
                feed.close();
                pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30));
            }
            return new StreamVenueRun(counters, events, FeedHarness.journal(journalDir));
        }
    }

    /**
     * @return a condition: the feed has reconnected, and the venue has produced its whole recording less the one
     *         frame lost to the fault.
     */
    static Until reconnectedAndReplayed()
    {
        return (simulator, counters, journalDir) -> counters.feedReconnects.get() >= 1 &&
            simulator.counter(VenueSimulator.FRAMES_SENT) >= simulator.timeline().size() - 1;
    }

    long events(final FeedEvent event)
    {
        final AtomicLong count = events.get(event);
        return count == null ? 0 : count.get();
    }

    /**
     * {@link #assertConsistent} with at least one repair.
     *
     * @param books the books the recording holds.
     */
    void assertRepaired(final int books)
    {
        assertConsistent(books, 1);
    }

    /**
     * Per book: no valid message from a disconnect, gap or failed checksum until a snapshot repairs it; valid at the
     * end.
     *
     * @param books      the books the recording holds.
     * @param minRepairs repairs by a snapshot there must have been.
     */
    void assertConsistent(final int books, final int minRepairs)
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
        System.out.println("StreamVenueRun: " + valid + " valid book messages, " + repairs + " repaired by a " +
            "snapshot; journal " + journal.size() + ", events " + events);
        assertTrue(repairs >= minRepairs, "books repaired by the venue's snapshot: " + repairs);
        assertTrue(broken.isEmpty(), "books left broken: " + broken);
        assertEquals(books, lastHealth.size(), "books " + lastHealth);
        lastHealth.forEach((id, health) -> assertEquals(BookHealth.VALID, health, "book " + id));
    }

    @Override
    public void close()
    {
        counters.close();
    }
}
