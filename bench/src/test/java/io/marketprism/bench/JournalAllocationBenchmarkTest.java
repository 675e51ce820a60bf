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
 * The journal allocation harness, small: it must write a real journal across several mapping chunks, read every
 * message back in order and print its RESULT line. How much Chronicle allocates is measured on the full run (see
 * bench/README.md), not asserted on a shared CI machine where the JIT may not have compiled the path yet.
 */
final class JournalAllocationBenchmarkTest
{
    private static final Pattern RESULT = Pattern.compile("^RESULT journal-alloc msgs=(\\d+) journal_bytes=(\\d+) " +
        "alloc_bytes=(\\d+) alloc_bytes_at_chunk_boundaries=(\\d+) chunks_crossed=(\\d+) alloc_bytes_elsewhere=(\\d+)$",
        Pattern.MULTILINE);

    @Test
    void shouldWriteAcrossChunksReadEverythingBackAndPrintResultLine(@TempDir final Path tmp)
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final JournalAllocationBenchmark.Result result;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8))
        {
            result = JournalAllocationBenchmark.run(100_000, 20_000, 120, 1 << 20, tmp.resolve("journal"), out);
        }
        final String printed = captured.toString(StandardCharsets.UTF_8);
        assertTrue(result.passed(), printed);
        assertEquals(120_000, result.readBack(), printed);
        assertTrue(printed.contains("checks: 120000 of 120000 messages read back in order: PASS"), printed);

        final Matcher matcher = RESULT.matcher(printed);
        assertTrue(matcher.find(), "RESULT line missing:\n" + printed);
        assertEquals(result.line(), matcher.group(0));
        assertEquals(100_000L * 124, Long.parseLong(matcher.group(2)));
        assertEquals((120_000L * 124) / (1 << 20) - (20_000L * 124) / (1 << 20), Long.parseLong(matcher.group(5)));
        assertEquals(Long.parseLong(matcher.group(3)),
            Long.parseLong(matcher.group(4)) + Long.parseLong(matcher.group(6)), matcher.group(0));
    }
}
