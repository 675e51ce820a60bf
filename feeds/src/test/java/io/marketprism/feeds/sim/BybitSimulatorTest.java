/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketprism.feeds.net.CloseReason;
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
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator speaking Bybit v5 to the client transport on loopback: subscribe acknowledged, the recording
 * replayed, Bybit's text ping answered and told apart by the client's keep-alive (so the pong never reaches a
 * decoder), an unknown topic refused as Bybit refuses it, and, on a live timeline, a client that subscribes late
 * first gets the book as the venue holds it then.
 */
@Timeout(value = 120)
class BybitSimulatorTest
{
    static final String RECORDING = "nautilus/bybit/xrpusdt-ob500.data.zip";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldAcknowledgeReplayAndAnswerBybitsTextPing() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("lines",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        try (VenueSimulator simulator = VenueSimulator.start(context().rate("max"));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = plan(simulator);
            final SimulatorLoopbackTest.Collector collector =
                new SimulatorLoopbackTest.Collector(plan.frames(), 1 + recorded.size());
            final WebSocketConnection connection =
                SimulatorLoopbackTest.connectPinging(client, plan.url(), StreamFeedVenue.BYBIT_KEEP_ALIVE, collector);
            collector.await(connection);

            final JsonNode ack = MAPPER.readTree(collector.frames.get(0));
            assertTrue(ack.path("success").asBoolean(), ack.toString());
            assertEquals("subscribe", ack.path("op").asText(), ack.toString());
            for (int i = 0; i < recorded.size(); i++)
            {
                assertEquals(new String(recorded.get(i), StandardCharsets.UTF_8),
                    new String(collector.frames.get(1 + i), StandardCharsets.UTF_8), "frame " + i);
            }
            // text pings every 20 ms, each answered with Bybit's pong, which the transport keeps to itself
            SimulatorLoopbackTest.assertTextPongsKept(simulator, connection, collector, 1 + recorded.size());
            for (final byte[] frame : collector.frames)
            {
                assertFalse(new String(frame, StandardCharsets.UTF_8).contains("pong"));
            }
        }
    }

