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
 * The REST side of a venue that snapshots its books on the stream (OKX, Bybit, Deribit, Kraken Futures): there is no
 * REST model (every request is answered {@code 404} with a body that says why), and instead the venue's books are kept
 * from the timeline as its position advances, so that a client subscribing to a live timeline first gets each book as
 * the venue then holds it, in the venue's snapshot message ({@link #subscribedSnapshots()}). A subclass reads its
 * venue's book messages ({@link #onBookMessage}) and writes its snapshot ({@link #snapshot}); this class finds the
 * book messages (a marker text, then JSON), keeps the books by key in the order they first came, and writes the
 * snapshots. Simulator thread only; cold path.
 *
 * @param <B> the venue's book.
 */
abstract class StreamBooks<B> implements VenueRest
{
    private final ObjectMapper mapper;
    private final byte[] marker;
    private final String notServed;
    private final Map<String, B> books = new LinkedHashMap<>();

    /**
     * @param mapper    reads the venue's messages and writes its snapshots.
     * @param marker    text every book message of the venue holds; other messages are not parsed.
     * @param notServed the JSON body of the {@code 404} every REST request gets.
     */
    StreamBooks(final ObjectMapper mapper, final String marker, final String notServed)
    {
        this.mapper = mapper;
        this.marker = marker.getBytes(StandardCharsets.UTF_8);
        this.notServed = notServed;
    }

    /**
     * @return a mapper for venues that write prices as JSON numbers: exact decimals, scale included, written plain.
     */
    static ObjectMapper exactDecimals()
    {
        return new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    /**
     * @param <V> a level.
     * @return an empty bid side: the highest price first.
     */
    static <V> TreeMap<BigDecimal, V> bids()
    {
        return new TreeMap<>(Comparator.reverseOrder());
    }

    /**
     * @param <V> a level.
     * @return an empty ask side: the lowest price first.
     */
    static <V> TreeMap<BigDecimal, V> asks()
    {
        return new TreeMap<>();
    }

    /**
     * Sets the level an object with {@code price} and {@code qty} (JSON numbers, Kraken's and Kraken Futures' shape)
     * names; qty 0 removes it.
     *
     * @param side  the side, by price.
     * @param level the level object; one without numbers is not a level the venue could have sent, and is ignored.
     */
    static void setPriceQty(final TreeMap<BigDecimal, JsonNode[]> side, final JsonNode level)
    {
        final JsonNode price = level.path("price");
        final JsonNode qty = level.path("qty");
        if (!price.isNumber() || !qty.isNumber())
        {
            return;
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

    /**
     * Writes a side's levels as {@code {"price":..,"qty":..}} objects, best first, as the venue wrote them.
     *
     * @param out  the array to add to.
     * @param side the side.
     */
    static void writePriceQty(final ArrayNode out, final TreeMap<BigDecimal, JsonNode[]> side)
    {
        for (final JsonNode[] level : side.values())
        {
            final ObjectNode row = out.addObject();
            row.set("price", level[0]);
            row.set("qty", level[1]);
        }
    }

    @Override
    public final boolean isRestBody(final byte[] message)
    {
        return false;
    }

    @Override
    public final void seed(final RecordedTimeline timeline)
    {
        // the recording's first message of each book is its snapshot: nothing to seed
    }

    @Override
    public final void onMessage(final byte[] data, final int offset, final int length)
    {
        if (!contains(data, offset, length, marker))
        {
            return;
        }
        final JsonNode message;
        try
        {
            message = mapper.readTree(data, offset, length);
        }
        catch (final IOException ex)
        {
            return; // a malformed recorded frame changes no book
        }
        onBookMessage(message);
    }

    @Override
    public final Answer answer(final String path, final String query)
    {
        return new Answer(404, notServed);
    }

    @Override
    public final List<String> subscribedSnapshots()
    {
        final List<String> snapshots = new ArrayList<>();
        for (final Map.Entry<String, B> entry : books.entrySet())
        {
            try
            {
                snapshots.add(mapper.writeValueAsString(snapshot(entry.getKey(), entry.getValue())));
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("cannot write a snapshot of " + entry.getKey(), ex);
            }
        }
        return snapshots;
    }

    /**
     * @return the mapper, for a subclass building messages.
     */
    final ObjectMapper mapper()
    {
        return mapper;
    }

    /**
     * @param key a book's key (its channel, topic or instrument, as the venue names it).
     * @return the book, or null before its first snapshot.
     */
    final B book(final String key)
    {
        return books.get(key);
    }

    /**
     * A snapshot came: the book is replaced.
     *
     * @param key  the book's key.
     * @param book the new book.
     */
    final void replace(final String key, final B book)
    {
        books.put(key, book);
    }

    /**
     * @param message a message of the venue that holds the marker.
     */
    abstract void onBookMessage(JsonNode message);

    /**
     * @param key  a book's key.
     * @param book the book.
     * @return the venue's snapshot message of it.
     */
    abstract ObjectNode snapshot(String key, B book);

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
}
