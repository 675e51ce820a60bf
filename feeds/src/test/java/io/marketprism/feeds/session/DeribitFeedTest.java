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
 * A Deribit feed session against the simulator on loopback, a real recorded session (ten option books, trades and
 * tickers, 2021) replayed on a live timeline: the books are synced from the stream's own snapshots and each change
 * continues the last by {@code prev_change_id}; heartbeats are set and the venue's {@code test_request} answered;
 * after a lost connection, or a lost change that the next {@code prev_change_id} exposes, the session subscribes
 * again on a new connection, whose first messages are the venue's snapshots of the books as they then stand. The
 * journal never holds a valid book message of a book between its fault and the snapshot that repairs it, and every
 * book is valid at the end.
 */
@Timeout(value = 120)
class DeribitFeedTest
{
    private static final String RECORDING = "cryptofeed/DERIBIT.ws.1.0";
    private static final List<String> SUBSCRIBED = List.of("BTC-24SEP21-8000-P", "BTC-31DEC21-34000-P");
    /** The simulator replays every book of the recording, subscribed or not. */
    private static final int BOOKS = 10;

    @TempDir
    Path dir;

    @Test
    void shouldResyncFromTheStreamAfterALostConnection() throws Exception
    {
        try (StreamVenueRun run = run(List.of("disconnect:at=60")))
        {
            assertEquals(1, run.counters.feedDisconnects.get(), "disconnects");
            assertEquals(1, run.counters.feedReconnects.get(), "reconnects");
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldResubscribeOnANewConnectionWhenAChangeIsLost() throws Exception
    {
        // the 10th change of the busiest book is lost: the next one's prev_change_id shows the gap
        try (StreamVenueRun run = run(List.of("drop:at=10,match=book.BTC-24SEP21-8000-P")))
        {
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the gap's resync request");
            assertTrue(run.counters.feedReconnects.get() >= 1, "reconnects " + run.counters.feedReconnects.get());
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldResubscribeWhenAChangeIsRepeated() throws Exception
    {
        // a repeated change does not continue the book (its prev_change_id is the book's previous one): a gap
        try (StreamVenueRun run = run(List.of("duplicate:at=10,match=book.BTC-24SEP21-8000-P")))
        {
            assertTrue(run.counters.gaps.get() >= 1, "gaps " + run.counters.gaps.get());
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the gap's resync request");
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldCountAMalformedChangeAndResubscribe() throws Exception
    {
        // a change cut in half: counted malformed and skipped; the next change shows what it lost
        try (StreamVenueRun run = run(List.of("malformed:at=10,match=book.BTC-24SEP21-8000-P")))
        {
            assertEquals(1, run.counters.malformed.get(), "malformed frames");
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the gap's resync request");
            run.assertRepaired(BOOKS);
        }
    }

    private StreamVenueRun run(final List<String> faults) throws Exception
    {
        return StreamVenueRun.run(dir.resolve("journal"),
            new VenueSimulator.Context()
                .venue(Venue.DERIBIT)
                .recording(List.of(FeedHarness.recording(RECORDING)))
                .recordingFormat("cryptofeed")
                .rate("500")
                .faults(FaultPlan.parse(faults)),
            simulator -> SubscriptionBuilders.forVenue(Venue.DERIBIT, simulator.baseUrl())
                .plan(SubscriptionRequest.subscribe(SUBSCRIBED, List.of(DataType.BOOK, DataType.TRADE))).get(0),
            plan ->
            {
                final StreamFeedVenue venue = StreamFeedVenue.deribit(null);
                assertEquals(SUBSCRIBED, venue.bookSymbols(plan));
                return venue;
            },
            StreamVenueRun.reconnectedAndReplayed());
    }
}
