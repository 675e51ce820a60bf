/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as a user runs it: the whole pipeline on the bundled recordings, a summary, and a journal that
 * {@code replay} prints back as the same JSON lines contract.
 */
final class DemoCommandTest
{
    @Test
    void shouldRunWholePipelineAndLeaveAReplayableJournal(@TempDir final Path tmp) throws Exception
    {
        final Path journal = tmp.resolve("journal");
        final Path config = tmp.resolve("demo.properties");
        Files.writeString(config, "marketprism.latency.logIntervalMs=500\n", StandardCharsets.UTF_8);
        final Cli demo = Cli.run("demo", "--journal", journal.toString(), "--config", config.toString());
        assertEquals(0, demo.exitCode, demo::toString);

        final String summary = demo.stdout;
        assertTrue(summary.contains("warm-up: 100000 frames through a throwaway pipeline"), summary);
        assertTrue(summary.contains("throughput: 351469 frames -> 351477 messages"), "warm-up frames not counted:\n" +
            summary);
        assertTrue(summary.contains("books: 4 of 4 valid at the end"), summary);
        assertTrue(summary.contains("of which not valid: 0"), summary);
        assertTrue(summary.contains("gaps 0,") && summary.contains("malformed 0,") && summary.contains("errors 0"),
            summary);
        for (final String stage : new String[]{ "decoded", "normalized", "journaled", "published", "completed" })
        {
            assertTrue(Pattern.compile("(?m)^  " + stage + " +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +351469$")
                .matcher(summary).find(), "latency line for " + stage + ":\n" + summary);
        }
        final Matcher aeron = Pattern.compile("aeron: published (\\d+), received by an IPC subscriber (\\d+)")
            .matcher(summary);
        assertTrue(aeron.find(), summary);
        assertEquals(aeron.group(1), aeron.group(2), "every published message arrived over IPC");
        final Matcher journaled = Pattern.compile("journaled: (\\d+) messages").matcher(summary);
        assertTrue(journaled.find(), summary);
        assertTrue(summary.endsWith("journal: " + journal.toAbsolutePath() + "\n"), "last line names the journal");
        assertTrue(Files.isDirectory(journal));
        assertLatencyLog(journal.resolve("latency.hlog"), summary, tmp);

        final Path replayed = tmp.resolve("replay.jsonl");
        final Cli replay = Cli.run("replay", "--journal", journal.toString(), "--output", replayed.toString());
        assertEquals(0, replay.exitCode, replay::toString);
        final List<JsonNode> lines = Cli.jsonLines(replayed);
        assertEquals(Long.parseLong(journaled.group(1)), lines.size(), "one JSON line per journaled message");
        assertEquals(List.of(), JsonLinesContract.violations(lines));
        assertEquals("instrument", lines.get(0).get("type").asText(), "definitions come first");
    }

    /**
     * The interval log parses with HdrHistogram's own reader, holds several intervals of every stage, and its intervals
     * add up to what each stage recorded (the summary's counts); {@code latency} prints it and draws the plot.
     */
    private static void assertLatencyLog(final Path hlog, final String summary, final Path tmp) throws Exception
    {
        assertTrue(summary.contains("latency log: " + hlog.toAbsolutePath()), summary);
        final Map<String, Long> counts = new HashMap<>();
        final Map<String, Integer> intervals = new HashMap<>();
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try
        {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null)
            {
                counts.merge(interval.getTag(), ((Histogram)interval).getTotalCount(), Long::sum);
                intervals.merge(interval.getTag(), 1, Integer::sum);
                assertTrue(interval.getEndTimeStamp() >= interval.getStartTimeStamp());
            }
        }
        finally
        {
            reader.close();
        }
        for (final String stage : new String[]{ "decoded", "normalized", "journaled", "published", "completed" })
        {
            assertEquals(351469L, counts.get(stage), "every value of " + stage + " is in the log: " + counts);
            assertTrue(intervals.get(stage) >= 2, "several 500 ms intervals of " + stage + ": " + intervals);
        }
        assertEquals(5, counts.size(), counts::toString);

        final Path png = tmp.resolve("latency.png");
        final Cli latency = Cli.run("latency", hlog.toString(), "--png", png.toString());
        assertEquals(0, latency.exitCode, latency::toString);
        assertTrue(LatencyCommandTest.row("completed").matcher(latency.stdout).find(), latency.stdout);
        final Matcher row = LatencyCommandTest.row("journaled").matcher(latency.stdout);
        assertTrue(row.find(), latency.stdout);
        assertEquals("351469", row.group(1));
        assertTrue(Files.size(png) > 0);
    }
}
