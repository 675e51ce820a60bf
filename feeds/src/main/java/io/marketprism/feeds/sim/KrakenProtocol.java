/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Kraken spot's WebSocket v2 public channels, on {@code /v2}; nothing is subscribed by the URL:
 * <pre>
 *   {"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":1000},"req_id":1}
 *      -&gt; {"method":"subscribe","req_id":1,"result":{"channel":"book","depth":1000,"snapshot":true,
 *          "symbol":"BTC/USD"},"success":true,"time_in":..,"time_out":..}, one per symbol
 *   {"method":"unsubscribe",..}  -&gt; the same with "method":"unsubscribe"
 *   {"method":"ping","req_id":7} -&gt; {"method":"pong","req_id":7,"time_in":..,"time_out":..}
 * </pre>
 * A request it cannot take is answered {@code {"error":"..","method":..,"success":false,..}} as Kraken words it. The
 * recording it replays ({@link KrakenV2Rendering}) streams books at depth 1000, so a book subscription at another
 * depth is refused rather than served a book deeper than asked for.
 * <p>
 * Source: https://docs.kraken.com/api/docs/websocket-v2/book, {@code .../ping}, {@code .../trade},
 * {@code .../ticker}.
 */
public final class KrakenProtocol implements VenueProtocol
{
    /** The depth of the recorded books. */
    static final int RECORDED_DEPTH = 1000;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> CHANNELS = Set.of("book", "trade", "ticker");

    private final Set<String> subscriptions = new LinkedHashSet<>();

    @Override
    public String defaultPath()
    {
        return "/v2";
    }

    @Override
    public boolean isEndpoint(final String path)
    {
        return "/v2".equals(path);
    }

    @Override
    public boolean subscribesOnConnect(final String path, final String query)
    {
        return false;
    }

    @Override
    public Reply onClientText(final String text)
    {
        final String timeIn = Instant.now().toString();
        final JsonNode request = VenueProtocol.parse(MAPPER, text);
        if (!request.isObject())
        {
            return Reply.answer(error(null, null, "Malformed request", timeIn));
        }
        final String method = request.path("method").asText("");
        final JsonNode reqId = request.get("req_id");
        if ("ping".equals(method))
        {
            final ObjectNode pong = MAPPER.createObjectNode().put("method", "pong");
            if (reqId != null)
            {
                pong.set("req_id", reqId);
            }
            return Reply.answer(pong.put("time_in", timeIn).put("time_out", Instant.now().toString()).toString());
        }
        if (!"subscribe".equals(method) && !"unsubscribe".equals(method))
        {
            return Reply.answer(error(method, reqId, "Method not found", timeIn));
        }
        final JsonNode params = request.path("params");
        final String channel = params.path("channel").asText("");
        if (!CHANNELS.contains(channel))
        {
            return Reply.answer(error(method, reqId, "Channel " + channel + " not found", timeIn));
        }
        final int depth = params.path("depth").asInt(10);
        if ("book".equals(channel) && depth != RECORDED_DEPTH)
        {
            return Reply.answer(error(method, reqId, "the simulator replays books recorded at depth " +
                RECORDED_DEPTH + ", not " + depth, timeIn));
        }
        final JsonNode symbols = params.get("symbol");
        if (symbols == null || !symbols.isArray() || symbols.isEmpty())
        {
            return Reply.answer(error(method, reqId, "Missing field: symbol", timeIn));
        }
        final List<String> acks = new ArrayList<>();
        for (final JsonNode symbol : symbols)
        {
            if (!symbol.isTextual() || symbol.asText().indexOf('/') <= 0)
            {
                return Reply.answer(error(method, reqId, "Currency pair not supported " + symbol.asText(), timeIn));
            }
            if ("subscribe".equals(method))
            {
                subscriptions.add(channel + ':' + symbol.asText());
            }
            else
            {
                subscriptions.remove(channel + ':' + symbol.asText());
            }
            final ObjectNode ack = MAPPER.createObjectNode().put("method", method);
            if (reqId != null)
            {
                ack.set("req_id", reqId);
            }
            final ObjectNode result = ack.putObject("result").put("channel", channel);
            if ("book".equals(channel))
            {
                result.put("depth", depth).put("snapshot", true);
            }
            result.put("symbol", symbol.asText());
            acks.add(ack.put("success", true).put("time_in", timeIn).put("time_out", Instant.now().toString())
                .toString());
        }
        return "subscribe".equals(method) ? Reply.subscribed(acks) : Reply.answers(acks);
    }

    /**
     * @return this connection's subscriptions, {@code channel:SYMBOL}, in order.
     */
    public Set<String> subscriptions()
    {
        return subscriptions;
    }

    private static String error(final String method, final JsonNode reqId, final String message, final String timeIn)
    {
        final ObjectNode error = MAPPER.createObjectNode().put("error", message);
        if (method != null && !method.isEmpty())
        {
            error.put("method", method);
        }
        if (reqId != null)
        {
            error.set("req_id", reqId);
        }
        return error.put("success", false).put("time_in", timeIn).put("time_out", Instant.now().toString())
            .toString();
    }
}
