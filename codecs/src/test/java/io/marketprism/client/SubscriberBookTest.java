/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.client;

import io.marketprism.sbe.BookHealth;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static io.marketprism.client.ClientMessages.NONE;
import static io.marketprism.client.ClientMessages.NULL;
import static io.marketprism.client.ClientMessages.bookUpdate;
import static io.marketprism.client.ClientMessages.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SubscriberBook without a driver: snapshots, deltas on both sides, tops, exponents, depth and held snapshots.
 */
final class SubscriberBookTest
{
    private static final int INSTRUMENT = 7;
    private static final long[] NO_TOP = {NULL, NULL, NULL, NULL};

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16 * 1024);

    private SubscriberBook syncedBook()
    {
        final SubscriberBook book = new SubscriberBook(INSTRUMENT);
        bookUpdate(buffer, INSTRUMENT, true, BookHealth.VALID, -2, -3, new long[] {10000, 5000, 10100, 2000},
            new long[][] {{10000, 5000}, {9900, 3000}, {9800, 1000}},
            new long[][] {{10100, 2000}, {10200, 4000}});
        assertTrue(book.replace(decode(buffer), 41));
        return book;
    }

    private boolean delta(final SubscriberBook book, final int priceExp, final int qtyExp,
        final long[][] bids, final long[][] asks)
    {
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, priceExp, qtyExp, NO_TOP, bids, asks);
        return book.applyDelta(decode(buffer));
    }

    @Test
    void newBookIsEmptyAndUnsynced()
    {
        final SubscriberBook book = new SubscriberBook(INSTRUMENT);
        assertEquals(INSTRUMENT, book.instrumentId());
        assertFalse(book.isSynced());
        assertEquals(0, book.syncedAtSeq());
        assertEquals(0, book.bidCount());
        assertEquals(0, book.askCount());
        assertFalse(book.hasPending());
    }

    @Test
    void snapshotBecomesTheBookBestFirst()
    {
        final SubscriberBook book = syncedBook();
        assertTrue(book.isSynced());
        assertEquals(41, book.syncedAtSeq());
        assertEquals(-2, book.priceExponent());
        assertEquals(-3, book.qtyExponent());
        assertEquals(3, book.bidCount());
        assertEquals(2, book.askCount());
        assertEquals(10000, book.bidPrice(0));
        assertEquals(5000, book.bidQty(0));
        assertEquals(9900, book.bidPrice(1));
        assertEquals(9800, book.bidPrice(2));
        assertEquals(1000, book.bidQty(2));
        assertEquals(10100, book.askPrice(0));
        assertEquals(2000, book.askQty(0));
        assertEquals(10200, book.askPrice(1));
        assertEquals(4000, book.askQty(1));
    }

    @Test
    void snapshotLevelsInAnyOrderAreSorted()
    {
        final SubscriberBook book = new SubscriberBook(INSTRUMENT);
        bookUpdate(buffer, INSTRUMENT, true, BookHealth.VALID, 0, 0, NO_TOP,
            new long[][] {{98, 1}, {100, 2}, {99, 3}}, new long[][] {{103, 4}, {101, 5}, {102, 6}});
        assertTrue(book.replace(decode(buffer), 1));
        assertEquals(100, book.bidPrice(0));
        assertEquals(99, book.bidPrice(1));
        assertEquals(98, book.bidPrice(2));
        assertEquals(101, book.askPrice(0));
        assertEquals(5, book.askQty(0));
        assertEquals(102, book.askPrice(1));
        assertEquals(103, book.askPrice(2));
    }

    @Test
    void snapshotReplacesEverythingBefore()
    {
        final SubscriberBook book = syncedBook();
        bookUpdate(buffer, INSTRUMENT, true, BookHealth.VALID, -1, 0, NO_TOP,
            new long[][] {{500, 7}}, NONE);
        assertTrue(book.replace(decode(buffer), 50));
        assertEquals(50, book.syncedAtSeq());
        assertEquals(-1, book.priceExponent());
        assertEquals(0, book.qtyExponent());
        assertEquals(1, book.bidCount());
        assertEquals(0, book.askCount());
        assertEquals(500, book.bidPrice(0));
    }

    @Test
    void snapshotOfAnInvalidBookUnsyncs()
    {
        final SubscriberBook book = syncedBook();
        bookUpdate(buffer, INSTRUMENT, true, BookHealth.RESYNCING, -2, -3, NO_TOP,
            new long[][] {{10000, 1}}, NONE);
        assertFalse(book.replace(decode(buffer), 60));
        assertFalse(book.isSynced());
        assertEquals(0, book.bidCount());
        assertEquals(0, book.askCount());
    }

    @Test
    void deltasInsertChangeAndDeleteOnBothSides()
    {
        final SubscriberBook book = syncedBook();
        assertTrue(delta(book, -2, -3,
            new long[][] {{9950, 700}, {10000, 4500}, {9800, 0}},
            new long[][] {{10050, 100}, {10200, 0}, {10300, 900}}));
        assertTrue(book.isSynced());
        assertEquals(3, book.bidCount());
        assertEquals(10000, book.bidPrice(0));
        assertEquals(4500, book.bidQty(0));
        assertEquals(9950, book.bidPrice(1));
        assertEquals(700, book.bidQty(1));
        assertEquals(9900, book.bidPrice(2));
        assertEquals(3, book.askCount());
        assertEquals(10050, book.askPrice(0));
        assertEquals(100, book.askQty(0));
        assertEquals(10100, book.askPrice(1));
        assertEquals(10300, book.askPrice(2));
        assertEquals(900, book.askQty(2));

        // a new best bid above the old one, the best ask removed
        assertTrue(delta(book, -2, -3, new long[][] {{10010, 1}}, new long[][] {{10050, 0}}));
        assertEquals(10010, book.bidPrice(0));
        assertEquals(10000, book.bidPrice(1));
        assertEquals(10100, book.askPrice(0));
    }

    @Test
    void deletingAnAbsentLevelChangesNothing()
    {
        final SubscriberBook book = syncedBook();
        assertTrue(delta(book, -2, -3, new long[][] {{9000, 0}}, new long[][] {{11000, 0}}));
        assertEquals(3, book.bidCount());
        assertEquals(2, book.askCount());
        assertEquals(10000, book.bidPrice(0));
        assertEquals(10100, book.askPrice(0));
    }

    @Test
    void updatesAtOtherExponentsAreRescaledExactly()
    {
        final SubscriberBook book = syncedBook();
        // 99.50 as 9950000 x 10^-5 with qty 0.7 as 7 x 10^-1; 101 as 101 x 10^0
        assertTrue(delta(book, -5, -1, new long[][] {{9950000, 7}}, NONE));
        assertTrue(delta(book, 0, 0, NONE, new long[][] {{101, 2}}));
        assertEquals(9950, book.bidPrice(1));
        assertEquals(700, book.bidQty(1));
        assertEquals(10100, book.askPrice(0));
        assertEquals(2000, book.askQty(0));
        assertEquals(-2, book.priceExponent());
        assertEquals(-3, book.qtyExponent());
    }

    @Test
    void aPriceFinerThanTheBookUnsyncs()
    {
        final SubscriberBook book = syncedBook();
        // 99.995 cannot be held at two decimals
        assertFalse(delta(book, -3, -3, new long[][] {{99995, 1}}, NONE));
        assertFalse(book.isSynced());
        assertEquals(0, book.bidCount());
        assertEquals(0, book.askCount());
    }

    @Test
    void aQuantityThatOverflowsWhenRescaledUnsyncs()
    {
        final SubscriberBook book = syncedBook();
        assertFalse(delta(book, -2, 10, new long[][] {{10000, Long.MAX_VALUE / 10}}, NONE));
        assertFalse(book.isSynced());
    }

    @Test
    void exponentsTooFarApartUnsync()
    {
        final SubscriberBook coarse = syncedBook();
        assertFalse(delta(coarse, 30, -3, new long[][] {{1, 1}}, NONE));
        assertFalse(coarse.isSynced());

        final SubscriberBook fine = syncedBook();
        assertFalse(delta(fine, -30, -3, new long[][] {{1, 1}}, NONE));
        assertFalse(fine.isSynced());

        // zero is zero at any exponent: a delete of price 0 is representable (and absent)
        final SubscriberBook zero = syncedBook();
        assertTrue(delta(zero, -30, -3, new long[][] {{0, 0}}, NONE));
        assertTrue(zero.isSynced());
        assertEquals(3, zero.bidCount());
    }

    @Test
    void snapshotWithMixedExponentsTakesTheFirstLevels()
    {
        final SubscriberBook book = new SubscriberBook(INSTRUMENT);
        bookUpdate(buffer, INSTRUMENT, true, BookHealth.VALID, -1, -1, NO_TOP,
            new long[][] {{1000, 10}}, NONE);
        assertTrue(book.replace(decode(buffer), 5));
        assertEquals(-1, book.priceExponent());
        assertEquals(-1, book.qtyExponent());
        // a later snapshot at a coarser exponent resets the book's exponents
        bookUpdate(buffer, INSTRUMENT, true, BookHealth.VALID, 0, 0, NO_TOP,
            new long[][] {{100, 1}}, new long[][] {{101, 1}});
        assertTrue(book.replace(decode(buffer), 6));
        assertEquals(0, book.priceExponent());
        assertEquals(100, book.bidPrice(0));
    }

    @Test
    void topMatchesComparesBothSidesAtTheBookScale()
    {
        final SubscriberBook book = syncedBook();
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -2, -3,
            new long[] {10000, 5000, 10100, 2000}, NONE, NONE);
        assertTrue(book.topMatches(decode(buffer)));

        // same top written at other exponents
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -4, -2,
            new long[] {1000000, 500, 1010000, 200}, NONE, NONE);
        assertTrue(book.topMatches(decode(buffer)));

        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -2, -3,
            new long[] {10000, 5001, 10100, 2000}, NONE, NONE);
        assertFalse(book.topMatches(decode(buffer)), "bid qty differs");

        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -2, -3,
            new long[] {10000, 5000, 10200, 2000}, NONE, NONE);
        assertFalse(book.topMatches(decode(buffer)), "ask price differs");

        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -2, -3,
            new long[] {NULL, NULL, 10100, 2000}, NONE, NONE);
        assertFalse(book.topMatches(decode(buffer)), "engine says no bids, book has some");
    }

    @Test
    void depthLimitedBookEmptiedByDeletesDiffersFromTheEngineTop()
    {
        final SubscriberBook book = new SubscriberBook(INSTRUMENT);
        // the engine has more bid levels than the snapshot's depth of one
        bookUpdate(buffer, INSTRUMENT, true, BookHealth.VALID, 0, 0, NO_TOP,
            new long[][] {{100, 1}}, new long[][] {{101, 1}});
        assertTrue(book.replace(decode(buffer), 9));
        assertTrue(delta(book, 0, 0, new long[][] {{100, 0}}, NONE));
        assertEquals(0, book.bidCount());
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, 0, 0,
            new long[] {99, 4, 101, 1}, NONE, NONE);
        assertFalse(book.topMatches(decode(buffer)));
        // an engine top with no bids matches the emptied side
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, 0, 0,
            new long[] {NULL, NULL, 101, 1}, NONE, NONE);
        assertTrue(book.topMatches(decode(buffer)));
    }

    @Test
    void aTopPastTheSnapshotDepthIsCountedApartFromADifference()
    {
        final SubscriberBook book = syncedBook();
        // within the snapshot's depth (bids down to 9800, asks up to 10200) a different top is a difference
        assertTrue(delta(book, -2, -3, new long[][] {{10000, 0}}, NONE));
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -2, -3, new long[] {9900, 3000, 10100, 2000},
            NONE, NONE);
        assertEquals(SubscriberBook.TOP_MATCHES, book.checkTop(decode(buffer)));
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -2, -3, new long[] {9950, 1, 10100, 2000},
            NONE, NONE);
        assertEquals(SubscriberBook.TOP_DIFFERS, book.checkTop(decode(buffer)), "the book knows 9900 is its top");
        assertEquals(0, book.topsPastSnapshot());

        // a level added below the snapshot's worst bid, then every snapshot bid deleted: the engine's top may be a
        // level between them that the snapshot did not carry
        assertTrue(delta(book, -2, -3, new long[][] {{9700, 8}, {9900, 0}, {9800, 0}}, NONE));
        assertEquals(9700, book.bidPrice(0));
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -2, -3, new long[] {9750, 6, 10100, 2000},
            NONE, NONE);
        assertEquals(SubscriberBook.TOP_PAST_SNAPSHOT, book.checkTop(decode(buffer)));
        assertEquals(1, book.topsPastSnapshot());

        // a difference on the asks, still within the snapshot, is one even while the bids are past it
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -2, -3, new long[] {9750, 6, 10100, 2001},
            NONE, NONE);
        assertEquals(SubscriberBook.TOP_DIFFERS, book.checkTop(decode(buffer)));
        assertEquals(1, book.topsPastSnapshot());

        // asks emptied by deletes: past the snapshot too; a matching top is still a match
        assertTrue(delta(book, -2, -3, NONE, new long[][] {{10100, 0}, {10200, 0}}));
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -2, -3, new long[] {9700, 8, 10300, 1},
            NONE, NONE);
        assertEquals(SubscriberBook.TOP_PAST_SNAPSHOT, book.checkTop(decode(buffer)));
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, -2, -3, new long[] {9700, 8, NULL, NULL},
            NONE, NONE);
        assertEquals(SubscriberBook.TOP_MATCHES, book.checkTop(decode(buffer)));
        assertEquals(2, book.topsPastSnapshot());

        // a snapshot with no asks knows the side is empty: asks the engine has and the book lacks are a difference
        bookUpdate(buffer, INSTRUMENT, true, BookHealth.VALID, 0, 0, NO_TOP, new long[][] {{100, 1}}, NONE);
        assertTrue(book.replace(decode(buffer), 70));
        bookUpdate(buffer, INSTRUMENT, false, BookHealth.VALID, 0, 0, new long[] {100, 1, 105, 1}, NONE, NONE);
        assertEquals(SubscriberBook.TOP_DIFFERS, book.checkTop(decode(buffer)));
    }

    @Test
    void bookGrowsPastItsInitialCapacityAndStaysSorted()
    {
        final SubscriberBook book = syncedBook();
        final int levels = 600;
        final long[][] bids = new long[levels][];
        final long[][] asks = new long[levels][];
        for (int i = 0; i < levels; i++)
        {
            // interleaved: every other level inserted below, prices not in order
            final long offset = (i * 7L) % levels;
            bids[i] = new long[] {5000 + offset, 1 + i};
            asks[i] = new long[] {20000 + offset, 1 + i};
        }
        assertTrue(delta(book, -2, -3, bids, asks));
        assertEquals(3 + levels, book.bidCount());
        assertEquals(2 + levels, book.askCount());
        for (int i = 1; i < book.bidCount(); i++)
        {
            assertTrue(book.bidPrice(i - 1) > book.bidPrice(i), "bids descending at " + i);
        }
        for (int i = 1; i < book.askCount(); i++)
        {
            assertTrue(book.askPrice(i - 1) < book.askPrice(i), "asks ascending at " + i);
        }
        assertEquals(10000, book.bidPrice(0));
        assertEquals(5000, book.bidPrice(book.bidCount() - 1));
        assertEquals(20000 + levels - 1, book.askPrice(book.askCount() - 1));
    }

    @Test
    void unsyncEmptiesTheBook()
    {
        final SubscriberBook book = syncedBook();
        book.unsync();
        assertFalse(book.isSynced());
        assertEquals(0, book.bidCount());
        assertEquals(0, book.askCount());
    }

    @Test
    void heldUpdatesAfterTheSnapshotAreAppliedAndAnInvalidOneUnsyncs()
    {
        final SubscriberBook book = new SubscriberBook(INSTRUMENT);
        final ExpandableArrayBuffer update = new ExpandableArrayBuffer(256);
        int length = bookUpdate(update, INSTRUMENT, false, BookHealth.VALID, -2, -3, NO_TOP,
            new long[][] {{9900, 1}}, new long[0][]);
        assertTrue(book.hold(10, update, 0, length, 1 << 20), "already in the snapshot at 10: skipped");
        length = bookUpdate(update, INSTRUMENT, false, BookHealth.VALID, -2, -3, new long[] {10000, 5, 10100, 6},
            new long[][] {{9800, 2}}, new long[0][]);
        assertTrue(book.hold(11, update, 0, length, 1 << 20));
        length = bookUpdate(buffer, INSTRUMENT, true, BookHealth.VALID, -2, -3, NO_TOP,
            new long[][] {{10000, 5}}, new long[][] {{10100, 6}});
        book.holdPending(10, buffer, 0, length);
        assertEquals(0, book.installPending());
        assertTrue(book.isSynced());
        assertEquals(2, book.bidCount(), "live 11 applied, live 10 not");
        assertEquals(9800, book.bidPrice(1));
        assertEquals(0, book.heldBytes());
        assertEquals(12, book.heldFrom());

        book.unsync();
        length = bookUpdate(update, INSTRUMENT, false, BookHealth.RESYNCING, -2, -3, NO_TOP,
            new long[0][], new long[0][]);
        assertTrue(book.hold(13, update, 0, length, 1 << 20));
        assertFalse(book.hold(14, update, 0, length, length), "past the bound: everything held is dropped");
        assertEquals(15, book.heldFrom());
        assertTrue(book.hold(15, update, 0, length, 1 << 20));
        book.holdPending(12, buffer, 0, bookUpdate(buffer, INSTRUMENT, true, BookHealth.VALID, -2, -3, NO_TOP,
            new long[][] {{10000, 5}}, new long[][] {{10100, 6}}));
        assertEquals(-1, book.installPending(), "a held message of a book being resynced: not synced after all");
        assertFalse(book.isSynced());
        assertEquals(16, book.heldFrom());
    }

    @Test
    void heldSnapshotIsInstalledWithItsSequence()
    {
        final SubscriberBook book = new SubscriberBook(INSTRUMENT);
        final int length = bookUpdate(buffer, INSTRUMENT, true, BookHealth.VALID, -2, -3, NO_TOP,
            new long[][] {{10000, 5}}, new long[][] {{10100, 6}});
        book.holdPending(77, buffer, 0, length);
        // the source buffer is reused: the book must have copied the message
        buffer.setMemory(0, length, (byte)0);
        assertTrue(book.hasPending());
        assertEquals(77, book.pendingSeq());
        assertEquals(0, book.installPending(), "installed; no held update, no top differed");
        assertFalse(book.hasPending());
        assertTrue(book.isSynced());
        assertEquals(77, book.syncedAtSeq());
        assertEquals(10000, book.bidPrice(0));
        assertEquals(6, book.askQty(0));

        book.holdPending(80, buffer, 0, length);
        book.dropPending();
        assertFalse(book.hasPending());
    }
}
