/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3's OKX acceptance, through the command a user runs: {@code decode} of the recorded OKX session verifies every
 * checksum the venue sent and keeps every book valid; one changed quantity, or one dropped message of a sequenced
 * book, makes that book resync with a status saying why, and nothing of it is valid again (decode has no snapshot
 * source, and the session sends no second snapshot).
 */
final class OkxDecodeAcceptanceTest
{
    private static final String RECORDING = "cryptofeed/OKX.ws.1.0";
    private static final Pattern INST_ID = Pattern.compile("\"instId\":\"([^\"]+)\"");
    private static final Pattern FIRST_SIZE = Pattern.compile("(\"(?:asks|bids)\":\\[\\[\"[0-9.]+\",\")([0-9.]+)\"");

    @Test
    void shouldVerifyEveryChecksumAndKeepEveryBookValid(@TempDir final Path tmp) throws IOException
    {
        final Decoded decoded = decode(tmp, Files.readAllLines(TestRecordings.file(RECORDING)));
        assertTrue(decoded.stderr.contains("malformed 0, gaps 0"), decoded.stderr);
        assertTrue(decoded.stderr.contains("checksums verified 290, checksum mismatches 0"), decoded.stderr);
        assertEquals(List.of(), JsonLinesContract.violations(decoded.lines), "JSON lines break JSONL.md");

        int books = 0;
        int snapshots = 0;
        final Map<String, Integer> types = new HashMap<>();
        for (final JsonNode line : decoded.lines)
        {
            types.merge(line.get("type").asText(), 1, Integer::sum);
            if ("book".equals(line.get("type").asText()))
            {
                books++;
                snapshots += line.get("snapshot").asBoolean() ? 1 : 0;
                assertEquals("valid", line.get("health").asText(), line::toString);
            }
        }
        assertEquals(290, books);
        assertEquals(3, snapshots);
        assertEquals(74, types.get("trade"));
        assertEquals(28, types.get("bbo"), "tickers");
        // one resync per book, from its snapshot; and clock skew: two messages beyond 5 s (the last trades OKX sends
        // on subscribe are up to 25 s old), flagged once as the venue's run of skewed messages starts
        assertEquals(4, types.get("status"), "one resync per book and one clock skew");
        assertTrue(decoded.stderr.contains("exchange time backwards 0, clock skew 2, duplicate trade ids 0"),
            decoded.stderr);
        assertEquals(3, types.get("instrument"));
    }

    @Test
    void shouldResyncAfterOneChangedQuantity(@TempDir final Path tmp) throws IOException
    {
        final List<String> lines = new ArrayList<>(Files.readAllLines(TestRecordings.file(RECORDING)));
        final List<Integer> updates = bookUpdates(lines);
        final int changed = updates.get(updates.size() / 2);
        final Matcher size = FIRST_SIZE.matcher(lines.get(changed));
        assertTrue(size.find(), lines.get(changed));
        final BigDecimal original = new BigDecimal(size.group(2));
        final String bumped = original.add(BigDecimal.ONE.movePointLeft(Math.max(0, original.scale()))).toPlainString();
        lines.set(changed, size.replaceFirst(Matcher.quoteReplacement(size.group(1) + bumped + "\"")));
        final String symbol = instId(lines.get(changed));

        final Decoded decoded = decode(tmp, lines);
        assertTrue(decoded.stderr.contains("checksum mismatches 1"), decoded.stderr);
        decoded.assertResyncsAndStaysInvalid(canonical(symbol), "invalid", "checksum_mismatch: the venue sent ");
    }

    @Test
    void shouldReportAGapForADroppedMessageOfASequencedBook(@TempDir final Path tmp) throws IOException
    {
        // the 2022 session predates seqId/prevSeqId: number each book's messages as OKX does now, then drop one
        final List<String> lines = new ArrayList<>(Files.readAllLines(TestRecordings.file(RECORDING)));
        final Map<String, Long> seqIds = new HashMap<>();
        for (final int index : bookMessages(lines))
        {
            final String line = lines.get(index);
            final boolean snapshot = line.contains("\"action\":\"snapshot\"");
            final long prev = snapshot ? -1 : seqIds.get(instId(line));
            final long seq = snapshot ? 1000 : prev + 1 + index % 3;
            seqIds.put(instId(line), seq);
            lines.set(index, line.replace("\"checksum\":", "\"prevSeqId\":" + prev + ",\"seqId\":" + seq +
                ",\"checksum\":"));
        }
        final Decoded numbered = decode(tmp.resolve("numbered"), lines);
        assertTrue(numbered.stderr.contains("malformed 0, gaps 0"), numbered.stderr);
        assertTrue(numbered.stderr.contains("checksums verified 290"), numbered.stderr);

        final List<Integer> updates = bookUpdates(lines);
        final int dropped = updates.get(updates.size() / 3);
        final String symbol = instId(lines.get(dropped));
        lines.remove(dropped);
        final Decoded decoded = decode(tmp.resolve("dropped"), lines);
        assertTrue(decoded.stderr.contains("gaps 1,"), decoded.stderr);
        decoded.assertResyncsAndStaysInvalid(canonical(symbol), "gap", "sequence_gap: expected ");
    }

