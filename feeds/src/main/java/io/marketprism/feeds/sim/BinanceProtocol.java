/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Binance's market-stream WebSocket protocol (spot, USD-M and COIN-M alike): raw streams on {@code /ws/<stream>},
 * combined streams on {@code /stream?streams=a/b/c} (the URL subscribes), and live requests on either:
 * <pre>
 *   {"method":"SUBSCRIBE","params":["btcusdt@trade"],"id":1}    -&gt;  {"result":null,"id":1}
 *   {"method":"UNSUBSCRIBE","params":["btcusdt@trade"],"id":2}  -&gt;  {"result":null,"id":2}
 *   {"method":"LIST_SUBSCRIPTIONS","id":3}                      -&gt;  {"result":["btcusdt@trade"],"id":3}
 * </pre>
 * and the documented errors: {@code {"code":3,"msg":"Invalid JSON: ..."}} for a frame that is not JSON,
 * {@code {"code":2,"msg":"Invalid request: ..."}} for an unknown method or missing id,
 * {@code {"code":1,"msg":"Invalid value type: ..."}} for params that are not a list of names.
 * <p>
 * Source: https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams (Live Subscribing/Unsubscribing
 * to streams, Error Messages).
 */
public final class BinanceProtocol implements VenueProtocol
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Set<String> streams = new LinkedHashSet<>();

    @Override
    public String defaultPath()
    {
        return "/stream";
    }

    @Override
    public boolean isEndpoint(final String path)
    {
        return "/stream".equals(path) || "/ws".equals(path) || path.startsWith("/ws/");
    }

    @Override
    public boolean subscribesOnConnect(final String path, final String query)
    {
        if (path.startsWith("/ws/") && path.length() > "/ws/".length())
        {
            streams.add(path.substring("/ws/".length()));
            return true;
        }
        if ("/stream".equals(path) && query != null)
        {
            for (final String parameter : query.split("&"))
            {
                if (parameter.startsWith("streams="))
                {
                    for (final String stream : parameter.substring("streams=".length()).split("/"))
                    {
                        if (!stream.isEmpty())
                        {
                            streams.add(stream);
                        }
                    }
                }
            }
        }
        return !streams.isEmpty();
    }

    @Override
    public Reply onClientText(final String text)
    {
        final JsonNode request;
        try
        {
            request = MAPPER.readTree(text);
        }
        catch (final IOException ex)
        {
            return Reply.answer(error(null, 3, "Invalid JSON: " + firstLine(ex.getMessage())));
        }
        if (request == null || !request.isObject())
        {
            return Reply.answer(error(null, 3, "Invalid JSON: expected an object"));
        }
        final JsonNode id = request.get("id");
        final JsonNode method = request.get("method");
        if (id == null || !(id.isIntegralNumber() || id.isTextual()))
        {
            return Reply.answer(error(id, 2, "Invalid request: request ID must be an unsigned integer or a string"));
        }
        final String name = method != null && method.isTextual() ? method.asText() : "";
        switch (name)
        {
            case "SUBSCRIBE":
            case "UNSUBSCRIBE":
            {
                final JsonNode params = request.get("params");
                if (params == null || !params.isArray() || params.isEmpty())
                {
                    return Reply.answer(error(id, 1, "Invalid value type: expected a list of stream names"));
                }
                for (final JsonNode param : params)
                {
                    if (!param.isTextual())
                    {
                        return Reply.answer(error(id, 1, "Invalid value type: expected a list of stream names"));
                    }
                    if ("SUBSCRIBE".equals(name))
                    {
                        streams.add(param.asText());
                    }
                    else
                    {
                        streams.remove(param.asText());
                    }
                }
                final ObjectNode reply = MAPPER.createObjectNode().putNull("result");
                reply.set("id", id);
                return "SUBSCRIBE".equals(name) ? Reply.subscribed(reply.toString()) : Reply.answer(reply.toString());
            }
            case "LIST_SUBSCRIPTIONS":
            {
                final ObjectNode reply = MAPPER.createObjectNode();
                streams.forEach(reply.putArray("result")::add);
                reply.set("id", id);
                return Reply.answer(reply.toString());
            }
            default:
                return Reply.answer(error(id, 2, "Invalid request: unknown variant `" + name +
                    "`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`"));
        }
    }

    /**
     * @return the streams this connection is subscribed to, in order.
     */
    public Set<String> streams()
    {
        return streams;
    }

    private static String error(final JsonNode id, final int code, final String message)
    {
        final ObjectNode reply = MAPPER.createObjectNode();
        reply.putObject("error").put("code", code).put("msg", message);
        if (id == null)
        {
            reply.putNull("id");
        }
        else
        {
            reply.set("id", id);
        }
        return reply.toString();
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "";
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
