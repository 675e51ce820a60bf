/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Kraken spot's books for late subscribers ({@link StreamBooks}), from the v2 messages the timeline holds
 * ({@link KrakenV2Rendering}): a {@code book} {@code snapshot} replaces a symbol's book, an {@code update} sets its
 * levels (quantity 0 removes one) and the book is then cut to the subscribed depth, as Kraken's clients are told to.
 * The snapshot written is v2's, every level the book holds, with the checksum Kraken would send for it
 * ({@link KrakenV2Rendering#checksum}); the next recorded update's checksum then holds for a client that applied it.
 */
final class KrakenStreamBooks extends StreamBooks<KrakenStreamBooks.Book>
{
    KrakenStreamBooks()
    {
        super(exactDecimals(), "\"channel\":\"book\"", "{\"error\":[\"EGeneral:Unknown method\"],\"note\":\"the " +
            "simulator serves no REST endpoint for Kraken: books are snapshotted on the stream\"}");
    }

    @Override
    void onBookMessage(final JsonNode message)
    {
        final boolean snapshot = "snapshot".equals(message.path("type").asText());
        for (final JsonNode entry : message.path("data"))
        {
            final String symbol = entry.path("symbol").asText("");
            Book book = book(symbol);
            if (snapshot)
            {
                book = new Book();
                replace(symbol, book);
            }
            else if (book == null)
            {
                continue; // an update before any snapshot: the venue has no book yet
            }
            final Book target = book;
            entry.path("bids").forEach(level -> setPriceQty(target.bids, level));
            entry.path("asks").forEach(level -> setPriceQty(target.asks, level));
            cut(target.bids);
            cut(target.asks);
            if (entry.has("timestamp"))
            {
                target.timestamp = entry.get("timestamp").asText();
            }
        }
    }

    @Override
    ObjectNode snapshot(final String symbol, final Book book)
    {
        final ObjectNode message = mapper().createObjectNode().put("channel", "book").put("type", "snapshot");
        final ObjectNode entry = message.putArray("data").addObject().put("symbol", symbol);
        writePriceQty(entry.putArray("bids"), book.bids);
        writePriceQty(entry.putArray("asks"), book.asks);
        entry.put("checksum", KrakenV2Rendering.checksum(texts(book.asks), texts(book.bids)));
        if (book.timestamp != null)
        {
            entry.put("timestamp", book.timestamp);
        }
        return message;
    }

    private static void cut(final TreeMap<BigDecimal, JsonNode[]> side)
    {
        while (side.size() > KrakenProtocol.RECORDED_DEPTH)
        {
            side.pollLastEntry();
        }
    }

    private static List<String[]> texts(final TreeMap<BigDecimal, JsonNode[]> side)
    {
        final List<String[]> texts = new ArrayList<>();
        for (final JsonNode[] level : side.values())
        {
            if (texts.size() == KrakenV2Rendering.CHECKSUM_DEPTH)
            {
                break;
            }
            texts.add(new String[] {level[0].decimalValue().toPlainString(), level[1].decimalValue().toPlainString()});
        }
        return texts;
    }

    /**
     * One book: each side by price, best first, each level's price and quantity as the venue wrote them.
     */
    static final class Book
    {
        final TreeMap<BigDecimal, JsonNode[]> bids = bids();
        final TreeMap<BigDecimal, JsonNode[]> asks = asks();
        String timestamp;
    }
}
