/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.journal.JournalFormat;
import io.marketprism.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal as people get at it: a real recording through the live pipeline with raw frames journaled, decoded
 * again from those frames with {@code replay --redecode}, imported, filtered and written as CSV.
 */
final class ReplayAcceptanceTest
{
    private static final String SPOT = "hftbacktest/spot/btcusdt_20240808.gz";

    @Test
    void shouldRedecodeRawFramesIntoByteIdenticalNormalizedJournal(@TempDir final Path tmp) throws Exception
    {
        final Path live = tmp.resolve("live");
        final Cli decode = Cli.run("decode", "--venue", "binance-spot", "--format", "hftbacktest",
            "--input", TestRecordings.file(SPOT).toString(), "--journal", live.toString(),
            "--output", tmp.resolve("decoded.jsonl").toString());
        assertEquals(0, decode.exitCode, decode::toString);

        final Path redecoded = tmp.resolve("redecoded");
        final Cli redecode = Cli.run("replay", "--journal", live.toString(), "--redecode",
            "--redecode-journal", redecoded.toString(), "--output", tmp.resolve("redecoded.jsonl").toString());
        assertEquals(0, redecode.exitCode, redecode::toString);
        final Cli replay = Cli.run("replay", "--journal", live.toString(), "--output",
            tmp.resolve("replayed.jsonl").toString());
        assertEquals(0, replay.exitCode, replay::toString);

        final List<byte[]> liveRecords = normalizedRecords(live);
        final List<byte[]> redecodedRecords = normalizedRecords(redecoded);
        assertTrue(liveRecords.size() > 40_000, "a real recording: " + liveRecords.size());
        assertEquals(liveRecords.size(), redecodedRecords.size());
        for (int i = 0; i < liveRecords.size(); i++)
        {
            assertArrayEquals(liveRecords.get(i), redecodedRecords.get(i), "normalized record " + i);
        }
        final byte[] replayed = Files.readAllBytes(tmp.resolve("replayed.jsonl"));
        assertArrayEquals(replayed, Files.readAllBytes(tmp.resolve("redecoded.jsonl")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("decoded.jsonl")), replayed);
        assertTrue(redecode.stderr.matches("(?s)replay: \\d+ re-decoded messages from \\d+ raw frames.*; read in " +
            "[0-9.]+ s \\(start-up [0-9.]+ s\\), \\d+ msgs/s\\n"), redecode.stderr);
        final Cli counted = Cli.run("replay", "--journal", live.toString(), "--output", "null");
        assertEquals(0, counted.exitCode, counted::toString);
        assertTrue(counted.stderr.matches("(?s)replay: " + liveRecords.size() + " normalized messages \\(\\d+ raw " +
            "frames passed by\\), " + liveRecords.size() + " kept \\(counted, not printed\\); received .*; read in " +
            "[0-9.]+ s \\(start-up [0-9.]+ s\\), \\d+ msgs/s\\n"), counted.stderr);
    }

    @Test
    void shouldImportCaptureAndReplayTheLinesDecodePrints(@TempDir final Path tmp) throws Exception
    {
        final String input = TestRecordings.file(SPOT).toString();
        final Cli decode = Cli.run("decode", "--venue", "binance-spot", "--format", "hftbacktest", "--input", input,
            "--output", tmp.resolve("decoded.jsonl").toString());
        assertEquals(0, decode.exitCode, decode::toString);
        final Path journal = tmp.resolve("imported");
        final Cli imported = Cli.run("import", "--format", "hftbacktest", "--venue", "binance-spot", "--journal",
            journal.toString(), input);
        assertEquals(0, imported.exitCode, imported::toString);
        final Cli replay = Cli.run("replay", "--journal", journal.toString());
        assertEquals(0, replay.exitCode, replay::toString);
        final byte[] decoded = Files.readAllBytes(tmp.resolve("decoded.jsonl"));
        assertTrue(decoded.length > 1_000_000);
        assertEquals(new String(decoded, java.nio.charset.StandardCharsets.UTF_8), replay.stdout);

        final Matcher summary = Pattern.compile("replay: (\\d+) normalized messages \\((\\d+) raw frames passed by\\)")
            .matcher(replay.stderr);
        assertTrue(summary.find(), replay.stderr);
        assertTrue(imported.stderr.contains("(" + summary.group(2) + " raw frames)"), imported.stderr);
    }

