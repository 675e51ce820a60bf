/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * OKX's books for late subscribers ({@link StreamBooks}): the {@code books} channel, {@code "action":"snapshot"}
 * replacing a book and {@code "update"} setting each level ({@code [px, sz, liquidated orders, orders]}, size
 * {@code 0} removing it). The snapshot written is OKX's, with OKX's checksum of the book (CRC32 of the best 25 bids
 * and asks interleaved, {@code bidPx:bidSz:askPx:askSz:..}, as signed 32-bit, from the level texts as the venue wrote
 * them), and with the last applied {@code seqId} when the recording's messages carry one, so the next update's
 * {@code prevSeqId} continues it.
 */
final class OkxStreamBooks extends StreamBooks<OkxStreamBooks.Book>
{
    private static final int CHECKSUM_DEPTH = 25;

    OkxStreamBooks()
    {
        super(new ObjectMapper(), "\"channel\":\"books\"", "{\"code\":\"50001\",\"msg\":\"the simulator serves no " +
            "REST endpoint for OKX: books are snapshotted on the stream\",\"data\":[]}");
    }

    @Override
    void onBookMessage(final JsonNode message)
    {
        final String instId = message.path("arg").path("instId").asText("");
        final String action = message.path("action").asText("");
        final JsonNode data = message.path("data").path(0);
        if (instId.isEmpty() || !data.isObject())
        {
            return;
        }
        if ("snapshot".equals(action))
        {
            replace(instId, new Book());
        }
        final Book book = book(instId);
        if (book == null || !("snapshot".equals(action) || "update".equals(action)))
        {
            return; // an update before any snapshot: the venue has no book yet
        }
        apply(book.bids, data.path("bids"));
        apply(book.asks, data.path("asks"));
        book.ts = data.path("ts").asText("");
        book.seqId = data.has("seqId") ? data.path("seqId").asLong() : Long.MIN_VALUE;
    }

    @Override
    ObjectNode snapshot(final String instId, final Book book)
    {
        final ObjectNode message = mapper().createObjectNode();
        message.putObject("arg").put("channel", "books").put("instId", instId);
        message.put("action", "snapshot");
        final ObjectNode data = message.putArray("data").addObject();
        levels(data.putArray("asks"), book.asks);
        levels(data.putArray("bids"), book.bids);
        data.put("ts", book.ts).put("checksum", checksum(book));
        if (book.seqId != Long.MIN_VALUE)
        {
            data.put("prevSeqId", -1).put("seqId", book.seqId);
        }
        return message;
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

    /**
     * Sets each level as OKX wrote it; size 0 removes; a level without a numeric price and size is left out.
     */
    private static void apply(final TreeMap<BigDecimal, String[]> side, final JsonNode levels)
    {
        for (final JsonNode level : levels)
        {
            final String[] fields = new String[level.size()];
            for (int i = 0; i < fields.length; i++)
            {
                fields[i] = level.path(i).asText();
            }
            try
            {
                if (fields.length < 2)
                {
                    continue;
                }
                if (new BigDecimal(fields[1]).signum() == 0)
                {
                    side.remove(new BigDecimal(fields[0]));
                }
                else
                {
                    side.put(new BigDecimal(fields[0]), fields);
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
            final ArrayNode row = out.addArray();
            for (final String field : level)
            {
                row.add(field);
            }
        }
    }

    /**
     * One book: each side by price, each level as the venue wrote it.
     */
    static final class Book
    {
        final TreeMap<BigDecimal, String[]> bids = bids();
        final TreeMap<BigDecimal, String[]> asks = asks();
        String ts = "";
        long seqId = Long.MIN_VALUE;
    }
}
