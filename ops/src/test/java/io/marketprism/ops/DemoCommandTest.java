/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void shouldRunWholePipelineAndLeaveAReplayableJournal(@TempDir final Path tmp)
    {
        final Path journal = tmp.resolve("journal");
        final Cli demo = Cli.run("demo", "--journal", journal.toString());
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

        final Path replayed = tmp.resolve("replay.jsonl");
        final Cli replay = Cli.run("replay", "--journal", journal.toString(), "--output", replayed.toString());
        assertEquals(0, replay.exitCode, replay::toString);
        final List<JsonNode> lines = Cli.jsonLines(replayed);
        assertEquals(Long.parseLong(journaled.group(1)), lines.size(), "one JSON line per journaled message");
        assertEquals(List.of(), JsonLinesContract.violations(lines));
        assertEquals("instrument", lines.get(0).get("type").asText(), "definitions come first");
    }
}
