/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kraken Futures' side of the simulator beyond its protocol: a {@code book} subscription starts with a
 * {@code book_snapshot} on the stream, so there is no REST model (every request is answered {@code 404}); the books
 * are kept from the timeline as the venue's position advances (a snapshot replaces a product's book, a {@code book}
 * delta sets one level, {@code qty} 0 removing it), and a client subscribing to a live timeline first gets each book as
 * the venue holds it then, a {@code book_snapshot} with the last applied {@code seq}, which the next delta continues.
 * Prices and quantities are JSON numbers; they are kept as exact decimals, scale included, and written back plain.
 */
final class KrakenFuturesStreamBooks implements VenueRest
{
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final byte[] BOOK = "\"feed\":\"book".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Book> books = new LinkedHashMap<>();

    @Override
    public boolean isRestBody(final byte[] message)
    {
        return false;
    }

    @Override
    public void seed(final RecordedTimeline timeline)
    {
        // the recording's first message of each book is its snapshot: nothing to seed
    }

    @Override
    public void onMessage(final byte[] data, final int offset, final int length)
    {
        if (!BybitStreamBooks.contains(data, offset, length, BOOK))
        {
            return;
        }
        final JsonNode message;
        try
        {
            message = MAPPER.readTree(data, offset, length);
        }
        catch (final IOException ex)
        {
            return; // a malformed recorded frame changes no book
        }
        final String feed = message.path("feed").asText("");
        final String product = message.path("product_id").asText("");
        if ("book_snapshot".equals(feed))
        {
            final Book book = new Book();
            book.apply(book.bids, message.path("bids"));
            book.apply(book.asks, message.path("asks"));
            book.seq = message.path("seq").asLong();
            book.timestamp = message.path("timestamp").asLong();
            books.put(product, book);
        }
        else if ("book".equals(feed))
        {
            final Book book = books.get(product);
            if (book == null)
            {
                return; // a delta before any snapshot: the venue has no book yet
            }
            final ObjectNode level = MAPPER.createObjectNode();
            level.set("price", message.path("price"));
            level.set("qty", message.path("qty"));
            book.apply("buy".equals(message.path("side").asText()) ? book.bids : book.asks,
                MAPPER.createArrayNode().add(level));
            book.seq = message.path("seq").asLong();
            book.timestamp = message.path("timestamp").asLong();
        }
    }

    @Override
    public Answer answer(final String path, final String query)
    {
        return new Answer(404, "{\"result\":\"error\",\"error\":\"the simulator serves no REST endpoint for Kraken " +
            "Futures: books are snapshotted on the stream\"}");
    }

    @Override
    public List<String> subscribedSnapshots()
    {
        final List<String> snapshots = new ArrayList<>();
        for (final Map.Entry<String, Book> entry : books.entrySet())
        {
            final Book book = entry.getValue();
            final ObjectNode message = MAPPER.createObjectNode().put("feed", "book_snapshot")
                .put("product_id", entry.getKey()).put("timestamp", book.timestamp).put("seq", book.seq)
                .putNull("tickSize");
            levels(message.putArray("bids"), book.bids);
            levels(message.putArray("asks"), book.asks);
            try
            {
                snapshots.add(MAPPER.writeValueAsString(message));
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("cannot write a snapshot of " + entry.getKey(), ex);
            }
        }
        return snapshots;
    }

    private static void levels(final ArrayNode out, final TreeMap<BigDecimal, JsonNode[]> side)
    {
        for (final JsonNode[] level : side.values())
        {
            final ObjectNode row = out.addObject();
            row.set("price", level[0]);
            row.set("qty", level[1]);
        }
    }

    /**
     * One book: each side by price (bids highest first), each level's price and quantity as the venue wrote them.
     */
    private static final class Book
    {
        final TreeMap<BigDecimal, JsonNode[]> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, JsonNode[]> asks = new TreeMap<>();
        long seq;
        long timestamp;

        void apply(final TreeMap<BigDecimal, JsonNode[]> side, final JsonNode levels)
        {
            for (final JsonNode level : levels)
            {
                final JsonNode price = level.path("price");
                final JsonNode qty = level.path("qty");
                if (!price.isNumber() || !qty.isNumber())
                {
                    continue; // a level the venue could not have sent: left out, as a client would skip it
                }
                if (qty.decimalValue().signum() == 0)
                {
                    side.remove(price.decimalValue());
                }
                else
                {
                    side.put(price.decimalValue(), new JsonNode[] {price, qty});
                }
            }
        }
    }
}
