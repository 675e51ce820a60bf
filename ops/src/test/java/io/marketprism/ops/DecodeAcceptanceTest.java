/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton's book acceptance, through the command a user runs: decode two consecutive days of real
 * Binance traffic and check the maintained book against the venue's own best bid/offer channel. Binance's
 * {@code bookTicker} carries the same update id {@code u} as the depth event that produced it, so wherever a
 * {@code bbo} line and a {@code book} line share a {@code seq}, the book's top must equal the bbo exactly.
 */
final class DecodeAcceptanceTest
{
    @Test
    void shouldMatchBookTopToBookTickerOnSpotRecording(@TempDir final Path tmp)
    {
        final Result result = decode(tmp, "binance-spot",
            "hftbacktest/spot/btcusdt_20240808.gz", "hftbacktest/spot/btcusdt_20240809.gz");
        result.assertClean();
        assertTrue(result.compared >= 1000, "compared only " + result.compared + " bbo/book pairs");
    }

    @Test
    void shouldMatchBookTopToBookTickerOnCoinMarginedRecording(@TempDir final Path tmp)
    {
        final Result result = decode(tmp, "binance-coinm",
            "hftbacktest/cm/btcusd_perp_20240808.gz", "hftbacktest/cm/btcusd_perp_20240809.gz");
        result.assertClean();
        assertTrue(result.compared >= 1000, "compared only " + result.compared + " bbo/book pairs");
    }

    @Test
    void shouldMatchBookTopToBookTickerOnUsdMarginedRecordingWithMicrosecondTimestamps(@TempDir final Path tmp)
    {
        final Result result = decode(tmp, "binance-usdm",
            "hftbacktest/usdm/btcusdt_20230404.dat.gz", "hftbacktest/usdm/btcusdt_20230405.dat.gz");
        result.assertClean();
        assertTrue(result.compared >= 100, "compared only " + result.compared + " bbo/book pairs");
        assertTrue(result.types.contains("funding"), "markPrice@1s should yield funding lines");
    }

    @Test
    void shouldDecodeCryptofeedSessionWithRestSnapshotsMergedByTime(@TempDir final Path tmp) throws IOException
    {
        final Result result = decode(tmp, "binance-usdm", "cryptofeed/BINANCE_FUTURES.ws.1.0.gz",
            "cryptofeed/BINANCE_FUTURES.http.0.0.gz");
        final long klineFrames = countLinesContaining("cryptofeed/BINANCE_FUTURES.ws.1.0.gz", "\"e\":\"kline\"");
        assertTrue(klineFrames > 0, "the session has kline frames, a stream this decoder does not handle");
        assertEquals(klineFrames, result.malformed, "every unsupported frame is reported, and nothing else");
        assertEquals(klineFrames, result.unknownEventTypes, "reported as unknown_event_type");
        assertEquals(List.of(), result.contractViolations, "JSON lines break JSONL.md");
        assertEquals(0, result.gaps, "gap status events");
        assertEquals(List.of(), result.notValidAfterSync, "book lines after a book's initial sync that are not valid");
        assertTrue(result.validBooks > 0, "no valid book at all");
        assertTrue(result.books >= 4, "expected several instruments' books, got " + result.books);
    }

    @Test
    void shouldMatchBookTopToBookTickerInTheSpotAndCoinMarginedCryptofeedSessions(@TempDir final Path tmp)
        throws IOException
    {
        Files.createDirectories(tmp.resolve("spot"));
        Files.createDirectories(tmp.resolve("delivery"));
        // issue 3: the cryptofeed Binance captures, book top against the venue bbo at every equal seq
        final Result spot = decode(tmp.resolve("spot"), "binance-spot", "cryptofeed/BINANCE.ws.1.0.gz",
            "cryptofeed/BINANCE.http.0.0.gz");
        assertEquals(List.of(), spot.mismatches, "book top != bbo");
        assertEquals(0, spot.gaps);
        assertEquals(List.of(), spot.notValidAfterSync);
        assertTrue(spot.compared >= 20, "compared only " + spot.compared);

        final Result delivery = decode(tmp.resolve("delivery"), "binance-coinm",
            "cryptofeed/BINANCE_DELIVERY.ws.1.0.gz", "cryptofeed/BINANCE_DELIVERY.http.0.0.gz");
        assertEquals(List.of(), delivery.mismatches, "book top != bbo");
        assertEquals(0, delivery.gaps);
        assertEquals(List.of(), delivery.notValidAfterSync);
        assertTrue(delivery.compared >= 200, "compared only " + delivery.compared);
        assertEquals(List.of(), delivery.contractViolations, "JSON lines break JSONL.md");
    }

