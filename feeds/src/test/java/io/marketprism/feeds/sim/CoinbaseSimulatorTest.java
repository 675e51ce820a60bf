/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketprism.feeds.net.WebSocketClient;
import io.marketprism.feeds.net.WebSocketConnection;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.sbe.Venue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
 * The simulator speaking Coinbase Advanced Trade from an Exchange-feed recording: the rendering keeps every recorded
 * book level and trade; the connection numbers its messages as Coinbase does (over all channels, a lost frame leaving a
 * hole, a repeated one its number again); the protocol acknowledges and refuses as Coinbase does; and on a live
 * timeline a late subscriber first gets each book as the venue then holds it, checked against the Exchange-feed
 * recording applied independently.
 */
@Timeout(value = 120)
class CoinbaseSimulatorTest
{
    static final String RECORDING = "cryptofeed/COINBASE.ws.28.0.gz";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldRenderEveryRecordedBookLevelAndTrade() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        final CoinbaseAdvancedTradeRendering rendering = new CoinbaseAdvancedTradeRendering();
        final Map<String, Book> exchange = new LinkedHashMap<>();
        final Map<String, Book> advanced = new LinkedHashMap<>();
        int snapshots = 0;
        int updates = 0;
        int trades = 0;
        for (final byte[] frame : recorded)
        {
            final JsonNode pro = MAPPER.readTree(frame);
            exchangeApply(exchange, pro);
            final byte[] rendered = rendering.render(frame, 1_618_677_817_000_000_000L);
            final String type = pro.path("type").asText();
            if (rendered == null)
            {
                assertFalse(List.of("snapshot", "l2update", "match", "last_match").contains(type), pro.toString());
                continue;
            }
            final JsonNode at = MAPPER.readTree(rendered);
            assertFalse(at.has("sequence_num"), "the connection numbers messages, not the recording");
            if ("market_trades".equals(at.path("channel").asText()))
            {
                final JsonNode trade = at.path("events").path(0).path("trades").path(0);
                assertEquals(pro.path("trade_id").asText(), trade.path("trade_id").asText());
                assertEquals(pro.path("price").asText(), trade.path("price").asText());
                assertEquals(pro.path("size").asText(), trade.path("size").asText());
                assertEquals(pro.path("side").asText().toUpperCase(java.util.Locale.ROOT), trade.path("side").asText());
                trades++;
                continue;
            }
            assertEquals("l2_data", at.path("channel").asText(), at.toString());
            final JsonNode event = at.path("events").path(0);
            if ("snapshot".equals(event.path("type").asText()))
            {
                snapshots++;
            }
            else
            {
                updates++;
            }
            advancedApply(advanced, event);
        }
        assertEquals(10, snapshots);
        assertEquals(9719, updates);
        assertEquals(107, trades, "matches and last matches");
        assertEquals(exchange.keySet(), advanced.keySet());
        exchange.forEach((product, book) ->
        {
            assertEquals(book.bids, advanced.get(product).bids, product + " bids");
            assertEquals(book.asks, advanced.get(product).asks, product + " asks");
        });
    }

    @Test
    void shouldNumberTheConnectionsMessagesAsCoinbaseDoes()
    {
        final CoinbaseProtocol protocol = new CoinbaseProtocol();
        // acknowledgements before the replay, the replay, a repeat, an acknowledgement inside it, a lost frame
        assertEquals(0, number(protocol, 0, false));
        assertEquals(1, number(protocol, 0, false));
        assertEquals(2, number(protocol, 0, true));
        assertEquals(3, number(protocol, 1, true));
        assertEquals(3, number(protocol, 1, true), "a repeated frame repeats its number");
        assertEquals(4, number(protocol, 2, false), "an acknowledgement takes the next number");
        assertEquals(5, number(protocol, 2, true));
        assertEquals(7, number(protocol, 4, true), "a lost frame leaves its number unused");
        final ByteBuf error = Unpooled.copiedBuffer("{\"type\":\"error\",\"message\":\"x\"}", StandardCharsets.UTF_8);
        assertTrue(error == protocol.outbound(error, 5, false), "an error carries no number");
        error.release();
        assertEquals(8, number(protocol, 5, true));
    }

    @Test
    void shouldAcknowledgeSubscriptionsAndRefuseAsCoinbaseDoes() throws Exception
    {
        final CoinbaseProtocol protocol = new CoinbaseProtocol();
        assertTrue(protocol.isEndpoint("/"));
        assertEquals("error", MAPPER.readTree(protocol.onClientText("{").text()).path("type").asText());
        assertTrue(protocol.onClientText("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channel\":\"full\"}")
            .text().contains("unknown channel full"));
        assertTrue(protocol.onClientText("{\"type\":\"subscribe\",\"channel\":\"level2\"}").text()
            .contains("product_ids required"));
        final VenueProtocol.Reply heartbeats =
            protocol.onClientText("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
        assertFalse(heartbeats.isSubscribed(), "heartbeats alone start no replay");
        final VenueProtocol.Reply level2 = protocol.onClientText(
            "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"level2\"}");
        assertTrue(level2.isSubscribed());
        final JsonNode ack = MAPPER.readTree(level2.text());
        assertEquals("subscriptions", ack.path("channel").asText());
        assertEquals("[\"BTC-USD\",\"ETH-USD\"]", ack.path("events").path(0).path("subscriptions").path("level2")
            .toString());
        assertTrue(ack.path("events").path(0).path("subscriptions").has("heartbeats"));
    }

    @Test
    void shouldReplayTheRenderingNumberedFromZero() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        final CoinbaseAdvancedTradeRendering rendering = new CoinbaseAdvancedTradeRendering();
        final List<JsonNode> rendered = new ArrayList<>();
        for (final byte[] frame : recorded)
        {
            final byte[] at = rendering.render(frame, 0);
            if (at != null)
            {
                rendered.add(MAPPER.readTree(at));
            }
        }
        try (VenueSimulator simulator = VenueSimulator.start(context().rate("max"));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = plan(simulator);
            // heartbeats' and level2's acknowledgements, then the replay
            final SimulatorLoopbackTest.Collector collector =
                new SimulatorLoopbackTest.Collector(plan.frames(), 2 + rendered.size());
            final WebSocketConnection connection =
                client.connect(new WebSocketConnection.Context().uri(plan.url()), collector);
            collector.await(connection);
            for (int i = 0; i < collector.frames.size(); i++)
            {
                final JsonNode frame = MAPPER.readTree(collector.frames.get(i));
                assertEquals(i, frame.path("sequence_num").asLong(), "frame " + i);
                if (i >= 2)
                {
                    // a snapshot's level times are its receive time, which the recorded messages here do not carry
                    assertTrue(withoutLevelTimes(rendered.get(i - 2)).equals(withoutLevelTimes(frame)),
                        "frame " + i + " as rendered");
                }
            }
        }
    }

    @Test
    void shouldSnapshotEachBookAsTheVenueHoldsItForALateSubscriber() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        final CoinbaseAdvancedTradeRendering rendering = new CoinbaseAdvancedTradeRendering();
        final int lost = 5000;
        final Map<String, Book> reference = new LinkedHashMap<>();
        int timelineFrames = 0;
        for (int i = 0; timelineFrames < lost; i++)
        {
            if (rendering.render(recorded.get(i), 0) == null)
            {
                continue;
            }
            timelineFrames++;
            exchangeApply(reference, MAPPER.readTree(recorded.get(i)));
        }
        // heartbeats' and level2's acknowledgements, then a snapshot per book
        final List<byte[]> frames = SimulatorLoopbackTest.lateSubscriberFrames(
            context(), CoinbaseSimulatorTest::plan, lost, 2 + reference.size());
        long number = -1;
        for (final byte[] frame : frames)
        {
            final JsonNode message = MAPPER.readTree(frame);
            assertEquals(++number, message.path("sequence_num").asLong(), "numbered from 0 on the new connection");
            if (number < 2)
            {
                continue;
            }
            final JsonNode event = message.path("events").path(0);
            assertEquals("snapshot", event.path("type").asText(), message.toString());
            final String product = event.path("product_id").asText();
            final Book expected = reference.remove(product);
            assertNotNull(expected, "a snapshot of a book the venue held: " + product);
            final Map<String, Book> got = new LinkedHashMap<>();
            advancedApply(got, event);
            assertEquals(expected.bids, got.get(product).bids, product + " bids");
            assertEquals(expected.asks, got.get(product).asks, product + " asks");
        }
        assertTrue(reference.isEmpty(), "books without a snapshot: " + reference.keySet());
    }

    static VenueSimulator.Context context()
    {
        return new VenueSimulator.Context()
            .venue(Venue.COINBASE)
            .recording(List.of(SimulatorLoopbackTest.recording(RECORDING)))
            .recordingFormat("cryptofeed");
    }

    static ConnectionPlan plan(final VenueSimulator simulator)
    {
        final List<ConnectionPlan> plans = SubscriptionBuilders.forVenue(Venue.COINBASE, simulator.baseUrl())
            .plan(SubscriptionRequest.subscribe(List.of("SKL-USD"), List.of(DataType.BOOK)));
        assertEquals(1, plans.size());
        return plans.get(0);
    }

    private static JsonNode withoutLevelTimes(final JsonNode message)
    {
        final JsonNode events = message.path("events").deepCopy();
        for (final JsonNode event : events)
        {
            event.path("updates").forEach(level -> ((com.fasterxml.jackson.databind.node.ObjectNode)level)
                .remove("event_time"));
        }
        return events;
    }

    private static long number(final CoinbaseProtocol protocol, final long position, final boolean replayed)
    {
        final ByteBuf out = protocol.outbound(Unpooled.copiedBuffer(
            "{\"channel\":\"l2_data\",\"client_id\":\"\",\"events\":[{\"type\":\"update\"}]}", StandardCharsets.UTF_8),
            position, replayed);
        try
        {
            return MAPPER.readTree(out.toString(StandardCharsets.UTF_8)).path("sequence_num").asLong(-1);
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError(ex);
        }
        finally
        {
            out.release();
        }
    }

    /**
     * Applies an Exchange-feed message ({@code snapshot}, {@code l2update}) to reference books.
     */
    private static void exchangeApply(final Map<String, Book> books, final JsonNode message)
    {
        final String product = message.path("product_id").asText();
        final String type = message.path("type").asText();
        if ("snapshot".equals(type))
        {
            final Book book = new Book();
            message.path("bids").forEach(level -> book.set(true, level.path(0).asText(), level.path(1).asText()));
            message.path("asks").forEach(level -> book.set(false, level.path(0).asText(), level.path(1).asText()));
            books.put(product, book);
        }
        else if ("l2update".equals(type) && books.containsKey(product))
        {
            final Book book = books.get(product);
            message.path("changes").forEach(change -> book.set("buy".equals(change.path(0).asText()),
                change.path(1).asText(), change.path(2).asText()));
        }
    }

    /**
     * Applies an Advanced Trade {@code l2_data} event to reference books.
     */
    private static void advancedApply(final Map<String, Book> books, final JsonNode event)
    {
        final String product = event.path("product_id").asText();
        if ("snapshot".equals(event.path("type").asText()))
        {
            books.put(product, new Book());
        }
        final Book book = books.get(product);
        event.path("updates").forEach(level -> book.set("bid".equals(level.path("side").asText()),
            level.path("price_level").asText(), level.path("new_quantity").asText()));
    }

    /**
     * A reference book: the recorded texts by price.
     */
    private static final class Book
    {
        final TreeMap<BigDecimal, String> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, String> asks = new TreeMap<>();

        void set(final boolean bid, final String price, final String quantity)
        {
            final TreeMap<BigDecimal, String> side = bid ? bids : asks;
            if (new BigDecimal(quantity).signum() == 0)
            {
                side.remove(new BigDecimal(price));
            }
            else
            {
                side.put(new BigDecimal(price), quantity);
            }
        }
    }
}
