/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Bybit's side of the simulator beyond its protocol: no REST (every request is answered {@code 404}), since Bybit
 * sends a book's snapshot on the stream when a client subscribes. The books of the {@code orderbook.D.S} topics are
 * kept from the timeline as the venue's position advances (a {@code snapshot} replaces a book, a {@code delta} sets
 * each level, size {@code 0} removing it), so that a client subscribing to a live timeline first gets each book as
 * the venue holds it then, a {@code snapshot} message with the last applied {@code u} and {@code seq}, and then the
 * deltas that continue it: what Bybit does on every new subscription, and what lets a client that lost its
 * connection resync by subscribing again.
 */
final class BybitStreamBooks implements VenueRest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] BOOK_TOPIC = "\"topic\":\"orderbook.".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Book> books = new LinkedHashMap<>();

    @Override
    public boolean isRestBody(final byte[] message)
    {
        return false;
    }

    @Override
    public void seed(final RecordedTimeline timeline)
    {
        // the recording's first book message is its snapshot: nothing to seed
    }

    @Override
    public void onMessage(final byte[] data, final int offset, final int length)
    {
        if (!contains(data, offset, length, BOOK_TOPIC))
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
        final String topic = message.path("topic").asText("");
        final String type = message.path("type").asText("");
        final JsonNode book = message.path("data");
        if (!book.isObject())
        {
            return;
        }
        if ("snapshot".equals(type))
        {
            books.put(topic, new Book());
        }
        final Book kept = books.get(topic);
        if (kept == null || !("snapshot".equals(type) || "delta".equals(type)))
        {
            return; // a delta before any snapshot: the venue has no book yet
        }
        kept.symbol = book.path("s").asText("");
        kept.apply(kept.bids, book.path("b"));
        kept.apply(kept.asks, book.path("a"));
        kept.u = book.path("u").asLong();
        kept.seq = book.path("seq").asLong();
        kept.ts = message.path("ts").asLong();
        kept.cts = message.path("cts").asLong();
    }

    @Override
    public Answer answer(final String path, final String query)
    {
        return new Answer(404, "{\"retCode\":10404,\"retMsg\":\"the simulator serves no REST endpoint for Bybit: " +
            "books are snapshotted on the stream\"}");
    }

    @Override
    public List<String> subscribedSnapshots()
    {
        final List<String> snapshots = new ArrayList<>();
        for (final Map.Entry<String, Book> entry : books.entrySet())
        {
            final Book book = entry.getValue();
            final ObjectNode message = MAPPER.createObjectNode()
                .put("topic", entry.getKey()).put("type", "snapshot").put("ts", book.ts);
            final ObjectNode data = message.putObject("data").put("s", book.symbol);
            levels(data.putArray("b"), book.bids);
            levels(data.putArray("a"), book.asks);
            data.put("u", book.u).put("seq", book.seq);
            message.put("cts", book.cts);
            snapshots.add(message.toString());
        }
        return snapshots;
    }

    private static void levels(final ArrayNode out, final TreeMap<BigDecimal, String[]> side)
    {
        for (final String[] level : side.values())
        {
            out.addArray().add(level[0]).add(level[1]);
        }
    }

    static boolean contains(final byte[] data, final int offset, final int length, final byte[] text)
    {
        final int last = offset + length - text.length;
        for (int start = offset; start <= last; start++)
        {
            int i = 0;
            while (i < text.length && data[start + i] == text[i])
            {
                i++;
            }
            if (i == text.length)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * One book: each side by price (bids highest first), each level as the venue wrote its price and size.
     */
    private static final class Book
    {
        final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();
        String symbol;
        long u;
        long seq;
        long ts;
        long cts;

        void apply(final TreeMap<BigDecimal, String[]> side, final JsonNode levels)
        {
            for (final JsonNode level : levels)
            {
                final String price = level.path(0).asText();
                final String size = level.path(1).asText();
                final BigDecimal key;
                final BigDecimal amount;
                try
                {
                    key = new BigDecimal(price);
                    amount = new BigDecimal(size);
                }
                catch (final NumberFormatException ex)
                {
                    continue; // a level the venue could not have sent: left out, as a client would skip it
                }
                if (amount.signum() == 0)
                {
                    side.remove(key);
                }
                else
                {
                    side.put(key, new String[] {price, size});
                }
            }
        }
    }
}
