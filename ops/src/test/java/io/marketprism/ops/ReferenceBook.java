/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * An independent model of a Binance spot book, written plainly with BigDecimal and TreeMap from the recording's own
 * JSON (parsed by Jackson, not by the code under test): the venue's state after the recording's REST snapshot and
 * every depth event that follows it. Used to derive snapshots for resyncs and to check the engine's final book.
 */
final class ReferenceBook
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A depth event of the recording: its line index, ids and levels. */
    static final class DepthEvent
    {
        final int line;
        final long firstId;
        final long lastId;
        final JsonNode bids;
        final JsonNode asks;

        DepthEvent(final int line, final long firstId, final long lastId, final JsonNode bids, final JsonNode asks)
        {
            this.line = line;
            this.firstId = firstId;
            this.lastId = lastId;
            this.bids = bids;
            this.asks = asks;
        }
    }

    final List<DepthEvent> events = new ArrayList<>();
    int snapshotLine = -1;
    long snapshotId;
    JsonNode snapshotBids;
    JsonNode snapshotAsks;

    static ReferenceBook load(final Path gz) throws IOException
    {
        final ReferenceBook book = new ReferenceBook();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.US_ASCII)))
        {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null)
            {
                final JsonNode root = MAPPER.readTree(text.substring(text.indexOf(' ') + 1));
                if (root.has("lastUpdateId"))
                {
                    book.snapshotLine = line;
                    book.snapshotId = root.get("lastUpdateId").asLong();
                    book.snapshotBids = root.get("bids");
                    book.snapshotAsks = root.get("asks");
                }
                else
                {
                    final JsonNode data = root.path("data");
                    if ("depthUpdate".equals(data.path("e").asText()))
                    {
                        book.events.add(new DepthEvent(line, data.get("U").asLong(), data.get("u").asLong(),
                            data.get("b"), data.get("a")));
                    }
                }
                line++;
            }
        }
        return book;
    }

    /**
     * The venue's book after every depth event up to the given line: the snapshot, then the events with
     * {@code u > lastUpdateId} in order.
     */
    State stateAtLine(final int lastLine)
    {
        final State state = new State();
        apply(state.bids, snapshotBids);
        apply(state.asks, snapshotAsks);
        state.lastId = snapshotId;
        for (final DepthEvent event : events)
        {
            if (event.line > lastLine)
            {
                break;
            }
            if (event.lastId <= state.lastId)
            {
                continue;
            }
            apply(state.bids, event.bids);
            apply(state.asks, event.asks);
            state.lastId = event.lastId;
        }
        return state;
    }

    private static void apply(final TreeMap<BigDecimal, BigDecimal> side, final JsonNode levels)
    {
        for (final JsonNode level : levels)
        {
            final BigDecimal price = new BigDecimal(level.get(0).asText());
            final BigDecimal qty = new BigDecimal(level.get(1).asText());
            if (qty.signum() == 0)
            {
                side.remove(price);
            }
            else
            {
                side.put(price, qty);
            }
        }
    }

    /** A book state. */
    static final class State
    {
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        long lastId;

        /** The state as the body of Binance's REST depth response. */
        byte[] restSnapshot()
        {
            final StringBuilder json = new StringBuilder("{\"lastUpdateId\":").append(lastId).append(",\"bids\":");
            levels(json, bids);
            json.append(",\"asks\":");
            levels(json, asks);
            return json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
        }

        private static void levels(final StringBuilder json, final Map<BigDecimal, BigDecimal> side)
        {
            json.append('[');
            boolean first = true;
            for (final Map.Entry<BigDecimal, BigDecimal> level : side.entrySet())
            {
                json.append(first ? "" : ",").append("[\"").append(level.getKey().toPlainString()).append("\",\"")
                    .append(level.getValue().toPlainString()).append("\"]");
                first = false;
            }
            json.append(']');
        }
    }
}
