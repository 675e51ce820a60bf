/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deribit API v2's JSON-RPC over WebSocket, on {@code /ws/api/v2}; nothing is subscribed by the URL:
 * <pre>
 *   {"jsonrpc":"2.0","id":2,"method":"public/subscribe","params":{"channels":["book.BTC-PERPETUAL.100ms"]}}
 *      -&gt; {"jsonrpc":"2.0","id":2,"result":["book.BTC-PERPETUAL.100ms"]}
 *   public/unsubscribe  -&gt; the channels left, as its result
 *   {"jsonrpc":"2.0","id":1,"method":"public/set_heartbeat","params":{"interval":30}}  -&gt; "result":"ok", and at
 *      once a heartbeat {@code {"jsonrpc":"2.0","method":"heartbeat","params":{"type":"test_request"}}} (Deribit sends
 *      them every interval; one at once lets a client's answer be seen without waiting)
 *   public/test  -&gt; "result":{"version":".."} (counted, {@link #tests()})
 * </pre>
 * and JSON-RPC errors: {@code -32700} for a frame that is not JSON, {@code -32601 "Method not found"},
 * {@code -32602 "Invalid params"} for channels that are not a list of names, or a heartbeat interval below 10 s.
 * <p>
 * Sources: https://docs.deribit.com/api-reference/subscription-management/public-subscribe,
 * https://docs.deribit.com/api-reference/session-management/public-set_heartbeat, and public-test.
 */
public final class DeribitProtocol implements VenueProtocol
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TEST_REQUEST =
        "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}";

    private final Set<String> channels = new LinkedHashSet<>();
    private int tests;

    @Override
    public String defaultPath()
    {
        return "/ws/api/v2";
    }

    @Override
    public boolean isEndpoint(final String path)
    {
        return "/ws/api/v2".equals(path) || "/ws/api/v2/".equals(path);
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
            return Reply.answer(error(null, -32700, "Parse error"));
        }
        if (!request.isObject())
        {
            return Reply.answer(error(null, -32600, "Invalid Request"));
        }
        final JsonNode id = request.get("id");
        final String method = request.path("method").asText("");
        final JsonNode params = request.path("params");
        switch (method)
        {
            case "public/subscribe":
            case "public/unsubscribe":
            {
                final JsonNode names = params.get("channels");
                if (names == null || !names.isArray() || names.isEmpty())
                {
                    return Reply.answer(error(id, -32602, "Invalid params"));
                }
                for (final JsonNode name : names)
                {
                    if (!name.isTextual())
                    {
                        return Reply.answer(error(id, -32602, "Invalid params"));
                    }
                    if ("public/subscribe".equals(method))
                    {
                        channels.add(name.asText());
                    }
                    else
                    {
                        channels.remove(name.asText());
                    }
                }
                final ObjectNode reply = response(id);
                if ("public/subscribe".equals(method))
                {
                    names.forEach(reply.putArray("result")::add);
                    return Reply.subscribed(reply.toString());
                }
                channels.forEach(reply.putArray("result")::add);
                return Reply.answer(reply.toString());
            }
            case "public/set_heartbeat":
                if (params.path("interval").asInt(0) < 10)
                {
                    return Reply.answer(error(id, -32602, "Invalid params"));
                }
                return Reply.answers(List.of(response(id).put("result", "ok").toString(), TEST_REQUEST));
            case "public/test":
            {
                tests++;
                final ObjectNode reply = response(id);
                reply.putObject("result").put("version", "marketprism-simulator");
                return Reply.answer(reply.toString());
            }
            default:
                return Reply.answer(error(id, -32601, "Method not found"));
        }
    }

    /**
     * @return the channels this connection is subscribed to, in order.
     */
    public Set<String> channels()
    {
        return channels;
    }

    /**
     * @return {@code public/test} requests this connection has made.
     */
    public int tests()
    {
        return tests;
    }

    private static ObjectNode response(final JsonNode id)
    {
        final ObjectNode reply = MAPPER.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        return reply;
    }

    private static String error(final JsonNode id, final int code, final String message)
    {
        final ObjectNode reply = response(id);
        reply.putObject("error").put("message", message).put("code", code);
        return reply.toString();
    }
}
