/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.sim.FaultPlan;
import io.marketprism.feeds.sim.VenueSimulator;
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
 * An OKX v5 feed session against the simulator on loopback, a real recorded session (three books, trades and
 * tickers, 2022) replayed on a live timeline: the books are synced from the stream's own snapshots and every update
 * is verified by OKX's checksum (this recording has no sequence ids); after a lost connection, or a lost update that
 * the next checksum exposes, the session subscribes again on a new connection, whose first messages are the venue's
 * snapshots of the books as they then stand. The journal never holds a valid book message of a book between its fault
 * and the snapshot that repairs it, and every book is valid at the end.
 */
@Timeout(value = 120)
class OkxFeedTest
{
    private static final String RECORDING = "cryptofeed/OKX.ws.1.0";
    private static final List<String> BOOKS = List.of("BTC-USDT", "UNI-USD-SWAP", "BTC-USD-220527");

    @TempDir
    Path dir;

    @Test
    void shouldResyncFromTheStreamAfterALostConnection() throws Exception
    {
        try (StreamVenueRun run = run(List.of("disconnect:at=250")))
        {
            assertEquals(1, run.counters.feedDisconnects.get(), "disconnects");
            assertEquals(1, run.counters.feedReconnects.get(), "reconnects");
            run.assertRepaired(BOOKS.size());
        }
    }

    @Test
    void shouldResubscribeOnANewConnectionWhenAnUpdateIsLost() throws Exception
    {
        // the 100th book message is lost: the next update of that book fails its checksum
        try (StreamVenueRun run = run(List.of("drop:at=100,match=books")))
        {
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the checksum failure's resync request");
            assertTrue(run.counters.feedReconnects.get() >= 1, "reconnects " + run.counters.feedReconnects.get());
            run.assertRepaired(BOOKS.size());
        }
    }

    @Test
    void shouldCountAMalformedUpdateAndResubscribe() throws Exception
    {
        // an update cut in half: counted malformed and skipped; the next update's checksum shows what it lost
        try (StreamVenueRun run = run(List.of("malformed:at=100,match=books")))
        {
            assertEquals(1, run.counters.malformed.get(), "malformed frames");
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the checksum failure's resync request");
            run.assertRepaired(BOOKS.size());
        }
    }

    private StreamVenueRun run(final List<String> faults) throws Exception
    {
        return StreamVenueRun.run(dir.resolve("journal"),
            new VenueSimulator.Context()
                .venue(Venue.OKX)
                .recording(List.of(FeedHarness.recording(RECORDING)))
                .recordingFormat("cryptofeed")
                .rate("2000")
                .faults(FaultPlan.parse(faults)),
            simulator -> SubscriptionBuilders.forVenue(Venue.OKX, simulator.baseUrl())
                .plan(SubscriptionRequest.subscribe(BOOKS, List.of(DataType.BOOK, DataType.TRADE))).get(0),
            plan ->
            {
                final StreamFeedVenue venue = StreamFeedVenue.okx(null);
                assertEquals(BOOKS, venue.bookSymbols(plan));
                return venue;
            },
            StreamVenueRun.reconnectedAndReplayed());
    }
}
