/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.engine.book.BookSequenceRule;
import io.marketprism.engine.book.BookSynchronizer;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Advanced Trade sequence rule end to end: frames through {@link CoinbaseDecoder}, its book messages through the
 * engine's {@link BookSynchronizer} with {@link CoinbaseBookRule}, one book per product. {@code sequence_num} is per
 * connection, so one lost message leaves every book of the connection unsure.
 */
final class CoinbaseSequenceGapTest
{
    private static final int ROUNDS = 20;

    private final CoinbaseDecoder decoder = new CoinbaseDecoder(Venue.COINBASE);
    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookUpdateDecoder update = new BookUpdateDecoder();
    private final Map<String, BookSynchronizer> books = new HashMap<>();

    @Test
    void shouldKeepBothBooksValidOverAnUnbrokenSession()
    {
        int applied = 0;
        for (final AdvancedTradeSession.Message message : AdvancedTradeSession.build(ROUNDS))
        {
            final List<Integer> results = feed(message);
            if (message.isBook())
            {
                assertEquals(List.of(message.snapshot() ? BookSynchronizer.SNAPSHOT_APPLIED : BookSynchronizer.APPLIED),
                    results, message.text());
                applied += message.snapshot() ? 0 : 1;
            }
            books.values().forEach(book -> assertTrue(book.isValid(), message.text()));
        }
        assertEquals(2 * ROUNDS, applied);
        assertEquals(2, books.size());
    }

    @Test
    void shouldResyncEveryBookAfterOneDroppedL2DataMessageUntilEachHasAFreshSnapshot()
    {
        final List<AdvancedTradeSession.Message> session = AdvancedTradeSession.build(ROUNDS);
        // drop an ETH-USD update in the middle: the BTC-USD book loses nothing, but cannot know that
        final int dropped = indexOf(session, ROUNDS / 2, AdvancedTradeSession.ETH);
        final long droppedSequence = session.get(dropped).sequence();

        final Map<String, Integer> gaps = new HashMap<>();
        final Map<String, Integer> invalidAfterGap = new HashMap<>();
        final Map<String, Integer> laterUpdates = new HashMap<>();
        for (int i = 0; i < session.size(); i++)
        {
            if (i == dropped)
            {
                continue;
            }
            final AdvancedTradeSession.Message message = session.get(i);
            final List<Integer> results = feed(message);
            if (!message.isBook())
            {
                continue;
            }
            final BookSynchronizer book = books.get(message.product());
            if (i < dropped)
            {
                assertTrue(book.isValid(), message.text());
                continue;
            }
            laterUpdates.merge(message.product(), 1, Integer::sum);
            if (results.get(0) == BookSynchronizer.GAP)
            {
                gaps.merge(message.product(), 1, Integer::sum);
                assertEquals(book.seq() + 1, book.gapExpected(), "after a gap the book's sequence is stale");
                assertEquals(droppedSequence + 1, book.gapReceived(), "the run began right after the lost message");
            }
            else
            {
                assertEquals(BookSynchronizer.BUFFERED, (int)results.get(0), "nothing is applied without a book");
            }
            invalidAfterGap.merge(message.product(), book.isValid() ? 0 : 1, Integer::sum);
        }
        assertEquals(Map.of(AdvancedTradeSession.BTC, 1, AdvancedTradeSession.ETH, 1), gaps,
            "one gap per book, at its first update after the lost message " + droppedSequence);
        assertEquals(laterUpdates, invalidAfterGap, "no later book message is valid");

        // a fresh snapshot rebuilds the book it is for, and only that one
        final AdvancedTradeSession.Message btcSnapshot =
            AdvancedTradeSession.resubscribeSnapshot(session, AdvancedTradeSession.BTC);
        assertEquals(List.of(BookSynchronizer.SNAPSHOT_APPLIED), feed(btcSnapshot));
        assertTrue(books.get(AdvancedTradeSession.BTC).isValid());
        assertFalse(books.get(AdvancedTradeSession.ETH).isValid());
        assertEquals(0, books.get(AdvancedTradeSession.BTC).replayed(), "the buffered updates predate the snapshot");
    }

    @Test
    void shouldResyncTheBooksWhenAnyMessageOfTheConnectionIsLost()
    {
        // a lost heartbeat is indistinguishable from a lost book update: the least wrong answer is to resync
        final List<AdvancedTradeSession.Message> session = AdvancedTradeSession.build(4);
        final int dropped = session.size() - 6;
        assertEquals("heartbeats", session.get(dropped).channel());
        final List<Integer> gaps = new ArrayList<>();
        for (int i = 0; i < session.size(); i++)
        {
            if (i != dropped)
            {
                final List<Integer> results = feed(session.get(i));
                if (i > dropped && session.get(i).isBook())
                {
                    gaps.add(results.get(0));
                }
            }
        }
        assertEquals(List.of(BookSynchronizer.GAP, BookSynchronizer.GAP), gaps);
    }

