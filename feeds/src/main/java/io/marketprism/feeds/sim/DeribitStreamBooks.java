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
 * Deribit's side of the simulator beyond its protocol: Deribit sends a {@code book} snapshot on the stream when a
 * client subscribes, so there is no REST model (every request is answered {@code 404}); instead the books are kept from
 * the timeline as the venue's position advances ({@code "type":"snapshot"} replaces a book, {@code "change"} applies
 * each {@code ["new"|"change"|"delete", price, amount]}), and a client subscribing to a live timeline first gets each
 * book as the venue holds it then: a snapshot notification on the book's channel with the last applied
 * {@code change_id}, which the next change's {@code prev_change_id} continues. Prices and amounts are JSON numbers at
 * Deribit; they are kept as exact decimals, scale included, and written back plain.
 */
final class DeribitStreamBooks implements VenueRest
{
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final byte[] BOOK = "\"channel\":\"book.".getBytes(StandardCharsets.US_ASCII);

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
        final String channel = message.path("params").path("channel").asText("");
        final JsonNode book = message.path("params").path("data");
        final String type = book.path("type").asText("");
        if (!book.isObject())
        {
            return;
        }
        if ("snapshot".equals(type))
        {
            books.put(channel, new Book());
        }
        final Book kept = books.get(channel);
        if (kept == null || !("snapshot".equals(type) || "change".equals(type)))
        {
            return; // a change before any snapshot: the venue has no book yet
        }
        kept.instrument = book.path("instrument_name").asText("");
        kept.apply(kept.bids, book.path("bids"));
        kept.apply(kept.asks, book.path("asks"));
        kept.timestamp = book.path("timestamp").asLong();
        kept.changeId = book.path("change_id").asLong();
    }

    @Override
    public Answer answer(final String path, final String query)
    {
        return new Answer(404, "{\"jsonrpc\":\"2.0\",\"error\":{\"message\":\"the simulator serves no REST endpoint " +
            "for Deribit: books are snapshotted on the stream\",\"code\":10404}}");
    }

    @Override
    public List<String> subscribedSnapshots()
    {
        final List<String> snapshots = new ArrayList<>();
        for (final Map.Entry<String, Book> entry : books.entrySet())
        {
            final Book book = entry.getValue();
            final ObjectNode message = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", "subscription");
            final ObjectNode params = message.putObject("params").put("channel", entry.getKey());
            final ObjectNode data = params.putObject("data").put("type", "snapshot").put("timestamp", book.timestamp)
                .put("instrument_name", book.instrument).put("change_id", book.changeId);
            levels(data.putArray("bids"), book.bids);
            levels(data.putArray("asks"), book.asks);
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
            out.addArray().add("new").add(level[0]).add(level[1]);
        }
    }

    /**
     * One book: each side by price (bids highest first), each level's price and amount as the venue wrote them.
     */
    private static final class Book
    {
        final TreeMap<BigDecimal, JsonNode[]> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, JsonNode[]> asks = new TreeMap<>();
        String instrument = "";
        long timestamp;
        long changeId;

        void apply(final TreeMap<BigDecimal, JsonNode[]> side, final JsonNode levels)
        {
            for (final JsonNode level : levels)
            {
                final JsonNode price = level.path(1);
                final JsonNode amount = level.path(2);
                if (!price.isNumber() || !amount.isNumber())
                {
                    continue; // a level the venue could not have sent: left out, as a client would skip it
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
    }
}
