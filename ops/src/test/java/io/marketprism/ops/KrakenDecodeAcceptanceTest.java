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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kraken spot through the command a user runs: {@code decode --venue kraken --format cryptofeed} over cryptofeed's
 * recorded v1 session. Every book checksum Kraken sent must verify against the maintained book, and every book line
 * after its pair's snapshot must be valid; one changed quantity in one real update must make that pair's book resync
 * for the rest of the session (decode has no snapshot source, and the session sends each pair's snapshot once).
 */
final class KrakenDecodeAcceptanceTest
{
    private static final String BOOK_SESSION = "cryptofeed/KRAKEN.ws.50.0";
    private static final Pattern UPDATE_LINE =
        Pattern.compile("^[0-9.]+: \\[\\d+,\\{\"[ab]\":.*\"c\":\"(\\d+)\"},\"book-1000\",\"([^\"]+)\"]$");
    private static final Pattern FIRST_LEVEL = Pattern.compile("\\[\"([0-9.]+)\",\"([0-9.]+)\",\"");

    @Test
    void shouldVerifyEveryChecksumAndKeepEveryBookValidAfterItsSnapshot(@TempDir final Path tmp)
    {
        final Decoded decoded = decode(tmp, TestRecordings.file(BOOK_SESSION));
        assertTrue(decoded.cli.stderr.contains("checksums verified 4269, checksum mismatches 0"),
            decoded.cli::toString);
        assertEquals(List.of(), JsonLinesContract.violations(decoded.lines), "JSON lines break JSONL.md");

        final Map<String, Integer> snapshots = new HashMap<>();
        int updates = 0;
        int valid = 0;
        final List<String> notValid = new ArrayList<>();
        for (final JsonNode line : decoded.lines)
        {
            final String type = line.get("type").asText();
            assertNotEquals("malformed", line.path("event").asText(), line::toString);
            assertNotEquals("invalid", line.path("event").asText(), line::toString);
            assertNotEquals("gap", line.path("event").asText(), line::toString);
            if (!"book".equals(type))
            {
                continue;
            }
            final String symbol = line.get("symbol").asText();
            if (line.get("snapshot").asBoolean())
            {
                snapshots.merge(symbol, 1, Integer::sum);
            }
            else
            {
                updates++;
                assertTrue(snapshots.containsKey(symbol), "an update before its pair's snapshot: " + line);
                assertTrue(!line.has("seq") && !line.has("prevSeq"), "Kraken numbers no book message: " + line);
            }
            if ("valid".equals(line.get("health").asText()))
            {
                valid++;
            }
            else
            {
                notValid.add(line.toString());
            }
        }
        assertEquals(10, snapshots.size(), "pairs " + snapshots.keySet());
        assertTrue(snapshots.values().stream().allMatch(n -> n == 1), "one snapshot per pair: " + snapshots);
        assertTrue(snapshots.containsKey("ADA-BTC") && snapshots.containsKey("BTC-CHF"), "XBT is named BTC");
        assertEquals(4269, updates);
        assertEquals(List.of(), notValid.subList(0, Math.min(5, notValid.size())), "book lines not valid");
        assertEquals(10 + 4269, valid);
        assertEquals(10, decoded.count("status", "resync"), "one resync status per snapshot");
    }

    @Test
    void shouldDecodeTheRecordedTradesAndTickers(@TempDir final Path tmp)
    {
        final Decoded trades = decode(tmp, TestRecordings.file("cryptofeed/KRAKEN.ws.48.0"));
        assertEquals(List.of(), JsonLinesContract.violations(trades.lines));
        assertEquals(0, trades.count("status", "malformed"));
        assertEquals(10, trades.count("trade", null), "trades");
        assertEquals(0, trades.lines.stream().filter(l -> l.has("tradeId")).count(), "v1 trades carry no id");
        assertEquals(2, trades.lines.stream().filter(l -> "trade".equals(l.get("type").asText()))
            .map(l -> l.get("side").asText()).distinct().count(), "both taker sides occur");
        assertTrue(trades.cli.stderr.contains("malformed 0,"), trades.cli::toString);

        final Decoded tickers = decode(tmp, TestRecordings.file("cryptofeed/KRAKEN.ws.49.0"));
        assertEquals(List.of(), JsonLinesContract.violations(tickers.lines));
        assertEquals(0, tickers.count("status", "malformed"));
        assertEquals(18, tickers.count("bbo", null), "bbo from tickers");
        assertEquals(10, tickers.count("instrument", null), "ten pairs");
    }

    @Test
    void shouldResyncAPairForTheRestOfTheSessionAfterOneChangedQuantity(@TempDir final Path tmp) throws IOException
    {
        final List<String> recording = Files.readAllLines(TestRecordings.file(BOOK_SESSION), StandardCharsets.UTF_8);
        // an update in the middle of XMR/USD's updates: its first level's volume, one unit of its last decimal more
        final List<Integer> pairUpdates = new ArrayList<>();
        for (int i = 0; i < recording.size(); i++)
        {
            final Matcher matcher = UPDATE_LINE.matcher(recording.get(i));
            if (matcher.matches() && "XMR/USD".equals(matcher.group(2)))
            {
                pairUpdates.add(i);
            }
        }
        assertTrue(pairUpdates.size() > 100, "XMR/USD updates: " + pairUpdates.size());
        int changedLine = -1;
        String original = null;
        String changed = null;
        for (int k = pairUpdates.size() / 2; k < pairUpdates.size() && changed == null; k++)
        {
            final String line = recording.get(pairUpdates.get(k));
            final Matcher level = FIRST_LEVEL.matcher(line);
            assertTrue(level.find(), line);
            final BigDecimal volume = new BigDecimal(level.group(2));
            if (volume.signum() > 0)
            {
                final String more = volume.add(BigDecimal.ONE.movePointLeft(volume.scale())).toPlainString();
                assertEquals(level.group(2).length(), more.length(), "same decimals: " + more);
                changedLine = pairUpdates.get(k);
                original = line;
                changed = line.substring(0, level.start(2)) + more + line.substring(level.end(2));
            }
        }
        assertTrue(changed != null, "an XMR/USD update with a non-zero volume");
        final Matcher checksumMatcher = UPDATE_LINE.matcher(original);
        assertTrue(checksumMatcher.matches());
        final long sentChecksum = Long.parseLong(checksumMatcher.group(1));
        final int laterPairUpdates = pairUpdates.size() - 1 - pairUpdates.indexOf(changedLine);
        assertTrue(laterPairUpdates > 0);
        recording.set(changedLine, changed);
        final Path tampered = tmp.resolve("KRAKEN.ws.50.0.tampered");
        Files.write(tampered, recording, StandardCharsets.UTF_8);

        final Decoded decoded = decode(tmp, tampered);
        assertTrue(decoded.cli.stderr.contains("checksums verified " + (4269 - 1 - laterPairUpdates) +
            ", checksum mismatches 1"), decoded.cli::toString);
        assertEquals(List.of(), JsonLinesContract.violations(decoded.lines));

        int invalidStatuses = 0;
        boolean afterMismatch = false;
        int laterBookLines = 0;
        final Set<String> healthAfter = new HashSet<>();
        for (int i = 0; i < decoded.lines.size(); i++)
        {
            final JsonNode line = decoded.lines.get(i);
            final String type = line.get("type").asText();
            final boolean xmr = "XMR-USD".equals(line.path("symbol").asText());
            if ("status".equals(type) && "invalid".equals(line.path("event").asText()))
            {
                invalidStatuses++;
                assertTrue(xmr, line::toString);
                assertEquals("checksum_mismatch: the venue sent " + sentChecksum, line.get("reason").asText());
                final JsonNode book = decoded.lines.get(i + 1);
                assertEquals("book", book.get("type").asText(), "the status comes before its message");
                assertEquals("resyncing", book.get("health").asText(), book::toString);
                afterMismatch = true;
                continue;
            }
            if (!"book".equals(type))
            {
                continue;
            }
            if (xmr && afterMismatch)
            {
                laterBookLines++;
                healthAfter.add(line.get("health").asText());
                assertTrue(!line.get("snapshot").asBoolean(), "the session sends no later XMR/USD snapshot");
            }
            else
            {
                assertEquals("valid", line.get("health").asText(), line::toString);
            }
        }
        assertEquals(1, invalidStatuses);
        assertEquals(1 + laterPairUpdates, laterBookLines, "the changed update and every later one are printed");
        assertEquals(Set.of("resyncing"), healthAfter, "no later XMR/USD book line is valid");
    }

    private static Decoded decode(final Path tmp, final Path recording)
    {
        final Path output = tmp.resolve(recording.getFileName() + ".jsonl");
        final Cli cli = Cli.run("decode", "--venue", "kraken", "--format", "cryptofeed",
            "--input", recording.toString(), "--output", output.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        return new Decoded(cli, Cli.jsonLines(output));
    }

    /**
     * A decode run: what it printed on stderr and its JSON lines.
     */
    private static final class Decoded
    {
        final Cli cli;
        final List<JsonNode> lines;

        Decoded(final Cli cli, final List<JsonNode> lines)
        {
            this.cli = cli;
            this.lines = lines;
        }

        /**
         * @return lines of the type (and, for a status, the event).
         */
        long count(final String type, final String event)
        {
            return lines.stream().filter(l -> type.equals(l.get("type").asText()) &&
                (event == null || event.equals(l.path("event").asText()))).count();
        }
    }
}
