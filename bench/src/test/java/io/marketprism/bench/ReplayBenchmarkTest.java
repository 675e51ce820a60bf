/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay harness, small: a journal of two copies of the demo's, one bare/replay round and the fresh-JVM command;
 * the counts must agree and the RESULT line must carry them. Rates are measured by the full run (bench/README.md).
 */
final class ReplayBenchmarkTest
{
    private static final Pattern RESULT = Pattern.compile("^RESULT replay messages=(\\d+) bare_msgs_per_s=(\\d+) " +
        "replay_msgs_per_s=(\\d+) ratio=(\\d+\\.\\d\\d) fresh_jvm_msgs_per_s=(\\d+) passed=(true|false)$",
        Pattern.MULTILINE);

    @Test
    void shouldReadTheSameMessagesBareAndThroughReplayAndPrintResultLine(@TempDir final Path tmp) throws Exception
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final ReplayBenchmark.Result result;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8))
        {
            result = ReplayBenchmark.run(tmp, 400_000, 1, out);
        }
        final String printed = captured.toString(StandardCharsets.UTF_8);
        assertTrue(result.passed(), printed);
        assertTrue(printed.contains("2 copies of the demo journal"), printed);

        final Matcher matcher = RESULT.matcher(printed);
        assertTrue(matcher.find(), "RESULT line missing:\n" + printed);
        assertEquals(result.line(), matcher.group(0));
        final long messages = Long.parseLong(matcher.group(1));
        assertTrue(messages >= 400_000 && messages % 2 == 0, matcher.group(0));
        assertTrue(Long.parseLong(matcher.group(2)) > 0 && Long.parseLong(matcher.group(3)) > 0, matcher.group(0));
        assertTrue(Long.parseLong(matcher.group(5)) > 0, matcher.group(0));
        assertTrue(printed.contains(String.format("over %,d messages", messages)), printed);
    }
}
