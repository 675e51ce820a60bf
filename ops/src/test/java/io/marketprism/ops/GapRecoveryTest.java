/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.engine.book.BookSynchronizer;
import io.marketprism.engine.book.OrderBook;
import io.marketprism.engine.stage.JsonLinesSink;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.capture.CaptureFrame;
import io.marketprism.feeds.capture.CapturePacer;
import io.marketprism.feeds.capture.CaptureReader;
import io.marketprism.feeds.capture.CaptureRun;
import io.marketprism.feeds.capture.Captures;
import io.marketprism.feeds.capture.SnapshotSource;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gap derived from a real recording: one depth event of Binance spot BTCUSDT is dropped. The book must go
 * {@code resyncing} (a {@code gap} status names the ids), no {@code book} line may be valid until a new snapshot has
 * been applied, and after the snapshot the book must recover: valid again, equal to the bookTicker at shared ids,
 * and at the end equal level by level to an independent model of the venue's book fed the clean recording.
 */
final class GapRecoveryTest
{
    private static final String RECORDING = "hftbacktest/spot/btcusdt_20240808.gz";
    private static final int DROPPED_DEPTH_EVENT_AFTER_SNAPSHOT = 200;

    @Test
    void shouldResyncAfterGapAndRecoverToTheVenuesBook() throws IOException
    {
        final ReferenceBook reference = ReferenceBook.load(TestRecordings.file(RECORDING));
        final int droppedLine = droppedLine(reference);
        final AtomicInteger lastDeliveredLine = new AtomicInteger(-1);
        final AtomicInteger snapshotsServed = new AtomicInteger();
        final SnapshotSource snapshots = (venue, symbol) ->
        {
            assertEquals(Venue.BINANCE_SPOT, venue);
            assertEquals("BTCUSDT", symbol);
            snapshotsServed.incrementAndGet();
            return reference.stateAtLine(lastDeliveredLine.get()).restSnapshot();
        };

        final Run run = run(droppedLine, lastDeliveredLine, snapshots);
        final List<JsonNode> lines = run.lines;
        assertEquals(List.of(), JsonLinesContract.violations(lines));
        assertEquals(1, snapshotsServed.get(), "one resync request answered");

        final int gap = indexOfStatus(lines, "gap", 0);
        assertTrue(gap > 0, "no gap status");
        assertEquals(-1, indexOfStatus(lines, "gap", gap + 1), "a second gap");
        assertTrue(lines.get(gap).path("reason").asText().startsWith("sequence_gap"), lines.get(gap).toString());
        final int resync = indexOfStatus(lines, "resync", gap + 1);
        assertTrue(resync > gap, "no resync after the gap");

        final JsonNode afterGap = nextBook(lines, gap + 1);
        assertEquals("resyncing", afterGap.get("health").asText(), "the update that revealed the gap");
        for (int i = gap; i < resync; i++)
        {
            final JsonNode line = lines.get(i);
            assertFalse("book".equals(line.get("type").asText()) && "valid".equals(line.get("health").asText()),
                "valid book between the gap and the resync: " + line);
        }
        final JsonNode snapshot = nextBook(lines, resync + 1);
        assertTrue(snapshot.get("snapshot").asBoolean(), "the line after the resync status is the snapshot");
        assertEquals("valid", snapshot.get("health").asText());
        for (int i = resync; i < lines.size(); i++)
        {
            final JsonNode line = lines.get(i);
            assertFalse("book".equals(line.get("type").asText()) && !"valid".equals(line.get("health").asText()),
                "book not valid after recovery: " + line);
        }
        assertTrue(topMatchesBookTicker(lines, resync) > 100, "too few bbo/book comparisons after recovery");

        final ReferenceBook.State venueBook = reference.stateAtLine(Integer.MAX_VALUE);
        assertEquals(venueBook.lastId, run.finalSeq, "final book sequence");
        assertBookEquals(venueBook, run.finalBook);
    }

    @Test
    void shouldStayResyncingAfterGapWhenNoSnapshotCanBeHad() throws IOException
    {
        final ReferenceBook reference = ReferenceBook.load(TestRecordings.file(RECORDING));
        final Run run = run(droppedLine(reference), new AtomicInteger(), SnapshotSource.NONE);
        final List<JsonNode> lines = run.lines;
        final int gap = indexOfStatus(lines, "gap", 0);
        assertTrue(gap > 0, "no gap status");
        assertEquals(-1, indexOfStatus(lines, "resync", gap + 1), "resync without a snapshot");
        int books = 0;
        for (int i = gap; i < lines.size(); i++)
        {
            final JsonNode line = lines.get(i);
            if ("book".equals(line.get("type").asText()))
            {
                books++;
                assertEquals("resyncing", line.get("health").asText(), line.toString());
            }
        }
        assertTrue(books > 100, "book lines after the gap: " + books);
        assertFalse(run.finalValid, "book valid at the end without a snapshot");
    }

    private static int droppedLine(final ReferenceBook reference)
    {
        int afterSnapshot = 0;
        for (final ReferenceBook.DepthEvent event : reference.events)
        {
            if (event.line > reference.snapshotLine && ++afterSnapshot == DROPPED_DEPTH_EVENT_AFTER_SNAPSHOT)
            {
                return event.line;
            }
        }
        throw new IllegalStateException("recording too short");
    }

