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

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator speaking OKX v5 to the client transport on loopback: one acknowledgement per channel, the text ping
 * answered with the text pong (told apart by the client's keep-alive, never handed on), errors as OKX words them,
 * and, on a live timeline, a late subscriber's first messages: each book as the venue then holds it, with the
 * checksum OKX itself sent for that book state (read from the recording, so the simulator's book and checksum are
 * checked against the venue's own).
 */
@Timeout(value = 120)
class OkxSimulatorTest
{
    static final String RECORDING = "cryptofeed/OKX.ws.1.0";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldAcknowledgeEachChannelReplayAndAnswerTheTextPing() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        try (VenueSimulator simulator = VenueSimulator.start(context().rate("max"));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = plan(simulator);
            final SimulatorLoopbackTest.Collector collector =
                new SimulatorLoopbackTest.Collector(plan.frames(), 2 + recorded.size());
            final WebSocketConnection connection =
                SimulatorLoopbackTest.connectPinging(client, plan.url(), StreamFeedVenue.OKX_KEEP_ALIVE, collector);
            collector.await(connection);

            for (int i = 0; i < 2; i++)
            {
                final JsonNode ack = MAPPER.readTree(collector.frames.get(i));
                assertEquals("subscribe", ack.path("event").asText(), ack.toString());
                assertEquals("BTC-USDT", ack.path("arg").path("instId").asText(), ack.toString());
            }
            for (int i = 0; i < recorded.size(); i++)
            {
                assertEquals(new String(recorded.get(i), StandardCharsets.UTF_8),
                    new String(collector.frames.get(2 + i), StandardCharsets.UTF_8), "frame " + i);
            }
            SimulatorLoopbackTest.assertTextPongsKept(simulator, connection, collector, 2 + recorded.size());
        }
    }

    @Test
    void shouldAnswerPingAndRefuseBadRequestsAsOkxDoes()
    {
        final OkxProtocol protocol = new OkxProtocol();
        assertTrue(protocol.isEndpoint("/ws/v5/public"));
        assertFalse(protocol.isEndpoint("/ws/v5/private/x"));
        assertEquals("pong", protocol.onClientText("ping").text());
        assertTrue(protocol.onClientText("{\"op\":\"login\"}").text().contains("\"code\":\"60012\""));
        assertTrue(protocol.onClientText("{\"op\":\"subscribe\",\"args\":[{\"instId\":\"BTC-USDT\"}]}").text()
            .contains("\"code\":\"60018\""));
        final VenueProtocol.Reply two = protocol.onClientText(
            "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}," +
            "{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}]}");
        assertTrue(two.isSubscribed());
        assertEquals(1, two.more().length, "one acknowledgement per channel");
        assertEquals(List.of("books:BTC-USDT", "trades:BTC-USDT"), List.copyOf(protocol.channels()));
    }

    @Test
    void shouldSnapshotEachBookWithTheVenuesOwnChecksumForALateSubscriber() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        final int lost = 300;
        // each book's checksum as OKX sent it with its last update at or before the message lost to the fault
        final Map<String, Integer> venueChecksums = new HashMap<>();
        for (int i = 0; i < lost; i++)
        {
            final JsonNode message = MAPPER.readTree(recorded.get(i));
            if ("books".equals(message.path("arg").path("channel").asText()))
            {
                venueChecksums.put(message.path("arg").path("instId").asText(),
                    message.path("data").path(0).path("checksum").asInt());
            }
        }
        // two acknowledgements, then a snapshot per book
        final List<byte[]> frames = SimulatorLoopbackTest.lateSubscriberFrames(
            context(), OkxSimulatorTest::plan, lost, 2 + venueChecksums.size());
        for (final byte[] frame : frames.subList(2, frames.size()))
        {
            final JsonNode snapshot = MAPPER.readTree(frame);
            assertEquals("snapshot", snapshot.path("action").asText(), snapshot.toString());
            final String instId = snapshot.path("arg").path("instId").asText();
            final Integer expected = venueChecksums.remove(instId);
            assertNotNull(expected, "a snapshot of a book the venue held: " + instId);
            assertEquals(expected.intValue(), snapshot.path("data").path(0).path("checksum").asInt(), instId);
        }
        assertTrue(venueChecksums.isEmpty(), "books without a snapshot: " + venueChecksums.keySet());
    }

    static VenueSimulator.Context context()
    {
        return new VenueSimulator.Context()
            .venue(Venue.OKX)
            .recording(List.of(SimulatorLoopbackTest.recording(RECORDING)))
            .recordingFormat("cryptofeed");
    }

    static ConnectionPlan plan(final VenueSimulator simulator)
    {
        final List<ConnectionPlan> plans = SubscriptionBuilders.forVenue(Venue.OKX, simulator.baseUrl())
            .plan(SubscriptionRequest.subscribe(List.of("BTC-USDT"), List.of(DataType.BOOK, DataType.TRADE)));
        assertEquals(1, plans.size());
        return plans.get(0);
    }
}
