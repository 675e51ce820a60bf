/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coinbase through the command a user runs: {@code decode --venue coinbase --format cryptofeed} over the recorded
 * legacy Exchange session, and over an Advanced Trade session (nautilus message shapes) with one {@code l2_data}
 * message dropped.
 */
final class CoinbaseDecodeAcceptanceTest
{
    private static final String RECORDING = "cryptofeed/COINBASE.ws.28.0.gz";

    @Test
    void shouldDecodeTheLegacySessionWithEveryBookValidAfterItsSnapshot(@TempDir final Path tmp)
    {
        final List<JsonNode> lines = decode(tmp, TestRecordings.file(RECORDING));
        assertEquals(List.of(), JsonLinesContract.violations(lines), "JSON lines break JSONL.md");

        final Map<String, Integer> counts = new HashMap<>();
        final Set<String> synced = new HashSet<>();
        final List<String> notValidAfterSnapshot = new ArrayList<>();
        final List<String> statuses = new ArrayList<>();
        int snapshots = 0;
        int validUpdates = 0;
        for (final JsonNode line : lines)
        {
            final String type = line.get("type").asText();
            counts.merge(type, 1, Integer::sum);
            if ("status".equals(type))
            {
                statuses.add(line.path("event").asText() + " " + line.path("reason").asText());
            }
            if (!"book".equals(type))
            {
                continue;
            }
            assertEquals("coinbase", line.get("venue").asText());
            final String symbol = line.get("symbol").asText();
            final boolean valid = "valid".equals(line.get("health").asText());
            if (line.get("snapshot").asBoolean())
            {
                snapshots++;
                assertTrue(valid, "a snapshot makes the book valid: " + line);
                synced.add(symbol);
            }
            else if (synced.contains(symbol))
            {
                if (valid)
                {
                    validUpdates++;
                }
                else
                {
                    notValidAfterSnapshot.add(line.toString());
                }
            }
        }
        assertEquals(List.of(), notValidAfterSnapshot.subList(0, Math.min(5, notValidAfterSnapshot.size())),
            "book lines after their snapshot that are not valid");
        assertEquals(10, snapshots, "one snapshot per product");
        assertEquals(10, synced.size(), "products with a book");
        assertEquals(9719, validUpdates, "every l2update applied to a valid book");
        assertEquals(107, counts.get("trade"), "match and last_match lines");
        assertEquals(107, counts.get("bbo"), "ticker lines");
        assertEquals(10, counts.get("instrument"), "instrument lines");
        // the status events: one resync per snapshot; nothing malformed, no gap; and clock skew flagged on the
        // tickers and matches of quiet products, whose last trade is minutes old when the session subscribes
        final List<String> resyncs = statuses.stream().filter(status -> status.startsWith("resync")).toList();
        final List<String> others = statuses.stream().filter(status -> !status.startsWith("resync")).toList();
        assertEquals(10, resyncs.size(), String.join(", ", statuses));
        others.forEach(status -> assertTrue(status.startsWith("data_quality clock_skew: received "), status));
        assertEquals(3, others.size(), String.join(", ", others));
    }

    @Test
    void shouldReportAGapAndKeepTheBooksResyncingAfterADroppedL2DataMessage(@TempDir final Path tmp)
        throws IOException
    {
        // an Advanced Trade connection in the documented shapes: two books, then updates of both, numbered 0..7
        final List<String> frames = new ArrayList<>();
        frames.add(l2("snapshot", "BTC-USD", 0, "2.30000000"));
        frames.add(l2("snapshot", "ETH-USD", 1, "2.30000000"));
        frames.add(l2("update", "BTC-USD", 2, "2.40000000"));
        frames.add(l2("update", "ETH-USD", 3, "2.40000000"));
        frames.add(l2("update", "BTC-USD", 4, "2.50000000"));   // dropped below
        frames.add(l2("update", "ETH-USD", 5, "2.50000000"));
        frames.add(l2("update", "BTC-USD", 6, "2.60000000"));
        frames.add(l2("update", "ETH-USD", 7, "2.60000000"));
        frames.add(l2("snapshot", "BTC-USD", 8, "2.70000000")); // re-subscribed: a fresh snapshot of BTC-USD
        frames.add(l2("update", "BTC-USD", 9, "2.80000000"));
        frames.add(l2("update", "ETH-USD", 10, "2.80000000"));
        frames.remove(4);
        final Path capture = tmp.resolve("COINBASE.ws.1.0");
        final StringBuilder text = new StringBuilder("wss://advanced-trade-ws.coinbase.com <-> 1775572200.0\n");
        for (int i = 0; i < frames.size(); i++)
        {
            text.append("1775572200.").append(i + 1).append(": ").append(frames.get(i)).append('\n');
        }
        Files.writeString(capture, text, StandardCharsets.UTF_8);

        final List<JsonNode> lines = decode(tmp, capture);
        assertEquals(List.of(), JsonLinesContract.violations(lines), "JSON lines break JSONL.md");
        final List<String> trail = new ArrayList<>();
        for (final JsonNode line : lines)
        {
            final String type = line.get("type").asText();
            if ("book".equals(type))
            {
                trail.add(line.get("symbol").asText() + " " + line.get("seq").asLong() + " " +
                    line.get("health").asText());
            }
            else if ("status".equals(type))
            {
                trail.add(line.get("event").asText() + " " + line.get("symbol").asText());
            }
        }
        assertEquals(List.of(
            "resync BTC-USD", "BTC-USD 0 valid",
            "resync ETH-USD", "ETH-USD 1 valid",
            "BTC-USD 2 valid",
            "ETH-USD 3 valid",
            // sequence 4 lost: whichever book it was for, both books are unsure from here on
            "gap ETH-USD", "ETH-USD 5 resyncing",
            "gap BTC-USD", "BTC-USD 6 resyncing",
            "ETH-USD 7 resyncing",
            "resync BTC-USD", "BTC-USD 8 valid",
            "BTC-USD 9 valid",
            "ETH-USD 10 resyncing"), trail);
    }

    private static String l2(final String type, final String product, final long sequence, final String bidQty)
    {
        return "{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"2026-04-07T14:30:0" + sequence % 10 +
            ".123456Z\",\"sequence_num\":" + sequence + ",\"events\":[{\"type\":\"" + type + "\",\"product_id\":\"" +
            product + "\",\"updates\":[{\"side\":\"bid\",\"event_time\":\"2026-04-07T14:30:00.123456Z\"," +
            "\"price_level\":\"68900.00\",\"new_quantity\":\"" + bidQty + "\"},{\"side\":\"offer\",\"event_time\":" +
            "\"2026-04-07T14:30:00.123456Z\",\"price_level\":\"68901.00\",\"new_quantity\":\"0.50000000\"}]}]}";
    }

    private static List<JsonNode> decode(final Path tmp, final Path capture)
    {
        final Path output = tmp.resolve("decoded.jsonl");
        final Cli cli = Cli.run("decode", "--venue", "coinbase", "--format", "cryptofeed", "--output",
            output.toString(), "--input", capture.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        return Cli.jsonLines(output);
    }
}
