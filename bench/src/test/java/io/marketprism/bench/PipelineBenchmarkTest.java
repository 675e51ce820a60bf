/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline harness, small: it must run the real pipeline, pass its own checks (everything published arrived,
 * everything journaled, books valid) and print a RESULT line in the agreed format. The figures themselves are
 * measured on the full run (see bench/README.md), not asserted on a shared CI machine.
 */
final class PipelineBenchmarkTest
{
    private static final Pattern RESULT = Pattern.compile("^RESULT pipeline msgs=(\\d+) msgs_per_s=(\\d+) " +
        "p50_ns=(\\d+) p99_ns=(\\d+) p999_ns=(\\d+) alloc_bytes_per_msg=(\\d+\\.\\d\\d) gc_count=(\\d+)$",
        Pattern.MULTILINE);

    @Test
    void shouldRunPipelineCheckItselfAndPrintResultLine(@TempDir final Path tmp) throws Exception
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PipelineBenchmark.Result result;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8))
        {
            result = PipelineBenchmark.run(400_000, 400_000, "dev", "auto", tmp, null, false, out);
        }
        final String printed = captured.toString(StandardCharsets.UTF_8);
        assertTrue(result.passed(), printed);
        assertTrue(printed.contains("checks: ") && printed.contains(": PASS"), printed);

        final Matcher matcher = RESULT.matcher(printed);
        assertTrue(matcher.find(), "RESULT line missing:\n" + printed);
        assertEquals(result.line(), matcher.group(0));
        assertTrue(Long.parseLong(matcher.group(1)) >= 400_000, matcher.group(0));
        assertTrue(Long.parseLong(matcher.group(2)) > 0, matcher.group(0));
        assertTrue(Long.parseLong(matcher.group(3)) <= Long.parseLong(matcher.group(4)), matcher.group(0));
        assertTrue(Long.parseLong(matcher.group(4)) <= Long.parseLong(matcher.group(5)), matcher.group(0));
        assertFalse(Files.list(tmp).findAny().isPresent(), "journal left behind");
    }
}
