/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.ops.PercentilePlot;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency harness, short and at a low rate: both pipelines must pass their own checks, every histogram must hold
 * one value per message sent, the files it writes must exist and parse (the PNG through ImageIO), and the RESULT line
 * must follow the agreed format. The figures are measured on the full run (bench/README.md), not asserted here.
 */
final class LatencyBenchmarkTest
{
    private static final long RATE = 2_000;
    private static final Pattern RESULT = Pattern.compile("^RESULT latency rate=(\\d+) ours_p50_ns=(\\d+) " +
        "ours_p99_ns=(\\d+) ours_p999_ns=(\\d+) ours_max_ns=(\\d+) bare_p50_ns=(\\d+) bare_p99_ns=(\\d+) " +
        "bare_p999_ns=(\\d+) bare_max_ns=(\\d+) ratio_p99=(\\d+\\.\\d\\d) achieved_rate=(\\d+) " +
        "bare_achieved_rate=(\\d+) rate_ok=(true|false) checks=(PASS|FAIL)$", Pattern.MULTILINE);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldMeasureBothPipelinesCountEveryMessageAndWriteParsableFiles(@TempDir final Path tmp) throws Exception
    {
        final Path out = tmp.resolve("out");
        final Path journals = tmp.resolve("journals");
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final LatencyBenchmark.Report report = run(new LatencyBenchmark.Options()
            .rates(RATE)
            .seconds(0.5)
            .warmupFrames(20_000)
            .warmupSeconds(0.2)
            .warmupMaxSeconds(1.5)
            .jvmWarmupRounds(0)
            .profile("dev")
            .out(out)
            .journalParent(journals), captured);
        final String printed = captured.toString(StandardCharsets.UTF_8);
        assertTrue(report.passed(), printed);
        assertEquals(1, report.results().size(), printed);
        assertFalse(printed.contains("latency-rounds"), printed);
        assertTrue(printed.contains("after 0 JVM warm-up rounds") && !printed.contains("JVM warm-up round 1"), printed);
        assertTrue(report.jvmWarmUps().isEmpty(), printed);
        assertTrue(printed.contains("): JIT compilers busy ") && printed.contains(" GC pause"), printed);
        final LatencyBenchmark.RateResult result = report.results().get(0);

        final long sent = RATE / 2;
        for (final LatencyBenchmark.Measurement m : List.of(result.ours(), result.bare()))
        {
            assertEquals(sent, m.frames(), printed);
            assertTrue(m.failures().isEmpty(), printed);
            assertEquals(m.messages(), m.total().getTotalCount(), printed);
            assertTrue(m.achievedRate() > 0, printed);
            // paced in half-second slices: at least the minimum, at most the maximum
            assertTrue(m.warmUpSeconds() >= 0.5 && m.warmUpSeconds() <= 1.5, printed);
            assertTrue(m.compiledMs() >= 0 && m.collections() >= 0, printed);
        }
        assertEquals(sent, result.bare().messages(), printed);
        // a frame decodes into at least one message; the recording's first 1,000 frames do not wrap it
        assertTrue(result.ours().messages() >= sent, printed);

        final Matcher matcher = RESULT.matcher(printed);
        assertTrue(matcher.find(), "RESULT line missing:\n" + printed);
        assertEquals(result.line(), matcher.group(0));
        assertEquals(Long.toString(RATE), matcher.group(1));
        assertEquals("PASS", matcher.group(14));
        assertEquals(result.ours().total().getValueAtPercentile(99), Long.parseLong(matcher.group(3)));
        assertTrue(Long.parseLong(matcher.group(2)) <= Long.parseLong(matcher.group(3)), matcher.group(0));
        assertTrue(Long.parseLong(matcher.group(3)) <= Long.parseLong(matcher.group(5)), matcher.group(0));

        // the .hgrm holds the histogram's percentiles in microseconds, from 0% to 100%
        assertTrue(Files.isRegularFile(result.hgrm()), result.hgrm().toString());
        final List<double[]> rows = PercentilePlot.readHgrm(result.hgrm());
        assertEquals(0.0, rows.get(0)[0], 1e-12);
        assertEquals(1.0, rows.get(rows.size() - 1)[0], 1e-12);
        final Histogram total = result.ours().total();
        assertEquals(total.getMaxValue() / 1e3, rows.get(rows.size() - 1)[1], total.getMaxValue() / 1e3 * 1e-3 + 1e-3);
        for (final String stage : List.of("ours-decoded", "ours-normalized", "ours-journaled", "ours-published",
            "ours-completed", "ours-send-lag", "bare-copied", "bare-journaled", "bare-published", "bare-completed",
            "bare-send-lag", "bare"))
        {
            final Path file = out.resolve("latency-" + RATE + "-" + stage + ".hgrm");
            assertFalse(PercentilePlot.readHgrm(file).isEmpty(), file.toString());
        }

        final BufferedImage png = ImageIO.read(result.png().toFile());
        assertNotNull(png, "not a readable PNG: " + result.png());
        assertEquals(960, png.getWidth());
        assertEquals(560, png.getHeight());

        // the plot class reads its own .hgrm output back
        final Path replotted = tmp.resolve("replotted.png");
        new PercentilePlot("from files").add("ours", result.hgrm())
            .add("bare", out.resolve("latency-" + RATE + "-bare.hgrm")).write(replotted);
        assertNotNull(ImageIO.read(replotted.toFile()));

        try (java.util.stream.Stream<Path> left = Files.list(journals))
        {
            assertFalse(left.findAny().isPresent(), "journal left behind");
        }
    }

