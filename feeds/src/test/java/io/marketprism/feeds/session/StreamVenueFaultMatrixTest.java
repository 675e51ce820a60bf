/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.sim.FaultPlan;
import io.marketprism.feeds.sim.RecordedTimeline;
import io.marketprism.feeds.sim.VenueSimulator;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The faults the venue-specific feed tests leave out, for every venue whose books come from the stream (OKX, Bybit,
 * Deribit, Kraken, Kraken Futures, Coinbase), each against its simulator replaying a real recording on a live timeline:
 * <ul>
 *   <li>a refused connection: the session retries through two refusals, then syncs every book with no gap;</li>
 *   <li>a stall: the connection goes stale and recovers when the frames come again, with no gap and no resync;</li>
 *   <li>two updates of one book in the wrong order: a venue whose updates are numbered or chained sees a gap; for
 *   every venue no book message is valid between the fault and the snapshot that repairs it, and every book is valid
 *   at the end.</li>
 * </ul>
 */
@Timeout(120)
class StreamVenueFaultMatrixTest
{
    @TempDir
    Path dir;

    static List<VenueCase> venues()
    {
        return List.of(
            new VenueCase(Venue.OKX, "cryptofeed/OKX.ws.1.0", "cryptofeed", "2000", List.of("BTC-USDT"), 3,
                "\"channel\":\"books\"", false, plan -> StreamFeedVenue.okx(null)),
            new VenueCase(Venue.BYBIT, "nautilus/bybit/xrpusdt-ob500.data.zip", "lines", "200",
                List.of("linear:XRPUSDT"), 1, "orderbook.", true, plan -> StreamFeedVenue.bybit(plan, null)),
            new VenueCase(Venue.DERIBIT, "cryptofeed/DERIBIT.ws.1.0", "cryptofeed", "500",
                List.of("BTC-24SEP21-8000-P"), 10, "\"book.", true, plan -> StreamFeedVenue.deribit(null)),
            new VenueCase(Venue.KRAKEN, "cryptofeed/KRAKEN.ws.50.0", "cryptofeed", "5000", List.of("XMR/USD"), 10,
                "\"channel\":\"book\"", false, plan -> StreamFeedVenue.kraken(null)),
            new VenueCase(Venue.KRAKEN_FUTURES, "cryptofeed/KRAKEN_FUTURES.ws.1.0.gz", "cryptofeed", "5000",
                List.of("PI_ETHUSD"), 10, "\"feed\":\"book\",", true, plan -> StreamFeedVenue.krakenFutures(null)),
            new VenueCase(Venue.COINBASE, "cryptofeed/COINBASE.ws.28.0.gz", "cryptofeed", "5000", List.of("SKL-USD"),
                10, "\"l2_data\"", true, plan -> StreamFeedVenue.coinbase(null)));
    }

    @ParameterizedTest
    @MethodSource("venues")
    void shouldRetryThroughRefusedConnectionsThenSyncEveryBook(final VenueCase venue) throws Exception
    {
        try (StreamVenueRun run = StreamVenueRun.run(dir.resolve("journal"), venue.simulator("refuse:times=2"),
            venue::plan, venue.feedVenue, replayed()))
        {
            assertEquals(2, run.counters.feedConnectFailures.get(), "the two refusals");
            assertEquals(2, run.counters.feedReconnects.get(), "retried through them");
            assertEquals(0, run.counters.gaps.get(), "gaps");
            assertEquals(0, run.counters.feedDisconnects.get(), "nothing was lost once connected");
            run.assertConsistent(venue.books, 0);
        }
    }

