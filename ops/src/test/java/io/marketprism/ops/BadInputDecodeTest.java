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
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input, end to end: a capture derived in the test from the real recording with bad frames put in its place
 * (the recording itself is never edited). Every bad frame is counted and reported as a {@code malformed} status with
 * its reason; nothing crashes; a bad depth event is never half-applied: the book reports the gap it leaves.
 */
final class BadInputDecodeTest
{
    @Test
    void shouldReportEveryBadFrameAndNeverPublishAWrongBook(@TempDir final Path tmp) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
            Files.newInputStream(TestRecordings.file("hftbacktest/spot/btcusdt_20240808.gz"))),
            StandardCharsets.US_ASCII)))
        {
            for (int i = 0; i < 3000; i++)
            {
                lines.add(reader.readLine());
            }
        }
        final int depthIndex = indexOfNth(lines, "depthUpdate", 100);
        final String depth = lines.get(depthIndex);
        final String ts = depth.substring(0, depth.indexOf(' '));
        final Map<String, String> bad = new HashMap<>();
        bad.put(ts + " " + depth.substring(depth.indexOf(' ') + 1, depth.length() / 2), "truncated");
        bad.put(ts + " {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":1," +
            "\"p\":\"abc\",\"q\":\"1\",\"T\":1,\"m\":true}}", "bad_number");
        bad.put(ts + " {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\"," +
            "\"t\":123456789012345678901234,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}}", "number_overflow");
        bad.put(ts + " {\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\"," +
            "\"k\":{}}}", "unknown_event_type");
        bad.put(ts + " not json at all", "unexpected_character");
        bad.put("no timestamp on this line", "unexpected_character");

        final List<String> derived = new ArrayList<>(lines.subList(0, depthIndex));
        for (final String badLine : bad.keySet())
        {
            derived.add(badLine);
        }
        derived.addAll(lines.subList(depthIndex + 1, lines.size()));
        final Path capture = Files.write(tmp.resolve("derived.txt"), derived, StandardCharsets.US_ASCII);

        final Path output = tmp.resolve("out.jsonl");
        final Cli cli = Cli.run("decode", "--venue", "binance-spot", "--format", "hftbacktest", "--input",
            capture.toString(), "--output", output.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(cli.stderr.contains("malformed " + bad.size()), cli::toString);

        final List<JsonNode> out = Cli.jsonLines(output);
        assertEquals(List.of(), JsonLinesContract.violations(out));
        final List<String> reasons = new ArrayList<>();
        int gaps = 0;
        int validAfterGap = 0;
        for (final JsonNode line : out)
        {
            if ("status".equals(line.get("type").asText()) && "malformed".equals(line.get("event").asText()))
            {
                reasons.add(line.get("reason").asText().replaceAll("[: ].*", ""));
            }
            if ("status".equals(line.get("type").asText()) && "gap".equals(line.get("event").asText()))
            {
                gaps++;
            }
            if (gaps > 0 && "book".equals(line.get("type").asText()) && "valid".equals(line.get("health").asText()))
            {
                validAfterGap++;
            }
        }
        final List<String> expectedReasons = new ArrayList<>(bad.values());
        expectedReasons.sort(null);
        reasons.sort(null);
        assertEquals(expectedReasons, reasons);
        assertEquals(1, gaps, "the dropped (truncated) depth event leaves a gap that is reported");
        assertEquals(0, validAfterGap, "no valid book after the gap without a new snapshot");
    }

    private static int indexOfNth(final List<String> lines, final String text, final int n)
    {
        int seen = 0;
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).contains(text) && ++seen == n)
            {
                return i;
            }
        }
        throw new IllegalStateException("fewer than " + n + " lines with " + text);
    }
}
