/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.sim.FaultPlan;
import io.marketprism.feeds.sim.VenueSimulator;
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
    /** The recording's last update id (its 50 messages run from u=20254869 to this, one apart). */
    private static final long LAST_U = 20254918;

    @TempDir
    Path dir;

    @Test
    void shouldResyncFromTheStreamAfterALostConnection() throws Exception
    {
        try (StreamVenueRun run = run(List.of("disconnect:at=21")))
        {
            assertEquals(1, run.counters.feedDisconnects.get(), "disconnects");
            assertEquals(1, run.counters.feedReconnects.get(), "reconnects");
            assertEquals(0, run.events(FeedEvent.SNAPSHOT_REQUESTED), "no resync requested beyond the reconnect");
            assertJournal(run);
        }
    }

    @Test
    void shouldResubscribeOnANewConnectionWhenADeltaIsLost() throws Exception
    {
        try (StreamVenueRun run = run(List.of("drop:at=31")))
        {
            assertEquals(1, run.events(FeedEvent.SNAPSHOT_REQUESTED), "the gap's resync request");
            assertEquals(1, run.counters.feedDisconnects.get(), "the connection closed to subscribe again");
            assertEquals(1, run.counters.feedReconnects.get(), "reconnects");
            assertJournal(run);
        }
    }

    private StreamVenueRun run(final List<String> faults) throws Exception
    {
        return StreamVenueRun.run(dir.resolve("journal"),
            new VenueSimulator.Context()
                .venue(Venue.BYBIT)
                .recording(List.of(FeedHarness.recording(RECORDING)))
                .recordingFormat("lines")
                .rate("200")
                .faults(FaultPlan.parse(faults)),
            simulator -> SubscriptionBuilders.forVenue(Venue.BYBIT, simulator.baseUrl())
                .plan(SubscriptionRequest.subscribe(List.of("linear:XRPUSDT"), List.of(DataType.BOOK))).get(0),
            plan ->
            {
                final StreamFeedVenue venue = StreamFeedVenue.bybit(plan, null);
                assertEquals(List.of("linear:XRPUSDT"), venue.bookSymbols(plan));
                return venue;
            },
            // the feed has reconnected after the fault, and the recording's last update has reached the journal
            (simulator, counters, journalDir) -> counters.feedReconnects.get() >= 1 &&
                lastBookSeq(journalDir) == LAST_U);
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

    /**
     * Every valid update continues the one before (Bybit's {@code u}), one snapshot from the recording and one from
     * the venue after the fault, and the book ends valid at the recording's last update.
     */
    private static void assertJournal(final StreamVenueRun run)
    {
        final int checked = FeedFaultAcceptanceTest.assertJournalInOrderAndRecovered(run.journal);
        long snapshots = 0;
        long faults = 0;
        FeedHarness.Entry last = null;
        for (final FeedHarness.Entry entry : run.journal)
        {
            if (entry.health != null)
            {
                snapshots += entry.snapshot ? 1 : 0;
                last = entry;
            }
            faults += entry.event == StatusEvent.DISCONNECTED || entry.event == StatusEvent.GAP ? 1 : 0;
        }
        System.out.println("BybitFeedTest: " + checked + " valid book messages in order, " + snapshots +
            " snapshots, " + faults + " disconnect/gap statuses; journal " + run.journal.size());
        assertEquals(2, snapshots, "the recording's snapshot and one from the venue after the fault");
        assertTrue(faults >= 1, "disconnect or gap statuses " + faults);
        assertTrue(last != null && last.health == BookHealth.VALID && last.seq == LAST_U, "last " + last);
    }
}
