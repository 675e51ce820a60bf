/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.client;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.ReservedValueSupplier;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.marketprism.client.ClientMessages.NONE;
import static io.marketprism.client.ClientMessages.NULL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * MarketDataSubscriber against an embedded media driver: hand-encoded SBE messages on IPC publications whose
 * reserved values are the stream sequences.
 */
final class MarketDataSubscriberTest
{
    private static final int INSTRUMENT = 7;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private static File aeronDir;
    private static MediaDriver driver;
    private static Aeron aeron;
    private static int nextStreamId = 3001;

    @BeforeAll
    static void launch()
    {
        aeronDir = new File(System.getProperty("java.io.tmpdir"), "mp-codecs-aeron-" + UUID.randomUUID());
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.getAbsolutePath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(1, 1, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterAll
    static void shutdown()
    {
        CloseHelper.closeAll(aeron, driver);
        IoUtil.delete(aeronDir, true);
        assertFalse(aeronDir.exists());
    }

    @Test
    void callsTheListenerForEveryTemplateAndSkipsForeignSchemas()
    {
        try (Harness h = new Harness(true))
        {
            h.instrument(1, 7, "BTC-USDT");
            h.trade(2, 7, 555);
            h.status(3, 7, StatusEvent.GAP);
            h.delta(4, 7, new long[][] {{100, 1}}, NONE, new long[] {NULL, NULL, NULL, NULL});
            h.foreign(5);
            h.pollUntil(() -> h.subscriber.messages() == 5, "five live messages");

            assertEquals(List.of("message 1", "instrument 7 BTC-USDT", "message 2", "trade 2 555", "message 3",
                "status 3 GAP", "message 4", "book 4 7 synced=false", "message 5"), h.events);
            assertEquals(1, h.subscriber.unknownTemplates());
            assertEquals(5, h.subscriber.lastSequence());
            assertEquals(0, h.subscriber.gaps());
            assertTrue(h.subscriber.catalog().isKnown(7));
            assertNotNull(h.subscriber.book(7));
            assertNull(h.subscriber.book(8));
            assertNull(h.subscriber.book(0));
            assertNull(h.subscriber.book(100_000));

            // the snapshot stream repeats definitions: each id is reported once
            h.events.clear();
            h.snapshotInstrument(5, 7, "BTC-USDT");
            h.snapshotInstrument(5, 9, "ETH-USDT");
            h.pollUntil(() -> h.subscriber.catalog().isKnown(9), "instrument 9 from the snapshot stream");
            assertEquals(List.of("instrument 9 ETH-USDT"), h.events);
        }
    }

    @Test
    void sequenceJumpsAreGapsWithLostMessagesCounted()
    {
        try (Harness h = new Harness(false))
        {
            assertFalse(h.subscriber.isSnapshotStreamConnected());
            h.trade(1, 7, 1);
            h.trade(2, 7, 2);
            h.trade(5, 7, 3);
            h.pollUntil(() -> h.subscriber.messages() == 3, "three trades");
            assertEquals(1, h.subscriber.gaps());
            assertEquals(2, h.subscriber.lostMessages());
            assertTrue(h.events.contains("gap 3 5"));

            h.trade(6, 7, 4);
            h.trade(106, 7, 5);
            h.pollUntil(() -> h.subscriber.messages() == 5, "five trades");
            assertEquals(2, h.subscriber.gaps());
            assertEquals(101, h.subscriber.lostMessages());
            assertTrue(h.events.contains("gap 7 106"));
            assertEquals(106, h.subscriber.lastSequence());
            assertEquals(0, h.subscriber.sequenceResets());
        }
    }

    @Test
    void aSequenceGoingBackIsAResetThatUnsyncsBooks()
    {
        try (Harness h = new Harness(false))
        {
            h.liveSnapshot(10, 7);
            h.trade(11, 7, 1);
            h.pollUntil(() -> h.subscriber.messages() == 2, "snapshot and trade");
            assertTrue(h.subscriber.book(7).isSynced());

            h.trade(1, 7, 2);
            h.trade(2, 7, 3);
            h.pollUntil(() -> h.subscriber.messages() == 4, "restarted engine");
            assertEquals(1, h.subscriber.sequenceResets());
            assertEquals(0, h.subscriber.gaps());
            assertEquals(0, h.subscriber.lostMessages());
            assertFalse(h.subscriber.book(7).isSynced());
            assertEquals(2, h.subscriber.lastSequence());
        }
    }

    @Test
    void unsequencedMessagesAreCountedNotCheckedForLoss()
    {
        try (Harness h = new Harness(false))
        {
            h.trade(1, 7, 1);
            h.trade(MarketDataStreams.NO_SEQUENCE, 7, 2);
            h.trade(MarketDataStreams.NO_SEQUENCE, 7, 3);
            h.trade(2, 7, 4);
            h.pollUntil(() -> h.subscriber.messages() == 4, "four trades");
            assertEquals(2, h.subscriber.unsequenced());
            assertEquals(0, h.subscriber.gaps());
            assertEquals(2, h.subscriber.lastSequence());
            assertTrue(h.events.contains("trade 0 2"));
        }
    }

    @Test
    void liveSnapshotSyncsDeltasApplyAndAGapUnsyncs()
    {
        try (Harness h = new Harness(false))
        {
            h.liveSnapshot(1, 7);
            h.delta(2, 7, new long[][] {{9950, 2}}, new long[][] {{10100, 0}},
                new long[] {10000, 5, 10200, 4});
            h.pollUntil(() -> h.subscriber.messages() == 2, "snapshot and delta");
            assertTrue(h.events.contains("synced 1 7"));
            SubscriberBook book = h.subscriber.book(7);
            assertTrue(book.isSynced());
            assertEquals(1, book.syncedAtSeq());
            assertEquals(3, book.bidCount());
            assertEquals(9950, book.bidPrice(1));
            assertEquals(10200, book.askPrice(0));
            assertEquals(0, h.subscriber.topMismatches());
            assertTrue(h.events.contains("book 2 7 synced=true"));

            h.delta(4, 7, new long[][] {{9960, 2}}, NONE, new long[] {10000, 5, 10200, 4});
            h.pollUntil(() -> h.subscriber.messages() == 3, "delta after a gap");
            book = h.subscriber.book(7);
            assertFalse(book.isSynced());
            assertEquals(0, book.bidCount());
            assertEquals(1, h.subscriber.gaps());
            assertEquals(1, h.subscriber.lostMessages());

            h.delta(5, 7, new long[][] {{9970, 2}}, NONE, new long[] {10000, 5, 10200, 4});
            h.pollUntil(() -> h.subscriber.messages() == 4, "delta while unsynced");
            assertFalse(h.subscriber.book(7).isSynced());
            assertEquals(0, h.subscriber.book(7).bidCount());

            h.liveSnapshot(6, 7);
            h.pollUntil(() -> h.subscriber.messages() == 5, "resync snapshot");
            assertTrue(h.subscriber.book(7).isSynced());
            assertEquals(6, h.subscriber.book(7).syncedAtSeq());
        }
    }

    @Test
    void aBookIsStaleFromTheEnginesStaleStatusUntilItRecovers()
    {
        try (Harness h = new Harness(false))
        {
            h.liveSnapshot(1, 7);
            h.status(2, 7, StatusEvent.STALE);
            h.pollUntil(() -> h.subscriber.messages() == 2, "snapshot and stale");
            final SubscriberBook book = h.subscriber.book(7);
            assertTrue(book.isStale());
            assertTrue(book.isSynced(), "a stale book is still right");
            assertEquals(2, book.bidCount());

            h.status(3, 9, StatusEvent.STALE);
            h.status(4, 7, StatusEvent.RECOVERED);
            h.delta(5, 7, new long[][] {{9950, 2}}, NONE, new long[] {10000, 5, 10100, 2});
            h.pollUntil(() -> h.subscriber.messages() == 5, "recovered and its update");
            assertFalse(book.isStale());
            assertTrue(book.isSynced());
            assertEquals(3, book.bidCount());
        }
    }

    @Test
    void aLiveUpdateOfAnInvalidBookUnsyncsIt()
    {
        try (Harness h = new Harness(false))
        {
            h.liveSnapshot(1, 7);
            h.send(h.live, 2, ClientMessages.bookUpdate(h.buffer, 7, false, BookHealth.CROSSED, -2, -3,
                new long[] {NULL, NULL, NULL, NULL}, new long[][] {{10150, 1}}, NONE));
            h.pollUntil(() -> h.subscriber.messages() == 2, "crossed update");
            assertFalse(h.subscriber.book(7).isSynced());
            assertEquals(0, h.subscriber.gaps());

            // a snapshot=true message of a book that is not valid does not sync it
            h.send(h.live, 3, ClientMessages.bookUpdate(h.buffer, 7, true, BookHealth.RESYNCING, -2, -3,
                new long[] {NULL, NULL, NULL, NULL}, new long[][] {{10000, 1}}, NONE));
            h.pollUntil(() -> h.subscriber.messages() == 3, "resyncing snapshot");
            assertFalse(h.subscriber.book(7).isSynced());
        }
    }

    @Test
    void aTopDifferentFromTheEnginesIsCounted()
    {
        try (Harness h = new Harness(false))
        {
            // a snapshot of depth one: the engine's second bid 99.00 is unknown to the subscriber
            h.send(h.live, 1, ClientMessages.bookUpdate(h.buffer, 7, true, BookHealth.VALID, -2, -3,
                new long[] {10000, 5, 10100, 2}, new long[][] {{10000, 5}}, new long[][] {{10100, 2}}));
            h.delta(2, 7, new long[][] {{10000, 0}}, NONE, new long[] {9900, 3, 10100, 2});
            h.pollUntil(() -> h.subscriber.messages() == 2, "snapshot and delete");
            assertEquals(0, h.subscriber.topMismatches(), "the bids are past what the snapshot held");
            assertEquals(1, h.subscriber.topsPastSnapshot());
            assertTrue(h.subscriber.book(7).isSynced());
            assertEquals(0, h.subscriber.book(7).bidCount());

            // the asks are within it: an engine top the book does not have there is a difference
            h.delta(3, 7, NONE, new long[][] {{10100, 4}}, new long[] {9900, 3, 10100, 2});
            h.pollUntil(() -> h.subscriber.messages() == 3, "ask update");
            assertEquals(1, h.subscriber.topMismatches());
            assertEquals(1, h.subscriber.topsPastSnapshot());
        }
    }

    @Test
    void aSnapshotStampedWithTheLastLiveSequenceIsSplicedAtOnce()
    {
        try (Harness h = new Harness(true))
        {
            h.delta(1, 7, new long[][] {{9000, 1}}, NONE, new long[] {NULL, NULL, NULL, NULL});
            h.delta(2, 7, new long[][] {{9001, 1}}, NONE, new long[] {NULL, NULL, NULL, NULL});
            h.pollUntil(() -> h.subscriber.lastSequence() == 2, "live up to 2");
            assertFalse(h.subscriber.book(7).isSynced());
            assertEquals(0, h.subscriber.book(7).bidCount());

            h.snapshot(2, 7);
            h.pollUntil(() -> h.subscriber.snapshotsApplied() == 1, "snapshot applied");
            assertEquals(1, h.subscriber.snapshotsReceived());
            assertTrue(h.events.contains("synced 2 7"));
            final SubscriberBook book = h.subscriber.book(7);
            assertTrue(book.isSynced());
            assertEquals(2, book.syncedAtSeq());
            assertEquals(10000, book.bidPrice(0));

            h.delta(3, 7, new long[][] {{10000, 9}}, NONE, new long[] {10000, 9, 10100, 2});
            h.pollUntil(() -> h.subscriber.lastSequence() == 3, "delta 3");
            assertEquals(9, h.subscriber.book(7).bidQty(0));
            assertEquals(0, h.subscriber.topMismatches());

            // a snapshot for a book that is synced is not held
            h.snapshot(3, 7);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 2, "second snapshot");
            assertEquals(1, h.subscriber.snapshotsApplied());
            assertEquals(2, h.subscriber.book(7).syncedAtSeq());
        }
    }

    @Test
    void aSnapshotAheadOfTheLiveStreamWaitsAndSkipsWhatItContains()
    {
        try (Harness h = new Harness(true))
        {
            h.trade(1, 7, 1);
            h.pollUntil(() -> h.subscriber.lastSequence() == 1, "live 1");

            // current at 3: contains the change of live 3 (bid 100.00 qty 5)
            h.snapshot(3, 7);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 1, "snapshot received");
            assertEquals(0, h.subscriber.snapshotsApplied());
            assertFalse(h.subscriber.book(7).isSynced());

            h.delta(2, 7, new long[][] {{10000, 1}}, NONE, new long[] {10000, 1, 10100, 2});
            h.pollUntil(() -> h.subscriber.lastSequence() == 2, "live 2");
            assertFalse(h.subscriber.book(7).isSynced());

            // live 3 carries a qty the snapshot already has; applying it twice would leave qty 4
            h.delta(3, 7, new long[][] {{10000, 5}}, new long[][] {{10200, 0}}, new long[] {10000, 5, 10100, 2});
            h.pollUntil(() -> h.subscriber.lastSequence() == 3, "live 3");
            SubscriberBook book = h.subscriber.book(7);
            assertTrue(book.isSynced());
            assertEquals(3, book.syncedAtSeq());
            assertEquals(1, h.subscriber.snapshotsApplied());
            assertEquals(0, h.subscriber.staleSnapshots());
            assertEquals(5, book.bidQty(0));
            assertEquals(2, book.askCount());

            h.delta(4, 7, new long[][] {{10000, 4}}, NONE, new long[] {10000, 4, 10100, 2});
            h.pollUntil(() -> h.subscriber.lastSequence() == 4, "live 4");
            book = h.subscriber.book(7);
            assertTrue(book.isSynced());
            assertEquals(4, book.bidQty(0));
            assertEquals(0, h.subscriber.topMismatches());
        }
    }

