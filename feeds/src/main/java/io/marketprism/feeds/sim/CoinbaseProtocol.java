/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Coinbase's Advanced Trade WebSocket market data, on the endpoint's root; nothing is subscribed by the URL:
 * <pre>
 *   {"type":"subscribe","channel":"heartbeats"}
 *   {"type":"subscribe","product_ids":["BTC-USD"],"channel":"level2"}
 *      -&gt; {"channel":"subscriptions","client_id":"","timestamp":..,"sequence_num":1,
 *          "events":[{"subscriptions":{"heartbeats":[],"level2":["BTC-USD"]}}]}
 * </pre>
 * and {@code {"type":"error","message":..}} for a request it cannot take. Every message of a connection carries the
 * connection's {@code sequence_num}, counted from 0 over all its channels ({@link #outbound}): a lost frame leaves
 * its number unused, a repeated one repeats it, as they would at the venue. A subscription to a data channel starts
 * the replay; the {@code heartbeats} subscription alone does not, and the simulator sends no heartbeats (the replay
 * keeps the connection busy). Keep-alive is the WebSocket protocol's ping, answered by the simulator.
 * <p>
 * Sources: https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-overview (subscribe,
 * sequence numbers), https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels.
 */
public final class CoinbaseProtocol implements VenueProtocol
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> CHANNELS =
        Set.of("heartbeats", "level2", "market_trades", "ticker", "ticker_batch", "status");
    private static final byte[] EVENTS = ",\"events\":".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Set<String>> subscriptions = new LinkedHashMap<>();
    private long unreplayed;

    @Override
    public String defaultPath()
    {
        return "/";
    }

    @Override
    public boolean isEndpoint(final String path)
    {
        return "/".equals(path) || path.isEmpty();
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
            return Reply.answer(error("malformed request"));
        }
        final String type = request.path("type").asText("");
        if (!"subscribe".equals(type) && !"unsubscribe".equals(type))
        {
            return Reply.answer(error("unknown type " + type));
        }
        final String channel = request.path("channel").asText("");
        if (!CHANNELS.contains(channel))
        {
            return Reply.answer(error("Failed to subscribe: unknown channel " + channel));
        }
        final JsonNode products = request.path("product_ids");
        final boolean needsProducts = !"heartbeats".equals(channel) && !"status".equals(channel);
        if (needsProducts && (!products.isArray() || products.isEmpty()))
        {
            return Reply.answer(error("Failed to subscribe: product_ids required for " + channel));
        }
        final Set<String> ofChannel = subscriptions.computeIfAbsent(channel, c -> new LinkedHashSet<>());
        for (final JsonNode product : products)
        {
            if (!product.isTextual() || product.asText().indexOf('-') <= 0)
            {
                return Reply.answer(error("Failed to subscribe: invalid product " + product));
            }
            if ("subscribe".equals(type))
            {
                ofChannel.add(product.asText());
            }
            else
            {
                ofChannel.remove(product.asText());
            }
        }
        if ("unsubscribe".equals(type) && ofChannel.isEmpty())
        {
            subscriptions.remove(channel);
        }
        final ObjectNode ack = MAPPER.createObjectNode().put("channel", "subscriptions").put("client_id", "")
            .put("timestamp", Instant.now().toString());
        final ObjectNode current = ack.putArray("events").addObject().putObject("subscriptions");
        subscriptions.forEach((name, ids) ->
        {
            final var list = current.putArray(name);
            ids.forEach(list::add);
        });
        return "subscribe".equals(type) && needsProducts ? Reply.subscribed(ack.toString()) :
            Reply.answer(ack.toString());
    }

    /**
     * Writes the connection's {@code sequence_num} into each enveloped message (one with {@code "events"}), before
     * its events: a replayed frame's number is its place in the replay plus the messages sent outside the replay
     * before it; any other message takes the next number and moves the replay's numbers on by one.
     */
    @Override
    public ByteBuf outbound(final ByteBuf frame, final long replayPosition, final boolean replayed)
    {
        final int at = indexOf(frame, EVENTS);
        if (at < 0)
        {
            return frame;
        }
        final long number = replayPosition + unreplayed;
        if (!replayed)
        {
            unreplayed++;
        }
        final byte[] field = (",\"sequence_num\":" + number).getBytes(StandardCharsets.US_ASCII);
        final ByteBuf out = ByteBufAllocator.DEFAULT.buffer(frame.readableBytes() + field.length);
        out.writeBytes(frame, frame.readerIndex(), at - frame.readerIndex());
        out.writeBytes(field);
        out.writeBytes(frame, at, frame.writerIndex() - at);
        frame.release();
        return out;
    }

    /**
     * @return this connection's subscriptions: products by channel.
     */
    public Map<String, Set<String>> subscriptions()
    {
        return subscriptions;
    }

    private static int indexOf(final ByteBuf buffer, final byte[] text)
    {
        for (int i = buffer.readerIndex(), last = buffer.writerIndex() - text.length; i <= last; i++)
        {
            int j = 0;
            while (j < text.length && buffer.getByte(i + j) == text[j])
            {
                j++;
            }
            if (j == text.length)
            {
                return i;
            }
        }
        return -1;
    }

    private static String error(final String message)
    {
        return MAPPER.createObjectNode().put("type", "error").put("message", message).toString();
    }
}
