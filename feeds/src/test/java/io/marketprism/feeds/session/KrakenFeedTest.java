/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.sim.FaultPlan;
import io.marketprism.feeds.sim.VenueSimulator;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Kraken (spot, WebSocket v2) feed session against the simulator on loopback, replaying a real recorded session
 * (ten books at depth 1000, 2021, Kraken's v1 rendered in v2) on a live timeline. Kraken numbers no book message, so
 * the checksum each update carries is what finds a lost one: after a lost connection, or an update lost or cut in half
 * that the next checksum exposes, the session subscribes again on a new connection, whose first messages are the
 * venue's snapshots of the books as they then stand. A repeated update sets the same levels again, so it changes
 * nothing and nothing is resynced. The journal never holds a valid book message of a book between its fault and the
 * snapshot that repairs it, and every book is valid at the end.
 */
@Timeout(value = 120)
class KrakenFeedTest
{
    private static final String RECORDING = "cryptofeed/KRAKEN.ws.50.0";
    private static final List<String> SUBSCRIBED = List.of("XMR/USD", "SC/EUR");
    /** The simulator replays every book of the recording, subscribed or not. */
    private static final int BOOKS = 10;

    @TempDir
    Path dir;

    @Test
    void shouldResyncFromTheStreamAfterALostConnection() throws Exception
    {
        try (StreamVenueRun run = run(List.of("disconnect:at=2000")))
        {
            assertEquals(1, run.counters.feedDisconnects.get(), "disconnects");
            assertEquals(1, run.counters.feedReconnects.get(), "reconnects");
            assertEquals(0, run.counters.checksumMismatches.get(), "checksum failures");
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldResubscribeWhenTheChecksumShowsALostUpdate() throws Exception
    {
        // the 200th XMR/USD message, an update well after its snapshot, is lost: the next one's checksum fails
        try (StreamVenueRun run = run(List.of("drop:at=200,match=XMR/USD")))
        {
            assertEquals(1, run.counters.checksumMismatches.get(), "checksum failures");
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the failed book's resync request");
            assertTrue(run.counters.feedReconnects.get() >= 1, "reconnects " + run.counters.feedReconnects.get());
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldCountAMalformedUpdateAndResubscribe() throws Exception
    {
        try (StreamVenueRun run = run(List.of("malformed:at=200,match=XMR/USD")))
        {
            assertEquals(1, run.counters.malformed.get(), "malformed frames");
            assertEquals(1, run.counters.checksumMismatches.get(), "the next update's checksum shows the loss");
            assertTrue(run.counters.feedReconnects.get() >= 1, "reconnects " + run.counters.feedReconnects.get());
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldKeepTheBooksValidWhenAnUpdateIsRepeated() throws Exception
    {
        // Kraken's updates set levels to absolute quantities: applying one twice leaves the book as the venue's
        try (StreamVenueRun run = StreamVenueRun.run(dir.resolve("journal"), simulator(List.of(
                "duplicate:at=200,match=XMR/USD")), KrakenFeedTest::plan, plan -> StreamFeedVenue.kraken(null),
            (simulator, counters, journalDir) ->
                simulator.counter(VenueSimulator.FRAMES_SENT) >= simulator.timeline().size() + 1))
        {
            assertEquals(0, run.counters.checksumMismatches.get(), "checksum failures");
            assertEquals(0, run.counters.feedReconnects.get(), "reconnects");
            assertEquals(0, run.events(FeedEvent.SNAPSHOT_REQUESTED), "resync requests");
            assertTrue(run.journal.stream().noneMatch(entry -> entry.event == StatusEvent.INVALID),
                "no book invalidated");
        }
    }

    private StreamVenueRun run(final List<String> faults) throws Exception
    {
        return StreamVenueRun.run(dir.resolve("journal"), simulator(faults), KrakenFeedTest::plan,
            plan ->
            {
                final StreamFeedVenue venue = StreamFeedVenue.kraken(null);
                assertEquals(SUBSCRIBED, venue.bookSymbols(plan));
                return venue;
            },
            StreamVenueRun.reconnectedAndReplayed());
    }

    private static VenueSimulator.Context simulator(final List<String> faults)
    {
        return new VenueSimulator.Context()
            .venue(Venue.KRAKEN)
            .recording(List.of(FeedHarness.recording(RECORDING)))
            .recordingFormat("cryptofeed")
            .rate("5000")
            .faults(FaultPlan.parse(faults));
    }

    private static io.marketprism.feeds.subscribe.ConnectionPlan plan(final VenueSimulator simulator)
    {
        return SubscriptionBuilders.forVenue(Venue.KRAKEN, simulator.baseUrl())
            .plan(SubscriptionRequest.subscribe(SUBSCRIBED, List.of(DataType.BOOK, DataType.TRADE))).get(0);
    }
}
