/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.TreeMap;

/**
 * Deribit's books for late subscribers ({@link StreamBooks}): the {@code book.*} channels, {@code "type":"snapshot"}
 * replacing a book and {@code "change"} applying each {@code ["new"|"change"|"delete", price, amount]}. The snapshot
 * written is Deribit's notification on the book's channel with the last applied {@code change_id}, which the next
 * change's {@code prev_change_id} continues. Prices and amounts are JSON numbers, kept as exact decimals.
 */
final class DeribitStreamBooks extends StreamBooks<DeribitStreamBooks.Book>
{
    DeribitStreamBooks()
    {
        super(exactDecimals(), "\"channel\":\"book.", "{\"jsonrpc\":\"2.0\",\"error\":{\"message\":\"the simulator " +
            "serves no REST endpoint for Deribit: books are snapshotted on the stream\",\"code\":10404}}");
    }

    @Override
    void onBookMessage(final JsonNode message)
    {
        final String channel = message.path("params").path("channel").asText("");
        final JsonNode data = message.path("params").path("data");
        final String type = data.path("type").asText("");
        if (!data.isObject())
        {
            return;
        }
        if ("snapshot".equals(type))
        {
            replace(channel, new Book());
        }
        final Book book = book(channel);
        if (book == null || !("snapshot".equals(type) || "change".equals(type)))
        {
            return; // a change before any snapshot: the venue has no book yet
        }
        book.instrument = data.path("instrument_name").asText("");
        apply(book.bids, data.path("bids"));
        apply(book.asks, data.path("asks"));
        book.timestamp = data.path("timestamp").asLong();
        book.changeId = data.path("change_id").asLong();
    }

    @Override
    ObjectNode snapshot(final String channel, final Book book)
    {
        final ObjectNode message = mapper().createObjectNode().put("jsonrpc", "2.0").put("method", "subscription");
        final ObjectNode data = message.putObject("params").put("channel", channel).putObject("data")
            .put("type", "snapshot").put("timestamp", book.timestamp).put("instrument_name", book.instrument)
            .put("change_id", book.changeId);
        levels(data.putArray("bids"), book.bids);
        levels(data.putArray("asks"), book.asks);
        return message;
    }

    private static void apply(final TreeMap<BigDecimal, JsonNode[]> side, final JsonNode levels)
    {
        for (final JsonNode level : levels)
        {
            final JsonNode price = level.path(1);
            final JsonNode amount = level.path(2);
            if (!price.isNumber() || !amount.isNumber())
            {
                continue; // not a level the venue could have sent
            }
            if ("delete".equals(level.path(0).asText()) || amount.decimalValue().signum() == 0)
            {
                side.remove(price.decimalValue());
            }
            else
            {
                side.put(price.decimalValue(), new JsonNode[] {price, amount});
            }
        }
    }

    private static void levels(final ArrayNode out, final TreeMap<BigDecimal, JsonNode[]> side)
    {
        for (final JsonNode[] level : side.values())
        {
            out.addArray().add("new").add(level[0]).add(level[1]);
        }
    }

    /**
     * One book: each side by price, each level's price and amount as the venue wrote them.
     */
    static final class Book
    {
        final TreeMap<BigDecimal, JsonNode[]> bids = bids();
        final TreeMap<BigDecimal, JsonNode[]> asks = asks();
        String instrument = "";
        long timestamp;
        long changeId;
    }
}
