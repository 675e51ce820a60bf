/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.marketprism.engine.CountersFile;
import io.marketprism.engine.ThreadingProfile;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5's late joiner across processes: {@code demo} publishes Aeron IPC, through a media driver this test runs, at
 * a paced rate; once it has journaled thousands of messages, {@code subscribe} starts in a new JVM on the same driver
 * ({@code --aeron-dir}). Each of its
 * books must be synced from the snapshot stream within one snapshot interval of its first live message (plus the
 * engine's processing: normalize serving the round, the copy, the wire), and the live stream must have no gap.
 */
final class LateJoinerProcessTest
{
    private static final long INTERVAL_MS = 500;
    /** Serving the round (1 ms idle timeout), the agent's 1 ms wake-ups and the subscriber's own polling. */
    private static final long PROCESSING_MS = 50;
    private static final Pattern SYNCED = Pattern.compile(
        "subscribe: (\\d+) books synced, the slowest ([0-9.]+) ms after the first live message");
    private static final Pattern SUMMARY = Pattern.compile(
        "subscribe: (\\d+) messages, last sequence (\\d+), gaps (\\d+), lost (\\d+), snapshots (\\d+) " +
        "\\(applied (\\d+), stale (\\d+)\\), top mismatches (\\d+) \\(past snapshot depth (\\d+)\\)");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldSyncALateJoinerProcessWithinOneSnapshotInterval(@TempDir final Path tmp) throws Exception
    {
        // the 2023 USD-M recording sorts first by receive time and would be over before the subscriber joins: a few
        // lines of it only (the demo needs all four); the three 2024 books are live and valid when it joins. Their
        // second day's files start with a snapshot each, a resync on the live stream that would sync a subscriber
        // slow to start (a loaded machine) without the snapshot stream: the first day only, no snapshot after the
        // stream's start
        final Path recordings = UdpDemoSubscribeTest.cutRecordings(tmp.resolve("recordings"), 12_000,
            "hftbacktest/spot/btcusdt_20240808.gz", "hftbacktest/spot/ethusdt_20240808.gz",
            "hftbacktest/cm/btcusd_perp_20240808.gz");
        UdpDemoSubscribeTest.cutRecordings(recordings, 0,
            "hftbacktest/spot/btcusdt_20240809.gz", "hftbacktest/spot/ethusdt_20240809.gz",
            "hftbacktest/cm/btcusd_perp_20240809.gz");
        UdpDemoSubscribeTest.cutRecordings(recordings, 10,
            "hftbacktest/usdm/btcusdt_20230404.dat.gz", "hftbacktest/usdm/btcusdt_20230405.dat.gz");
        final Path countersDir = tmp.resolve("counters");
        final Path config = tmp.resolve("late.properties");
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(ThreadingProfile.DEV.newIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)))
        {
            Files.writeString(config, "marketprism.aeron.dir=" + driver.aeronDirectoryName() + "\n" +
                "marketprism.snapshot.intervalMs=" + INTERVAL_MS + "\n" +
                "marketprism.counters.dir=" + countersDir + "\n", StandardCharsets.UTF_8);
            runDemoAndLateJoiner(tmp, recordings, config, countersDir, driver.aeronDirectoryName());
        }
    }

    private static void runDemoAndLateJoiner(
        final Path tmp, final Path recordings, final Path config, final Path countersDir, final String aeronDir)
        throws Exception
    {
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        Process subscriber = null;
        try
        {
            // 36,000 frames offered at 2,000 a second: the subscriber starts once 3,000 records are journaled, and
            // the stream goes on long after its JVM is up even on a loaded machine (the pacer catches up on a slow
            // start in a burst)
            final Future<Cli> demo = executor.submit(() -> Cli.run("demo", "--config", config.toString(),
                "--warmup", "0", "--rate", "2000", "--recordings", recordings.toString(),
                "--journal", tmp.resolve("journal").toString()));
            awaitJournaled(countersDir, 3_000, demo);

            final Path subscriberErr = tmp.resolve("subscribe.err");
            subscriber = new ProcessBuilder(ChildJvm.command(MarketPrism.class, "subscribe", "--channel", "aeron:ipc",
                "--aeron-dir", aeronDir, "--snapshots", "1002", "--timeout-ms", "3000"))
                .redirectError(subscriberErr.toFile())
                .redirectOutput(tmp.resolve("subscribe.out").toFile())
                .redirectInput(ChildJvm.noInput())
                .start();
            final Cli demoRun = demo.get(90, TimeUnit.SECONDS);
            assertEquals(0, demoRun.exitCode, demoRun::toString);
            assertTrue(subscriber.waitFor(60, TimeUnit.SECONDS), "subscribe ended after the demo");
            final String stderr = Files.readString(subscriberErr, StandardCharsets.UTF_8);
            System.out.println("LateJoinerProcessTest: " + stderr.strip().replace("\n", "\n  "));
            assertEquals(0, subscriber.exitValue(), stderr);

            final Matcher summary = SUMMARY.matcher(stderr);
            assertTrue(summary.find(), stderr);
            final long messages = Long.parseLong(summary.group(1));
            final long lastSequence = Long.parseLong(summary.group(2));
            assertEquals("0", summary.group(3), "no gap: " + stderr);
            assertTrue(messages > 1_000 && messages < lastSequence,
                "a late joiner: it missed the stream's start and then received thousands: " + stderr);
            assertEquals(3, Long.parseLong(summary.group(6)), "every book synced from the snapshot stream: " + stderr);
            // after every live update the subscriber's book has the top the engine wrote into it, except where
            // deletes took a side past the 50 levels its snapshot held (counted apart: no error)
            assertEquals("0", summary.group(8), "top mismatches: " + stderr);

            final Matcher synced = SYNCED.matcher(stderr);
            assertTrue(synced.find(), stderr);
            assertEquals(3, Integer.parseInt(synced.group(1)), "every book of the demo: " + stderr);
            final double slowestMs = Double.parseDouble(synced.group(2));
            assertTrue(slowestMs <= INTERVAL_MS + PROCESSING_MS,
                "synced within one snapshot interval (" + INTERVAL_MS + " ms): " + slowestMs + " ms");
        }
        finally
        {
            if (subscriber != null)
            {
                subscriber.destroyForcibly();
            }
            executor.shutdownNow();
        }
    }

    /**
     * Waits, reading the demo's counters file as {@code stat} does, until it has journaled this many messages.
     */
    private static void awaitJournaled(final Path countersDir, final long journaled, final Future<Cli> demo)
        throws Exception
    {
        final IdleStrategy idle = new SleepingMillisIdleStrategy(5);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            assertTrue(System.nanoTime() < deadline, "the demo journaled " + journaled + " messages");
            if (demo.isDone())
            {
                throw new AssertionError("the demo ended before the subscriber started: " + demo.get());
            }
            final Path file = countersFile(countersDir);
            if (file != null)
            {
                try (CountersFile counters = CountersFile.openForReading(file))
                {
                    if (value(counters.reader(), "journaled") >= journaled)
                    {
                        return;
                    }
                }
                catch (final IllegalArgumentException ex)
                {
                    // created but not yet initialised: read it again
                }
            }
            idle.idle();
        }
    }

    private static Path countersFile(final Path directory) throws Exception
    {
        if (!Files.isDirectory(directory))
        {
            return null;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            final List<Path> found = files.filter((p) -> p.toString().endsWith(CountersFile.SUFFIX)).toList();
            return found.isEmpty() ? null : found.get(0);
        }
    }

    private static long value(final CountersReader reader, final String label)
    {
        final long[] value = {-1};
        reader.forEach((counterId, typeId, keyBuffer, counterLabel) ->
        {
            if (label.equals(counterLabel))
            {
                value[0] = reader.getCounterValue(counterId);
            }
        });
        return value[0];
    }
}