    @Test
    void shouldTreatAnUndecodableL2DataMessageAsLost()
    {
        final List<AdvancedTradeSession.Message> session = AdvancedTradeSession.build(3);
        final int broken = indexOf(session, 2, AdvancedTradeSession.BTC);
        final List<Integer> btcAfter = new ArrayList<>();
        for (int i = 0; i < session.size(); i++)
        {
            final AdvancedTradeSession.Message message = session.get(i);
            final String text = i == broken ? message.text().replace("\"bid\"", "\"sideways\"") : message.text();
            final List<Integer> results = feed(new AdvancedTradeSession.Message(
                text, message.sequence(), message.channel(), message.product(), message.snapshot()));
            if (i == broken)
            {
                assertEquals(List.of(), results, "the broken frame gives only a malformed status");
            }
            else if (i > broken && AdvancedTradeSession.BTC.equals(message.product()) && message.isBook())
            {
                btcAfter.add(results.get(0));
            }
        }
        assertEquals(List.of(BookSynchronizer.GAP), btcAfter);
    }

    @Test
    void shouldClassifyByTheRunOfTheConnection()
    {
        final CoinbaseBookRule rule = new CoinbaseBookRule();
        final long nullSeq = Long.MIN_VALUE;
        assertEquals(BookSequenceRule.APPLY, rule.classify(10, false, 0, 15, nullSeq), "run unbroken since 10");
        assertEquals(BookSequenceRule.APPLY, rule.classify(10, true, 10, 11, nullSeq), "run began with the book");
        assertEquals(BookSequenceRule.GAP, rule.classify(10, false, 11, 15, nullSeq), "run began after the book");
        assertEquals(BookSequenceRule.GAP, rule.classify(10, false, 13, 15, nullSeq), "a break after the book");
        assertEquals(BookSequenceRule.SKIP, rule.classify(10, true, 0, 9, nullSeq), "buffered before the snapshot");
        assertEquals(BookSequenceRule.GAP, rule.classify(10, false, 0, 9, nullSeq), "a repeat or a new connection");
        assertEquals(BookSequenceRule.GAP, rule.classify(10, false, 0, 10, nullSeq), "a repeat");
        assertEquals(BookSequenceRule.GAP, rule.classify(10, false, nullSeq, 15, nullSeq), "no run");
        assertEquals(BookSequenceRule.APPLY, rule.classify(nullSeq, false, nullSeq, nullSeq, nullSeq), "legacy");
        assertEquals(BookSequenceRule.GAP, rule.classify(nullSeq, true, 0, 5, nullSeq), "mixed feeds");
        assertFalse(rule.isSnapshotOutdated(5000, 3), "a new connection's snapshot replaces the book");
        assertFalse(rule.replaysPendingUpdates(), "what came before an in-stream snapshot is in it, or obsolete");
        assertEquals(11, rule.expectedSeq(10, false));
        assertEquals(13, rule.receivedSeq(false, 13, 15, nullSeq));
    }

    /**
     * Decodes a frame and hands its book messages to the product's synchroniser.
     *
     * @return the synchroniser's result for each book message.
     */
    private List<Integer> feed(final AdvancedTradeSession.Message message)
    {
        sink.clear();
        final byte[] bytes = message.text().getBytes(StandardCharsets.UTF_8);
        decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, 1L, sink);
        final List<Integer> results = new ArrayList<>();
        for (final RecordingSink.Message committed : sink.messages())
        {
            if (view.templateId(sink.buffer(), committed) != BookUpdateDecoder.TEMPLATE_ID)
            {
                continue;
            }
            final BookSynchronizer book = books.computeIfAbsent(committed.symbol(),
                symbol -> new BookSynchronizer(new CoinbaseBookRule(), 64, 1024, 1 << 16, 1 << 20));
            header.wrap(sink.buffer(), committed.offset());
            update.wrap(sink.buffer(), committed.offset() + MessageHeaderDecoder.ENCODED_LENGTH,
                header.blockLength(), header.version());
            results.add(update.snapshotRaw() == 1 ?
                book.onSnapshot(update) : book.onUpdate(update, sink.buffer(), committed.offset(), committed.length()));
        }
        return results;
    }

    private static int indexOf(
        final List<AdvancedTradeSession.Message> session, final int round, final String product)
    {
        int seen = 0;
        for (int i = 0; i < session.size(); i++)
        {
            final AdvancedTradeSession.Message message = session.get(i);
            if (message.isBook() && !message.snapshot() && product.equals(message.product()) && ++seen == round)
            {
                return i;
            }
        }
        throw new AssertionError("no update " + round + " of " + product);
    }
}
