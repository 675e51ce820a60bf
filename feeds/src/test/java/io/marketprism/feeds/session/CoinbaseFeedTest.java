/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.sim.FaultPlan;
import io.marketprism.feeds.sim.VenueSimulator;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Coinbase (Advanced Trade) feed session against the simulator on loopback, replaying a real recorded session (ten
 * books, 2021, the Exchange feed rendered in Advanced Trade) on a live timeline. Coinbase numbers a connection's
 * messages over all its channels ({@code sequence_num}), so a lost, repeated or unreadable message breaks the
 * connection's run and every book on it resyncs at its next update: the session subscribes again on a new connection,
 * whose first messages are the venue's snapshots of the books as they then stand. The journal never holds a valid
 * book message of a book between its fault and the snapshot that repairs it, and every book is valid at the end.
 */
@Timeout(value = 120)
class CoinbaseFeedTest
{
    private static final String RECORDING = "cryptofeed/COINBASE.ws.28.0.gz";
    private static final List<String> SUBSCRIBED = List.of("SKL-USD", "DASH-BTC");
    /** The simulator replays every book of the recording, subscribed or not. */
    private static final int BOOKS = 10;

    @TempDir
    Path dir;

    @Test
    void shouldResyncFromTheStreamAfterALostConnection() throws Exception
    {
        try (StreamVenueRun run = run(List.of("disconnect:at=5000")))
        {
            assertEquals(1, run.counters.feedDisconnects.get(), "disconnects");
            assertEquals(1, run.counters.feedReconnects.get(), "reconnects");
            assertEquals(0, run.counters.gaps.get(), "gaps: the new connection starts its own numbers");
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldResubscribeWhenAMessageIsLost() throws Exception
    {
        try (StreamVenueRun run = run(List.of("drop:at=500,match=SKL-USD")))
        {
            assertTrue(run.counters.gaps.get() >= 1, "gaps " + run.counters.gaps.get());
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the gap's resync request");
            assertTrue(run.counters.feedReconnects.get() >= 1, "reconnects " + run.counters.feedReconnects.get());
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldResubscribeWhenAMessageIsRepeated() throws Exception
    {
        // the repeat carries its number again: the connection's run is broken
        try (StreamVenueRun run = run(List.of("duplicate:at=500,match=SKL-USD")))
        {
            assertTrue(run.counters.gaps.get() >= 1, "gaps " + run.counters.gaps.get());
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the gap's resync request");
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldCountAMalformedMessageAndResubscribe() throws Exception
    {
        try (StreamVenueRun run = run(List.of("malformed:at=500,match=SKL-USD")))
        {
            assertEquals(1, run.counters.malformed.get(), "malformed frames");
            assertTrue(run.counters.gaps.get() >= 1, "unreadable counts as lost: " + run.counters.gaps.get());
            assertTrue(run.counters.feedReconnects.get() >= 1, "reconnects " + run.counters.feedReconnects.get());
            run.assertRepaired(BOOKS);
        }
    }

    private StreamVenueRun run(final List<String> faults) throws Exception
    {
        return StreamVenueRun.run(dir.resolve("journal"),
            new VenueSimulator.Context()
                .venue(Venue.COINBASE)
                .recording(List.of(FeedHarness.recording(RECORDING)))
                .recordingFormat("cryptofeed")
                .rate("5000")
                .faults(FaultPlan.parse(faults)),
            CoinbaseFeedTest::plan,
            plan ->
            {
                final StreamFeedVenue venue = StreamFeedVenue.coinbase(null);
                assertEquals(SUBSCRIBED, venue.bookSymbols(plan));
                return venue;
            },
            StreamVenueRun.reconnectedAndReplayed());
    }

    private static ConnectionPlan plan(final VenueSimulator simulator)
    {
        return SubscriptionBuilders.forVenue(Venue.COINBASE, simulator.baseUrl())
            .plan(SubscriptionRequest.subscribe(SUBSCRIBED, List.of(DataType.BOOK, DataType.TRADE))).get(0);
    }
}
