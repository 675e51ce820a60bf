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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    private static final List<String> SUBSCRIBED = List.of("PI_ETHUSD", "PI_XRPUSD");
    /** The simulator replays every book of the recording, subscribed or not. */
    private static final int BOOKS = 10;

    @TempDir
    Path dir;

    @Test
    void shouldResyncFromTheStreamAfterALostConnection() throws Exception
    {
        try (StreamVenueRun run = run(List.of("disconnect:at=3000")))
        {
            assertEquals(1, run.counters.feedDisconnects.get(), "disconnects");
            assertEquals(1, run.counters.feedReconnects.get(), "reconnects");
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldResubscribeOnANewConnectionWhenADeltaIsLost() throws Exception
    {
        // a PI_ETHUSD book delta well after its snapshot is lost: the next delta's seq shows the gap
        try (StreamVenueRun run = run(List.of("drop:at=" + bookDeltaOrdinal("PI_ETHUSD", 200) + ",match=PI_ETHUSD")))
        {
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the gap's resync request");
            assertTrue(run.counters.feedReconnects.get() >= 1, "reconnects " + run.counters.feedReconnects.get());
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldResubscribeWhenADeltaIsRepeated() throws Exception
    {
        // a repeated delta does not continue the product's seq: a gap
        try (StreamVenueRun run =
            run(List.of("duplicate:at=" + bookDeltaOrdinal("PI_ETHUSD", 200) + ",match=PI_ETHUSD")))
        {
            assertTrue(run.counters.gaps.get() >= 1, "gaps " + run.counters.gaps.get());
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the gap's resync request");
            run.assertRepaired(BOOKS);
        }
    }

    @Test
    void shouldCountAMalformedDeltaAndResubscribe() throws Exception
    {
        // a delta cut in half: counted malformed and skipped; the next delta's seq shows what it lost
        try (StreamVenueRun run =
            run(List.of("malformed:at=" + bookDeltaOrdinal("PI_ETHUSD", 200) + ",match=PI_ETHUSD")))
        {
            assertEquals(1, run.counters.malformed.get(), "malformed frames");
            assertTrue(run.events(FeedEvent.SNAPSHOT_REQUESTED) >= 1, "the gap's resync request");
            run.assertRepaired(BOOKS);
        }
    }

    /**
     * @return the ordinal, among the recording's messages that name the product, of its {@code n}-th book delta: a
     *         fault spec that hits exactly that delta.
     */
    private static int bookDeltaOrdinal(final String product, final int n) throws Exception
    {
        int naming = 0;
        int deltas = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(FeedHarness.recording(RECORDING))), StandardCharsets.UTF_8)))
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

    private StreamVenueRun run(final List<String> faults) throws Exception
    {
        return StreamVenueRun.run(dir.resolve("journal"),
            new VenueSimulator.Context()
                .venue(Venue.KRAKEN_FUTURES)
                .recording(List.of(FeedHarness.recording(RECORDING)))
                .recordingFormat("cryptofeed")
                .rate("5000")
                .faults(FaultPlan.parse(faults)),
            simulator -> SubscriptionBuilders.forVenue(Venue.KRAKEN_FUTURES, simulator.baseUrl())
                .plan(SubscriptionRequest.subscribe(SUBSCRIBED, List.of(DataType.BOOK, DataType.TRADE))).get(0),
            plan ->
            {
                final StreamFeedVenue venue = StreamFeedVenue.krakenFutures(null);
                assertEquals(SUBSCRIBED, venue.bookSymbols(plan));
                return venue;
            },
            StreamVenueRun.reconnectedAndReplayed());
    }
}
