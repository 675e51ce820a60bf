/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code marketprism latency}: an interval log's intervals added up per stage (tag), a percentile file read as
 * printed, the PNG plot, and bad input refused with a clear message.
 */
final class LatencyCommandTest
{
    @Test
    void shouldPrintPercentilesPerStageOfAnIntervalLogAndDrawThePlot(@TempDir final Path tmp) throws Exception
    {
        final Path log = tmp.resolve("latency.hlog");
        final HistogramLogWriter writer = new HistogramLogWriter(log.toFile());
        writer.outputLogFormatVersion();
        writer.outputStartTime(1_000_000L);
        writer.setBaseTime(1_000_000L);
        writer.outputLegend();
        // two intervals per stage: "fast" 1..1000 us once each, then again; "slow" 2 ms x 10 then 4 ms x 10
        for (int interval = 0; interval < 2; interval++)
        {
            final Histogram fast = new Histogram(3_600_000_000_000L, 3);
            fast.setTag("fast");
            for (long us = 1; us <= 1000; us++)
            {
                fast.recordValue(us * 1000);
            }
            final Histogram slow = new Histogram(3_600_000_000_000L, 3);
            slow.setTag("slow");
            slow.recordValueWithCount((interval + 1) * 2_000_000L, 10);
            for (final Histogram h : new Histogram[] { fast, slow })
            {
                h.setStartTimeStamp(1_000_000L + interval * 1000L);
                h.setEndTimeStamp(1_000_000L + (interval + 1) * 1000L);
                writer.outputIntervalHistogram(h);
            }
        }
        writer.close();

        final Path png = tmp.resolve("latency.png");
        final Cli cli = Cli.run("latency", log.toString(), "--png", png.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        final Matcher fast = row("fast").matcher(cli.stdout);
        assertTrue(fast.find(), cli.stdout);
        assertEquals("2000", fast.group(1), "both intervals added up");
        assertEquals(500.0, Double.parseDouble(fast.group(2)), 1.0, "p50 in microseconds");
        assertEquals(990.0, Double.parseDouble(fast.group(4)), 1.0, "p99");
        assertEquals(1000.0, Double.parseDouble(fast.group(7)), 1.0, "max");
        final Matcher slow = row("slow").matcher(cli.stdout);
        assertTrue(slow.find(), cli.stdout);
        assertEquals("20", slow.group(1));
        assertEquals(2000.0, Double.parseDouble(slow.group(2)), 2.0);
        assertEquals(4000.0, Double.parseDouble(slow.group(7)), 4.0);
        final BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG was written");
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);

        final Cli one = Cli.run("latency", log.toString(), "--stage", "slow", "--unit", "ms");
        assertEquals(0, one.exitCode, one::toString);
        assertFalse(row("fast").matcher(one.stdout).find(), one.stdout);
        final Matcher slowMs = row("slow").matcher(one.stdout);
        assertTrue(slowMs.find(), one.stdout);
        assertEquals(4.0, Double.parseDouble(slowMs.group(7)), 0.01, "max in ms");

        final Cli unknown = Cli.run("latency", log.toString(), "--stage", "nope");
        assertNotEquals(0, unknown.exitCode);
        assertTrue(unknown.stderr.contains("no stage nope") && unknown.stderr.contains("fast, slow"), unknown.stderr);
    }

    @Test
    void shouldReadAPercentileFile(@TempDir final Path tmp) throws Exception
    {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        for (long us = 1; us <= 1000; us++)
        {
            histogram.recordValue(us * 1000);
        }
        final Path hgrm = tmp.resolve("run.hgrm");
        PercentilePlot.writeHgrm(histogram, hgrm);
        final Cli cli = Cli.run("latency", hgrm.toString(), "--png", tmp.resolve("run.png").toString());
        assertEquals(0, cli.exitCode, cli::toString);
        final Matcher run = row("run").matcher(cli.stdout);
        assertTrue(run.find(), cli.stdout);
        assertEquals("1000", run.group(1), "count from the file's footer");
        assertEquals(500.0, Double.parseDouble(run.group(2)), 1.0);
        assertEquals(1000.0, Double.parseDouble(run.group(7)), 1.0);
        assertTrue(Files.size(tmp.resolve("run.png")) > 0);
    }

    @Test
    void shouldRefuseBadInputWithAClearMessage(@TempDir final Path tmp) throws Exception
    {
        final Cli missing = Cli.run("latency", tmp.resolve("nothing.hlog").toString());
        assertNotEquals(0, missing.exitCode);
        assertTrue(missing.stderr.contains("no file at"), missing.stderr);

        final Path text = tmp.resolve("notes.hlog");
        Files.writeString(text, "this is not a histogram log\n1,2,3\n", StandardCharsets.UTF_8);
        final Cli notALog = Cli.run("latency", text.toString());
        assertNotEquals(0, notALog.exitCode);
        assertTrue(notALog.stderr.contains("is not an HdrHistogram interval log"), notALog.stderr);

        final Path empty = tmp.resolve("empty.hlog");
        Files.writeString(empty, "#[StartTime: 1.000 (seconds since epoch)]\n", StandardCharsets.UTF_8);
        final Cli noHistograms = Cli.run("latency", empty.toString());
        assertNotEquals(0, noHistograms.exitCode);
        assertTrue(noHistograms.stderr.contains("no histograms in it"), noHistograms.stderr);

        final Path badHgrm = tmp.resolve("bad.hgrm");
        Files.writeString(badHgrm, "Value Percentile\nabc def ghi\n", StandardCharsets.UTF_8);
        final Cli notRows = Cli.run("latency", badHgrm.toString());
        assertNotEquals(0, notRows.exitCode);
        assertTrue(notRows.stderr.contains("not a percentile row"), notRows.stderr);
    }

    /**
     * A printed row: stage, count, p50, p90, p99, p99.9, p99.99, max.
     */
    static Pattern row(final String stage)
    {
        final String number = "([0-9.]+)";
        return Pattern.compile("(?m)^  " + stage + " +(\\d+) +" + number + " +" + number + " +" + number + " +" +
            number + " +" + number + " +" + number + "$");
    }
}
