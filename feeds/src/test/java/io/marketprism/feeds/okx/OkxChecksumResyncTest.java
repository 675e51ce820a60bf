/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

import io.marketprism.codecs.Decimals;
import io.marketprism.engine.book.BookSynchronizer;
import io.marketprism.engine.book.OrderBook;
import io.marketprism.feeds.PreviousIdBookRule;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real OKX book messages, as SBE with their checksums, through the engine's {@link BookSynchronizer} with
 * {@link OkxBookChecksum} and OKX's {@link PreviousIdBookRule}: the recorded session keeps every book valid; one
 * changed quantity in one real update makes the book resync, and nothing of that book is valid again until a fresh
 * snapshot has rebuilt it.
 */
final class OkxChecksumResyncTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookUpdateDecoder decoder = new BookUpdateDecoder();

    @Test
    void shouldKeepEveryBookOfTheRecordedSessionValid() throws Exception
    {
        final Map<String, BookSynchronizer> books = new HashMap<>();
        final Map<String, Long> seqs = new HashMap<>();
        int snapshots = 0;
        int updates = 0;
        for (final OkxRecording.BooksMessage message : OkxRecording.booksMessages())
        {
            final int result = apply(books, seqs, message);
            snapshots += result == BookSynchronizer.SNAPSHOT_APPLIED ? 1 : 0;
            updates += result == BookSynchronizer.APPLIED ? 1 : 0;
            assertTrue(books.get(message.instId()).isValid(), message.text());
        }
        assertEquals(3, snapshots);
        assertEquals(287, updates);
    }

    @Test
    void shouldResyncAfterOneChangedQuantityAndStayInvalidUntilAFreshSnapshot() throws Exception
    {
        final List<OkxRecording.BooksMessage> messages = new ArrayList<>(OkxRecording.booksMessages());
        // an update in the middle of the session: its first level's size, one unit of its last digit more
        final int changedAt = messages.size() / 2;
        final OkxRecording.BooksMessage original = messages.get(changedAt);
        assertFalse(original.snapshot());
        final List<String[]> levels = original.bids().isEmpty() ? original.asks() : original.bids();
        final String[] level = levels.get(0);
        final BigDecimal size = new BigDecimal(level[1]);
        final String changedSize = size.add(BigDecimal.ONE.movePointLeft(Math.max(0, size.scale()))).toPlainString();
        final List<String[]> changedLevels = new ArrayList<>(levels);
        changedLevels.set(0, new String[]{ level[0], changedSize });
        messages.set(changedAt, new OkxRecording.BooksMessage(
            original.text(), original.instId(), false, original.checksum(),
            original.bids().isEmpty() ? original.bids() : changedLevels,
            original.bids().isEmpty() ? changedLevels : original.asks()));

        final Map<String, BookSynchronizer> books = new HashMap<>();
        final Map<String, Long> seqs = new HashMap<>();
        int mismatches = 0;
        int invalidAfter = 0;
        int laterOfThatBook = 0;
        for (int i = 0; i < messages.size(); i++)
        {
            final OkxRecording.BooksMessage message = messages.get(i);
            final int result = apply(books, seqs, message);
            final boolean thatBook = message.instId().equals(original.instId());
            if (i == changedAt)
            {
                assertEquals(BookSynchronizer.CHECKSUM_MISMATCH, result);
                assertEquals(original.checksum(), books.get(original.instId()).checksumExpected());
                mismatches++;
            }
            else if (i > changedAt && thatBook)
            {
                laterOfThatBook++;
                invalidAfter += books.get(message.instId()).isValid() ? 0 : 1;
                assertEquals(BookSynchronizer.BUFFERED, result, "nothing is applied without a book");
            }
            else
            {
                assertTrue(books.get(message.instId()).isValid(), "the other books are unaffected");
            }
        }
        assertEquals(1, mismatches);
        assertTrue(laterOfThatBook > 0);
        assertEquals(laterOfThatBook, invalidAfter, "no later message of that book is valid");

        // the venue's book now, rebuilt from the unchanged messages, sent as a fresh snapshot after the last update
        final List<String[]> refBids = new ArrayList<>();
        final List<String[]> refAsks = new ArrayList<>();
        final OkxBookChecksum checksum = new OkxBookChecksum();
        final Map<String, BookSynchronizer> clean = new HashMap<>();
        final Map<String, Long> cleanSeqs = new HashMap<>();
        for (final OkxRecording.BooksMessage message : OkxRecording.booksMessages())
        {
            apply(clean, cleanSeqs, message);
        }
        final OrderBook venueBook = clean.get(original.instId()).book();
        for (int l = 0; l < venueBook.bidCount(); l++)
        {
            refBids.add(new String[]{ text(venueBook.bidPrice(l), venueBook.priceExponent()),
                text(venueBook.bidQty(l), venueBook.qtyExponent()) });
        }
        for (int l = 0; l < venueBook.askCount(); l++)
        {
            refAsks.add(new String[]{ text(venueBook.askPrice(l), venueBook.priceExponent()),
                text(venueBook.askQty(l), venueBook.qtyExponent()) });
        }
        final OkxRecording.BooksMessage freshSnapshot = new OkxRecording.BooksMessage(
            "fresh snapshot", original.instId(), true, checksum.checksum(venueBook), refBids, refAsks);
        assertEquals(BookSynchronizer.SNAPSHOT_APPLIED, apply(books, seqs, freshSnapshot));
        final BookSynchronizer rebuilt = books.get(original.instId());
        assertTrue(rebuilt.isValid());
        assertEquals(checksum.checksum(venueBook), checksum.checksum(rebuilt.book()));
    }

    private int apply(
        final Map<String, BookSynchronizer> books,
        final Map<String, Long> seqs,
        final OkxRecording.BooksMessage message)
    {
        final BookSynchronizer sync = books.computeIfAbsent(message.instId(), id ->
            new BookSynchronizer(new PreviousIdBookRule(true), new OkxBookChecksum(), 64, 1024, 1 << 16, 1 << 24));
        final long seq = seqs.merge(message.instId(), 1L, Long::sum);
        final int length = OkxRecording.encode(message, seq, buffer, 0);
        header.wrap(buffer, 0);
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        return message.snapshot() ? sync.onSnapshot(decoder) : sync.onUpdate(decoder, buffer, 0, length);
    }

    private static String text(final long mantissa, final int exponent)
    {
        return Decimals.toString(mantissa, exponent);
    }
}