    private static Run run(final int droppedLine, final AtomicInteger lastDeliveredLine, final SnapshotSource snapshots)
        throws IOException
    {
        final EngineConfiguration.Context context = new EngineConfiguration.Context()
            .journalEnabled(false)
            .publishEnabled(false)
            .ringSize(1024)
            .logCapacityBytes(4 << 20);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Run run = new Run();
        try (EngineCounters counters = new EngineCounters();
            CaptureReader reader = new DroppingReader(
                Captures.open("hftbacktest", List.of(TestRecordings.file(RECORDING)), 0), droppedLine,
                lastDeliveredLine);
            MarketDataPipeline pipeline = MarketDataPipeline.start(
                context, Venues.rules(), counters, new JsonLinesSink(out)))
        {
            CaptureRun.run(pipeline, reader, new FrameDecoder[]{ Venues.newDecoder(Venue.BINANCE_SPOT) },
                new Venue[]{ Venue.BINANCE_SPOT }, snapshots, CapturePacer.asFastAsPossible(),
                new BackoffIdleStrategy());
            assertEquals(1, counters.gaps.get(), "gaps counted");
            final BookSynchronizer book = pipeline.normalize().book(1);
            run.finalValid = book.isValid();
            run.finalSeq = book.seq();
            run.finalBook = book.book();
            run.lines = Cli.jsonLines(out.toString(StandardCharsets.UTF_8));
        }
        return run;
    }

    private static int indexOfStatus(final List<JsonNode> lines, final String event, final int from)
    {
        for (int i = from; i < lines.size(); i++)
        {
            if ("status".equals(lines.get(i).get("type").asText()) && event.equals(lines.get(i).get("event").asText()))
            {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode nextBook(final List<JsonNode> lines, final int from)
    {
        for (int i = from; i < lines.size(); i++)
        {
            if ("book".equals(lines.get(i).get("type").asText()))
            {
                return lines.get(i);
            }
        }
        throw new AssertionError("no book line after index " + from);
    }

    private static int topMatchesBookTicker(final List<JsonNode> lines, final int from)
    {
        final Map<Long, JsonNode> books = new java.util.HashMap<>();
        for (int i = from; i < lines.size(); i++)
        {
            if ("book".equals(lines.get(i).get("type").asText()))
            {
                books.put(lines.get(i).get("seq").asLong(), lines.get(i));
            }
        }
        int compared = 0;
        for (int i = from; i < lines.size(); i++)
        {
            final JsonNode bbo = lines.get(i);
            final JsonNode book = "bbo".equals(bbo.get("type").asText()) ? books.get(bbo.get("seq").asLong()) : null;
            if (book != null)
            {
                for (final String field : new String[]{ "bidPrice", "bidQty", "askPrice", "askQty" })
                {
                    assertEquals(bbo.get(field).asText(), book.get(field).asText(),
                        field + " at seq " + bbo.get("seq"));
                }
                compared++;
            }
        }
        return compared;
    }

    private static void assertBookEquals(final ReferenceBook.State expected, final OrderBook actual)
    {
        final List<String> expectedBids = new ArrayList<>();
        expected.bids.forEach((price, qty) -> expectedBids.add(price.stripTrailingZeros().toPlainString() + "@" +
            qty.stripTrailingZeros().toPlainString()));
        final List<String> expectedAsks = new ArrayList<>();
        expected.asks.forEach((price, qty) -> expectedAsks.add(price.stripTrailingZeros().toPlainString() + "@" +
            qty.stripTrailingZeros().toPlainString()));
        final List<String> actualBids = new ArrayList<>();
        for (int i = 0; i < actual.bidCount(); i++)
        {
            actualBids.add(decimal(actual.bidPrice(i), actual.priceExponent()) + "@" +
                decimal(actual.bidQty(i), actual.qtyExponent()));
        }
        final List<String> actualAsks = new ArrayList<>();
        for (int i = 0; i < actual.askCount(); i++)
        {
            actualAsks.add(decimal(actual.askPrice(i), actual.priceExponent()) + "@" +
                decimal(actual.askQty(i), actual.qtyExponent()));
        }
        assertEquals(expectedBids, actualBids, "bids, best first");
        assertEquals(expectedAsks, actualAsks, "asks, best first");
    }

    private static String decimal(final long mantissa, final int exponent)
    {
        return BigDecimal.valueOf(mantissa, -exponent).stripTrailingZeros().toPlainString();
    }

    /**
     * The recording with one line left out, telling the test which line was delivered last.
     */
    private static final class DroppingReader implements CaptureReader
    {
        private final CaptureReader delegate;
        private final int droppedLine;
        private final AtomicInteger lastDeliveredLine;
        private int line = -1;

        DroppingReader(final CaptureReader delegate, final int droppedLine, final AtomicInteger lastDeliveredLine)
        {
            this.delegate = delegate;
            this.droppedLine = droppedLine;
            this.lastDeliveredLine = lastDeliveredLine;
        }

        @Override
        public boolean next(final CaptureFrame frame) throws IOException
        {
            while (delegate.next(frame))
            {
                line++;
                if (line != droppedLine)
                {
                    lastDeliveredLine.set(line);
                    return true;
                }
            }
            return false;
        }

        @Override
        public long skippedLines()
        {
            return delegate.skippedLines();
        }

        @Override
        public void close() throws IOException
        {
            delegate.close();
        }
    }

    /**
     * What a run left behind.
     */
    private static final class Run
    {
        List<JsonNode> lines;
        boolean finalValid;
        long finalSeq;
        OrderBook finalBook;
    }
}