    @Test
    void aSnapshotOlderThanTheLiveStreamIsCompletedWithTheHeldUpdates()
    {
        try (Harness h = new Harness(true))
        {
            h.delta(1, 7, new long[][] {{9000, 1}}, NONE, new long[] {10000, 5, 10100, 2});
            h.delta(2, 7, new long[][] {{10000, 6}}, NONE, new long[] {10000, 6, 10100, 2});
            h.delta(3, 7, new long[][] {{10000, 7}}, new long[][] {{10100, 0}}, new long[] {10000, 7, 10200, 4});
            h.trade(4, 7, 1);
            h.pollUntil(() -> h.subscriber.lastSequence() == 4, "live up to 4");
            assertFalse(h.subscriber.book(7).isSynced());

            // current at 1 (it has live 1's change already): live 2 and 3 were held and are applied on top
            h.snapshot(1, 7);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 1, "older snapshot");
            final SubscriberBook book = h.subscriber.book(7);
            assertTrue(book.isSynced());
            assertEquals(1, book.syncedAtSeq());
            assertEquals(0, h.subscriber.staleSnapshots());
            assertEquals(7, book.bidQty(0), "live 3's bid");
            assertEquals(10200, book.askPrice(0), "live 3 removed 101.00");
            assertEquals(0, h.subscriber.topMismatches(), "each held update's top checked after it was applied");
            assertEquals(0, book.heldBytes(), "held updates released once applied");
            assertTrue(h.events.contains("synced 1 7"));

            h.delta(5, 7, new long[][] {{10000, 8}}, NONE, new long[] {10000, 8, 10200, 4});
            h.pollUntil(() -> h.subscriber.lastSequence() == 5, "live 5");
            assertEquals(8, h.subscriber.book(7).bidQty(0));
            assertEquals(0, h.subscriber.topMismatches());
        }
    }

    @Test
    void aSnapshotOlderThanWhatTheSubscriberCouldHoldIsStale()
    {
        try (Harness h = new Harness(true))
        {
            // updates of about 1 KiB: enough of them to pass the bound, a few more after it
            final long[][] bids = new long[64][];
            for (int i = 0; i < bids.length; i++)
            {
                bids[i] = new long[] {9000 - i, 1};
            }
            final int perUpdate = ClientMessages.bookUpdate(h.buffer, 7, false, BookHealth.VALID, -2, -3,
                new long[] {10000, 5, 10100, 2}, bids, NONE);
            final int updates = MarketDataSubscriber.MAX_HELD_BYTES / perUpdate + 3;
            for (int seq = 1; seq <= updates; seq++)
            {
                h.delta(seq, 7, bids, NONE, new long[] {10000, 5, 10100, 2});
                if (seq % 256 == 0)
                {
                    final long sent = seq;
                    h.pollUntil(() -> h.subscriber.lastSequence() == sent, "live " + sent);
                }
            }
            h.pollUntil(() -> h.subscriber.lastSequence() == updates, "every update");
            assertEquals(1, h.subscriber.heldOverflows());
            assertTrue(h.subscriber.book(7).heldBytes() < MarketDataSubscriber.MAX_HELD_BYTES);

            // the updates before the bound was passed were dropped: a snapshot that needs them can never be spliced
            h.snapshot(2, 7);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 1, "old snapshot");
            assertEquals(1, h.subscriber.staleSnapshots());
            assertFalse(h.subscriber.book(7).isSynced());

            h.snapshot(updates - 1, 7);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 2, "newer snapshot");
            assertTrue(h.subscriber.book(7).isSynced());
            assertEquals(1, h.subscriber.staleSnapshots());
            assertEquals(0, h.subscriber.topMismatches());
        }
    }

    @Test
    void afterAGapOnlyASnapshotCoveringTheLostMessagesSyncs()
    {
        try (Harness h = new Harness(true))
        {
            h.liveSnapshot(1, 7);
            h.trade(2, 7, 1);
            h.trade(5, 7, 2);
            h.pollUntil(() -> h.subscriber.lastSequence() == 5, "gap to 5");
            assertEquals(1, h.subscriber.gaps());
            assertFalse(h.subscriber.book(7).isSynced());

            // current at 3: live 4 was lost, so this snapshot cannot be completed
            h.snapshot(3, 7);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 1, "snapshot at 3");
            assertEquals(1, h.subscriber.staleSnapshots());
            assertFalse(h.subscriber.book(7).isSynced());

            // current at 4: every live message after it (5) was received
            h.snapshot(4, 7);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 2, "snapshot at 4");
            assertEquals(1, h.subscriber.staleSnapshots());
            assertEquals(1, h.subscriber.snapshotsApplied());
            assertTrue(h.subscriber.book(7).isSynced());
            assertEquals(4, h.subscriber.book(7).syncedAtSeq());
        }
    }

    @Test
    void aSnapshotBeforeAnyLiveMessageWaitsForTheLiveStream()
    {
        try (Harness h = new Harness(true))
        {
            h.snapshot(1, 7);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 1, "snapshot");
            assertFalse(h.subscriber.book(7).isSynced());
            h.trade(1, 7, 1);
            h.pollUntil(() -> h.subscriber.lastSequence() == 1, "live 1");
            assertTrue(h.subscriber.book(7).isSynced(), "spliced when the book is read");
            assertEquals(1, h.subscriber.snapshotsApplied());
        }
    }

    @Test
    void aHeldSnapshotIsSplicedByTheFirstBookMessageAfterIt()
    {
        try (Harness h = new Harness(true))
        {
            h.trade(1, 7, 1);
            h.pollUntil(() -> h.subscriber.lastSequence() == 1, "live 1");
            h.snapshot(3, 7);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 1, "snapshot at 3");
            h.trade(2, 7, 2);
            h.trade(3, 7, 3);
            // the first message of the book after the snapshot's sequence: installed, then applied on top
            h.delta(4, 7, new long[][] {{9950, 8}}, NONE, new long[] {10000, 5, 10100, 2});
            h.pollUntil(() -> h.subscriber.lastSequence() == 4, "live 4");
            final SubscriberBook book = h.subscriber.book(7);
            assertTrue(book.isSynced());
            assertEquals(3, book.syncedAtSeq());
            assertEquals(3, book.bidCount());
            assertEquals(9950, book.bidPrice(1));
            assertEquals(8, book.bidQty(1));
            assertTrue(h.events.contains("synced 3 7"));
            assertTrue(h.events.contains("book 4 7 synced=true"));
        }
    }

    @Test
    void aHeldSnapshotIsSplicedAsSoonAsTheLiveStreamPassesItWhateverBookCarriesIt()
    {
        try (Harness h = new Harness(true))
        {
            h.trade(1, 7, 1);
            h.pollUntil(() -> h.subscriber.lastSequence() == 1, "live 1");
            h.snapshot(3, 7);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 1, "snapshot at 3");
            // the live stream passes 3 with messages of another instrument only: book 7 has nothing after 3
            h.trade(2, 8, 2);
            h.trade(3, 8, 3);
            h.pollUntil(() -> h.subscriber.lastSequence() == 3, "live 3");
            // read from the listener's events, not through book(7), which splices on its own
            assertTrue(h.events.contains("synced 3 7"), h.events.toString());
            assertEquals(1, h.subscriber.snapshotsApplied());
            h.delta(4, 7, new long[][] {{9950, 8}}, NONE, new long[] {10000, 5, 10100, 2});
            h.pollUntil(() -> h.subscriber.lastSequence() == 4, "live 4");
            assertTrue(h.events.contains("book 4 7 synced=true"), h.events.toString());
            assertEquals(3, h.subscriber.book(7).bidCount());
            assertEquals(0, h.subscriber.topMismatches());
        }
    }

    @Test
    void aHeldSnapshotIsDroppedWhenTheLiveStreamJumpsPastIt()
    {
        try (Harness h = new Harness(true))
        {
            h.trade(1, 7, 1);
            h.pollUntil(() -> h.subscriber.lastSequence() == 1, "live 1");
            h.snapshot(3, 7);
            h.snapshot(3, 8);
            h.pollUntil(() -> h.subscriber.snapshotsReceived() == 2, "snapshots at 3");
            // live 2..4 lost: the snapshots at 3 miss live 4
            h.delta(5, 7, new long[][] {{9950, 8}}, NONE, new long[] {10000, 5, 10100, 2});
            h.trade(6, 8, 2);
            h.pollUntil(() -> h.subscriber.lastSequence() == 6, "live 6");
            assertEquals(1, h.subscriber.gaps());
            assertEquals(3, h.subscriber.lostMessages());
            assertFalse(h.subscriber.book(7).isSynced());
            // book 8 had no live book message: its snapshot is found stale when the book is read
            assertFalse(h.subscriber.book(8).isSynced());
            assertEquals(2, h.subscriber.staleSnapshots());
            assertEquals(0, h.subscriber.snapshotsApplied());
        }
    }

    @Test
    void oddInstrumentIdsAndForeignSnapshotsAreHandled()
    {
        try (Harness h = new Harness(true))
        {
            // instrument 0 has no book; a large id grows the table
            h.send(h.live, 1, ClientMessages.bookUpdate(h.buffer, 0, true, BookHealth.VALID, 0, 0,
                new long[] {100, 1, 101, 1}, new long[][] {{100, 1}}, new long[][] {{101, 1}}));
            h.send(h.live, 2, ClientMessages.bookUpdate(h.buffer, 5000, true, BookHealth.VALID, 0, 0,
                new long[] {100, 1, 101, 1}, new long[][] {{100, 1}}, new long[][] {{101, 1}}));
            h.send(h.snapshots, 2, ClientMessages.foreign(h.buffer));
            h.send(h.snapshots, 2, ClientMessages.bookUpdate(h.buffer, 9, true, BookHealth.STALE, 0, 0,
                new long[] {NULL, NULL, NULL, NULL}, NONE, NONE));
            h.pollUntil(() -> h.subscriber.lastSequence() == 2 && h.subscriber.snapshotsReceived() == 1,
                "two live, one snapshot");
            assertTrue(h.events.contains("book 1 0 no book"));
            assertTrue(h.events.contains("synced 2 5000"));
            assertTrue(h.subscriber.book(5000).isSynced());
            assertEquals(100, h.subscriber.book(5000).bidPrice(0));
            // a snapshot of a book that is not valid is not held
            assertFalse(h.subscriber.book(9).isSynced());
            assertEquals(0, h.subscriber.staleSnapshots());
        }
    }

    @Test
    void steadyStatePollingDoesNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (Harness h = new Harness(true))
        {
            h.recording = false;
            h.liveSnapshot(1, 7);
            long seq = 2;
            final int rounds = 2_000;
            long allocated = 0;
            for (int i = 0; i < rounds; i++)
            {
                final long qty = 1 + (i % 50);
                h.delta(seq, 7, new long[][] {{9950, qty}}, NONE, new long[] {10000, 5, 10100, 2});
                h.trade(seq + 1, 7, i);
                final long expected = seq + 1;
                final long before = threads.getCurrentThreadAllocatedBytes();
                h.idle.reset();
                while (h.subscriber.lastSequence() != expected)
                {
                    h.idle.idle(h.subscriber.poll(16));
                }
                final long after = threads.getCurrentThreadAllocatedBytes();
                if (i >= rounds / 2)
                {
                    allocated += after - before;
                }
                seq += 2;
            }
            // any per-message allocation would be at least 16 bytes x 2,000 messages; a one-off of 560 bytes in
            // one round (not per message, cause not found) is seen in some runs, so the bound is 1 KiB in total
            assertTrue(allocated < 1024, "bytes allocated polling " + rounds + " messages in steady state: " +
                allocated);
            assertEquals(0, h.subscriber.gaps());
            assertEquals(0, h.subscriber.topMismatches());
            assertTrue(h.subscriber.book(7).isSynced());
        }
    }

    /**
     * A subscriber with its own stream ids, its publications and a recording listener.
     */
    private static final class Harness implements AutoCloseable, MarketDataListener
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final List<String> events = new ArrayList<>();
        final Publication live;
        final Publication snapshots;
        final MarketDataSubscriber subscriber;
        final SequenceSupplier sequence = new SequenceSupplier();
        final IdleStrategy idle = new BackoffIdleStrategy(1, 1, 1_000, 1_000_000);
        boolean recording = true;

        Harness(final boolean withSnapshots)
        {
            final int liveStream = nextStreamId++;
            final int snapshotStream = nextStreamId++;
            live = aeron.addPublication("aeron:ipc", liveStream);
            snapshots = aeron.addPublication("aeron:ipc", snapshotStream);
            subscriber = new MarketDataSubscriber(aeron, "aeron:ipc", liveStream,
                withSnapshots ? snapshotStream : 0, this);
            pollUntil(() -> live.isConnected() && subscriber.isConnected() &&
                (!withSnapshots || snapshots.isConnected() && subscriber.isSnapshotStreamConnected()), "connected");
        }

        void pollUntil(final BooleanSupplier condition, final String what)
        {
            final long deadline = System.nanoTime() + TIMEOUT_NS;
            idle.reset();
            while (!condition.getAsBoolean())
            {
                if (System.nanoTime() > deadline)
                {
                    fail("timed out waiting for " + what + "; events " + events);
                }
                idle.idle(subscriber.poll(64));
            }
        }

        void send(final Publication publication, final long seq, final int length)
        {
            sequence.value = seq;
            final long deadline = System.nanoTime() + TIMEOUT_NS;
            idle.reset();
            long result;
            while ((result = publication.offer(buffer, 0, length, sequence)) < 0)
            {
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                    System.nanoTime() > deadline)
                {
                    fail("offer failed: " + result);
                }
                idle.idle();
            }
        }

        void trade(final long seq, final int instrumentId, final long tradeId)
        {
            send(live, seq, ClientMessages.trade(buffer, instrumentId, tradeId));
        }

        void status(final long seq, final int instrumentId, final StatusEvent event)
        {
            send(live, seq, ClientMessages.status(buffer, instrumentId, event));
        }

        void instrument(final long seq, final int instrumentId, final String symbol)
        {
            send(live, seq, ClientMessages.instrument(buffer, instrumentId, symbol));
        }

        void snapshotInstrument(final long stamp, final int instrumentId, final String symbol)
        {
            send(snapshots, stamp, ClientMessages.instrument(buffer, instrumentId, symbol));
        }

        void foreign(final long seq)
        {
            send(live, seq, ClientMessages.foreign(buffer));
        }

        void delta(final long seq, final int instrumentId, final long[][] bids, final long[][] asks, final long[] top)
        {
            send(live, seq, ClientMessages.bookUpdate(buffer, instrumentId, false, BookHealth.VALID, -2, -3, top,
                bids, asks));
        }

        /** The book bids 100.00 x 5, 99.00 x 3; asks 101.00 x 2, 102.00 x 4 on the live stream. */
        void liveSnapshot(final long seq, final int instrumentId)
        {
            send(live, seq, book(instrumentId));
        }

        /** The same book on the snapshot stream, current at the live sequence stamp. */
        void snapshot(final long stamp, final int instrumentId)
        {
            send(snapshots, stamp, book(instrumentId));
        }

        private int book(final int instrumentId)
        {
            return ClientMessages.bookUpdate(buffer, instrumentId, true, BookHealth.VALID, -2, -3,
                new long[] {10000, 5, 10100, 2}, new long[][] {{10000, 5}, {9900, 3}},
                new long[][] {{10100, 2}, {10200, 4}});
        }

        @Override
        public void onMessage(final long streamSeq, final DirectBuffer buffer, final int offset, final int length)
        {
            if (recording)
            {
                events.add("message " + streamSeq);
            }
        }

        @Override
        public void onTrade(final long streamSeq, final TradeDecoder trade)
        {
            if (recording)
            {
                events.add("trade " + streamSeq + " " + trade.tradeId());
            }
        }

        @Override
        public void onBookUpdate(final long streamSeq, final BookUpdateDecoder update, final SubscriberBook book)
        {
            if (recording)
            {
                events.add("book " + streamSeq + " " + update.instrumentId() +
                    (book == null ? " no book" : " synced=" + book.isSynced()));
            }
        }

        @Override
        public void onStatus(final long streamSeq, final StatusDecoder status)
        {
            if (recording)
            {
                events.add("status " + streamSeq + " " + status.eventType());
            }
        }

        @Override
        public void onInstrument(final InstrumentDecoder instrument)
        {
            if (recording)
            {
                events.add("instrument " + instrument.instrumentId() + " " + instrument.symbol());
            }
        }

        @Override
        public void onBookSynced(final long streamSeq, final SubscriberBook book)
        {
            if (recording)
            {
                events.add("synced " + streamSeq + " " + book.instrumentId());
            }
        }

        @Override
        public void onGap(final long expectedSeq, final long receivedSeq)
        {
            if (recording)
            {
                events.add("gap " + expectedSeq + " " + receivedSeq);
            }
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(subscriber, live, snapshots);
        }
    }

    /**
     * Stamps the next offered message with a set sequence.
     */
    private static final class SequenceSupplier implements ReservedValueSupplier
    {
        long value;

        @Override
        public long get(final DirectBuffer termBuffer, final int termOffset, final int frameLength)
        {
            return value;
        }
    }
}