    @Test
    void optionsRefuseWhatIsNotANumberOrOutOfRangeNamingTheOption()
    {
        final LatencyBenchmark.Options options = new LatencyBenchmark.Options();
        options.parse(new String[] { "--jvm-warmup-rounds", "0", "--rounds", "3" });
        assertEquals(0, options.jvmWarmupRounds);
        assertEquals(3, options.rounds);
        assertEquals(1, new LatencyBenchmark.Options().jvmWarmupRounds, "one JVM warm-up round by default");

        final IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
            () -> new LatencyBenchmark.Options().parse(new String[] { "--rounds", "x" }));
        assertEquals("--rounds: not a number: x", notANumber.getMessage());
        final IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
            () -> new LatencyBenchmark.Options().parse(new String[] { "--jvm-warmup-rounds", "-1" }));
        assertEquals("--jvm-warmup-rounds must be at least 0: -1", negative.getMessage());
        final IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
            () -> new LatencyBenchmark.Options().parse(new String[] { "--rates", "10000,1e5" }));
        assertEquals("--rates: not a number: 10000,1e5", rate.getMessage());
    }

    @Test
    void quietWindowIsOnePassOfTheRecordingInWholeSlicesBetweenOneSliceAndFiveSeconds()
    {
        // 350,000 frames at 100k/s: 3.5 s
        assertEquals(3.5, LatencyBenchmark.quietWindowSeconds(350_000, 100_000), 1e-9);
        // 3.2 s rounds up to whole half-second slices
        assertEquals(3.5, LatencyBenchmark.quietWindowSeconds(320_000, 100_000), 1e-9);
        // a short pass: one slice
        assertEquals(0.5, LatencyBenchmark.quietWindowSeconds(1_000, 100_000), 1e-9);
        // a long pass at a low rate: at most 5 s
        assertEquals(5.0, LatencyBenchmark.quietWindowSeconds(350_000, 10_000), 1e-9);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldRunAJvmWarmUpRoundThenRoundsInFreshPipelinesAndSummariseTheirRatios(@TempDir final Path tmp)
        throws Exception
    {
        final Path out = tmp.resolve("out");
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final LatencyBenchmark.Report report = run(new LatencyBenchmark.Options()
            .rates(RATE)
            .seconds(0.25)
            .warmupFrames(10_000)
            .warmupSeconds(0.2)
            .warmupMaxSeconds(0.5)
            .rounds(2)
            .jvmWarmupRounds(1)
            .profile("dev")
            .out(out)
            .journalParent(tmp.resolve("journals")), captured);
        final String printed = captured.toString(StandardCharsets.UTF_8);
        assertTrue(report.passed(), printed);
        assertEquals(2, report.results().size(), printed);
        // the JVM warm-up round runs first, is checked and printed, and is not one of the rounds: no RESULT line,
        // no files
        assertEquals(1, report.jvmWarmUps().size(), printed);
        assertTrue(report.jvmWarmUps().get(0).passed(), printed);
        assertTrue(printed.indexOf("JVM warm-up round 1 of 1: not counted") < printed.indexOf("round 1 of 2"),
            printed);
        final Pattern resultLine = Pattern.compile("^RESULT latency rate=", Pattern.MULTILINE);
        assertEquals(2, resultLine.matcher(printed).results().count(), printed);
        try (java.util.stream.Stream<Path> written = Files.list(out))
        {
            assertTrue(written.allMatch(file -> file.getFileName().toString().contains("-round")), printed);
        }
        final double[] ratios = new double[2];
        for (int round = 0; round < 2; round++)
        {
            final LatencyBenchmark.RateResult result = report.results().get(round);
            assertEquals(RATE / 4, result.ours().frames(), printed);
            assertEquals(out.resolve("latency-" + RATE + "-round" + (round + 1) + "-ours.hgrm"), result.hgrm());
            assertTrue(Files.isRegularFile(result.png()), printed);
            ratios[round] = result.ratioP99();
        }
        assertFalse(report.results().get(0).ours() == report.results().get(1).ours(), "rounds must be fresh runs");

        final Matcher matcher = Pattern.compile("^RESULT latency-rounds rate=(\\d+) rounds=2 " +
            "ratio_p99_median=(\\d+\\.\\d\\d) ratio_p99_min=(\\d+\\.\\d\\d) ratio_p99_max=(\\d+\\.\\d\\d) " +
            "within_bound=([012]) ours_p99_median_ns=(\\d+) bare_p99_median_ns=(\\d+) checks=PASS$",
            Pattern.MULTILINE).matcher(printed);
        assertTrue(matcher.find(), "rounds RESULT line missing:\n" + printed);
        final double min = Math.min(ratios[0], ratios[1]);
        final double max = Math.max(ratios[0], ratios[1]);
        assertEquals(min, Double.parseDouble(matcher.group(3)), 0.005, printed);
        assertEquals(max, Double.parseDouble(matcher.group(4)), 0.005, printed);
        assertEquals((min + max) / 2, Double.parseDouble(matcher.group(2)), 0.01, printed);
        final int within = (ratios[0] <= LatencyBenchmark.P99_RATIO_BOUND ? 1 : 0) +
            (ratios[1] <= LatencyBenchmark.P99_RATIO_BOUND ? 1 : 0);
        assertEquals(within, Integer.parseInt(matcher.group(5)), printed);
    }

    /**
     * Runs the harness with what it prints captured.
     */
    private static LatencyBenchmark.Report run(
        final LatencyBenchmark.Options options, final ByteArrayOutputStream captured) throws Exception
    {
        try (PrintStream print = new PrintStream(captured, true, StandardCharsets.UTF_8))
        {
            return LatencyBenchmark.run(options, print);
        }
    }
}
