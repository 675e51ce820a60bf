/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.TreeMap;

/**
 * Bybit's books for late subscribers ({@link StreamBooks}): the {@code orderbook.D.S} topics, a {@code snapshot}
 * replacing a book and a {@code delta} setting each level ({@code [price, size]}, size {@code 0} removing it); the
 * snapshot written is Bybit's, with the last applied {@code u} and {@code seq}, so the deltas that follow continue it.
 */
final class BybitStreamBooks extends StreamBooks<BybitStreamBooks.Book>
{
    BybitStreamBooks()
    {
        super(new ObjectMapper(), "\"topic\":\"orderbook.", "{\"retCode\":10404,\"retMsg\":\"the simulator serves " +
            "no REST endpoint for Bybit: books are snapshotted on the stream\"}");
    }

    @Override
    void onBookMessage(final JsonNode message)
    {
        final String topic = message.path("topic").asText("");
        final String type = message.path("type").asText("");
        final JsonNode data = message.path("data");
        if (!data.isObject())
        {
            return;
        }
        if ("snapshot".equals(type))
        {
            replace(topic, new Book());
        }
        final Book book = book(topic);
        if (book == null || !("snapshot".equals(type) || "delta".equals(type)))
        {
            return; // a delta before any snapshot: the venue has no book yet
        }
        book.symbol = data.path("s").asText("");
        apply(book.bids, data.path("b"));
        apply(book.asks, data.path("a"));
        book.u = data.path("u").asLong();
        book.seq = data.path("seq").asLong();
        book.ts = message.path("ts").asLong();
        book.cts = message.path("cts").asLong();
    }

    @Override
    ObjectNode snapshot(final String topic, final Book book)
    {
        final ObjectNode message = mapper().createObjectNode().put("topic", topic).put("type", "snapshot")
            .put("ts", book.ts);
        final ObjectNode data = message.putObject("data").put("s", book.symbol);
        levels(data.putArray("b"), book.bids);
        levels(data.putArray("a"), book.asks);
        data.put("u", book.u).put("seq", book.seq);
        return message.put("cts", book.cts);
    }

    /**
     * Sets each {@code [price, size]} level, as Bybit wrote them; size 0 removes; a level that is not two numbers in
     * text is left out, as a client would skip it.
     */
    static void apply(final TreeMap<BigDecimal, String[]> side, final JsonNode levels)
    {
        for (final JsonNode level : levels)
        {
            final String price = level.path(0).asText();
            final String size = level.path(1).asText();
            try
            {
                if (new BigDecimal(size).signum() == 0)
                {
                    side.remove(new BigDecimal(price));
                }
                else
                {
                    side.put(new BigDecimal(price), new String[] {price, size});
                }
            }
            catch (final NumberFormatException ex)
            {
                // not a level the venue could have sent
            }
        }
    }

    private static void levels(final ArrayNode out, final TreeMap<BigDecimal, String[]> side)
    {
        for (final String[] level : side.values())
        {
            out.addArray().add(level[0]).add(level[1]);
        }
    }

    /**
     * One book: each side by price, each level as the venue wrote its price and size.
     */
    static final class Book
    {
        final TreeMap<BigDecimal, String[]> bids = bids();
        final TreeMap<BigDecimal, String[]> asks = asks();
        String symbol;
        long u;
        long seq;
        long ts;
        long cts;
    }
}