    @ParameterizedTest
    @MethodSource("venues")
    void shouldGoStaleInAStallAndRecoverWithoutAResync(final VenueCase venue) throws Exception
    {
        final String spec = "stall:at=" + venue.bookUpdateOrdinal(false) + ",for=1500ms,match=" + venue.symbolText();
        try (StreamVenueRun run = StreamVenueRun.run(dir.resolve("journal"), venue.simulator(spec), venue::plan,
            venue.feedVenue, replayed(), FeedHarness.fastFeed()
                .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(50))
                .pongTimeoutNs(TimeUnit.SECONDS.toNanos(5))
                .staleAfterNs(TimeUnit.MILLISECONDS.toNanos(400))))
        {
            assertTrue(run.events(FeedEvent.STALE) >= 1, "stale in the stall; events " + run.events);
            assertTrue(run.events(FeedEvent.RECOVERED) >= 1, "recovered after it; events " + run.events);
            assertEquals(0, run.counters.gaps.get(), "gaps");
            assertEquals(0, run.counters.feedReconnects.get(), "a stall is not a lost connection");
            assertEquals(0, run.events(FeedEvent.SNAPSHOT_REQUESTED), "no resync");
            assertTrue(run.journal.stream().noneMatch(entry -> entry.event == StatusEvent.GAP ||
                entry.event == StatusEvent.INVALID || entry.event == StatusEvent.DISCONNECTED), "no book broken");
        }
    }

    @ParameterizedTest
    @MethodSource("venues")
    void shouldNeverKeepABookValidAcrossTwoUpdatesInTheWrongOrder(final VenueCase venue) throws Exception
    {
        // two updates of the book back to back, where the recording has them (Deribit's are always apart: there the
        // update trades places with the next message, another book's or a ticker, and the book's order is kept)
        final int sameBook = venue.bookUpdateOrdinal(true);
        final int ordinal = sameBook > 0 ? sameBook : venue.bookUpdateOrdinal(false);
        final String spec = "reorder:at=" + ordinal + ",match=" + venue.symbolText();
        try (StreamVenueRun run = StreamVenueRun.run(dir.resolve("journal"), venue.simulator(spec), venue::plan,
            venue.feedVenue, replayedAndEveryBookValid(venue.books)))
        {
            if (sameBook < 0)
            {
                assertEquals(0, run.counters.gaps.get(), "the book's own updates stayed in order");
            }
            else if (venue.numbered)
            {
                assertTrue(run.counters.gaps.get() >= 1, "the update out of order is a gap: " + run.counters.gaps);
            }
            run.assertConsistent(venue.books, 0);
        }
    }

    /**
     * @return a condition: the venue has produced its whole recording and the journal's last message of each of its
     *         books is valid (a resync that a fault started has finished); the journal is read at most every 50 ms.
     */
    private static StreamVenueRun.Until replayedAndEveryBookValid(final int books)
    {
        final long[] nextReadNs = {System.nanoTime()};
        return (simulator, counters, journalDir) ->
        {
            if (simulator.counter(VenueSimulator.FRAMES_SENT) < simulator.timeline().size() ||
                System.nanoTime() - nextReadNs[0] < 0)
            {
                return false;
            }
            nextReadNs[0] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            final java.util.Map<Integer, io.marketprism.sbe.BookHealth> last = new java.util.HashMap<>();
            for (final FeedHarness.Entry entry : FeedHarness.journal(journalDir))
            {
                if (entry.health != null && entry.instrumentId > 0)
                {
                    last.put(entry.instrumentId, entry.health);
                }
            }
            return last.size() == books &&
                last.values().stream().allMatch(health -> health == io.marketprism.sbe.BookHealth.VALID);
        };
    }

    /**
     * @return a condition: the venue has produced its whole recording.
     */
    private static StreamVenueRun.Until replayed()
    {
        return (simulator, counters, journalDir) ->
            simulator.counter(VenueSimulator.FRAMES_SENT) >= simulator.timeline().size();
    }

    /**
     * One venue of the matrix: its recording, what is subscribed, how many books the recording holds, the text that
     * marks its book updates, whether they are numbered or chained (a gap shows without a checksum), and its feed.
     */
    static final class VenueCase
    {
        final Venue venue;
        final String recording;
        final String format;
        final String rate;
        final List<String> subscribed;
        final int books;
        final String bookMarker;
        final boolean numbered;
        final Function<ConnectionPlan, FeedVenue> feedVenue;

        VenueCase(
            final Venue venue,
            final String recording,
            final String format,
            final String rate,
            final List<String> subscribed,
            final int books,
            final String bookMarker,
            final boolean numbered,
            final Function<ConnectionPlan, FeedVenue> feedVenue)
        {
            this.venue = venue;
            this.recording = recording;
            this.format = format;
            this.rate = rate;
            this.subscribed = subscribed;
            this.books = books;
            this.bookMarker = bookMarker;
            this.numbered = numbered;
            this.feedVenue = feedVenue;
        }

        VenueSimulator.Context simulator(final String fault)
        {
            return new VenueSimulator.Context()
                .venue(venue)
                .recording(List.of(FeedHarness.recording(recording)))
                .recordingFormat(format)
                .rate(rate)
                .faults(fault == null ? FaultPlan.NONE : FaultPlan.parse(List.of(fault)));
        }

        ConnectionPlan plan(final VenueSimulator simulator)
        {
            return SubscriptionBuilders.forVenue(venue, simulator.baseUrl())
                .plan(SubscriptionRequest.subscribe(subscribed, List.of(DataType.BOOK))).get(0);
        }

        /**
         * @return the text that names the subscribed book in the venue's messages.
         */
        String symbolText()
        {
            final String symbol = subscribed.get(0);
            return symbol.substring(symbol.indexOf(':') + 1);
        }

        /**
         * Finds, in the simulator's timeline (the recording as the simulator serves it), a book update of the
         * subscribed book, as a fault spec names it: its ordinal among the frames that hold the symbol.
         *
         * @param nextOfSameBook true for one whose next frame is an update of the same book, after the book's first
         *                       messages (for a reorder), or -1 when the recording has none; false for one past the
         *                       first third of the recording.
         */
        int bookUpdateOrdinal(final boolean nextOfSameBook) throws Exception
        {
            final byte[] symbol = symbolText().getBytes(StandardCharsets.UTF_8);
            final byte[] marker = bookMarker.getBytes(StandardCharsets.UTF_8);
            try (VenueSimulator simulator = VenueSimulator.start(simulator(null)))
            {
                final RecordedTimeline timeline = simulator.timeline();
                int ordinal = 0;
                for (int i = 0; i < timeline.size() - 1; i++)
                {
                    if (!timeline.contains(i, symbol))
                    {
                        continue;
                    }
                    ordinal++;
                    final boolean update = timeline.contains(i, marker);
                    // a stall well into the recording; a reorder where the book's updates come back to back
                    if (update && (nextOfSameBook ? ordinal > 2 && timeline.contains(i + 1, symbol) &&
                        timeline.contains(i + 1, marker) : i > timeline.size() / 3))
                    {
                        return ordinal;
                    }
                }
            }
            if (nextOfSameBook)
            {
                return -1;
            }
            throw new IllegalStateException(venue + ": no such book update of " + symbolText());
        }

        @Override
        public String toString()
        {
            return io.marketprism.codecs.VenueNames.name(venue);
        }
    }
}
