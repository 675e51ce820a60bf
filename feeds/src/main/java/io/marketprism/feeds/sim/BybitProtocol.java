/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Bybit v5's public WebSocket protocol: one endpoint per category, {@code /v5/public/spot}, {@code linear},
 * {@code inverse} and {@code option}; nothing is subscribed by the URL; requests are
 * <pre>
 *   {"op":"subscribe","args":["orderbook.50.BTCUSDT"],"req_id":"1"}
 *      -&gt; {"success":true,"ret_msg":"","conn_id":"..","req_id":"1","op":"subscribe"}
 *   {"op":"unsubscribe","args":[..]}  -&gt; the same with "op":"unsubscribe"
 *   {"op":"ping"}  -&gt; spot: {"success":true,"ret_msg":"pong","conn_id":"..","req_id":"","op":"ping"}
 *                  -&gt; others: {"req_id":"","op":"pong","args":["&lt;ms&gt;"],"conn_id":".."}
 * </pre>
 * A topic of no known shape ({@code orderbook.D.S}, {@code publicTrade.S}, {@code tickers.S}, {@code kline.I.S},
 * {@code liquidation.S}, {@code allLiquidation.S}) is refused as Bybit refuses it, {@code "success":false} with
 * {@code "ret_msg":"error:handler not found,topic:.."}; a frame that is not a JSON object, or an unknown op, gets
 * {@code "success":false} and the reason.
 * <p>
 * Source: https://bybit-exchange.github.io/docs/v5/ws/connect (How to Subscribe to Topics, How to Send the Heartbeat
 * Packet, and their responses).
 */
public final class BybitProtocol implements VenueProtocol
{
    /** The simulator's connection id in every answer. */
    public static final String CONN_ID = "marketprism-simulator";
    private static final String PATH = "/v5/public/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Set<String> topics = new LinkedHashSet<>();
    private boolean spot;

    @Override
    public String defaultPath()
    {
        return PATH + "linear";
    }

    @Override
    public boolean isEndpoint(final String path)
    {
        if (!path.startsWith(PATH))
        {
            return false;
        }
        final String category = path.substring(PATH.length());
        spot = "spot".equals(category);
        return spot || "linear".equals(category) || "inverse".equals(category) || "option".equals(category);
    }

    @Override
    public boolean subscribesOnConnect(final String path, final String query)
    {
        return false;
    }

    @Override
    public Reply onClientText(final String text)
    {
        final JsonNode request = VenueProtocol.parse(MAPPER, text);
        if (request.isMissingNode())
        {
            return Reply.answer(failure("", "", "error:invalid JSON"));
        }
        if (!request.isObject())
        {
            return Reply.answer(failure("", "", "error:expected a JSON object"));
        }
        final String op = request.path("op").asText("");
        final String reqId = request.path("req_id").asText("");
        switch (op)
        {
            case "ping":
                return Reply.answer(pong(reqId));
            case "subscribe":
            case "unsubscribe":
            {
                final JsonNode args = request.get("args");
                if (args == null || !args.isArray() || args.isEmpty())
                {
                    return Reply.answer(failure(op, reqId, "error:args must be a list of topics"));
                }
                for (final JsonNode arg : args)
                {
                    if (!arg.isTextual() || !knownTopic(arg.asText()))
                    {
                        return Reply.answer(failure(op, reqId, "error:handler not found,topic:" + arg.asText()));
                    }
                }
                for (final JsonNode arg : args)
                {
                    if ("subscribe".equals(op))
                    {
                        topics.add(arg.asText());
                    }
                    else
                    {
                        topics.remove(arg.asText());
                    }
                }
                final String ack = success(op, reqId);
                return "subscribe".equals(op) ? Reply.subscribed(ack) : Reply.answer(ack);
            }
            default:
                return Reply.answer(failure(op, reqId, "error:unknown op " + op));
        }
    }

    /**
     * @return the topics this connection is subscribed to, in order.
     */
    public Set<String> topics()
    {
        return topics;
    }

    private static boolean knownTopic(final String topic)
    {
        final String[] parts = topic.split("\\.", -1);
        for (final String part : parts)
        {
            if (part.isEmpty())
            {
                return false;
            }
        }
        switch (parts[0])
        {
            case "orderbook":
            case "kline":
                return parts.length == 3;
            case "publicTrade":
            case "tickers":
            case "liquidation":
            case "allLiquidation":
                return parts.length == 2;
            default:
                return false;
        }
    }

    private String pong(final String reqId)
    {
        final ObjectNode reply = MAPPER.createObjectNode();
        if (spot)
        {
            reply.put("success", true).put("ret_msg", "pong").put("conn_id", CONN_ID).put("req_id", reqId)
                .put("op", "ping");
        }
        else
        {
            reply.put("req_id", reqId).put("op", "pong");
            reply.putArray("args").add(String.valueOf(System.currentTimeMillis()));
            reply.put("conn_id", CONN_ID);
        }
        return reply.toString();
    }

    private static String success(final String op, final String reqId)
    {
        return MAPPER.createObjectNode().put("success", true).put("ret_msg", "").put("conn_id", CONN_ID)
            .put("req_id", reqId).put("op", op).toString();
    }

    private static String failure(final String op, final String reqId, final String message)
    {
        return MAPPER.createObjectNode().put("success", false).put("ret_msg", message).put("conn_id", CONN_ID)
            .put("req_id", reqId).put("op", op).toString();
    }
}
