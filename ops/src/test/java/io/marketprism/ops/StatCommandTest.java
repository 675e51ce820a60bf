/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.feeds.Venues;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code marketprism stat} run as a separate JVM against the counters file of a pipeline running in this one.
 */
class StatCommandTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldShowTheCountersOfARunningEngineFromAnotherProcess() throws Exception
    {
        final EngineConfiguration.Context context = new EngineConfiguration.Context()
            .journalEnabled(false)
            .publishEnabled(false)
            .ringSize(1024)
            .logCapacityBytes(4 << 20)
            .conclude();
        final Path countersDir = dir.resolve("counters");
        try (EngineCounters counters = EngineCounters.mapped(countersDir);
            MarketDataPipeline pipeline = MarketDataPipeline.start(context, Venues.rules(), counters))
        {
            try (TradeFeed feed = new TradeFeed(pipeline, TimeUnit.MILLISECONDS.toNanos(1)))
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (counters.messages(Venue.BINANCE_SPOT, TradeDecoder.TEMPLATE_ID) < 100)
                {
                    assertTrue(System.nanoTime() < deadline, "trades counted");
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
                }
                // while the feed runs: the other process sees a rate
                final Result live = stat("stat", "--once", "--interval", "200", "--dir", countersDir.toString());
                assertEquals(0, live.exitCode, live.output);
                assertTrue(live.output.contains("engine pid " + ProcessHandle.current().pid() + " (running)"),
                    live.output);
                final String[] trades = live.rows.get("messages binance-spot trade");
                assertTrue(Long.parseLong(trades[0]) >= 100, live.output);
                assertTrue(Double.parseDouble(trades[1]) > 0, "a positive rate while the feed runs: " + live.output);
            }
            // the feed has stopped and the ring is drained: values are still, and must match exactly
            final long start = System.nanoTime();
            while (!pipeline.isDrained())
            {
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "normalize caught up");
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
            final Result still = stat("stat", "--once", "--interval", "50", "--dir",
                counters.file().path().toString());
            assertEquals(0, still.exitCode, still.output);
            assertEquals(String.valueOf(counters.messages(Venue.BINANCE_SPOT, TradeDecoder.TEMPLATE_ID)),
                still.rows.get("messages binance-spot trade")[0]);
            assertEquals(String.valueOf(counters.lastMessageTimeNs(Venue.BINANCE_SPOT, TradeDecoder.TEMPLATE_ID)),
                still.rows.get("last-message-time-ns binance-spot trade")[0]);
            assertEquals(String.valueOf(counters.ringPublished.get()), still.rows.get("ring-published")[0]);
            assertEquals("1024", still.rows.get("ring-capacity")[0]);
            assertEquals("0.0", still.rows.get("messages binance-spot trade")[1]);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldFailClearlyOnAFileThatIsNotACountersFile() throws Exception
    {
        final Path bogus = dir.resolve("bogus.counters");
        Files.write(bogus, new byte[1024]);
        final Result result = stat("stat", "--once", "--dir", bogus.toString());
        assertNotEquals(0, result.exitCode);
        assertTrue(result.output.contains("is not a MarketPrism counters file"), result.output);

        final Result empty = stat("stat", "--once", "--dir", dir.resolve("nothing-here").toString());
        assertNotEquals(0, empty.exitCode);
        assertTrue(empty.output.contains("no counters directory or file"), empty.output);
    }

    private static final class Result
    {
        int exitCode;
        String output;
        final Map<String, String[]> rows = new HashMap<>();
    }

    /**
     * Runs the command line in a new JVM with this JVM's class path and module flags.
     */
    private static Result stat(final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access"))
            {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MarketPrism.class.getName());
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        final Result result = new Result();
        result.output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "stat finished");
        result.exitCode = process.exitValue();
        for (final String line : result.output.split("\n"))
        {
            final String[] parts = line.trim().split("\\s+", 4);
            if (parts.length == 4 && parts[0].matches("[0-9]+"))
            {
                result.rows.put(parts[3], new String[]{ parts[1], parts[2] });
            }
        }
        return result;
    }
}
