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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * OKX's side of the simulator beyond its protocol: OKX sends a book's snapshot on the stream when a client subscribes
 * to {@code books}, so there is no REST model (every request is answered {@code 404}); instead the books are kept from
 * the timeline as the venue's position advances ({@code "action":"snapshot"} replaces a book, {@code "update"} sets
 * each level, size {@code 0} removing it), and a client subscribing to a live timeline first gets each book as the
 * venue holds it then: a snapshot message with OKX's checksum of it (CRC32 of the best 25 bids and asks interleaved,
 * {@code bidPx:bidSz:askPx:askSz:..}, as signed 32-bit), and with the last applied {@code seqId} when the recording's
 * messages carry one, so that the next update's {@code prevSeqId} continues it.
 */
final class OkxStreamBooks implements VenueRest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] BOOKS = "\"channel\":\"books\"".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_DEPTH = 25;

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
        if (!BybitStreamBooks.contains(data, offset, length, BOOKS))
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
        final String instId = message.path("arg").path("instId").asText("");
        final String action = message.path("action").asText("");
        final JsonNode book = message.path("data").path(0);
        if (instId.isEmpty() || !book.isObject())
        {
            return;
        }
        if ("snapshot".equals(action))
        {
            books.put(instId, new Book());
        }
        final Book kept = books.get(instId);
        if (kept == null || !("snapshot".equals(action) || "update".equals(action)))
        {
            return; // an update before any snapshot: the venue has no book yet
        }
        kept.apply(kept.bids, book.path("bids"));
        kept.apply(kept.asks, book.path("asks"));
        kept.ts = book.path("ts").asText("");
        kept.seqId = book.has("seqId") ? book.path("seqId").asLong() : Long.MIN_VALUE;
    }

    @Override
    public Answer answer(final String path, final String query)
    {
        return new Answer(404, "{\"code\":\"50001\",\"msg\":\"the simulator serves no REST endpoint for OKX: books " +
            "are snapshotted on the stream\",\"data\":[]}");
    }

    @Override
    public List<String> subscribedSnapshots()
    {
        final List<String> snapshots = new ArrayList<>();
        for (final Map.Entry<String, Book> entry : books.entrySet())
        {
            final Book book = entry.getValue();
            final ObjectNode message = MAPPER.createObjectNode();
            message.putObject("arg").put("channel", "books").put("instId", entry.getKey());
            message.put("action", "snapshot");
            final ObjectNode data = message.putArray("data").addObject();
            levels(data.putArray("asks"), book.asks);
            levels(data.putArray("bids"), book.bids);
            data.put("ts", book.ts).put("checksum", checksum(book));
            if (book.seqId != Long.MIN_VALUE)
            {
                data.put("prevSeqId", -1).put("seqId", book.seqId);
            }
            snapshots.add(message.toString());
        }
        return snapshots;
    }

    /**
     * OKX's checksum of a book, from the level texts as the venue wrote them.
     */
    static int checksum(final Book book)
    {
        final StringBuilder text = new StringBuilder();
        final Iterator<String[]> bids = book.bids.values().iterator();
        final Iterator<String[]> asks = book.asks.values().iterator();
        for (int level = 0; level < CHECKSUM_DEPTH && (bids.hasNext() || asks.hasNext()); level++)
        {
            if (bids.hasNext())
            {
                final String[] bid = bids.next();
                text.append(bid[0]).append(':').append(bid[1]).append(':');
            }
            if (asks.hasNext())
            {
                final String[] ask = asks.next();
                text.append(ask[0]).append(':').append(ask[1]).append(':');
            }
        }
        if (text.length() > 0)
        {
            text.setLength(text.length() - 1);
        }
        final CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.US_ASCII));
        return (int)crc.getValue();
    }

    private static void levels(final ArrayNode out, final TreeMap<BigDecimal, String[]> side)
    {
        for (final String[] level : side.values())
        {
            final ArrayNode row = out.addArray();
            for (final String field : level)
            {
                row.add(field);
            }
        }
    }

    /**
     * One book: each side by price (bids highest first), each level as the venue wrote it
     * ({@code [px, sz, liquidated orders, orders]}).
     */
    static final class Book
    {
        final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();
        String ts = "";
        long seqId = Long.MIN_VALUE;

        void apply(final TreeMap<BigDecimal, String[]> side, final JsonNode levels)
        {
            for (final JsonNode level : levels)
            {
                final String[] fields = new String[level.size()];
                for (int i = 0; i < fields.length; i++)
                {
                    fields[i] = level.path(i).asText();
                }
                if (fields.length < 2)
                {
                    continue;
                }
                final BigDecimal price;
                final BigDecimal size;
                try
                {
                    price = new BigDecimal(fields[0]);
                    size = new BigDecimal(fields[1]);
                }
                catch (final NumberFormatException ex)
                {
                    continue; // a level the venue could not have sent: left out, as a client would skip it
                }
                if (size.signum() == 0)
                {
                    side.remove(price);
                }
                else
                {
                    side.put(price, fields);
                }
            }
        }
    }
}
