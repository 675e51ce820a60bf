/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3's acceptance for Deribit and Kraken Futures, through the command a user runs: {@code decode} of the
 * recorded sessions keeps every book valid after its snapshot with unbroken sequence chains, and a session with one
 * real book delta removed shows the gap on that book, which then stays resyncing ({@code decode} has no snapshot
 * source to rebuild it).
 */
final class DerivativesDecodeAcceptanceTest
{
    private static final String DERIBIT = "cryptofeed/DERIBIT.ws.1.0";
    private static final String KRAKEN_FUTURES = "cryptofeed/KRAKEN_FUTURES.ws.1.0.gz";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldKeepDeribitChangeIdChainsAndBooksValid(@TempDir final Path tmp) throws IOException
    {
        final List<JsonNode> lines = decode(tmp, "deribit", TestRecordings.file(DERIBIT));
        assertEquals(List.of(), JsonLinesContract.violations(lines), "JSON lines break JSONL.md");
        // Books marks each book line with its line number: after the contract check
        final Books books = new Books(lines);

        assertEquals(0, books.malformed, "malformed");
        assertEquals(0, books.gaps, "gap status events");
        assertEquals(10, books.snapshots, "book snapshots");
        assertEquals(36, books.updates, "book changes");
        assertEquals(36, books.chained, "every change's prevSeq is the seq of the book line before it");
        assertEquals(46, books.valid, "every book line is valid");
        assertEquals(89, count(lines, "funding"), "one funding line per ticker");
        assertEquals(89, count(lines, "open_interest"), "one open interest line per ticker");

        // the venue's own view of its top: each ticker's best bid and ask equal the top of the book line before it
        int compared = 0;
        for (final String frame : messages(DERIBIT))
        {
            if (!frame.contains("\"channel\":\"ticker."))
            {
                continue;
            }
            final JsonNode data = MAPPER.readTree(frame).path("params").path("data");
            final long tickerTs = data.path("timestamp").asLong() * 1_000_000L;
            final JsonNode book = books.lastAtOrBefore(data.path("instrument_name").asText(), tickerTs);
            assertTrue(book != null, "a book line before " + frame);
            assertEquals(decimal(data, "best_bid_price"), decimal(book, "bidPrice"), frame);
            assertEquals(decimal(data, "best_bid_amount"), decimal(book, "bidQty"), frame);
            assertEquals(decimal(data, "best_ask_price"), decimal(book, "askPrice"), frame);
            assertEquals(decimal(data, "best_ask_amount"), decimal(book, "askQty"), frame);
            compared++;
        }
        assertEquals(89, compared);
    }

    @Test
    void shouldKeepKrakenFuturesSeqContiguousAndBooksValid(@TempDir final Path tmp)
    {
        final List<JsonNode> lines = decode(tmp, "kraken-futures", TestRecordings.file(KRAKEN_FUTURES));
        assertEquals(List.of(), JsonLinesContract.violations(lines), "JSON lines break JSONL.md");
        // Books marks each book line with its line number: after the contract check
        final Books books = new Books(lines);

        assertEquals(0, books.malformed, "malformed");
        assertEquals(0, books.gaps, "gap status events");
        assertEquals(10, books.snapshots, "book snapshots");
        assertEquals(7014, books.updates, "book deltas");
        assertEquals(7014, books.contiguous, "every delta's seq is one more than the book line before it");
        assertEquals(7024, books.valid, "every book line is valid");
        assertEquals(1003, count(lines, "trade"), "trades");
        assertEquals(10, books.bySymbol.size(), "products");
        assertTrue(books.bySymbol.containsKey("BTC-USD-20210924"), "FI_XBTUSD_210924 " + books.bySymbol.keySet());
        assertTrue(books.bySymbol.containsKey("ETH-USD-PERP"), "PI_ETHUSD " + books.bySymbol.keySet());
    }

    @Test
    void shouldShowTheGapOfADroppedDeribitChangeAndKeepThatBookResyncing(@TempDir final Path tmp) throws IOException
    {
        // BTC-24SEP21-8000-P: snapshot, then changes; the first of them is dropped
        assertDroppedDelta(tmp, "deribit", DERIBIT, "\"channel\":\"book.BTC-24SEP21-8000-P.raw\"",
            "\"type\":\"change\"", "BTC-USD-20210924-8000-P");
    }

    @Test
    void shouldShowTheGapOfADroppedKrakenFuturesDeltaAndKeepThatBookResyncing(@TempDir final Path tmp)
        throws IOException
    {
        assertDroppedDelta(tmp, "kraken-futures", KRAKEN_FUTURES, "{\"feed\":\"book\",\"product_id\":\"PI_LTCUSD\"",
            "\"seq\":", "LTC-USD-PERP");
    }

