/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.engine.book.BookSnapshots;
import io.marketprism.feeds.sim.VenueSimulator;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.StatusEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Binance spot simulator stalls its connection for 2 s (frames held, the socket open, pings answered) in the
 * middle of a BTCUSDT replay at 5,000 frames/s; the feed's stale-after time is 500 ms. The book is reported stale once,
 * during the stall and not before, its snapshot slot says so while it lasts (levels kept), and the first update after
 * the stall reports it recovered and is applied as valid without a resync: silence is not a gap. The connection is
 * reported stale and recovered once and is not closed.
 */
@Timeout(120)
class FeedStalenessTest
{
    private static final long STALE_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long STALL_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @Test
    void shouldReportAStalledBookStaleThenRecoveredWithoutResyncingIt() throws Exception
    {
        try (FeedHarness harness = new FeedHarness(List.of("stall:at=1000,for=2s,match=btcusdt@depth"), "5000",
            FeedHarness.fastFeed().staleAfterNs(STALE_AFTER_NS)))
        {
            assertTrue(FeedHarness.await(() -> harness.counters.booksStale.get() >= 1, TIMEOUT_NS),
                "the book was reported stale; events " + harness.events);
            final BookHealth slotHealth = slotHealthWhileStale(harness);

            assertTrue(FeedHarness.await(() -> harness.counters.booksRecovered.get() >= 1, TIMEOUT_NS),
                "the book was reported recovered");
            final long sentAtRecovery = harness.simulator.counter(VenueSimulator.FRAMES_SENT);
            assertTrue(FeedHarness.await(() ->
                harness.simulator.counter(VenueSimulator.FRAMES_SENT) >= sentAtRecovery + 1_000, TIMEOUT_NS));
            harness.stopFeed();

            assertEquals(BookHealth.STALE, slotHealth, "the book's snapshot slot while it was stale");
            final List<FeedHarness.Entry> journal = harness.journal();
            final List<Integer> staleAt = new ArrayList<>();
            final List<Integer> recoveredAt = new ArrayList<>();
            for (int i = 0; i < journal.size(); i++)
            {
                final FeedHarness.Entry entry = journal.get(i);
                if (entry.event == StatusEvent.STALE)
                {
                    staleAt.add(i);
                }
                else if (entry.event == StatusEvent.RECOVERED)
                {
                    recoveredAt.add(i);
                }
            }
            assertEquals(1, staleAt.size(), "stale statuses, one per stall");
            assertEquals(1, recoveredAt.size(), "recovered statuses");
            final FeedHarness.Entry stale = journal.get(staleAt.get(0));
            final FeedHarness.Entry recovered = journal.get(recoveredAt.get(0));
            System.out.println("FeedStalenessTest: the book was reported stale at " +
                TimeUnit.NANOSECONDS.toMillis(stale.detail) + " ms without an update (stale-after " +
                TimeUnit.NANOSECONDS.toMillis(STALE_AFTER_NS) + " ms) and recovered by an update after " +
                TimeUnit.NANOSECONDS.toMillis(recovered.detail) + " ms (stall " +
                TimeUnit.NANOSECONDS.toMillis(STALL_NS) + " ms)");
            assertEquals(1, stale.instrumentId);
            assertEquals(1, recovered.instrumentId);
            // the age normalize found: at least the threshold, and found during the stall
            assertTrue(stale.detail >= STALE_AFTER_NS && stale.detail < STALL_NS, "stale age " + stale.detail);
            // the silence the recovery ended: longer than the age at which it was reported
            assertTrue(recovered.detail > stale.detail, "silence " + recovered.detail + ", age " + stale.detail);
            assertTrue(recoveredAt.get(0) > staleAt.get(0));
            for (int i = staleAt.get(0) + 1; i < recoveredAt.get(0); i++)
            {
                assertTrue(journal.get(i).health == null || journal.get(i).instrumentId != 1,
                    "a book message while stale: " + journal.get(i));
            }
            final FeedHarness.Entry next = journal.get(recoveredAt.get(0) + 1);
            assertEquals(1, next.instrumentId, "the update after recovered: " + next);
            assertEquals(BookHealth.VALID, next.health, "applied in sequence: " + next);
            assertTrue(!next.snapshot, "an update, not a resync: " + next);

            final int checked = FeedFaultAcceptanceTest.assertJournalInOrderAndRecovered(journal);
            assertTrue(checked > 50, "valid book updates journaled: " + checked);
            assertEquals(1, harness.counters.booksStale.get());
            assertEquals(1, harness.counters.booksRecovered.get());
            assertEquals(1, harness.counters.resyncs.get(), "the first sync only");
            assertEquals(0, harness.counters.gaps.get());
            assertEquals(0, harness.counters.feedDisconnects.get(), "silence does not close the connection");
            assertEquals(1, harness.counters.feedStaleConnections.get());
            assertEquals(1, harness.events(FeedEvent.STALE));
            assertEquals(1, harness.events(FeedEvent.RECOVERED));
            assertEquals(1, harness.simulator.counter(VenueSimulator.STALLS));
        }
    }

    /**
     * Asks normalize for a round of snapshot slots and reads the book's health from its slot.
     */
    private static BookHealth slotHealthWhileStale(final FeedHarness harness)
    {
        final BookSnapshots snapshots = harness.pipeline.bookSnapshots();
        final long round = snapshots.requestRound();
        assertTrue(FeedHarness.await(() -> snapshots.servedRound() >= round, TIMEOUT_NS), "round served");
        assertEquals(1, snapshots.maxInstrumentId(), "one instrument: BTCUSDT");
        final BookSnapshots.Copy copy = snapshots.newCopy();
        assertEquals(BookSnapshots.COPIED, snapshots.copy(1, copy));
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(copy.buffer(), copy.bookOffset());
        final BookUpdateDecoder book = new BookUpdateDecoder().wrap(copy.buffer(),
            copy.bookOffset() + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertTrue(harness.counters.booksRecovered.get() == 0, "still stale when the slot was read");
        assertTrue(book.bids().count() > 0, "levels as of the last update kept");
        return book.health();
    }
}
