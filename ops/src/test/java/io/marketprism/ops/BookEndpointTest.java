/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.capture.CapturePacer;
import io.marketprism.feeds.capture.CaptureReader;
import io.marketprism.feeds.capture.CaptureRun;
import io.marketprism.feeds.capture.Captures;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /book/{venue}/{symbol}?depth=N} on a running pipeline fed a real Binance spot recording: the answer is
 * the book an independent model of the venue's book holds (Jackson and BigDecimal over the recording's own JSON),
 * level by level, as a JSON line of the public contract; answers taken while the recording streams in are each a
 * consistent book; bad requests get a status and a message that says what is allowed.
 */
final class BookEndpointTest
{
    private static final String RECORDING = "hftbacktest/spot/btcusdt_20240808.gz";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldAnswerTheVenuesBookLevelByLevelOnceTheRecordingIsIn() throws Exception
    {
        final ReferenceBook reference = ReferenceBook.load(TestRecordings.file(RECORDING));
        final ReferenceBook.State venueBook = reference.stateAtLine(Integer.MAX_VALUE);
        try (EngineCounters counters = new EngineCounters();
            MetricsServer server = MetricsServer.bind(context(true));
            MarketDataPipeline pipeline = MarketDataPipeline.start(context(true), Venues.rules(), counters))
        {
            server.start(counters.reader(), pipeline.latency(), pipeline.bookSnapshots());
            feed(pipeline);

            for (final int depth : new int[]{ 1, 7, 20 })
            {
                final HttpResponse<String> response = get(server, "/book/binance-spot/BTC-USDT?depth=" + depth);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
                assertEquals("true", response.headers().firstValue(BookEndpoint.ROUND_SERVED_HEADER).orElse(""),
                    "an idle pipeline serves the round at once");
                assertTrue(Long.parseLong(response.headers().firstValue(BookEndpoint.STREAM_SEQ_HEADER)
                    .orElse("0")) > 0);
                final List<JsonNode> lines = Cli.jsonLines(response.body());
                assertEquals(1, lines.size(), response.body());
                assertEquals(List.of(), JsonLinesContract.violations(lines));
                final JsonNode book = lines.get(0);
                assertEquals("book", book.get("type").asText());
                assertEquals("BTC-USDT", book.get("symbol").asText());
                assertEquals("BTCUSDT", book.get("venueSymbol").asText());
                assertTrue(book.get("snapshot").asBoolean());
                assertEquals("valid", book.get("health").asText());
                assertEquals(venueBook.lastId, book.get("seq").asLong(), "the book after the recording's last event");
                assertLevels(venueBook.bids, book.get("bids"), depth, "bids");
                assertLevels(venueBook.asks, book.get("asks"), depth, "asks");
                assertEquals(0, venueBook.bids.firstKey().compareTo(new BigDecimal(book.get("bidPrice").asText())));
                assertEquals(0, venueBook.asks.firstKey().compareTo(new BigDecimal(book.get("askPrice").asText())));
            }

            // the venue's own symbol, in any case, names the same book; no depth: snapshot.depth levels
            final JsonNode byVenueSymbol = Cli.jsonLines(get(server, "/book/binance-spot/btcusdt").body()).get(0);
            assertEquals(venueBook.lastId, byVenueSymbol.get("seq").asLong());
            assertEquals(context(true).snapshotDepth(), byVenueSymbol.get("bids").size());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldAnswerAConsistentBookWhileTheRecordingStreamsIn() throws Exception
    {
        try (EngineCounters counters = new EngineCounters();
            MetricsServer server = MetricsServer.bind(context(true));
            MarketDataPipeline pipeline = MarketDataPipeline.start(context(true), Venues.rules(), counters))
        {
            server.start(counters.reader(), pipeline.latency(), pipeline.bookSnapshots());
            final AtomicBoolean fed = new AtomicBoolean();
            final AtomicReference<Throwable> feedFailure = new AtomicReference<>();
            final Thread feeder = new Thread(() ->
            {
                try
                {
                    feed(pipeline, CapturePacer.fixedRate(20_000));
                }
                catch (final Throwable ex)
                {
                    feedFailure.set(ex);
                }
                finally
                {
                    fed.set(true);
                }
            }, "feeder");
            feeder.start();

            long lastSeq = 0;
            int books = 0;
            int validBooks = 0;
            while (!fed.get())
            {
                final HttpResponse<String> response = get(server, "/book/binance-spot/BTC-USDT?depth=10");
                if (response.statusCode() == 404)
                {
                    // not defined yet, or no book message yet
                    assertTrue(response.body().startsWith("no "), response.body());
                    continue;
                }
                assertEquals(200, response.statusCode(), response.body());
                final JsonNode book = Cli.jsonLines(response.body()).get(0);
                books++;
                if ("valid".equals(book.get("health").asText()))
                {
                    validBooks++;
                    final long seq = book.get("seq").asLong();
                    assertTrue(seq >= lastSeq, "the book went back from " + lastSeq + " to " + seq);
                    lastSeq = seq;
                    assertSorted(book.get("bids"), -1);
                    assertSorted(book.get("asks"), 1);
                    assertTrue(new BigDecimal(book.get("bids").get(0).get(0).asText())
                        .compareTo(new BigDecimal(book.get("asks").get(0).get(0).asText())) < 0, book.toString());
                    assertEquals(book.get("bidPrice").asText(), book.get("bids").get(0).get(0).asText());
                    assertEquals(book.get("askQty").asText(), book.get("asks").get(0).get(1).asText());
                }
            }
            feeder.join();
            assertNull(feedFailure.get());
            System.out.println("book answers while streaming: " + books + ", valid " + validBooks + ", last seq " +
                lastSeq);
            assertTrue(validBooks >= 5, "valid books answered while streaming: " + validBooks);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldSayWhatIsAllowedForEveryBadRequest() throws Exception
    {
        try (EngineCounters counters = new EngineCounters();
            MetricsServer server = MetricsServer.bind(context(true));
            MarketDataPipeline pipeline = MarketDataPipeline.start(context(true), Venues.rules(), counters))
        {
            server.start(counters.reader(), pipeline.latency(), pipeline.bookSnapshots());
            feed(pipeline);
            final Map<String, String> expected = Map.of(
                "/book/nowhere/BTC-USDT", "404 unknown venue 'nowhere'; venues: binance-spot, binance-usdm,",
                "/book/binance-spot/BTC-EUR", "404 no instrument 'BTC-EUR' on binance-spot; known: BTC-USDT",
                "/book/okx/BTC-USDT", "404 no instrument 'BTC-USDT' on okx; known: none yet",
                "/book/binance-spot/BTC-USDT?depth=0", "400 depth must be an integer from 1 to 50",
                "/book/binance-spot/BTC-USDT?depth=51", "400 depth must be an integer from 1 to 50",
                "/book/binance-spot/BTC-USDT?depth=x", "400 depth must be an integer from 1 to 50",
                "/book/binance-spot/BTC-USDT?depth=", "400 depth must be an integer from 1 to 50",
                "/book", "400 usage: GET /book/{venue}/{symbol}?depth=N",
                "/book/binance-spot", "400 usage: GET /book/{venue}/{symbol}?depth=N",
                "/bookish", "400 usage: GET /book/{venue}/{symbol}?depth=N");
            for (final Map.Entry<String, String> request : expected.entrySet())
            {
                final HttpResponse<String> response = get(server, request.getKey());
                final String answer = response.statusCode() + " " + response.body();
                assertTrue(answer.startsWith(request.getValue()), request.getKey() + " -> " + answer);
            }
        }

        try (EngineCounters counters = new EngineCounters();
            MetricsServer server = MetricsServer.bind(context(false));
            MarketDataPipeline pipeline = MarketDataPipeline.start(context(false), Venues.rules(), counters))
        {
            server.start(counters.reader(), pipeline.latency(), pipeline.bookSnapshots());
            final HttpResponse<String> response = get(server, "/book/binance-spot/BTC-USDT");
            assertEquals(404, response.statusCode());
            assertEquals("book snapshots are off (marketprism.snapshot.enabled=false): there is no book to show\n",
                response.body());
        }
    }

    private static EngineConfiguration.Context context(final boolean snapshots)
    {
        return new EngineConfiguration.Context()
            .journalEnabled(false)
            .publishEnabled(false)
            .snapshotEnabled(snapshots)
            .ringSize(4096)
            .logCapacityBytes(4 << 20)
            .httpEnabled(true)
            .httpPort(0)
            .conclude();
    }

    private static void feed(final MarketDataPipeline pipeline) throws Exception
    {
        feed(pipeline, CapturePacer.asFastAsPossible());
    }

    private static void feed(final MarketDataPipeline pipeline, final CapturePacer pacer) throws Exception
    {
        try (CaptureReader reader = Captures.open("hftbacktest", List.of(TestRecordings.file(RECORDING)), 0))
        {
            CaptureRun.run(pipeline, reader, new FrameDecoder[]{ Venues.newDecoder(Venue.BINANCE_SPOT) },
                new Venue[]{ Venue.BINANCE_SPOT }, (venue, symbol) ->
                {
                    throw new AssertionError("a clean recording asked for a resync of " + symbol);
                }, pacer, new BackoffIdleStrategy());
        }
        assertTrue(pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30)), "drained");
    }

    private HttpResponse<String> get(final MetricsServer server, final String path) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertLevels(
        final Map<BigDecimal, BigDecimal> expected, final JsonNode actual, final int depth, final String side)
    {
        final List<String> expectedLevels = new ArrayList<>();
        final Iterator<Map.Entry<BigDecimal, BigDecimal>> levels = expected.entrySet().iterator();
        while (levels.hasNext() && expectedLevels.size() < depth)
        {
            final Map.Entry<BigDecimal, BigDecimal> level = levels.next();
            expectedLevels.add(level.getKey().stripTrailingZeros().toPlainString() + " " +
                level.getValue().stripTrailingZeros().toPlainString());
        }
        final List<String> actualLevels = new ArrayList<>();
        for (final JsonNode level : actual)
        {
            actualLevels.add(new BigDecimal(level.get(0).asText()).stripTrailingZeros().toPlainString() + " " +
                new BigDecimal(level.get(1).asText()).stripTrailingZeros().toPlainString());
        }
        assertEquals(expectedLevels, actualLevels, side);
    }

    private static void assertSorted(final JsonNode levels, final int direction)
    {
        for (int i = 1; i < levels.size(); i++)
        {
            final int order = new BigDecimal(levels.get(i).get(0).asText())
                .compareTo(new BigDecimal(levels.get(i - 1).get(0).asText()));
            assertEquals(direction, Integer.signum(order), levels.toString());
        }
    }
}
