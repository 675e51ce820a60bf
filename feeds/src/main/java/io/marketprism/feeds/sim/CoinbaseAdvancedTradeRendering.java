/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Renders a recording of Coinbase's Exchange feed (formerly Coinbase Pro, the only Coinbase traffic recorded here,
 * 2021) in the Advanced Trade WebSocket protocol the engine's sessions speak, so that the simulator serves real
 * Coinbase market data. Each recorded market-data message becomes one Advanced Trade message with the same values, in
 * the same order, at the same time:
 * <ul>
 *   <li>{@code level2} {@code snapshot} ({@code bids}/{@code asks} as {@code [price, size]}) becomes an
 *   {@code l2_data} event of type {@code snapshot}; {@code l2update} ({@code changes} as {@code [side, price, size]})
 *   one of type {@code update}; each level an {@code updates} entry with {@code side} {@code bid}/{@code offer},
 *   {@code price_level}, {@code new_quantity} and {@code event_time} (the message's {@code time}, or its receive time
 *   for a snapshot, which has none);</li>
 *   <li>{@code match} becomes a {@code market_trades} {@code update} and {@code last_match} a {@code snapshot}, the
 *   side kept as recorded (both feeds give the maker's, upper case in Advanced Trade);</li>
 *   <li>{@code ticker}, {@code subscriptions}, {@code heartbeat} and errors are left out: an Advanced Trade ticker
 *   carries the best bid and ask quantities, which the Exchange ticker did not record, and the simulator's
 *   {@link CoinbaseProtocol} answers the client's own requests.</li>
 * </ul>
 * The envelope is {@code {"channel":..,"client_id":"","timestamp":..,"events":[..]}}; its {@code sequence_num} is
 * the connection's, so {@link CoinbaseProtocol} writes it as each frame is sent. Prices and sizes keep the recorded
 * text. Cold path: runs once per frame when the recording is loaded.
 * <p>
 * Sources: https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels (level2,
 * market_trades), https://docs.cdp.coinbase.com/exchange/websocket-feed/channels (the recorded shapes).
 */
final class CoinbaseAdvancedTradeRendering implements FrameRendering
{
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public byte[] render(final byte[] recorded, final long recvTsNs)
    {
        final JsonNode message;
        try
        {
            message = mapper.readTree(recorded);
        }
        catch (final IOException ex)
        {
            return recorded; // a malformed recorded frame is replayed as it was
        }
        final String type = message.path("type").asText("");
        final ObjectNode out;
        switch (type)
        {
            case "snapshot":
                out = snapshot(message, rfc3339(recvTsNs));
                break;
            case "l2update":
                out = update(message);
                break;
            case "match":
            case "last_match":
                out = trade(message, "match".equals(type) ? "update" : "snapshot");
                break;
            default:
                return null;
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param epochNs ns since the epoch.
     * @return RFC 3339 in UTC with six fraction digits, as Coinbase writes times.
     */
    static String rfc3339(final long epochNs)
    {
        final Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L),
            Math.floorMod(epochNs, 1_000_000_000L) / 1_000 * 1_000);
        final String text = instant.toString();
        return text.indexOf('.') < 0 ? text.substring(0, text.length() - 1) + ".000000Z" : text;
    }

    /**
     * @param channel the Advanced Trade channel.
     * @param time    the envelope time.
     * @return an envelope without its {@code sequence_num}, which the connection writes.
     */
    ObjectNode envelope(final String channel, final String time)
    {
        return mapper.createObjectNode().put("channel", channel).put("client_id", "").put("timestamp", time);
    }

    private ObjectNode snapshot(final JsonNode message, final String time)
    {
        final ObjectNode out = envelope("l2_data", time);
        final ObjectNode event = out.putArray("events").addObject().put("type", "snapshot")
            .put("product_id", message.path("product_id").asText());
        final ArrayNode updates = event.putArray("updates");
        for (final JsonNode level : message.path("bids"))
        {
            level(updates, "bid", time, level.path(0).asText(), level.path(1).asText());
        }
        for (final JsonNode level : message.path("asks"))
        {
            level(updates, "offer", time, level.path(0).asText(), level.path(1).asText());
        }
        return out;
    }

    private ObjectNode update(final JsonNode message)
    {
        final String time = message.path("time").asText();
        final ObjectNode out = envelope("l2_data", time);
        final ObjectNode event = out.putArray("events").addObject().put("type", "update")
            .put("product_id", message.path("product_id").asText());
        final ArrayNode updates = event.putArray("updates");
        for (final JsonNode change : message.path("changes"))
        {
            level(updates, "buy".equals(change.path(0).asText()) ? "bid" : "offer", time, change.path(1).asText(),
                change.path(2).asText());
        }
        return out;
    }

    private ObjectNode trade(final JsonNode message, final String eventType)
    {
        final String time = message.path("time").asText();
        final ObjectNode out = envelope("market_trades", time);
        out.putArray("events").addObject().put("type", eventType).putArray("trades").addObject()
            .put("trade_id", message.path("trade_id").asText())
            .put("product_id", message.path("product_id").asText())
            .put("price", message.path("price").asText())
            .put("size", message.path("size").asText())
            .put("side", message.path("side").asText().toUpperCase(Locale.ROOT))
            .put("time", time);
        return out;
    }

    private static void level(
        final ArrayNode updates, final String side, final String time, final String price, final String quantity)
    {
        updates.addObject().put("side", side).put("event_time", time).put("price_level", price)
            .put("new_quantity", quantity);
    }
}
