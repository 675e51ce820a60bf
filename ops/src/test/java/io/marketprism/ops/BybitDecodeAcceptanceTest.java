/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3's Bybit acceptance, through the command a user runs: {@code decode --venue bybit --format lines} over
 * Bybit's own order book archive (linear XRPUSDT, {@code orderbook.500}: 1 snapshot and 49 deltas). The book must be
 * valid from the snapshot on, with no gap and nothing malformed, and its top must equal, after every message, the top
 * of an independent model of the book (BigDecimal and TreeMap over the archive's JSON, read by Jackson). Faults are
 * derived in the test from the real archive: a dropped delta must show as a gap and leave the book resyncing for
 * good (decode has no snapshot source), and a service restart ({@code u} back to 1) must resynchronise, not gap.
 */
final class BybitDecodeAcceptanceTest
{
    private static final String ARCHIVE = "nautilus/bybit/xrpusdt-ob500.data.zip";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DROPPED_DELTA = 20;

    @Test
    void shouldKeepTheArchivesBookValidThroughoutAndEqualToAnIndependentModel(@TempDir final Path tmp)
        throws IOException
    {
        final List<String> frames = archiveLines();
        final Cli cli = decode(tmp, TestRecordings.file(ARCHIVE));
        final List<JsonNode> lines = Cli.jsonLines(tmp.resolve("decoded.jsonl"));
        assertEquals(List.of(), JsonLinesContract.violations(lines), "JSON lines break JSONL.md");
        assertTrue(cli.stderr.contains("malformed 0, gaps 0"), cli.stderr);

        final JsonNode instrument = lines.get(0);
        assertEquals("instrument", instrument.get("type").asText());
        assertEquals("XRP-USDT-PERP", instrument.get("symbol").asText());
        assertEquals("linear:XRPUSDT", instrument.get("venueSymbol").asText());
        assertEquals("perpetual", instrument.get("kind").asText());

        final List<JsonNode> books = ofType(lines, "book");
        assertEquals(frames.size(), books.size(), "a book line per archive message");
        assertEquals(50, books.size());
        assertEquals(0, count(lines, "status", "gap"));
        assertEquals(0, count(lines, "status", "malformed"));

        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        for (int i = 0; i < books.size(); i++)
        {
            final JsonNode frame = MAPPER.readTree(frames.get(i));
            final JsonNode book = books.get(i);
            final boolean snapshot = "snapshot".equals(frame.get("type").asText());
            apply(bids, frame.get("data").get("b"), snapshot);
            apply(asks, frame.get("data").get("a"), snapshot);

            assertEquals(snapshot, book.get("snapshot").asBoolean(), "line " + i);
            assertEquals(i == 0, snapshot, "the archive starts with its only snapshot");
            assertEquals("valid", book.get("health").asText(), "line " + i + ": " + book);
            assertEquals("XRP-USDT-PERP", book.get("symbol").asText());
            assertEquals(frame.get("data").get("u").asLong(), book.get("seq").asLong(), "seq is u");
            assertEquals(frame.get("cts").asLong() * 1_000_000L, book.get("exchTs").asLong(), "exchTs is cts");
            assertEquals(frame.get("ts").asLong() * 1_000_000L, book.get("recvTs").asLong(), "recvTs is ts");
            assertTop(bids.firstEntry(), book, "bidPrice", "bidQty", i);
            assertTop(asks.firstEntry(), book, "askPrice", "askQty", i);
        }
        assertTrue(bids.size() > 400 && asks.size() > 400, "model depth " + bids.size() + "/" + asks.size());
    }

    @Test
    void shouldReportTheGapOfADroppedDeltaAndNeverBeValidAgainWithoutASnapshot(@TempDir final Path tmp)
        throws IOException
    {
        final List<String> frames = new ArrayList<>(archiveLines());
        final JsonNode dropped = MAPPER.readTree(frames.remove(DROPPED_DELTA));
        assertEquals("delta", dropped.get("type").asText());
        final long droppedU = dropped.get("data").get("u").asLong();
        final Path input = tmp.resolve("without-one-delta.data");
        Files.write(input, frames, StandardCharsets.UTF_8);

        final Cli cli = decode(tmp, input);
        assertTrue(cli.stderr.contains("malformed 0, gaps 1"), cli.stderr);
        final List<JsonNode> lines = Cli.jsonLines(tmp.resolve("decoded.jsonl"));
        assertEquals(List.of(), JsonLinesContract.violations(lines));
        assertEquals(1, count(lines, "status", "gap"));
        assertEquals(1, count(lines, "status", "resync"), "only the archive's own snapshot resyncs");

        int gap = -1;
        for (int i = 0; i < lines.size(); i++)
        {
            if ("gap".equals(lines.get(i).path("event").asText()))
            {
                gap = i;
            }
        }
        final JsonNode status = lines.get(gap);
        assertEquals("sequence_gap: expected " + droppedU + " received " + (droppedU + 1),
            status.get("reason").asText());
        assertEquals("XRP-USDT-PERP", status.get("symbol").asText());

        final List<JsonNode> books = ofType(lines, "book");
        assertEquals(49, books.size());
        for (int i = 0; i < books.size(); i++)
        {
            final JsonNode book = books.get(i);
            final boolean beforeGap = book.get("seq").asLong() < droppedU;
            assertEquals(beforeGap ? "valid" : "resyncing", book.get("health").asText(), "book " + i + ": " + book);
            assertEquals(beforeGap, book.has("bidPrice"), "the top is printed only for a valid book: " + book);
        }
        assertEquals(49 - DROPPED_DELTA, books.stream().filter(b -> "resyncing".equals(b.get("health").asText()))
            .count(), "every book line from the gap on is resyncing");
    }

    @Test
    void shouldResynchroniseOnARestartSnapshotWhoseUpdateIdIsOne(@TempDir final Path tmp) throws IOException
    {
        // a service restart, made from the real archive: after 10 messages, a snapshot of the book as it then is
        // (the independent model's), numbered u = 1, then the next two deltas renumbered u = 2 and 3
        final List<String> archive = archiveLines();
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        final List<String> frames = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            final JsonNode frame = MAPPER.readTree(archive.get(i));
            final boolean snapshot = "snapshot".equals(frame.get("type").asText());
            apply(bids, frame.get("data").get("b"), snapshot);
            apply(asks, frame.get("data").get("a"), snapshot);
            frames.add(archive.get(i));
        }
        final ObjectNode restart = (ObjectNode)MAPPER.readTree(archive.get(0));
        final ObjectNode data = (ObjectNode)restart.get("data");
        data.set("b", levels(bids));
        data.set("a", levels(asks));
        data.put("u", 1);
        restart.put("ts", MAPPER.readTree(archive.get(9)).get("ts").asLong());
        frames.add(MAPPER.writeValueAsString(restart));
        frames.add(withU(archive.get(10), 2));
        frames.add(withU(archive.get(11), 3));
        final Path input = tmp.resolve("restart.data");
        Files.write(input, frames, StandardCharsets.UTF_8);

        final Cli cli = decode(tmp, input);
        assertTrue(cli.stderr.contains("malformed 0, gaps 0"), cli.stderr);
        final List<JsonNode> lines = Cli.jsonLines(tmp.resolve("decoded.jsonl"));
        assertEquals(2, count(lines, "status", "resync"), "the first snapshot and the restart's");
        final List<JsonNode> books = ofType(lines, "book");
        assertEquals(13, books.size());
        for (final JsonNode book : books)
        {
            assertEquals("valid", book.get("health").asText(), book.toString());
        }
        final JsonNode restarted = books.get(10);
        assertTrue(restarted.get("snapshot").asBoolean());
        assertEquals(1, restarted.get("seq").asLong());
        assertTop(bids.firstEntry(), restarted, "bidPrice", "bidQty", 10);
        assertEquals(3, books.get(12).get("seq").asLong(), "the deltas after the restart apply");
    }

    private static ArrayNode levels(final TreeMap<BigDecimal, BigDecimal> side)
    {
        final ArrayNode levels = MAPPER.createArrayNode();
        for (final Map.Entry<BigDecimal, BigDecimal> level : side.entrySet())
        {
            levels.addArray().add(level.getKey().toPlainString()).add(level.getValue().toPlainString());
        }
        return levels;
    }

    private static String withU(final String frame, final long u) throws IOException
    {
        final JsonNode node = MAPPER.readTree(frame);
        ((ObjectNode)node.get("data")).put("u", u);
        return MAPPER.writeValueAsString(node);
    }

    private static Cli decode(final Path tmp, final Path input)
    {
        final Path output = tmp.resolve("decoded.jsonl");
        final Cli cli = Cli.run("decode", "--venue", "bybit", "--format", "lines", "--input", input.toString(),
            "--output", output.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        return cli;
    }

    private static List<String> archiveLines() throws IOException
    {
        final List<String> lines = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(TestRecordings.file(ARCHIVE))))
        {
            assertNotNull(zip.getNextEntry());
            final BufferedReader reader = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (!line.isBlank())
                {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static void apply(final TreeMap<BigDecimal, BigDecimal> side, final JsonNode levels, final boolean reset)
    {
        if (reset)
        {
            side.clear();
        }
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

    private static void assertTop(
        final Map.Entry<BigDecimal, BigDecimal> top, final JsonNode book, final String price, final String qty,
        final int line)
    {
        assertEquals(0, top.getKey().compareTo(new BigDecimal(book.get(price).asText())),
            "line " + line + " " + price + ": model " + top.getKey() + " book " + book.get(price));
        assertEquals(0, top.getValue().compareTo(new BigDecimal(book.get(qty).asText())),
            "line " + line + " " + qty + ": model " + top.getValue() + " book " + book.get(qty));
    }

    private static List<JsonNode> ofType(final List<JsonNode> lines, final String type)
    {
        final List<JsonNode> result = new ArrayList<>();
        for (final JsonNode line : lines)
        {
            if (type.equals(line.get("type").asText()))
            {
                result.add(line);
            }
        }
        return result;
    }

    private static int count(final List<JsonNode> lines, final String type, final String event)
    {
        int count = 0;
        for (final JsonNode line : lines)
        {
            count += type.equals(line.get("type").asText()) && event.equals(line.path("event").asText()) ? 1 : 0;
        }
        return count;
    }
}
