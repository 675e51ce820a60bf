/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.TreeMap;

/**
 * Kraken Futures' books for late subscribers ({@link StreamBooks}): a {@code book_snapshot} replacing a product's
 * book and a {@code book} delta setting one level ({@code qty} 0 removing it). The snapshot written is Kraken's
 * {@code book_snapshot} with the last applied {@code seq}, which the next delta continues. Prices and quantities are
 * JSON numbers, kept as exact decimals.
 */
final class KrakenFuturesStreamBooks extends StreamBooks<KrakenFuturesStreamBooks.Book>
{
    KrakenFuturesStreamBooks()
    {
        super(exactDecimals(), "\"feed\":\"book", "{\"result\":\"error\",\"error\":\"the simulator serves no REST " +
            "endpoint for Kraken Futures: books are snapshotted on the stream\"}");
    }

    @Override
    void onBookMessage(final JsonNode message)
    {
        final String feed = message.path("feed").asText("");
        final String product = message.path("product_id").asText("");
        final Book book;
        if ("book_snapshot".equals(feed))
        {
            book = new Book();
            message.path("bids").forEach(level -> setPriceQty(book.bids, level));
            message.path("asks").forEach(level -> setPriceQty(book.asks, level));
            replace(product, book);
        }
        else if ("book".equals(feed) && book(product) != null)
        {
            book = book(product);
            setPriceQty("buy".equals(message.path("side").asText()) ? book.bids : book.asks, message);
        }
        else
        {
            return; // a delta before any snapshot: the venue has no book yet
        }
        book.seq = message.path("seq").asLong();
        book.timestamp = message.path("timestamp").asLong();
    }

    @Override
    ObjectNode snapshot(final String product, final Book book)
    {
        final ObjectNode message = mapper().createObjectNode().put("feed", "book_snapshot").put("product_id", product)
            .put("timestamp", book.timestamp).put("seq", book.seq).putNull("tickSize");
        writePriceQty(message.putArray("bids"), book.bids);
        writePriceQty(message.putArray("asks"), book.asks);
        return message;
    }

    /**
     * One book: each side by price, each level's price and quantity as the venue wrote them.
     */
    static final class Book
    {
        final TreeMap<BigDecimal, JsonNode[]> bids = bids();
        final TreeMap<BigDecimal, JsonNode[]> asks = asks();
        long seq;
        long timestamp;
    }
}
