/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import io.marketprism.engine.book.BookSequenceRule;
import io.marketprism.engine.book.BookSnapshots;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.journal.JournalReader;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEncoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Normalize's answer to a feed's staleness checks, with receive times the test chooses: a check against a book that
 * had a message within the stale-after time is removed (nothing journaled, nothing counted), one against a silent
 * book goes on as its {@code stale} status with the book's age, a second one while it stays silent is removed, the
 * book's snapshot slot says stale with its levels, and its next update brings {@code recovered} and is applied as
 * valid. A connection lost under a book turns its slot to resyncing at once.
 */
final class NormalizeStalenessTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = 1_700_000_000L * SECOND_NS;
    private static final long STALE_AFTER_NS = 10 * SECOND_NS;
    private static final UnsafeBuffer BTC = new UnsafeBuffer("BTCUSDT".getBytes(StandardCharsets.US_ASCII));
    private static final BookSequenceRule NEXT_SEQ = (bookSeq, firstAfterSnapshot, firstSeq, seq, prevSeq) ->
        seq <= bookSeq ? BookSequenceRule.SKIP : seq == bookSeq + 1 ? BookSequenceRule.APPLY : BookSequenceRule.GAP;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final BookUpdateEncoder bookEncoder = new BookUpdateEncoder();
    private final StatusEncoder statusEncoder = new StatusEncoder();

    @TempDir
    Path tempDir;

    @Test
    void shouldPassOnlyTheChecksOfASilentBookAndRecoverItAtItsNextUpdate()
    {
        final Path journal = tempDir.resolve("journal");
        final EngineCounters counters = new EngineCounters();
        try (MarketDataPipeline pipeline = MarketDataPipeline.start(context(journal), rules(), counters))
        {
            final RingProducer producer = pipeline.producer();
            book(producer, true, 1000, T0);
            book(producer, false, 1001, T0 + SECOND_NS);
            // 9 s after the last update: not yet stale, removed
            status(producer, StatusEvent.STALE, STALE_AFTER_NS, T0 + 10 * SECOND_NS);
            // 12 s: stale
            status(producer, StatusEvent.STALE, STALE_AFTER_NS, T0 + 13 * SECOND_NS);
            assertEquals(BookHealth.STALE, slotHealth(pipeline, true), "the slot of a stale book");
            // still silent: already reported, removed
            status(producer, StatusEvent.STALE, STALE_AFTER_NS, T0 + 20 * SECOND_NS);
            book(producer, false, 1002, T0 + 25 * SECOND_NS);
            assertEquals(BookHealth.VALID, slotHealth(pipeline, true), "the slot after the update");
            status(producer, StatusEvent.STALE, STALE_AFTER_NS, T0 + 30 * SECOND_NS);
            status(producer, StatusEvent.DISCONNECTED, StatusEncoder.detailNullValue(), T0 + 31 * SECOND_NS);
            assertEquals(BookHealth.RESYNCING, slotHealth(pipeline, false),
                "the slot of a book whose connection was lost");
            assertTrue(pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30)));

            assertEquals(1, counters.booksStale.get());
            assertEquals(1, counters.booksRecovered.get());
            assertEquals(1, counters.resyncs.get());
            assertEquals(0, counters.gaps.get());
        }

        final List<String> lines = read(journal);
        assertEquals(List.of(
            "status RESYNC SNAPSHOT_APPLIED detail 0 received 1000 recv 0",
            "book VALID snapshot seq 1000 recv 0",
            "book VALID seq 1001 recv 1000",
            "status STALE NO_UPDATE detail 12000 received 1001 recv 13000",
            "status RECOVERED UPDATES_RESUMED detail 24000 received 1002 recv 25000",
            "book VALID seq 1002 recv 25000",
            "status DISCONNECTED NONE detail - received - recv 31000"), lines.subList(1, lines.size()));
        assertEquals("instrument", lines.get(0));
    }

    private static EngineConfiguration.Context context(final Path journal)
    {
        return new EngineConfiguration.Context()
            .ringSize(256)
            .logCapacityBytes(1024 * 1024)
            .threadingProfile("dev")
            .journalEnabled(true)
            .journalDir(journal)
            .journalRawFrames(false)
            .journalBlockSizeBytes(4L * 1024 * 1024)
            .publishEnabled(false);
    }

    private static VenueRules rules()
    {
        return new VenueRules().register(Venue.BINANCE_SPOT,
            (id, venue, venueSymbol) -> InstrumentDefinition.of(
                id, venue, venueSymbol, "BTC-USDT", "BTC", "USDT", InstrumentKind.SPOT),
            NEXT_SEQ);
    }

    /**
     * Brings the book's slot up to date (normalize serves the round between messages or when idle) and reads its
     * health; with levels or without, as expected.
     */
    private static BookHealth slotHealth(final MarketDataPipeline pipeline, final boolean withLevels)
    {
        assertTrue(pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30)));
        final BookSnapshots snapshots = pipeline.bookSnapshots();
        final long round = snapshots.requestRound();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (snapshots.servedRound() < round)
        {
            assertTrue(System.nanoTime() < deadline, "round served");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        final BookSnapshots.Copy copy = snapshots.newCopy();
        assertEquals(BookSnapshots.COPIED, snapshots.copy(1, copy));
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(copy.buffer(), copy.bookOffset());
        final BookUpdateDecoder book = new BookUpdateDecoder().wrap(copy.buffer(),
            copy.bookOffset() + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(withLevels ? 2 : 0, book.bids().count(), "bid levels in the slot");
        return book.health();
    }

    private void book(final RingProducer producer, final boolean snapshot, final long seq, final long recvTsNs)
    {
        producer.frameReceived(System.nanoTime());
        final int offset = producer.claim(512);
        bookEncoder.wrapAndApplyHeader(producer.buffer(), offset, headerEncoder)
            .instrumentId(0)
            .venue(Venue.BINANCE_SPOT)
            .snapshot(snapshot ? BooleanType.TRUE : BooleanType.FALSE)
            .health(BookHealth.UNKNOWN)
            .exchTsNs(recvTsNs)
            .recvTsNs(recvTsNs)
            .seq(seq)
            .prevSeq(BookUpdateEncoder.prevSeqNullValue())
            .firstSeq(BookUpdateEncoder.firstSeqNullValue())
            .checksum(BookUpdateEncoder.checksumNullValue());
        bookEncoder.bidPrice().mantissa(Long.MIN_VALUE).exponent((byte)0);
        bookEncoder.bidQty().mantissa(Long.MIN_VALUE).exponent((byte)0);
        bookEncoder.askPrice().mantissa(Long.MIN_VALUE).exponent((byte)0);
        bookEncoder.askQty().mantissa(Long.MIN_VALUE).exponent((byte)0);
        final BookUpdateEncoder.BidsEncoder bids = bookEncoder.bidsCount(snapshot ? 2 : 1);
        bids.next().price().mantissa(100).exponent((byte)0);
        bids.qty().mantissa(seq).exponent((byte)-2);
        if (snapshot)
        {
            bids.next().price().mantissa(99).exponent((byte)0);
            bids.qty().mantissa(5).exponent((byte)-2);
        }
        final BookUpdateEncoder.AsksEncoder asks = bookEncoder.asksCount(1);
        asks.next().price().mantissa(101).exponent((byte)0);
        asks.qty().mantissa(7).exponent((byte)-2);
        producer.commit(MessageHeaderEncoder.ENCODED_LENGTH + bookEncoder.encodedLength(), BTC, 0, BTC.capacity());
    }

    private void status(final RingProducer producer, final StatusEvent event, final long detail, final long recvTsNs)
    {
        producer.frameReceived(System.nanoTime());
        final int offset = producer.claim(MessageHeaderEncoder.ENCODED_LENGTH + StatusEncoder.BLOCK_LENGTH);
        statusEncoder.wrapAndApplyHeader(producer.buffer(), offset, headerEncoder)
            .instrumentId(0)
            .venue(Venue.BINANCE_SPOT)
            .eventType(event)
            .reason(StatusReason.NONE)
            .exchTsNs(StatusEncoder.exchTsNsNullValue())
            .recvTsNs(recvTsNs)
            .expectedSeq(StatusEncoder.expectedSeqNullValue())
            .receivedSeq(StatusEncoder.receivedSeqNullValue())
            .detail(detail);
        producer.commit(MessageHeaderEncoder.ENCODED_LENGTH + StatusEncoder.BLOCK_LENGTH, BTC, 0, BTC.capacity());
    }

    /**
     * The journal as lines: times in ms after {@link #T0}, details in ms.
     */
    private static List<String> read(final Path journal)
    {
        final List<String> lines = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BookUpdateDecoder book = new BookUpdateDecoder();
        final StatusDecoder status = new StatusDecoder();
        try (JournalReader reader = new JournalReader(journal))
        {
            int delivered;
            do
            {
                delivered = reader.poll((buffer, offset, length, index) ->
                {
                    header.wrap(buffer, offset);
                    final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
                    if (header.templateId() == BookUpdateDecoder.TEMPLATE_ID)
                    {
                        book.wrap(buffer, body, header.blockLength(), header.version());
                        lines.add("book " + book.health() + (book.snapshot() == BooleanType.TRUE ? " snapshot" : "") +
                            " seq " + book.seq() + " recv " + ms(book.recvTsNs() - T0));
                    }
                    else if (header.templateId() == StatusDecoder.TEMPLATE_ID)
                    {
                        status.wrap(buffer, body, header.blockLength(), header.version());
                        lines.add("status " + status.eventType() + " " + status.reason() + " detail " +
                            (status.detail() == StatusDecoder.detailNullValue() ? "-" : ms(status.detail())) +
                            " received " + (status.receivedSeq() == StatusDecoder.receivedSeqNullValue() ? "-" :
                            String.valueOf(status.receivedSeq())) + " recv " + ms(status.recvTsNs() - T0));
                    }
                    else
                    {
                        lines.add("instrument");
                    }
                }, 64);
            }
            while (delivered > 0);
        }
        return lines;
    }

    private static String ms(final long ns)
    {
        return String.valueOf(TimeUnit.NANOSECONDS.toMillis(ns));
    }
}
