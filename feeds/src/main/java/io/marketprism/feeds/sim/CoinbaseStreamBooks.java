/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Coinbase's books for late subscribers ({@link StreamBooks}), from the Advanced Trade {@code l2_data} messages the
 * timeline holds ({@link CoinbaseAdvancedTradeRendering}): a {@code snapshot} event replaces a product's book, an
 * {@code update} event sets its levels ({@code new_quantity} 0 removes one). The snapshot written is an
 * {@code l2_data} message with one {@code snapshot} event holding every level; its {@code sequence_num} is written by
 * the connection that sends it ({@link CoinbaseProtocol}).
 */
final class CoinbaseStreamBooks extends StreamBooks<CoinbaseStreamBooks.Book>
{
    CoinbaseStreamBooks()
    {
        super(new ObjectMapper(), "\"channel\":\"l2_data\"", "{\"error\":\"NOT_FOUND\",\"message\":\"the simulator " +
            "serves no REST endpoint for Coinbase: books are snapshotted on the stream\"}");
    }

    @Override
    void onBookMessage(final JsonNode message)
    {
        for (final JsonNode event : message.path("events"))
        {
            final String product = event.path("product_id").asText("");
            Book book = book(product);
            if ("snapshot".equals(event.path("type").asText()))
            {
                book = new Book();
                replace(product, book);
            }
            else if (book == null)
            {
                continue; // an update before any snapshot: the venue has no book yet
            }
            for (final JsonNode level : event.path("updates"))
            {
                final String price = level.path("price_level").asText("");
                final String quantity = level.path("new_quantity").asText("");
                if (price.isEmpty() || quantity.isEmpty())
                {
                    continue; // not a level the venue could have sent
                }
                final TreeMap<BigDecimal, String[]> side = "bid".equals(level.path("side").asText()) ?
                    book.bids : book.offers;
                if (new BigDecimal(quantity).signum() == 0)
                {
                    side.remove(new BigDecimal(price));
                }
                else
                {
                    side.put(new BigDecimal(price), new String[] {price, quantity, level.path("event_time").asText()});
                }
            }
            book.timestamp = message.path("timestamp").asText();
        }
    }

    @Override
    ObjectNode snapshot(final String product, final Book book)
    {
        final ObjectNode message = mapper().createObjectNode().put("channel", "l2_data").put("client_id", "")
            .put("timestamp", book.timestamp);
        final ArrayNode updates = message.putArray("events").addObject().put("type", "snapshot")
            .put("product_id", product).putArray("updates");
        levels(updates, "bid", book.bids);
        levels(updates, "offer", book.offers);
        return message;
    }

    private static void levels(final ArrayNode updates, final String side, final Map<BigDecimal, String[]> levels)
    {
        for (final String[] level : levels.values())
        {
            updates.addObject().put("side", side).put("event_time", level[2]).put("price_level", level[0])
                .put("new_quantity", level[1]);
        }
    }

    /**
     * One book: each side by price, best first, each level's price, quantity and time as the venue wrote them.
     */
    static final class Book
    {
        final TreeMap<BigDecimal, String[]> bids = bids();
        final TreeMap<BigDecimal, String[]> offers = asks();
        String timestamp;
    }
}