    @Test
    void shouldTakeInstrumentsFromTheVenueMetadataWhenGiven(@TempDir final Path tmp) throws IOException
    {
        final Path output = tmp.resolve("decoded.jsonl");
        final Cli cli = Cli.run("decode", "--venue", "okx", "--format", "cryptofeed",
            "--input", TestRecordings.file(RECORDING).toString(),
            "--instruments", TestRecordings.file("cryptofeed/OKX.0.gz").toString(), "--output", output.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        final Map<String, JsonNode> instruments = new HashMap<>();
        for (final JsonNode line : Cli.jsonLines(output))
        {
            if ("instrument".equals(line.get("type").asText()))
            {
                instruments.put(line.get("venueSymbol").asText(), line);
            }
        }
        assertEquals(3, instruments.size());
        final JsonNode swap = instruments.get("UNI-USD-SWAP");
        assertEquals("UNI-USD-PERP", swap.get("symbol").asText());
        assertEquals("0.001", swap.get("tickSize").asText(), swap::toString);
        assertEquals("1", swap.get("lotSize").asText(), swap::toString);
        assertEquals("10", swap.get("contractSize").asText(), "ctVal 10 USD x ctMult 1: " + swap);
        assertEquals("0.1", instruments.get("BTC-USDT").get("tickSize").asText());
        assertEquals("0.00000001", instruments.get("BTC-USDT").get("lotSize").asText());

        final Cli wrong = Cli.run("decode", "--venue", "okx", "--format", "cryptofeed",
            "--input", TestRecordings.file(RECORDING).toString(),
            "--instruments", TestRecordings.file("cryptofeed/BINANCE.0.gz").toString(), "--output",
            output.toString());
        assertTrue(wrong.exitCode != 0 && wrong.stderr.contains("BINANCE.0.gz:1") &&
            wrong.stderr.contains("no data array"), wrong::toString);
    }

    private static List<Integer> bookMessages(final List<String> lines)
    {
        final List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.contains("\"channel\":\"books\"") && line.contains("\"action\":") && !line.contains(" <- "))
            {
                indexes.add(i);
            }
        }
        return indexes;
    }

    private static List<Integer> bookUpdates(final List<String> lines)
    {
        final List<Integer> updates = new ArrayList<>();
        for (final int index : bookMessages(lines))
        {
            if (lines.get(index).contains("\"action\":\"update\""))
            {
                updates.add(index);
            }
        }
        return updates;
    }

    private static String instId(final String line)
    {
        final Matcher matcher = INST_ID.matcher(line);
        assertTrue(matcher.find(), line);
        return matcher.group(1);
    }

    private static String canonical(final String instId)
    {
        return instId.endsWith("-SWAP") ? instId.replace("-SWAP", "-PERP") :
            instId.matches(".*-\\d{6}") ? instId.replaceFirst("-(\\d{6})$", "-20$1") : instId;
    }

    private static Decoded decode(final Path dir, final List<String> lines) throws IOException
    {
        Files.createDirectories(dir);
        final Path input = dir.resolve("OKX.ws.1.0");
        Files.write(input, lines, StandardCharsets.UTF_8);
        final Path output = dir.resolve("decoded.jsonl");
        final Cli cli = Cli.run("decode", "--venue", "okx", "--format", "cryptofeed", "--input", input.toString(),
            "--output", output.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        return new Decoded(Cli.jsonLines(output), cli.stderr);
    }

    /**
     * The JSON lines and summary of one decode.
     */
    private static final class Decoded
    {
        final List<JsonNode> lines;
        final String stderr;

        Decoded(final List<JsonNode> lines, final String stderr)
        {
            this.lines = lines;
            this.stderr = stderr;
        }

        void assertResyncsAndStaysInvalid(final String symbol, final String event, final String reasonPrefix)
        {
            int statusAt = -1;
            int validBefore = 0;
            int laterBooks = 0;
            for (int i = 0; i < lines.size(); i++)
            {
                final JsonNode line = lines.get(i);
                if (!symbol.equals(line.path("symbol").asText()))
                {
                    continue;
                }
                final String type = line.get("type").asText();
                if (statusAt < 0 && "status".equals(type) && event.equals(line.get("event").asText()))
                {
                    assertTrue(line.get("reason").asText().startsWith(reasonPrefix), line::toString);
                    statusAt = i;
                }
                else if ("book".equals(type))
                {
                    if (statusAt < 0)
                    {
                        validBefore += "valid".equals(line.get("health").asText()) ? 1 : 0;
                        continue;
                    }
                    laterBooks++;
                    assertFalse("valid".equals(line.get("health").asText()), line::toString);
                    assertFalse(line.has("bidPrice"), "no top of book from a book that is not valid: " + line);
                }
            }
            assertTrue(statusAt >= 0, "no " + event + " status for " + symbol);
            assertTrue(validBefore > 0, "the book was valid before");
            assertTrue(laterBooks > 0, "the book kept receiving messages after the " + event);
            assertEquals("resyncing", lines.get(statusAt + 1).get("health").asText(),
                "the message that broke the book follows its status, resyncing");
        }
    }
}