    @Test
    void shouldFilterAndWriteCsvPerType(@TempDir final Path tmp) throws Exception
    {
        final Path journal = tmp.resolve("imported");
        assertEquals(0, Cli.run("import", "--format", "hftbacktest", "--venue", "binance-spot", "--journal",
            journal.toString(), TestRecordings.file(SPOT).toString()).exitCode);

        final Cli trades = Cli.run("replay", "--journal", journal.toString(), "--type", "trade", "--symbol",
            "BTC-USDT", "--venue", "binance-spot");
        assertEquals(0, trades.exitCode, trades::toString);
        final List<com.fasterxml.jackson.databind.JsonNode> tradeLines = Cli.jsonLines(trades.stdout);
        assertTrue(tradeLines.size() > 1000);
        tradeLines.forEach(line -> assertEquals("trade", line.get("type").asText()));
        final long from = tradeLines.get(100).get("recvTs").asLong();
        final long to = tradeLines.get(200).get("recvTs").asLong();
        final Cli window = Cli.run("replay", "--journal", journal.toString(), "--type", "trade", "--from",
            Long.toString(from), "--to", Long.toString(to));
        final long expected = tradeLines.stream().filter(l -> l.get("recvTs").asLong() >= from &&
            l.get("recvTs").asLong() < to).count();
        assertEquals(expected, Cli.jsonLines(window.stdout).size());

        final Path csv = Files.createDirectory(tmp.resolve("csv"));
        final Cli csvRun = Cli.run("replay", "--journal", journal.toString(), "--format", "csv", "--output",
            csv.toString());
        assertEquals(0, csvRun.exitCode, csvRun::toString);
        final List<String> tradeRows = Files.readAllLines(csv.resolve("trade.csv"));
        assertEquals("venue,symbol,venueSymbol,exchTs,recvTs,price,qty,side,tradeId", tradeRows.get(0));
        assertEquals(tradeLines.size() + 1, tradeRows.size());
        final com.fasterxml.jackson.databind.JsonNode first = tradeLines.get(0);
        assertEquals(String.join(",", "binance-spot", "BTC-USDT", "BTCUSDT", first.get("exchTs").asText(),
            first.get("recvTs").asText(), first.get("price").asText(), first.get("qty").asText(),
            first.get("side").asText(), first.get("tradeId").asText()), tradeRows.get(1));
        assertTrue(Files.readAllLines(csv.resolve("book.csv")).get(0).endsWith(",bids,asks"));

        final Cli badVenue = Cli.run("replay", "--journal", journal.toString(), "--venue", "binanse");
        assertEquals(2, badVenue.exitCode);
        assertTrue(badVenue.stderr.contains("unknown --venue 'binanse'; allowed: binance-spot, binance-usdm"),
            badVenue.stderr);
        final Cli badType = Cli.run("replay", "--journal", journal.toString(), "--type", "trades");
        assertEquals(2, badType.exitCode);
        assertTrue(badType.stderr.contains("unknown --type 'trades'; allowed: trade, book, bbo"), badType.stderr);
        final Cli badSymbol = Cli.run("replay", "--journal", journal.toString(), "--symbol", "ETH-USDT");
        assertEquals(2, badSymbol.exitCode);
        assertTrue(badSymbol.stderr.contains("unknown --symbol 'ETH-USDT': the journal holds BTC-USDT"),
            badSymbol.stderr);
    }

    static List<byte[]> normalizedRecords(final Path journal)
    {
        final List<byte[]> records = new java.util.ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal))
        {
            while (reader.next())
            {
                if (JournalFormat.kind(reader.recordBuffer(), reader.recordOffset(), reader.recordLength()) ==
                    JournalFormat.NORMALIZED)
                {
                    final byte[] record = new byte[reader.recordLength()];
                    reader.recordBuffer().getBytes(reader.recordOffset(), record);
                    records.add(record);
                }
            }
        }
        return records;
    }
}
