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
import java.util.Locale;
import java.util.Set;

/**
 * Kraken Futures' WebSocket v1 public feeds, on {@code /ws/v1}; nothing is subscribed by the URL:
 * <pre>
 *   {"event":"subscribe","feed":"book","product_ids":["PI_XBTUSD","PF_ETHUSD"]}
 *      -&gt; {"event":"subscribed","feed":"book","product_ids":["PI_XBTUSD"]}, one per product, as recorded
 *   {"event":"unsubscribe",..}  -&gt; the same with "event":"unsubscribed"
 * </pre>
 * and {@code {"event":"error","message":"Invalid feed"}} (or {@code "Json Error"}, {@code "Invalid product id"})
 * for a request it cannot take. Keep-alive is the WebSocket protocol's ping, answered by the simulator.
 * <p>
 * Source: https://docs.kraken.com/exchange/api-reference/futures-websocket/ (Subscriptions, book, errors).
 */
public final class KrakenFuturesProtocol implements VenueProtocol
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FEEDS = Set.of("book", "trade", "ticker", "ticker_lite", "heartbeat");

    private final Set<String> subscriptions = new LinkedHashSet<>();

    @Override
    public String defaultPath()
    {
        return "/ws/v1";
    }

    @Override
    public boolean isEndpoint(final String path)
    {
        return "/ws/v1".equals(path);
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
        if (!request.isObject())
        {
            return Reply.answer(error("Json Error"));
        }
        final String event = request.path("event").asText("");
        final String feed = request.path("feed").asText("");
        if (!"subscribe".equals(event) && !"unsubscribe".equals(event))
        {
            return Reply.answer(error("Invalid event"));
        }
        if (!FEEDS.contains(feed))
        {
            return Reply.answer(error("Invalid feed"));
        }
        final JsonNode products = request.get("product_ids");
        if (products == null || !products.isArray() || products.isEmpty())
        {
            return "heartbeat".equals(feed) ? Reply.subscribed(ack(event, feed, null)) :
                Reply.answer(error("Invalid product id"));
        }
        final List<String> acks = new ArrayList<>();
        for (final JsonNode product : products)
        {
            if (!product.isTextual() || product.asText().isEmpty())
            {
                return Reply.answer(error("Invalid product id"));
            }
            final String id = product.asText().toUpperCase(Locale.ROOT);
            if ("subscribe".equals(event))
            {
                subscriptions.add(feed + ':' + id);
            }
            else
            {
                subscriptions.remove(feed + ':' + id);
            }
            acks.add(ack(event, feed, id));
        }
        return "subscribe".equals(event) ? Reply.subscribed(acks) : Reply.answers(acks);
    }

    /**
     * @return this connection's subscriptions, {@code feed:PRODUCT}, in order.
     */
    public Set<String> subscriptions()
    {
        return subscriptions;
    }

    private static String ack(final String event, final String feed, final String product)
    {
        final ObjectNode ack = MAPPER.createObjectNode().put("event", event + "d").put("feed", feed);
        if (product != null)
        {
            ack.putArray("product_ids").add(product);
        }
        return ack.toString();
    }

    private static String error(final String message)
    {
        return MAPPER.createObjectNode().put("event", "error").put("message", message).toString();
    }
}
