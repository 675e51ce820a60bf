/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator speaking Kraken Futures v1: one {@code subscribed} per product, errors as Kraken words them, and, on a
 * live timeline, a late subscriber's first messages: each product's {@code book_snapshot} as the venue then holds it,
 * with its {@code seq}, checked against the recording applied independently.
 */
@Timeout(value = 120)
class KrakenFuturesSimulatorTest
{
    static final String RECORDING = "cryptofeed/KRAKEN_FUTURES.ws.1.0.gz";
    private static final ObjectMapper MAPPER =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void shouldAcknowledgeEachProductAndRefuseAsKrakenDoes()
    {
        final KrakenFuturesProtocol protocol = new KrakenFuturesProtocol();
        assertTrue(protocol.isEndpoint("/ws/v1"));
        assertFalse(protocol.isEndpoint("/ws/v2"));
        assertEquals("{\"event\":\"error\",\"message\":\"Json Error\"}", protocol.onClientText("{").text());
        assertEquals("{\"event\":\"error\",\"message\":\"Invalid feed\"}",
            protocol.onClientText("{\"event\":\"subscribe\",\"feed\":\"books\",\"product_ids\":[\"PI_XBTUSD\"]}")
                .text());
        final VenueProtocol.Reply two = protocol.onClientText(
            "{\"event\":\"subscribe\",\"feed\":\"book\",\"product_ids\":[\"pi_xbtusd\",\"PF_ETHUSD\"]}");
        assertTrue(two.isSubscribed());
        assertEquals("{\"event\":\"subscribed\",\"feed\":\"book\",\"product_ids\":[\"PI_XBTUSD\"]}", two.text());
        assertEquals(1, two.more().length);
        assertEquals(List.of("book:PI_XBTUSD", "book:PF_ETHUSD"), List.copyOf(protocol.subscriptions()));
    }

    @Test
    void shouldSnapshotEachBookAsTheVenueHoldsItForALateSubscriber() throws Exception
    {
        final List<byte[]> recorded = SimulatorLoopbackTest.recordedMessages("cryptofeed",
            List.of(SimulatorLoopbackTest.recording(RECORDING)));
        final int lost = 3000;
        final Map<String, TreeMap<BigDecimal, BigDecimal>[]> reference = new LinkedHashMap<>();
        final Map<String, Long> seqs = new LinkedHashMap<>();
        for (int i = 0; i < lost; i++)
        {
            final JsonNode message = MAPPER.readTree(recorded.get(i));
            final String feed = message.path("feed").asText();
            final String product = message.path("product_id").asText();
            if ("book_snapshot".equals(feed))
            {
                @SuppressWarnings("unchecked")
                final TreeMap<BigDecimal, BigDecimal>[] sides = new TreeMap[] {new TreeMap<>(), new TreeMap<>()};
                message.path("bids").forEach(level -> set(sides[0], level));
                message.path("asks").forEach(level -> set(sides[1], level));
                reference.put(product, sides);
                seqs.put(product, message.path("seq").asLong());
            }
            else if ("book".equals(feed) && reference.containsKey(product))
            {
                set(reference.get(product)["buy".equals(message.path("side").asText()) ? 0 : 1], message);
                seqs.put(product, message.path("seq").asLong());
            }
        }
        // the subscription's one acknowledgement (one product), then a snapshot per book
        final List<byte[]> frames = SimulatorLoopbackTest.lateSubscriberFrames(
            context(), KrakenFuturesSimulatorTest::plan, lost, 1 + reference.size());
        for (final byte[] frame : frames.subList(1, frames.size()))
        {
            final JsonNode snapshot = MAPPER.readTree(frame);
            assertEquals("book_snapshot", snapshot.path("feed").asText(), snapshot.toString());
            final String product = snapshot.path("product_id").asText();
            final TreeMap<BigDecimal, BigDecimal>[] expected = reference.remove(product);
            assertNotNull(expected, "a snapshot of a book the venue held: " + product);
            assertEquals(seqs.get(product).longValue(), snapshot.path("seq").asLong(), product);
            final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>();
            final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
            snapshot.path("bids").forEach(level -> set(bids, level));
            snapshot.path("asks").forEach(level -> set(asks, level));
            assertEquals(expected[0], bids, product + " bids");
            assertEquals(expected[1], asks, product + " asks");
        }
        assertTrue(reference.isEmpty(), "books without a snapshot: " + reference.keySet());
    }

    private static void set(final TreeMap<BigDecimal, BigDecimal> side, final JsonNode level)
    {
        // numerically: the venue may write 20108.0 where a snapshot writes 20108
        final BigDecimal price = level.path("price").decimalValue().stripTrailingZeros();
        final BigDecimal qty = level.path("qty").decimalValue().stripTrailingZeros();
        if (qty.signum() == 0)
        {
            side.remove(price);
        }
        else
        {
            side.put(price, qty);
        }
    }

    static VenueSimulator.Context context()
    {
        return new VenueSimulator.Context()
            .venue(Venue.KRAKEN_FUTURES)
            .recording(List.of(SimulatorLoopbackTest.recording(RECORDING)))
            .recordingFormat("cryptofeed");
    }

    static ConnectionPlan plan(final VenueSimulator simulator)
    {
        final List<ConnectionPlan> plans = SubscriptionBuilders.forVenue(Venue.KRAKEN_FUTURES, simulator.baseUrl())
            .plan(SubscriptionRequest.subscribe(List.of("PI_ETHUSD"), List.of(DataType.BOOK)));
        assertEquals(1, plans.size());
        return plans.get(0);
    }
}
