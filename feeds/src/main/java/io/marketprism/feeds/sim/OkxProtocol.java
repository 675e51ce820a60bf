/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OKX v5's public WebSocket protocol: endpoints {@code /ws/v5/public} and {@code /ws/v5/business}; nothing is
 * subscribed by the URL; requests are
 * <pre>
 *   {"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"},..]}
 *      -&gt; {"event":"subscribe","arg":{"channel":"books","instId":"BTC-USDT"},"connId":".."}, one per arg
 *   {"op":"unsubscribe","args":[..]}  -&gt; the same with "event":"unsubscribe"
 *   ping  (the text, not JSON)  -&gt;  pong
 * </pre>
 * and errors {@code {"event":"error","code":"60012","msg":"Invalid request: ..","connId":".."}} for a frame that
 * is not such a request, {@code "code":"60018"} for an arg without a channel. Any channel name is taken: the replay
 * sends the recording whatever was asked for.
 * <p>
 * Source: https://www.okx.com/docs-v5/en/#overview-websocket-subscribe, -unsubscribe, and the error codes table
 * (60012 "Invalid request", 60018 "Wrong URL or channel doesn't exist").
 */
public final class OkxProtocol implements VenueProtocol
{
    /** The simulator's connection id in every answer. */
    public static final String CONN_ID = "marketprism-simulator";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Set<String> channels = new LinkedHashSet<>();

    @Override
    public String defaultPath()
    {
        return "/ws/v5/public";
    }

    @Override
    public boolean isEndpoint(final String path)
    {
        return "/ws/v5/public".equals(path) || "/ws/v5/business".equals(path);
    }

    @Override
    public boolean subscribesOnConnect(final String path, final String query)
    {
        return false;
    }

    @Override
    public Reply onClientText(final String text)
    {
        if ("ping".equals(text))
        {
            return Reply.answer("pong");
        }
        final JsonNode request = VenueProtocol.parse(MAPPER, text);
        if (!request.isObject())
        {
            return Reply.answer(error("60012", "Invalid request: " + text));
        }
        final String op = request.path("op").asText("");
        final JsonNode args = request.get("args");
        if (!("subscribe".equals(op) || "unsubscribe".equals(op)) || args == null || !args.isArray() || args.isEmpty())
        {
            return Reply.answer(error("60012", "Invalid request: " + text));
        }
        final List<String> acks = new ArrayList<>();
        for (final JsonNode arg : args)
        {
            final String channel = arg.path("channel").asText("");
            if (channel.isEmpty())
            {
                return Reply.answer(error("60018", "Wrong URL or channel:" + arg + " doesn't exist."));
            }
            final String key = channel + ':' + arg.path("instId").asText(arg.path("instType").asText(""));
            if ("subscribe".equals(op))
            {
                channels.add(key);
            }
            else
            {
                channels.remove(key);
            }
            final ObjectNode ack = MAPPER.createObjectNode().put("event", op);
            ack.set("arg", arg);
            acks.add(ack.put("connId", CONN_ID).toString());
        }
        return "subscribe".equals(op) ? Reply.subscribed(acks) : Reply.answers(acks);
    }

    /**
     * @return the channels this connection is subscribed to, {@code channel:instId}, in order.
     */
    public Set<String> channels()
    {
        return channels;
    }

    private static String error(final String code, final String message)
    {
        return MAPPER.createObjectNode().put("event", "error").put("code", code).put("msg", message)
            .put("connId", CONN_ID).toString();
    }
}