    @Test
    void shouldCloseWhenPongsStopWithPongTimeoutWithoutAMatchingAnswer() throws Exception
    {
        // a keep-alive whose answer never comes: the simulator answers {"op":"ping"} only
        final io.marketprism.feeds.net.TextKeepAlive unanswered =
            new io.marketprism.feeds.net.TextKeepAlive("{\"op\":\"hello\"}", 256, "\"op\":\"pong\"");
        try (VenueSimulator simulator = VenueSimulator.start(context().rate("max"));
            WebSocketClient client = new WebSocketClient())
        {
            final WebSocketConnection connection = client.connect(new WebSocketConnection.Context()
                .uri(plan(simulator).url())
                .keepAlive(unanswered)
                .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(50))
                .pongTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200)), (buffer, offset, length, recvTsNs) -> { });
            connection.awaitOpen(TimeUnit.SECONDS.toNanos(60));
            assertEquals(CloseReason.PONG_TIMEOUT, connection.closeFuture().get(60, TimeUnit.SECONDS));
            assertEquals(0, connection.counter(WebSocketConnection.PONGS_RECEIVED));
        }
    }

    @Test
    void shouldRefuseAnUnknownTopicAndPingAsBybitDoes()
    {
        final BybitProtocol linear = new BybitProtocol();
        assertTrue(linear.isEndpoint("/v5/public/linear"));
        assertFalse(linear.isEndpoint("/v5/public/futures"));
        final VenueProtocol.Reply refused = linear.onClientText("{\"op\":\"subscribe\",\"args\":[\"depth.XRPUSDT\"]}");
        assertFalse(refused.isSubscribed());
        assertTrue(refused.text().contains("\"success\":false"), refused.text());
        assertTrue(refused.text().contains("handler not found,topic:depth.XRPUSDT"), refused.text());
        assertTrue(linear.onClientText("{\"op\":\"ping\"}").text().contains("\"op\":\"pong\""));
        assertTrue(linear.onClientText("not json").text().contains("\"success\":false"));

        final BybitProtocol spot = new BybitProtocol();
        assertTrue(spot.isEndpoint("/v5/public/spot"));
        assertTrue(spot.onClientText("{\"op\":\"ping\",\"req_id\":\"7\"}").text()
            .contains("\"ret_msg\":\"pong\""));
        final VenueProtocol.Reply subscribed =
            spot.onClientText("{\"op\":\"subscribe\",\"args\":[\"orderbook.50.XRPUSDT\"],\"req_id\":\"1\"}");
        assertTrue(subscribed.isSubscribed());
        assertEquals(List.of("orderbook.50.XRPUSDT"), List.copyOf(spot.topics()));
    }

    @Test
    void shouldSnapshotTheBookAsTheVenueHoldsItForALateSubscriber() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("lines",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        // the venue's position moves past the first 20 messages (lost to a fault for the first client)
        try (VenueSimulator simulator = VenueSimulator.start(context().rate("max").live(true)
                .faults(FaultPlan.parse(List.of("disconnect:at=21"))));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = plan(simulator);
            final SimulatorLoopbackTest.Collector first = new SimulatorLoopbackTest.Collector(plan.frames(), 1000);
            final WebSocketConnection lost = client.connect(new WebSocketConnection.Context().uri(plan.url()), first);
            lost.closeFuture().get(60, TimeUnit.SECONDS);
            assertEquals(1 + 20, first.frames.size(), "the ack and the 20 messages before the fault");

            // the second client gets the book after message 21 (its delta applied), then messages 22 on
            final int rest = recorded.size() - 21;
            final SimulatorLoopbackTest.Collector second =
                new SimulatorLoopbackTest.Collector(plan.frames(), 2 + rest);
            client.connect(new WebSocketConnection.Context().uri(plan.url()), second).awaitOpen(
                TimeUnit.SECONDS.toNanos(60));
            second.done.get(60, TimeUnit.SECONDS);
            final JsonNode snapshot = MAPPER.readTree(second.frames.get(1));
            assertEquals("snapshot", snapshot.path("type").asText(), snapshot.toString());
            final JsonNode twentyFirst = MAPPER.readTree(recorded.get(20));
            assertEquals(twentyFirst.path("data").path("u").asLong(), snapshot.path("data").path("u").asLong());
            assertEquals(twentyFirst.path("data").path("seq").asLong(), snapshot.path("data").path("seq").asLong());
            assertEquals(bookAfter(recorded, 21, "b"), side(snapshot.path("data").path("b")), "bids");
            assertEquals(bookAfter(recorded, 21, "a"), side(snapshot.path("data").path("a")), "asks");
            for (int i = 0; i < rest; i++)
            {
                assertEquals(new String(recorded.get(21 + i), StandardCharsets.UTF_8),
                    new String(second.frames.get(2 + i), StandardCharsets.UTF_8), "message " + (22 + i));
            }
        }
    }

    /**
     * The reference book: the recording's first {@code count} messages applied with BigDecimal, independently of
     * the simulator's own model.
     */
    private static TreeMap<BigDecimal, BigDecimal> bookAfter(final List<byte[]> recorded, final int count,
        final String side) throws Exception
    {
        final TreeMap<BigDecimal, BigDecimal> book = new TreeMap<>();
        for (int i = 0; i < count; i++)
        {
            final JsonNode message = MAPPER.readTree(recorded.get(i));
            if ("snapshot".equals(message.path("type").asText()))
            {
                book.clear();
            }
            for (final JsonNode level : message.path("data").path(side))
            {
                final BigDecimal size = new BigDecimal(level.get(1).asText());
                if (size.signum() == 0)
                {
                    book.remove(new BigDecimal(level.get(0).asText()));
                }
                else
                {
                    book.put(new BigDecimal(level.get(0).asText()), size);
                }
            }
        }
        return book;
    }

    private static TreeMap<BigDecimal, BigDecimal> side(final JsonNode levels)
    {
        final TreeMap<BigDecimal, BigDecimal> book = new TreeMap<>();
        for (final JsonNode level : levels)
        {
            book.put(new BigDecimal(level.get(0).asText()), new BigDecimal(level.get(1).asText()));
        }
        return book;
    }

    static VenueSimulator.Context context()
    {
        return new VenueSimulator.Context()
            .venue(Venue.BYBIT)
            .recording(List.of(SimulatorLoopbackTest.recording(RECORDING)))
            .recordingFormat("lines");
    }

    static ConnectionPlan plan(final VenueSimulator simulator)
    {
        final List<ConnectionPlan> plans = SubscriptionBuilders.forVenue(Venue.BYBIT, simulator.baseUrl())
            .plan(SubscriptionRequest.subscribe(List.of("linear:XRPUSDT"), List.of(DataType.BOOK)));
        assertEquals(1, plans.size());
        return plans.get(0);
    }
}
