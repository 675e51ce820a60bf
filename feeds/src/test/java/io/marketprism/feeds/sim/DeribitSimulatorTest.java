/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator speaking Deribit's JSON-RPC to the client transport on loopback: heartbeats set and a
 * {@code test_request} sent at once, which the client's keep-alive answers with {@code public/test} (seen coming back
 * as the response with the answer's id); the session's own {@code public/test} pings and their responses (kept from
 * the handler); JSON-RPC errors; and, on a live timeline, a late subscriber's first messages: each book as the venue
 * then holds it, checked against the recording applied independently.
 */
@Timeout(value = 120)
class DeribitSimulatorTest
{
    static final String RECORDING = "cryptofeed/DERIBIT.ws.1.0";
    private static final ObjectMapper MAPPER =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void shouldAnswerTheVenuesTestRequestAndPingWithPublicTest() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        try (VenueSimulator simulator = VenueSimulator.start(context().rate("max"));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = plan(simulator);
            // set_heartbeat's result, the subscription's result, the recording, and the response to the answer of the
            // test_request (the test_request itself is the transport's: answered, not handed on)
            final SimulatorLoopbackTest.Collector collector =
                new SimulatorLoopbackTest.Collector(plan.frames(), 3 + recorded.size());
            final WebSocketConnection connection =
                SimulatorLoopbackTest.connectPinging(client, plan.url(), StreamFeedVenue.DERIBIT_KEEP_ALIVE, collector);
            collector.await(connection);

            assertEquals(1, connection.counter(WebSocketConnection.PINGS_RECEIVED), "the venue's test_request");
            int answered = 0;
            int heartbeats = 0;
            for (final byte[] frame : collector.frames)
            {
                final String text = new String(frame, StandardCharsets.UTF_8);
                answered += text.contains("\"id\":" + StreamFeedVenue.DERIBIT_ANSWER_ID) ? 1 : 0;
                heartbeats += text.contains("test_request") ? 1 : 0;
            }
            assertEquals(1, answered, "the response to the client's answer, public/test");
            assertEquals(0, heartbeats, "the test_request was not handed on");

            SimulatorLoopbackTest.assertTextPongsKept(simulator, connection, collector, 3 + recorded.size());
        }
    }

    @Test
    void shouldAnswerAsDeribitDoes()
    {
        final DeribitProtocol protocol = new DeribitProtocol();
        assertTrue(protocol.isEndpoint("/ws/api/v2"));
        assertFalse(protocol.isEndpoint("/ws/api/v1"));
        assertTrue(protocol.onClientText("{").text().contains("-32700"));
        assertTrue(protocol.onClientText("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"public/hello\"}").text()
            .contains("\"code\":-32601"));
        assertTrue(protocol.onClientText(
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"public/set_heartbeat\",\"params\":{\"interval\":5}}").text()
            .contains("\"code\":-32602"), "an interval below 10 s");
        final VenueProtocol.Reply heartbeat = protocol.onClientText(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/set_heartbeat\",\"params\":{\"interval\":30}}");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"ok\"}", heartbeat.text());
        assertTrue(heartbeat.more()[0].contains("\"test_request\""));
        final VenueProtocol.Reply subscribed = protocol.onClientText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":" +
            "\"public/subscribe\",\"params\":{\"channels\":[\"book.BTC-PERPETUAL.100ms\"]}}");
        assertTrue(subscribed.isSubscribed());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":[\"book.BTC-PERPETUAL.100ms\"]}", subscribed.text());
        protocol.onClientText("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"public/test\",\"params\":{}}");
        assertEquals(1, protocol.tests());
    }

    @Test
    void shouldSnapshotEachBookAsTheVenueHoldsItForALateSubscriber() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        final int lost = 80;
        // the reference: every book channel's messages up to the one lost to the fault, applied here
        final Map<String, TreeMap<BigDecimal, BigDecimal>[]> reference = new LinkedHashMap<>();
        final Map<String, Long> changeIds = new LinkedHashMap<>();
        for (int i = 0; i < lost; i++)
        {
            final JsonNode params = MAPPER.readTree(recorded.get(i)).path("params");
            final String channel = params.path("channel").asText();
            if (!channel.startsWith("book."))
            {
                continue;
            }
            final JsonNode data = params.path("data");
            if ("snapshot".equals(data.path("type").asText()))
            {
                @SuppressWarnings("unchecked")
                final TreeMap<BigDecimal, BigDecimal>[] sides = new TreeMap[] {new TreeMap<>(), new TreeMap<>()};
                reference.put(channel, sides);
            }
            apply(reference.get(channel)[0], data.path("bids"));
            apply(reference.get(channel)[1], data.path("asks"));
            changeIds.put(channel, data.path("change_id").asLong());
        }
        // set_heartbeat's result and test_request, the subscription's result, then one snapshot per book
        final List<byte[]> frames = SimulatorLoopbackTest.lateSubscriberFrames(
            context(), DeribitSimulatorTest::plan, lost, 3 + reference.size());
        for (final byte[] frame : frames.subList(3, frames.size()))
        {
            final JsonNode params = MAPPER.readTree(frame).path("params");
            final String channel = params.path("channel").asText();
            final TreeMap<BigDecimal, BigDecimal>[] expected = reference.remove(channel);
            assertNotNull(expected, "a snapshot of a book the venue held: " + channel + ": " +
                new String(frame, StandardCharsets.UTF_8));
            assertEquals("snapshot", params.path("data").path("type").asText(), channel);
            assertEquals(changeIds.get(channel).longValue(), params.path("data").path("change_id").asLong());
            final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>();
            final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
            apply(bids, params.path("data").path("bids"));
            apply(asks, params.path("data").path("asks"));
            assertEquals(expected[0], bids, channel + " bids");
            assertEquals(expected[1], asks, channel + " asks");
        }
        assertTrue(reference.isEmpty(), "books without a snapshot: " + reference.keySet());
    }

    private static void apply(final TreeMap<BigDecimal, BigDecimal> side, final JsonNode levels)
    {
        for (final JsonNode level : levels)
        {
            // numerically: the venue may write 100.0 where a snapshot writes 100
            final BigDecimal price = level.get(1).decimalValue().stripTrailingZeros();
            final BigDecimal amount = level.get(2).decimalValue().stripTrailingZeros();
            if ("delete".equals(level.get(0).asText()) || amount.signum() == 0)
            {
                side.remove(price);
            }
            else
            {
                side.put(price, amount);
            }
        }
    }

    static VenueSimulator.Context context()
    {
        return new VenueSimulator.Context()
            .venue(Venue.DERIBIT)
            .recording(List.of(SimulatorLoopbackTest.recording(RECORDING)))
            .recordingFormat("cryptofeed");
    }

    static ConnectionPlan plan(final VenueSimulator simulator)
    {
        final List<ConnectionPlan> plans = SubscriptionBuilders.forVenue(Venue.DERIBIT, simulator.baseUrl())
            .plan(SubscriptionRequest.subscribe(List.of("BTC-24SEP21-8000-P"), List.of(DataType.BOOK)));
        assertEquals(1, plans.size());
        return plans.get(0);
    }
}