    private static void assertDroppedDelta(
        final Path tmp, final String venue, final String recording, final String bookOf, final String delta,
        final String symbol) throws IOException
    {
        final List<String> original = lines(recording);
        int deltas = 0;
        for (final String line : original)
        {
            deltas += line.contains(bookOf) && line.contains(delta) ? 1 : 0;
        }
        assertTrue(deltas >= 3, "deltas of that book: " + deltas);
        // drop a delta in the first half of that book's deltas, so that later ones remain
        final List<String> modified = new ArrayList<>();
        int seen = 0;
        String dropped = null;
        for (final String line : original)
        {
            if (line.contains(bookOf) && line.contains(delta) && seen++ == deltas / 3)
            {
                dropped = line;
                continue;
            }
            modified.add(line);
        }
        assertTrue(dropped != null);
        final Path copy = tmp.resolve("dropped-one-delta.ws");
        Files.write(copy, modified, StandardCharsets.UTF_8);

        final Books books = new Books(decode(tmp, venue, copy));

        assertEquals(1, books.gaps, "gap status events");
        assertEquals(symbol, books.gapSymbol, "the gap is reported on the book that lost a delta");
        final List<JsonNode> after = books.afterGap(symbol);
        assertEquals(deltas - 1 - deltas / 3, after.size(), "later book lines of that book");
        for (final JsonNode line : after)
        {
            assertEquals("resyncing", line.path("health").asText(), line.toString());
            assertTrue(!line.has("bidPrice") && !line.has("askPrice"), "no top without a valid book: " + line);
        }
        assertEquals(0, books.invalidOtherThan(symbol), "the other books stay valid");
    }

    private static List<JsonNode> decode(final Path tmp, final String venue, final Path input)
    {
        final Path output = tmp.resolve(venue + ".jsonl");
        final Cli cli = Cli.run("decode", "--venue", venue, "--format", "cryptofeed", "--input", input.toString(),
            "--output", output.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        return Cli.jsonLines(output);
    }

    private static int count(final List<JsonNode> lines, final String type)
    {
        int count = 0;
        for (final JsonNode line : lines)
        {
            count += type.equals(line.path("type").asText()) ? 1 : 0;
        }
        return count;
    }

    private static BigDecimal decimal(final JsonNode node, final String field)
    {
        // Deribit writes an empty side as 0 price and 0 amount; the book line then has no such top
        return node.has(field) ? new BigDecimal(node.get(field).asText()).stripTrailingZeros() : BigDecimal.ZERO;
    }

    private static List<String> lines(final String recording) throws IOException
    {
        try (InputStream raw = Files.newInputStream(TestRecordings.file(recording));
            InputStream in = recording.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            return reader.lines().toList();
        }
    }

    private static List<String> messages(final String recording) throws IOException
    {
        final List<String> messages = new ArrayList<>();
        for (final String line : lines(recording))
        {
            final int start = line.indexOf(": {");
            if (start > 0 && Character.isDigit(line.charAt(0)))
            {
                messages.add(line.substring(start + 2));
            }
        }
        return messages;
    }

    /**
     * The book lines and book status events of a decode, by canonical symbol.
     */
    private static final class Books
    {
        final Map<String, List<JsonNode>> bySymbol = new HashMap<>();
        final Map<String, String> symbolByVenueSymbol = new HashMap<>();
        int malformed;
        int gaps;
        int snapshots;
        int updates;
        int valid;
        int chained;
        int contiguous;
        String gapSymbol;
        int gapLine = -1;

        Books(final List<JsonNode> lines)
        {
            int index = 0;
            for (final JsonNode line : lines)
            {
                index++;
                final String type = line.path("type").asText();
                final String event = line.path("event").asText();
                if ("status".equals(type) && "malformed".equals(event))
                {
                    malformed++;
                }
                if ("status".equals(type) && "gap".equals(event))
                {
                    gaps++;
                    gapSymbol = line.path("symbol").asText();
                    gapLine = index;
                }
                if (!"book".equals(type))
                {
                    continue;
                }
                final String symbol = line.path("symbol").asText();
                symbolByVenueSymbol.put(line.path("venueSymbol").asText(), symbol);
                final List<JsonNode> book = bySymbol.computeIfAbsent(symbol, s -> new ArrayList<>());
                final JsonNode previous = book.isEmpty() ? null : book.get(book.size() - 1);
                if (line.path("snapshot").asBoolean())
                {
                    snapshots++;
                }
                else
                {
                    updates++;
                    if (previous != null && line.has("prevSeq") &&
                        line.get("prevSeq").asLong() == previous.path("seq").asLong())
                    {
                        chained++;
                    }
                    if (previous != null && line.path("seq").asLong() == previous.path("seq").asLong() + 1)
                    {
                        contiguous++;
                    }
                }
                valid += "valid".equals(line.path("health").asText()) ? 1 : 0;
                ((com.fasterxml.jackson.databind.node.ObjectNode)line).put("_line", index);
                book.add(line);
            }
        }

        JsonNode lastAtOrBefore(final String venueSymbol, final long exchTs)
        {
            JsonNode last = null;
            for (final JsonNode line : bySymbol.getOrDefault(symbolByVenueSymbol.get(venueSymbol), List.of()))
            {
                if (line.path("exchTs").asLong() <= exchTs)
                {
                    last = line;
                }
            }
            return last;
        }

        List<JsonNode> afterGap(final String symbol)
        {
            final List<JsonNode> after = new ArrayList<>();
            for (final JsonNode line : bySymbol.getOrDefault(symbol, List.of()))
            {
                if (line.path("_line").asInt() > gapLine)
                {
                    after.add(line);
                }
            }
            return after;
        }

        int invalidOtherThan(final String symbol)
        {
            int invalid = 0;
            for (final Map.Entry<String, List<JsonNode>> entry : bySymbol.entrySet())
            {
                for (final JsonNode line : entry.getValue())
                {
                    invalid += !entry.getKey().equals(symbol) && !"valid".equals(line.path("health").asText()) ? 1 : 0;
                }
            }
            return invalid;
        }
    }
}
