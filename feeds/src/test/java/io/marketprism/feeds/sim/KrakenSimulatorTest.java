/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketprism.feeds.net.WebSocketClient;
import io.marketprism.feeds.net.WebSocketConnection;
import io.marketprism.feeds.session.StreamFeedVenue;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator speaking Kraken's WebSocket v2 from a v1 recording: the rendering keeps every recorded value and
 * Kraken's own checksums, which hold for a book built from the rendered messages; the protocol acknowledges each
 * symbol, answers the v2 ping and refuses as Kraken does; and on a live timeline a late subscriber first gets each
 * book as the venue then holds it, checked against the v1 recording applied independently.
 */
@Timeout(value = 120)
class KrakenSimulatorTest
{
    static final String RECORDING = "cryptofeed/KRAKEN.ws.50.0";
    private static final ObjectMapper MAPPER = StreamBooks.exactDecimals();

    @Test
    void shouldRenderEveryRecordedBookMessageWithKrakensOwnChecksum() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        final KrakenV2Rendering rendering = new KrakenV2Rendering();
        final Map<String, Book> books = new LinkedHashMap<>();
        int snapshots = 0;
        int updates = 0;
        for (final byte[] frame : recorded)
        {
            final byte[] rendered = rendering.render(frame, 0);
            final JsonNode v1 = MAPPER.readTree(frame);
            if (rendered == null)
            {
                assertFalse(v1.isArray() && v1.size() >= 4 && v1.get(v1.size() - 2).asText().startsWith("book-"),
                    "a book message left out: " + v1);
                continue;
            }
            final JsonNode v2 = MAPPER.readTree(rendered);
            assertEquals("book", v2.path("channel").asText(), v2.toString());
            final JsonNode entry = v2.path("data").path(0);
            final String symbol = entry.path("symbol").asText();
            assertEquals(v1.get(v1.size() - 1).asText().replace("XBT", "BTC"), symbol);
            final boolean snapshot = "snapshot".equals(v2.path("type").asText());
            if (snapshot)
            {
                books.put(symbol, new Book());
                snapshots++;
            }
            else
            {
                updates++;
            }
            final Book book = books.get(symbol);
            assertNotNull(book, "an update after its book's snapshot: " + symbol);
            entry.path("bids").forEach(level -> book.set(book.bids, level));
            entry.path("asks").forEach(level -> book.set(book.asks, level));
            book.cut();
            assertEquals(book.checksum(), entry.path("checksum").asLong(), symbol + " at " + v2);
            if (!snapshot)
            {
                // the v1 message's own checksum, as Kraken computed it, travels unchanged
                assertTrue(new String(frame, java.nio.charset.StandardCharsets.UTF_8)
                    .contains("\"c\":\"" + entry.path("checksum").asLong() + "\""), v2.toString());
            }
        }
        assertEquals(10, snapshots, "a snapshot per pair");
        assertEquals(4269, updates, "every checksummed update of the recording");
        assertEquals(sorted(List.of("WAVES/EUR", "XMR/USD", "KSM/BTC", "GRT/ETH", "SC/EUR", "ETH/CHF", "OCEAN/BTC",
            "OMG/USD", "BTC/CHF", "ADA/BTC")), sorted(books.keySet()), "v2 names: XBT is BTC");
    }

    @Test
    void shouldAcknowledgeEachSymbolAnswerThePingAndRefuseAsKrakenDoes()
    {
        final KrakenProtocol protocol = new KrakenProtocol();
        assertTrue(protocol.isEndpoint("/v2"));
        assertFalse(protocol.isEndpoint("/"));
        assertTrue(protocol.onClientText("{").text().contains("\"success\":false"));
        final JsonNode pong = parse(protocol.onClientText("{\"method\":\"ping\",\"req_id\":7}").text());
        assertEquals("pong", pong.path("method").asText());
        assertEquals(7, pong.path("req_id").asInt());
        final JsonNode shallow = parse(protocol.onClientText("{\"method\":\"subscribe\",\"params\":{\"channel\":" +
            "\"book\",\"symbol\":[\"BTC/USD\"]},\"req_id\":1}").text());
        assertFalse(shallow.path("success").asBoolean(true), shallow.toString());
        assertTrue(shallow.path("error").asText().contains("depth 1000"), shallow.toString());
        assertTrue(protocol.onClientText("{\"method\":\"subscribe\",\"params\":{\"channel\":\"spreads\"," +
            "\"symbol\":[\"BTC/USD\"]},\"req_id\":2}").text().contains("Channel spreads not found"));

        final VenueProtocol.Reply two = protocol.onClientText("{\"method\":\"subscribe\",\"params\":{\"channel\":" +
            "\"book\",\"symbol\":[\"BTC/USD\",\"ETH/USD\"],\"depth\":1000},\"req_id\":3}");
        assertTrue(two.isSubscribed());
        final JsonNode ack = parse(two.text());
        assertTrue(ack.path("success").asBoolean(), ack.toString());
        assertEquals(3, ack.path("req_id").asInt());
        assertEquals("BTC/USD", ack.path("result").path("symbol").asText());
        assertEquals(1000, ack.path("result").path("depth").asInt());
        assertEquals(1, two.more().length);
        assertEquals(List.of("book:BTC/USD", "book:ETH/USD"), List.copyOf(protocol.subscriptions()));
    }

    @Test
    void shouldReplayTheRenderingAndKeepTheTextPongsFromTheHandler() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        final KrakenV2Rendering rendering = new KrakenV2Rendering();
        final List<byte[]> rendered = new ArrayList<>();
        for (final byte[] frame : recorded)
        {
            final byte[] v2 = rendering.render(frame, 0);
            if (v2 != null)
            {
                rendered.add(v2);
            }
        }
        try (VenueSimulator simulator = VenueSimulator.start(context().rate("max"));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = plan(simulator);
            final SimulatorLoopbackTest.Collector collector =
                new SimulatorLoopbackTest.Collector(plan.frames(), 1 + rendered.size());
            final WebSocketConnection connection = SimulatorLoopbackTest.connectPinging(
                client, plan.url(), StreamFeedVenue.KRAKEN_KEEP_ALIVE, collector);
            collector.await(connection);
            assertTrue(parse(collector.frames.get(0)).path("success").asBoolean(), "the acknowledgement");
            for (int i = 0; i < rendered.size(); i++)
            {
                assertEquals(new String(rendered.get(i), java.nio.charset.StandardCharsets.UTF_8),
                    new String(collector.frames.get(1 + i), java.nio.charset.StandardCharsets.UTF_8), "frame " + i);
            }
            SimulatorLoopbackTest.assertTextPongsKept(simulator, connection, collector, 1 + rendered.size());
        }
    }

    @Test
    void shouldSnapshotEachBookAsTheVenueHoldsItForALateSubscriber() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        // the reference: the v1 recording applied as v1 writes it, up to the frame where the first client is lost
        final KrakenV2Rendering rendering = new KrakenV2Rendering();
        final int lost = 2000;
        final Map<String, Book> reference = new LinkedHashMap<>();
        int timelineFrames = 0;
        for (int i = 0; timelineFrames < lost; i++)
        {
            final byte[] frame = recorded.get(i);
            if (rendering.render(frame, 0) == null)
            {
                continue;
            }
            timelineFrames++;
            final JsonNode v1 = MAPPER.readTree(frame);
            final String pair = KrakenV2Rendering.v2Symbol(v1.get(v1.size() - 1).asText());
            for (int p = 1; p < v1.size() - 2; p++)
            {
                final JsonNode payload = v1.get(p);
                if (payload.has("as") || payload.has("bs"))
                {
                    reference.put(pair, new Book());
                }
                final Book book = reference.get(pair);
                for (final String key : List.of("as", "a", "bs", "b"))
                {
                    payload.path(key).forEach(level -> book.setV1(key.startsWith("a") ? book.asks : book.bids, level));
                }
                book.cut();
            }
        }
        // the subscription's one acknowledgement, then a snapshot per book
        final List<byte[]> frames = SimulatorLoopbackTest.lateSubscriberFrames(
            context(), KrakenSimulatorTest::plan, lost, 1 + reference.size());
        for (final byte[] frame : frames.subList(1, frames.size()))
        {
            final JsonNode snapshot = MAPPER.readTree(frame);
            assertEquals("snapshot", snapshot.path("type").asText(), snapshot.toString());
            final JsonNode entry = snapshot.path("data").path(0);
            final String symbol = entry.path("symbol").asText();
            final Book expected = reference.remove(symbol);
            assertNotNull(expected, "a snapshot of a book the venue held: " + symbol);
            final Book got = new Book();
            entry.path("bids").forEach(level -> got.set(got.bids, level));
            entry.path("asks").forEach(level -> got.set(got.asks, level));
            assertEquals(expected.bids, got.bids, symbol + " bids");
            assertEquals(expected.asks, got.asks, symbol + " asks");
            assertEquals(expected.checksum(), entry.path("checksum").asLong(), symbol + " checksum");
        }
        assertTrue(reference.isEmpty(), "books without a snapshot: " + reference.keySet());
    }

    static VenueSimulator.Context context()
    {
        return new VenueSimulator.Context()
            .venue(Venue.KRAKEN)
            .recording(List.of(SimulatorLoopbackTest.recording(RECORDING)))
            .recordingFormat("cryptofeed");
    }

    static ConnectionPlan plan(final VenueSimulator simulator)
    {
        final List<ConnectionPlan> plans = SubscriptionBuilders.forVenue(Venue.KRAKEN, simulator.baseUrl())
            .plan(SubscriptionRequest.subscribe(List.of("XMR/USD"), List.of(DataType.BOOK)));
        assertEquals(1, plans.size());
        return plans.get(0);
    }

    private static List<String> sorted(final java.util.Collection<String> symbols)
    {
        final List<String> list = new ArrayList<>(symbols);
        list.sort(Comparator.naturalOrder());
        return list;
    }

    private static JsonNode parse(final String text)
    {
        try
        {
            return MAPPER.readTree(text);
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError(text, ex);
        }
    }

    private static JsonNode parse(final byte[] frame)
    {
        return parse(new String(frame, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A reference book: levels by price, each as the text Kraken wrote ({@code [price, qty]}), best first.
     */
    private static final class Book
    {
        final TreeMap<BigDecimal, List<String>> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, List<String>> asks = new TreeMap<>();

        void set(final TreeMap<BigDecimal, List<String>> side, final JsonNode level)
        {
            put(side, level.path("price").decimalValue().toPlainString(),
                level.path("qty").decimalValue().toPlainString());
        }

        void setV1(final TreeMap<BigDecimal, List<String>> side, final JsonNode level)
        {
            put(side, level.path(0).asText(), level.path(1).asText());
        }

        void cut()
        {
            while (bids.size() > 1000)
            {
                bids.pollLastEntry();
            }
            while (asks.size() > 1000)
            {
                asks.pollLastEntry();
            }
        }

        long checksum()
        {
            return KrakenV2Rendering.checksum(top(asks), top(bids));
        }

        private static void put(final TreeMap<BigDecimal, List<String>> side, final String price, final String qty)
        {
            if (new BigDecimal(qty).signum() == 0)
            {
                side.remove(new BigDecimal(price));
            }
            else
            {
                side.put(new BigDecimal(price), List.of(price, qty));
            }
        }

        private static List<String[]> top(final TreeMap<BigDecimal, List<String>> side)
        {
            final List<String[]> top = new ArrayList<>();
            for (final List<String> level : side.values())
            {
                top.add(new String[] {level.get(0), level.get(1)});
            }
            return top;
        }
    }
}
