/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scrape harness, short: the pipeline benchmark at full rate with the metrics server beside it; every scrape
 * answers 200 with the engine's metrics (the median well within 100 ms), and the verdict follows the slowest
 * scrape. The 20-second run is in bench/README.md.
 */
final class ScrapeLatencyBenchmarkTest
{
    private static final Pattern RESULT = Pattern.compile("^RESULT scrape scrapes=(\\d+) max_ms=(\\d+\\.\\d\\d) " +
        "p99_ms=(\\d+\\.\\d\\d) p50_ms=(\\d+\\.\\d\\d) over_limit=(\\d+) failed=(\\d+) msgs_per_s=(\\d+) " +
        "alloc_bytes_per_msg=(\\d+\\.\\d\\d)$", Pattern.MULTILINE);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldAnswerEveryScrapeWithin100MsWhileThePipelineRunsFlatOut() throws Exception
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final ScrapeLatencyBenchmark.Result result;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8))
        {
            result = ScrapeLatencyBenchmark.run(2_000_000, 500_000, 50, "dev", null, out);
        }
        final String printed = captured.toString(StandardCharsets.UTF_8);
        final Matcher matcher = RESULT.matcher(printed);
        assertTrue(matcher.find(), "RESULT line missing:\n" + printed);
        assertEquals(result.line(), matcher.group(0));
        assertTrue(result.scrapes() >= 10, "too few scrapes to say anything:\n" + printed);
        assertEquals("0", matcher.group(6), "failed scrapes:\n" + printed);
        // the strict limit (every scrape within 100 ms) is the harness's own verdict, run alone (bench/README.md); in
        // a test JVM beside other builds on two cores one GC or descheduling can push a single scrape past it
        final long limitMs = ScrapeLatencyBenchmark.LIMIT_MS;
        assertTrue(Double.parseDouble(matcher.group(4)) <= limitMs, "median scrape:\n" + printed);
        assertEquals(result.passed(), "0".equals(matcher.group(5)) && result.maxMs() <= limitMs,
            "the verdict follows the slowest scrape:\n" + printed);
    }
}
