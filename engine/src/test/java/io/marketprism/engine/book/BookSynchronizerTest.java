/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import io.marketprism.codecs.Decimals;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.Venue;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class BookSynchronizerTest
{
    private static final int OFFSET = 40;
    private static final long NULL = Long.MIN_VALUE;
    private static final byte PRICE_EXPONENT = -2;
    private static final byte QTY_EXPONENT = -3;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookUpdateDecoder decoder = new BookUpdateDecoder();
    private final BinanceSpotRule rule = new BinanceSpotRule();
    private final BookSynchronizer sync = new BookSynchronizer(rule, 4, 64, 64, 1024 * 1024);
    /** A toy venue checksum: the best bid's and best ask's quantities; the real ones are tested with their venues. */
    private static final BookChecksum TOP_QUANTITIES = (book, sent) -> sent == topQuantities(book);
    private final BookSynchronizer checked =
        new BookSynchronizer(rule, TOP_QUANTITIES, 4, 64, 64, 1024 * 1024);
    private long checksum = NULL;

    @Test
    void shouldBufferUpdatesUntilASnapshotArrives()
    {
        assertEquals(BookSynchronizer.NO_BOOK, sync.state());
        final int first = update(101, 105, bids(level(10000, 1)), asks());
        assertEquals(BookSynchronizer.BUFFERED, onUpdate(first));
        final int second = update(106, 110, bids(), asks(level(10100, 2)));
        assertEquals(BookSynchronizer.BUFFERED, onUpdate(second));

        assertFalse(sync.isValid());
        assertEquals(BookSynchronizer.NO_BOOK, sync.state());
        assertEquals(2 * Integer.BYTES + first + second, sync.pendingBytes());
        assertEquals(0, sync.book().bidCount());
        assertEquals(0, sync.book().askCount());
        assertEquals(0, rule.calls, "no rule is consulted without a book");
    }

    @Test
    void shouldApplyASnapshotAndReplayTheBufferedUpdatesThatFollowIt()
    {
        onUpdate(update(90, 99, bids(level(9000, 1)), asks()));
        onUpdate(update(95, 100, bids(level(9100, 1)), asks()));
        onUpdate(update(100, 105, bids(level(10000, 7), level(9900, 0)), asks()));
        onUpdate(update(106, 110, bids(), asks(level(10100, 0), level(10300, 3))));

        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED,
            onSnapshot(100, bids(level(9900, 1), level(9800, 2)), asks(level(10100, 4), level(10200, 5))));

        assertEquals(2, sync.replayed());
        assertEquals(110, sync.seq());
        assertEquals(BookSynchronizer.SYNCED, sync.state());
        assertTrue(sync.isValid());
        assertEquals(0, sync.pendingBytes());
        assertBids(10000, 7, 9800, 2);
        assertAsks(10200, 5, 10300, 3);
    }

    @Test
    void shouldAwaitTheFirstUpdateAfterASnapshotWhenNothingFollowsIt()
    {
        onUpdate(update(90, 99, bids(level(9000, 1)), asks()));
        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED, onSnapshot(100, bids(level(9900, 1)), asks()));
        assertEquals(0, sync.replayed());
        assertEquals(BookSynchronizer.AWAITING_FIRST, sync.state());
        assertTrue(sync.isValid());
        assertEquals(100, sync.seq());
        assertEquals(0, sync.pendingBytes());

        assertEquals(BookSynchronizer.SKIPPED, onUpdate(update(95, 100, bids(level(1, 1)), asks())));
        assertEquals(BookSynchronizer.AWAITING_FIRST, sync.state());
        assertBids(9900, 1);

        assertEquals(BookSynchronizer.APPLIED, onUpdate(update(99, 102, bids(level(9950, 1)), asks())));
        assertEquals(BookSynchronizer.SYNCED, sync.state());
        assertEquals(102, sync.seq());
        assertBids(9950, 1, 9900, 1);
    }

    @Test
    void shouldReportAGapWhenTheSnapshotIsOlderThanTheBufferedUpdates()
    {
        final int outdated = update(90, 95, bids(level(9000, 1)), asks());
        onUpdate(outdated);
        final int gapUpdate = update(200, 210, bids(level(10000, 1)), asks());
        onUpdate(gapUpdate);
        final int next = update(211, 220, bids(level(10000, 2)), asks());
        onUpdate(next);
        assertEquals(3 * Integer.BYTES + outdated + gapUpdate + next, sync.pendingBytes());

        assertEquals(BookSynchronizer.SNAPSHOT_GAP, onSnapshot(100, bids(level(9900, 1)), asks()));
        assertFalse(sync.isValid());
        assertEquals(BookSynchronizer.NO_BOOK, sync.state());
        assertEquals(101, sync.gapExpected());
        assertEquals(200, sync.gapReceived());
        assertEquals(0, sync.book().bidCount(), "no half-built book is left");
        assertEquals(2 * Integer.BYTES + gapUpdate + next, sync.pendingBytes(),
            "the outdated update is dropped, the rest kept");

        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED, onSnapshot(205, bids(level(9900, 1)), asks()));
        assertEquals(2, sync.replayed());
        assertEquals(220, sync.seq());
        assertBids(10000, 2, 9900, 1);
    }

    @Test
    void shouldInvalidateTheBookOnAGapAndKeepTheGapUpdateForTheNextSnapshot()
    {
        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED, onSnapshot(100, bids(level(9900, 1)), asks(level(10100, 1))));
        assertEquals(BookSynchronizer.APPLIED, onUpdate(update(101, 105, bids(level(9950, 2)), asks())));
        assertEquals(105, sync.seq());

        final int gapUpdate = update(110, 120, bids(level(9960, 3)), asks());
        assertEquals(BookSynchronizer.GAP, onUpdate(gapUpdate));
        assertFalse(sync.isValid());
        assertEquals(106, sync.gapExpected());
        assertEquals(110, sync.gapReceived());
        assertEquals(0, sync.book().bidCount());
        assertEquals(0, sync.book().askCount());
        assertEquals(Integer.BYTES + gapUpdate, sync.pendingBytes());

        assertEquals(BookSynchronizer.BUFFERED, onUpdate(update(121, 125, bids(), asks(level(10050, 1)))));
        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED, onSnapshot(112, bids(level(9900, 5)), asks(level(10100, 5))));
        assertEquals(2, sync.replayed());
        assertEquals(125, sync.seq());
        assertBids(9960, 3, 9900, 5);
        assertAsks(10050, 1, 10100, 5);
    }

    @Test
    void shouldSkipOutdatedUpdatesOnceSynchronised()
    {
        onSnapshot(100, bids(level(9900, 1)), asks(level(10100, 1)));
        onUpdate(update(101, 105, bids(level(9950, 2)), asks()));

        assertEquals(BookSynchronizer.SKIPPED, onUpdate(update(100, 104, bids(level(9999, 9)), asks())));
        assertEquals(BookSynchronizer.SKIPPED, onUpdate(update(104, 105, bids(level(9999, 9)), asks())));
        assertTrue(sync.isValid());
        assertEquals(BookSynchronizer.SYNCED, sync.state());
        assertEquals(105, sync.seq());
        assertBids(9950, 2, 9900, 1);
        assertEquals(0, sync.pendingBytes());
    }

    @Test
    void shouldIgnoreASnapshotOlderThanTheSynchronisedBook()
    {
        onSnapshot(100, bids(level(9900, 1)), asks(level(10100, 1)));
        onUpdate(update(101, 105, bids(level(9950, 2)), asks()));

        assertEquals(BookSynchronizer.SNAPSHOT_OUTDATED, onSnapshot(104, bids(level(1, 1)), asks(level(2, 1))));
        assertEquals(BookSynchronizer.SNAPSHOT_OUTDATED, onSnapshot(105, bids(level(1, 1)), asks(level(2, 1))));
        assertTrue(sync.isValid());
        assertEquals(105, sync.seq());
        assertBids(9950, 2, 9900, 1);
        assertAsks(10100, 1);

        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED, onSnapshot(106, bids(level(5, 1)), asks(level(6, 1))));
        assertEquals(106, sync.seq());
        assertBids(5, 1);
    }

    @Test
    void shouldLetTheRuleReplaceASynchronisedBookWithASnapshotWhoseIdWentBack()
    {
        final BookSequenceRule inStreamSnapshots = new BookSequenceRule()
        {
            @Override
            public int classify(
                final long bookSeq,
                final boolean firstAfterSnapshot,
                final long firstSeq,
                final long seq,
                final long prevSeq)
            {
                return seq == bookSeq + 1 ? APPLY : GAP;
            }

            @Override
            public boolean isSnapshotOutdated(final long bookSeq, final long snapshotSeq)
            {
                return false;
            }
        };
        final BookSynchronizer restarting = new BookSynchronizer(inStreamSnapshots, 4, 64, 64, 1024 * 1024);
        onSnapshot(restarting, 500, bids(level(9900, 1)), asks(level(10100, 1)));
        assertEquals(BookSynchronizer.APPLIED, onUpdate(restarting, update(NULL, 501, bids(level(9950, 2)), asks())));
        assertEquals(BookSynchronizer.SYNCED, restarting.state());

        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED,
            onSnapshot(restarting, 1, bids(level(9000, 3)), asks(level(9100, 4))));
        assertEquals(1, restarting.seq());
        assertEquals(BookSynchronizer.AWAITING_FIRST, restarting.state());
        assertEquals(9000, price(restarting.book().bidPrice(0), restarting.book().priceExponent()));
        assertEquals(1, restarting.book().bidCount(), "the old levels are gone");
        assertEquals(BookSynchronizer.APPLIED, onUpdate(restarting, update(NULL, 2, bids(), asks(level(9050, 1)))));
        assertEquals(2, restarting.seq());
    }

    @Test
    void shouldCutTheBookToTheRulesDepthAfterEachUpdate()
    {
        // Kraken's way: a book streamed to a depth; a level pushed below it is dropped without a message
        final BookSynchronizer cut = new BookSynchronizer(new UnsequencedRule(2), 4, 64, 64, 1024 * 1024);
        onSnapshot(cut, 1, bids(level(9900, 1), level(9800, 2)), asks(level(10100, 1), level(10200, 2)));
        assertEquals(BookSynchronizer.APPLIED, onUpdate(cut, update(NULL, 2,
            bids(level(9950, 3), level(9000, 9)), asks(level(10050, 4), level(10150, 5), level(11000, 9)))));

        final OrderBook book = cut.book();
        assertEquals(2, book.bidCount(), "bids cut to the depth");
        assertEquals(2, book.askCount(), "asks cut to the depth");
        assertEquals(9950, price(book.bidPrice(0), book.priceExponent()));
        assertEquals(9900, price(book.bidPrice(1), book.priceExponent()));
        assertEquals(10050, price(book.askPrice(0), book.priceExponent()));
        assertEquals(10100, price(book.askPrice(1), book.priceExponent()));

        // a removal within the depth leaves one level fewer until the venue sends the next one again
        assertEquals(BookSynchronizer.APPLIED, onUpdate(cut, update(NULL, 3, bids(level(9950, 0)), asks())));
        assertEquals(1, book.bidCount());
        assertEquals(9900, price(book.bidPrice(0), book.priceExponent()));
    }

    @Test
    void shouldClearThePendingUpdatesWhenTheyOverflow()
    {
        final BookSynchronizer small = new BookSynchronizer(rule, 4, 64, 64, 1024);
        final int length = update(1, 1, bids(level(1, 1)), asks());
        final int fits = 1024 / (Integer.BYTES + length);
        for (int i = 0; i < fits; i++)
        {
            final int updateLength = update(10 * i + 1, 10 * i + 10, bids(level(100 + i, 1)), asks());
            assertEquals(BookSynchronizer.BUFFERED, onUpdate(small, updateLength), "update " + i);
        }
        assertEquals(fits * (Integer.BYTES + length), small.pendingBytes());

        final int overflowing = update(10 * fits + 1, 10 * fits + 10, bids(level(5000, 1)), asks());
        assertEquals(BookSynchronizer.PENDING_OVERFLOW, onUpdate(small, overflowing));
        assertEquals(Integer.BYTES + overflowing, small.pendingBytes(), "only the update that overflowed is kept");

        assertEquals(BookSynchronizer.SNAPSHOT_GAP, onSnapshot(small, 5, bids(level(1, 1)), asks()),
            "the updates that would have bridged the snapshot are gone");

        final BookUpdateEncoder huge = encoder(1, 2, 0);
        final BookUpdateEncoder.BidsEncoder levels = huge.bidsCount(100);
        for (int i = 0; i < 100; i++)
        {
            levels.next().price().mantissa(1000 + i).exponent(PRICE_EXPONENT);
            levels.qty().mantissa(1).exponent(QTY_EXPONENT);
        }
        huge.asksCount(0);
        final int hugeLength = MessageHeaderEncoder.ENCODED_LENGTH + huge.encodedLength();
        assertTrue(hugeLength > 1024);
        assertEquals(BookSynchronizer.PENDING_OVERFLOW, onUpdate(small, hugeLength));
        assertEquals(0, small.pendingBytes(), "an update larger than the bound is not kept");
    }

    @Test
    void shouldGrowThePendingBufferAndReplayEveryUpdate()
    {
        for (int i = 0; i < 500; i++)
        {
            assertEquals(BookSynchronizer.BUFFERED,
                onUpdate(update(100 + i, 100 + i, bids(level(1000 + i, i + 1)), asks(level(5000 - i, 1)))));
        }
        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED, onSnapshot(99, bids(), asks()));
        assertEquals(500, sync.replayed());
        assertEquals(599, sync.seq());
        assertEquals(500, sync.book().bidCount());
        assertEquals(1499, sync.book().bidPrice(0));
        assertEquals(500, sync.book().bidQty(0));
        assertEquals(4501, sync.book().askPrice(0));
        assertTrue(sync.growths() >= 7, "growths " + sync.growths());
    }

    @Test
    void shouldForgetEverythingOnReset()
    {
        onSnapshot(100, bids(level(9900, 1)), asks(level(10100, 1)));
        onUpdate(update(101, 105, bids(level(9950, 2)), asks()));
        sync.reset();

        assertFalse(sync.isValid());
        assertEquals(BookSynchronizer.NO_BOOK, sync.state());
        assertEquals(0, sync.book().bidCount());
        assertEquals(0, sync.pendingBytes());
        assertEquals(BookSynchronizer.BUFFERED, onUpdate(update(106, 110, bids(level(9960, 1)), asks())));

        onUpdate(update(111, 112, bids(), asks()));
        sync.reset();
        assertEquals(0, sync.pendingBytes(), "buffered updates are forgotten too");
    }

    @Test
    void shouldInvalidateACrossedBook()
    {
        assertEquals(BookSynchronizer.CROSSED, onSnapshot(100, bids(level(10100, 1)), asks(level(10000, 1))));
        assertFalse(sync.isValid());
        assertEquals(0, sync.book().bidCount());

        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED, onSnapshot(100, bids(level(9900, 1)), asks(level(10000, 1))));
        assertEquals(BookSynchronizer.APPLIED, onUpdate(update(101, 101, bids(level(9950, 1)), asks())));
        assertEquals(BookSynchronizer.CROSSED, onUpdate(update(102, 102, bids(level(10000, 1)), asks())));
        assertFalse(sync.isValid());
        assertEquals(BookSynchronizer.NO_BOOK, sync.state());
        assertEquals(0, sync.book().bidCount());
        assertEquals(0, sync.book().askCount());
        assertEquals(BookSynchronizer.BUFFERED, onUpdate(update(103, 103, bids(), asks())));
    }

    @Test
    void shouldInvalidateTheBookWhenReplayCrossesIt()
    {
        onUpdate(update(101, 101, bids(level(10500, 1)), asks()));
        assertEquals(BookSynchronizer.CROSSED, onSnapshot(100, bids(level(9900, 1)), asks(level(10000, 1))));
        assertFalse(sync.isValid());
        assertEquals(0, sync.book().bidCount());
    }

    @Test
    void shouldRejectAValueTheBookCannotHold()
    {
        onSnapshot(100, bids(level(9900, 1)), asks(level(10100, 1)));
        final BookUpdateEncoder encoder = encoder(101, 101, 0);
        final BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(1);
        bids.next().price().mantissa(1).exponent((byte)-30);
        bids.qty().mantissa(1).exponent(QTY_EXPONENT);
        encoder.asksCount(0);

        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        assertEquals(BookSynchronizer.REJECTED, onUpdate(length));
        assertFalse(sync.isValid());
        assertEquals(0, sync.book().bidCount());
    }

    @Test
    void shouldVerifyTheChecksumOfASnapshotAndOfEachUpdate()
    {
        checksum = 1_000_003L + 4;
        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED,
            onSnapshot(checked, 100, bids(level(9900, 1), level(9800, 2)), asks(level(10100, 4))));
        assertTrue(checked.isValid());

        checksum = 1_000_003L * 7 + 4;
        assertEquals(BookSynchronizer.APPLIED, onUpdate(checked, update(101, 101, bids(level(9950, 7)), asks())));
        assertTrue(checked.isValid());

        checksum = NULL;
        assertEquals(BookSynchronizer.APPLIED, onUpdate(checked, update(102, 102, bids(level(9960, 3)), asks())),
            "a message without a checksum is not verified");
        assertEquals(2, checked.checksumsVerified(), "the snapshot's and the first update's");
    }

    @Test
    void shouldInvalidateOnAChecksumMismatchUntilANewSnapshot()
    {
        checksum = 1_000_003L + 4;
        onSnapshot(checked, 100, bids(level(9900, 1)), asks(level(10100, 4)));

        // the venue's book has 7 at 9950, ours would have 6: the update is applied, the checksum tells
        checksum = 1_000_003L * 7 + 4;
        assertEquals(BookSynchronizer.CHECKSUM_MISMATCH,
            onUpdate(checked, update(101, 101, bids(level(9950, 6)), asks())));
        assertFalse(checked.isValid());
        assertEquals(1_000_003L * 7 + 4, checked.checksumExpected());
        assertEquals(0, checked.book().bidCount(), "the book is forgotten");
        assertEquals(1, checked.checksumsVerified(), "only the snapshot's matched");

        checksum = 1_000_003L * 7 + 5;
        assertEquals(BookSynchronizer.BUFFERED, onUpdate(checked, update(102, 102, bids(), asks(level(10100, 5)))));
        assertFalse(checked.isValid(), "nothing is valid before a new snapshot");

        checksum = 1_000_003L * 7 + 5;
        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED,
            onSnapshot(checked, 102, bids(level(9950, 7), level(9900, 1)), asks(level(10100, 5))));
        assertTrue(checked.isValid());
        assertEquals(102, checked.seq());
    }

    @Test
    void shouldRefuseASnapshotOrAReplayedUpdateThatDoesNotMatchItsChecksum()
    {
        checksum = 42;
        assertEquals(BookSynchronizer.CHECKSUM_MISMATCH,
            onSnapshot(checked, 100, bids(level(9900, 1)), asks(level(10100, 4))));
        assertFalse(checked.isValid());

        checksum = 1_000_003L * 2 + 4;
        assertEquals(BookSynchronizer.BUFFERED, onUpdate(checked, update(101, 101, bids(level(9900, 2)), asks())));
        checksum = 13;
        assertEquals(BookSynchronizer.BUFFERED, onUpdate(checked, update(102, 102, bids(level(9900, 3)), asks())));
        checksum = 1_000_003L + 4;
        assertEquals(BookSynchronizer.CHECKSUM_MISMATCH,
            onSnapshot(checked, 100, bids(level(9900, 1)), asks(level(10100, 4))), "the second replayed update");
        assertFalse(checked.isValid());
    }

    @Test
    void shouldIgnoreChecksumsWithoutAVenueChecksum()
    {
        checksum = 42;
        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED, onSnapshot(100, bids(level(9900, 1)), asks()));
        assertEquals(BookSynchronizer.APPLIED, onUpdate(update(101, 101, bids(level(9900, 2)), asks())));
        assertTrue(sync.isValid());
    }

    @Test
    void shouldDropUpdatesWithoutABookWhenTheRuleReplaysNone()
    {
        final BookSynchronizer unsequenced = new BookSynchronizer(new UnsequencedRule(), 4, 64, 64, 1024 * 1024);
        assertEquals(BookSynchronizer.BUFFERED,
            onUpdate(unsequenced, update(NULL, NULL, bids(level(9000, 1)), asks())));
        assertEquals(BookSynchronizer.BUFFERED,
            onUpdate(unsequenced, update(NULL, NULL, bids(), asks(level(10000, 2)))));
        assertEquals(0, unsequenced.pendingBytes(), "nothing kept for replay");
        assertFalse(unsequenced.isValid());

        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED,
            onSnapshot(unsequenced, NULL, bids(level(9900, 1)), asks(level(10100, 4))));
        assertEquals(0, unsequenced.replayed());
        assertTrue(unsequenced.isValid());
        assertEquals(1, unsequenced.book().bidCount(), "the update at 9000 was not replayed onto the snapshot");
        assertEquals(1, unsequenced.book().askCount(), "nor the one at 10000");

        assertEquals(BookSynchronizer.APPLIED,
            onUpdate(unsequenced, update(NULL, NULL, bids(level(9950, 3)), asks())));
        assertEquals(BookSynchronizer.SYNCED, unsequenced.state());
        assertEquals(2, unsequenced.book().bidCount());
    }

    @Test
    void shouldApplyEverySnapshotWithoutASequenceIdEvenWhenSynchronised()
    {
        final BookSynchronizer unsequenced = new BookSynchronizer(new UnsequencedRule(), 4, 64, 64, 1024 * 1024);
        onSnapshot(unsequenced, NULL, bids(level(9900, 1)), asks(level(10100, 4)));
        onUpdate(unsequenced, update(NULL, NULL, bids(level(9950, 3)), asks()));
        assertEquals(BookSynchronizer.SYNCED, unsequenced.state());

        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED,
            onSnapshot(unsequenced, NULL, bids(level(9800, 2)), asks(level(10200, 5))),
            "a snapshot without an id cannot be older than the book");
        assertEquals(1, unsequenced.book().bidCount());
        assertEquals(9800, unsequenced.book().bidPrice(0));
        assertEquals(BookSynchronizer.AWAITING_FIRST, unsequenced.state());
    }

    @Test
    void shouldKeepNothingAfterAChecksumMismatchWhenTheRuleReplaysNone()
    {
        final BookSynchronizer unsequenced =
            new BookSynchronizer(new UnsequencedRule(), TOP_QUANTITIES, 4, 64, 64, 1024 * 1024);
        checksum = 1_000_003L + 4;
        onSnapshot(unsequenced, NULL, bids(level(9900, 1)), asks(level(10100, 4)));
        checksum = 1_000_003L * 7 + 4;
        assertEquals(BookSynchronizer.CHECKSUM_MISMATCH,
            onUpdate(unsequenced, update(NULL, NULL, bids(level(9950, 6)), asks())));
        assertEquals(0, unsequenced.pendingBytes());
        checksum = NULL;
        assertEquals(BookSynchronizer.BUFFERED,
            onUpdate(unsequenced, update(NULL, NULL, bids(level(9950, 7)), asks())));
        assertEquals(0, unsequenced.pendingBytes());
        assertFalse(unsequenced.isValid());
    }

    private static long topQuantities(final OrderBook book)
    {
        final long bid = book.bidCount() == 0 ? 0 : book.bidQty(0);
        final long ask = book.askCount() == 0 ? 0 : book.askQty(0);
        return 1_000_003L * bid + ask;
    }

    private int onUpdate(final int length)
    {
        return onUpdate(sync, length);
    }

    private int onUpdate(final BookSynchronizer target, final int length)
    {
        wrap();
        return target.onUpdate(decoder, buffer, OFFSET, length);
    }

    private int onSnapshot(final long seq, final long[][] bids, final long[][] asks)
    {
        return onSnapshot(sync, seq, bids, asks);
    }

    private int onSnapshot(final BookSynchronizer target, final long seq, final long[][] bids, final long[][] asks)
    {
        encode(BooleanType.TRUE, NULL, seq, bids, asks);
        wrap();
        return target.onSnapshot(decoder);
    }

    private void wrap()
    {
        header.wrap(buffer, OFFSET);
        decoder.wrap(buffer, OFFSET + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    private int update(final long firstSeq, final long seq, final long[][] bids, final long[][] asks)
    {
        return encode(BooleanType.FALSE, firstSeq, seq, bids, asks);
    }

    private int encode(
        final BooleanType snapshot, final long firstSeq, final long seq, final long[][] bids, final long[][] asks)
    {
        final BookUpdateEncoder encoder = encoder(firstSeq, seq, snapshot == BooleanType.TRUE ? 1 : 0);
        final BookUpdateEncoder.BidsEncoder bidLevels = encoder.bidsCount(bids.length);
        for (final long[] level : bids)
        {
            bidLevels.next().price().mantissa(level[0]).exponent(PRICE_EXPONENT);
            bidLevels.qty().mantissa(level[1]).exponent(QTY_EXPONENT);
        }
        final BookUpdateEncoder.AsksEncoder askLevels = encoder.asksCount(asks.length);
        for (final long[] level : asks)
        {
            askLevels.next().price().mantissa(level[0]).exponent(PRICE_EXPONENT);
            askLevels.qty().mantissa(level[1]).exponent(QTY_EXPONENT);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private BookUpdateEncoder encoder(final long firstSeq, final long seq, final int snapshot)
    {
        final BookUpdateEncoder encoder = new BookUpdateEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderEncoder())
            .instrumentId(1)
            .venue(Venue.BINANCE_SPOT)
            .snapshot(snapshot == 1 ? BooleanType.TRUE : BooleanType.FALSE)
            .health(BookHealth.UNKNOWN)
            .exchTsNs(NULL)
            .recvTsNs(NULL)
            .seq(seq)
            .prevSeq(NULL)
            .firstSeq(firstSeq)
            .checksum(checksum);
        encoder.bidPrice().mantissa(NULL).exponent((byte)0);
        encoder.bidQty().mantissa(NULL).exponent((byte)0);
        encoder.askPrice().mantissa(NULL).exponent((byte)0);
        encoder.askQty().mantissa(NULL).exponent((byte)0);
        return encoder;
    }

    private void assertBids(final long... pricesAndQuantities)
    {
        final OrderBook book = sync.book();
        assertEquals(pricesAndQuantities.length / 2, book.bidCount(), "bid levels");
        for (int i = 0; i < pricesAndQuantities.length / 2; i++)
        {
            assertEquals(pricesAndQuantities[2 * i], price(book.bidPrice(i), book.priceExponent()),
                "bid price " + i);
            assertEquals(pricesAndQuantities[2 * i + 1], qty(book.bidQty(i), book.qtyExponent()),
                "bid qty " + i);
        }
    }

    private void assertAsks(final long... pricesAndQuantities)
    {
        final OrderBook book = sync.book();
        assertEquals(pricesAndQuantities.length / 2, book.askCount(), "ask levels");
        for (int i = 0; i < pricesAndQuantities.length / 2; i++)
        {
            assertEquals(pricesAndQuantities[2 * i], price(book.askPrice(i), book.priceExponent()),
                "ask price " + i);
            assertEquals(pricesAndQuantities[2 * i + 1], qty(book.askQty(i), book.qtyExponent()),
                "ask qty " + i);
        }
    }

    private static long[] level(final long price, final long qty)
    {
        return new long[]{ price, qty };
    }

    private static long[][] bids(final long[]... levels)
    {
        return levels;
    }

    private static long[][] asks(final long[]... levels)
    {
        return levels;
    }

    /**
     * A book price back at the exponent the updates were written with.
     */
    private static long price(final long mantissa, final int exponent)
    {
        return Decimals.rescale(mantissa, exponent, PRICE_EXPONENT);
    }

    /**
     * A book quantity back at the exponent the updates were written with.
     */
    private static long qty(final long mantissa, final int exponent)
    {
        return Decimals.rescale(mantissa, exponent, QTY_EXPONENT);
    }

    /**
     * A venue without sequence ids whose snapshot comes on the stream (Kraken's shape): every update applies, and
     * nothing received without a book is replayed; the book may be cut to a depth after each update.
     */
    private static final class UnsequencedRule implements BookSequenceRule
    {
        private final int maxLevels;

        UnsequencedRule()
        {
            this(0);
        }

        UnsequencedRule(final int maxLevels)
        {
            this.maxLevels = maxLevels;
        }

        @Override
        public int maxLevels()
        {
            return maxLevels;
        }

        @Override
        public int classify(
            final long bookSeq,
            final boolean firstAfterSnapshot,
            final long firstSeq,
            final long seq,
            final long prevSeq)
        {
            return APPLY;
        }

        @Override
        public boolean replaysPendingUpdates()
        {
            return false;
        }
    }

    /**
     * Binance spot's rule as the brief states it: an update ending at or before the book is already in it, one
     * starting after the book's next id leaves a gap, anything else applies.
     */
    private static final class BinanceSpotRule implements BookSequenceRule
    {
        int calls;

        @Override
        public int classify(
            final long bookSeq,
            final boolean firstAfterSnapshot,
            final long firstSeq,
            final long seq,
            final long prevSeq)
        {
            calls++;
            if (seq <= bookSeq)
            {
                return SKIP;
            }
            if (firstSeq > bookSeq + 1)
            {
                return GAP;
            }
            return APPLY;
        }

        @Override
        public long expectedSeq(final long bookSeq, final boolean firstAfterSnapshot)
        {
            return bookSeq + 1;
        }

        @Override
        public long receivedSeq(
            final boolean firstAfterSnapshot, final long firstSeq, final long seq, final long prevSeq)
        {
            return firstSeq;
        }
    }
}