    private static long countLinesContaining(final String recording, final String text) throws IOException
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(TestRecordings.file(recording))), StandardCharsets.UTF_8)))
        {
            return reader.lines().filter(line -> line.contains(text)).count();
        }
    }

    private static Result decode(final Path tmp, final String venue, final String... recordings)
    {
        final Path output = tmp.resolve("decoded.jsonl");
        final List<String> args = new ArrayList<>(List.of("decode", "--venue", venue, "--format",
            recordings[0].startsWith("cryptofeed") ? "cryptofeed" : "hftbacktest", "--output", output.toString()));
        for (final String recording : recordings)
        {
            args.add("--input");
            args.add(TestRecordings.file(recording).toString());
        }
        final Cli cli = Cli.run(args.toArray(new String[0]));
        assertEquals(0, cli.exitCode, cli::toString);
        return new Result(Cli.jsonLines(output));
    }

    /**
     * What the decoded lines show.
     */
    private static final class Result
    {
        final List<String> contractViolations;
        final List<String> mismatches = new ArrayList<>();
        final List<String> notValidAfterSync = new ArrayList<>();
        final Set<String> types = new HashSet<>();
        int compared;
        int gaps;
        int malformed;
        int unknownEventTypes;
        int books;
        int validBooks;

        Result(final List<JsonNode> lines)
        {
            contractViolations = JsonLinesContract.violations(lines);
            final Map<String, Map<Long, JsonNode>> booksBySymbolAndSeq = new HashMap<>();
            final Set<String> synced = new HashSet<>();
            for (final JsonNode line : lines)
            {
                final String type = line.get("type").asText();
                types.add(type);
                if ("status".equals(type) && "gap".equals(line.path("event").asText()))
                {
                    gaps++;
                }
                if ("status".equals(type) && "malformed".equals(line.path("event").asText()))
                {
                    malformed++;
                    unknownEventTypes += line.path("reason").asText().startsWith("unknown_event_type") ? 1 : 0;
                }
                if (!"book".equals(type))
                {
                    continue;
                }
                final String symbol = line.get("symbol").asText();
                booksBySymbolAndSeq.computeIfAbsent(symbol, s -> new HashMap<>()).put(line.get("seq").asLong(), line);
                final boolean valid = "valid".equals(line.get("health").asText());
                if (valid)
                {
                    validBooks++;
                    synced.add(symbol);
                }
                else if (synced.contains(symbol))
                {
                    notValidAfterSync.add(line.toString());
                }
            }
            books = booksBySymbolAndSeq.size();

            for (final JsonNode line : lines)
            {
                if (!"bbo".equals(line.get("type").asText()))
                {
                    continue;
                }
                final Map<Long, JsonNode> books = booksBySymbolAndSeq.get(line.get("symbol").asText());
                final JsonNode book = books == null ? null : books.get(line.get("seq").asLong());
                if (book == null || !"valid".equals(book.get("health").asText()))
                {
                    continue;
                }
                compared++;
                for (final String field : new String[]{ "bidPrice", "bidQty", "askPrice", "askQty" })
                {
                    if (!line.path(field).asText().equals(book.path(field).asText()))
                    {
                        mismatches.add("seq " + line.get("seq") + " " + field + ": bbo " + line.get(field) +
                            " book " + book.get(field));
                    }
                }
            }
        }

        void assertClean()
        {
            assertEquals(List.of(), contractViolations, "JSON lines break JSONL.md");
            assertEquals(0, malformed, "malformed frames in a clean recording");
            assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())), "book top != bbo");
            assertEquals(0, gaps, "gap status events on a clean recording");
            assertEquals(List.of(), notValidAfterSync.subList(0, Math.min(5, notValidAfterSync.size())),
                "book lines after the initial sync that are not valid");
            assertTrue(types.containsAll(Set.of("instrument", "book", "bbo", "trade", "status")), "types " + types);
        }
    }
}
