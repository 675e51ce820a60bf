/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.marketprism.engine.ThreadingProfile;
import io.marketprism.journal.JournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code replay --output aeron:...}: a journal of a real recording served to a consumer ({@code subscribe}, the
 * project's {@code MarketDataSubscriber}) started first, over UDP between two media drivers and over IPC on a
 * shared one. The consumer prints exactly the lines {@code replay} prints to stdout, with no gap and the replay's own
 * stream sequence; a type filter still hands the consumer the definitions that name what it gets.
 */
final class ReplayToAeronTest
{
    private static final String SPOT = "hftbacktest/spot/btcusdt_20240808.gz";
    private static final Pattern SUMMARY = Pattern.compile(
        "subscribe: (\\d+) messages, last sequence (\\d+), gaps (\\d+), lost (\\d+)");

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldServeTheJournalToAConsumerOverUdpAsReplayPrintsIt(@TempDir final Path tmp) throws Exception
    {
        final Path journal = journal(tmp);
        final String printed = Cli.run("replay", "--journal", journal.toString(), "--quiet").stdout;
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();

        final Cli[] runs = replayTo(channel, null, "--journal", journal.toString(), "--output", channel);
        final Cli consumer = runs[0];
        final Cli replay = runs[1];
        assertEquals(0, replay.exitCode, replay.stderr);
        assertEquals(0, consumer.exitCode, consumer.stderr);
        final long lines = printed.lines().count();
        assertTrue(lines > 40_000, "lines: " + lines);
        assertEquals(printed, consumer.stdout, "the consumer prints what replay prints");
        assertSummary(consumer.stderr, lines);
        assertTrue(replay.stderr.contains(lines + " offered"), replay.stderr);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldServeAFilteredJournalOverIpcWithTheDefinitionsThatNameIt(@TempDir final Path tmp) throws Exception
    {
        final Path journal = journal(tmp);
        final String trades = Cli.run("replay", "--journal", journal.toString(), "--quiet", "--type", "trade").stdout;
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(ThreadingProfile.DEV.newIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)))
        {
            final Cli[] runs = replayTo("aeron:ipc", driver.aeronDirectoryName(), "--journal", journal.toString(),
                "--type", "trade", "--output", "aeron:ipc", "--aeron-dir", driver.aeronDirectoryName(),
                "--stream", "2001");
            final Cli consumer = runs[0];
            assertEquals(0, runs[1].exitCode, runs[1].stderr);
            assertEquals(0, consumer.exitCode, consumer.stderr);

            final List<String> consumed = new ArrayList<>(consumer.stdout.lines().toList());
            assertTrue(consumed.get(0).startsWith("{\"type\":\"instrument\",\"venue\":\"binance-spot\"," +
                "\"symbol\":\"BTC-USDT\""), consumed.get(0));
            consumed.remove(0);
            assertEquals(trades.lines().toList(), consumed, "every trade, named, and nothing else");
            assertSummary(consumer.stderr, consumed.size() + 1);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldGiveTheConsumerOfARetainedJournalTheDefinitionItsCyclesLost(@TempDir final Path tmp) throws Exception
    {
        final Path whole = ReplayRetainedJournalTest.wholeJournal(tmp);
        final Path retained = ReplayRetainedJournalTest.retainedJournal(whole, tmp.resolve("retained"));
        Files.copy(whole.resolve(JournalWriter.DEFINITIONS_FILE), retained.resolve(JournalWriter.DEFINITIONS_FILE));
        final String printed = Cli.run("replay", "--journal", retained.toString(), "--quiet").stdout;
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();

        final Cli[] runs = replayTo(channel, null, "--journal", retained.toString(), "--output", channel);
        assertEquals(0, runs[1].exitCode, runs[1].stderr);
        assertEquals(0, runs[0].exitCode, runs[0].stderr);
        final List<String> consumed = new ArrayList<>(runs[0].stdout.lines().toList());
        // the definition first (journaled in a cycle since deleted), then every message, named
        assertTrue(consumed.get(0).startsWith("{\"type\":\"instrument\",\"venue\":\"binance-spot\"," +
            "\"symbol\":\"BTC-USDT\""), consumed.get(0));
        consumed.remove(0);
        assertEquals(printed.lines().toList(), consumed);
        assertTrue(consumed.get(0).contains("\"symbol\":\"BTC-USDT\""), consumed.get(0));
        assertSummary(runs[0].stderr, consumed.size() + 1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseWhatCannotReachAConsumer(@TempDir final Path tmp) throws Exception
    {
        final Path journal = journal(tmp);
        final Cli ipcAlone = Cli.run("replay", "--journal", journal.toString(), "--output", "aeron:ipc");
        assertEquals(2, ipcAlone.exitCode);
        assertTrue(ipcAlone.stderr.contains("--output aeron:ipc needs --aeron-dir, a media driver the consumer " +
            "shares"), ipcAlone.stderr);

        final String channel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
        final long startNs = System.nanoTime();
        final Cli nobody = Cli.run("replay", "--journal", journal.toString(), "--output", channel, "--wait-ms", "300");
        assertNotEquals(0, nobody.exitCode);
        assertTrue(nobody.stderr.contains("no subscriber on " + channel + " stream 1001 within 300 ms: start the " +
            "consumer first"), nobody.stderr);
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(30));

        final Cli csv = Cli.run("replay", "--journal", journal.toString(), "--format", "csv", "--output", channel);
        assertEquals(2, csv.exitCode);
        assertTrue(csv.stderr.contains("--format csv does not apply to an Aeron --output"), csv.stderr);

        final Cli dirAlone = Cli.run("replay", "--journal", journal.toString(), "--aeron-dir", tmp.toString());
        assertEquals(2, dirAlone.exitCode);
        assertTrue(dirAlone.stderr.contains("--aeron-dir needs an Aeron --output"), dirAlone.stderr);
    }

    /**
     * Starts {@code subscribe} on the channel, then the replay, which waits for it.
     *
     * @return the consumer's run and the replay's.
     */
    private static Cli[] replayTo(final String channel, final String aeronDir, final String... replayArgs)
        throws Exception
    {
        final List<String> subscribeArgs = new ArrayList<>(List.of("subscribe", "--channel", channel,
            "--timeout-ms", "3000"));
        if (aeronDir != null)
        {
            subscribeArgs.addAll(List.of("--aeron-dir", aeronDir));
        }
        for (int i = 0; i < replayArgs.length - 1; i++)
        {
            if ("--stream".equals(replayArgs[i]))
            {
                subscribeArgs.addAll(List.of("--stream", replayArgs[i + 1]));
            }
        }
        final CompletableFuture<Cli> consumer = CompletableFuture.supplyAsync(
            () -> Cli.run(subscribeArgs.toArray(new String[0])));
        final List<String> args = new ArrayList<>(List.of("replay"));
        args.addAll(List.of(replayArgs));
        final Cli replay = Cli.run(args.toArray(new String[0]));
        return new Cli[]{ consumer.get(120, TimeUnit.SECONDS), replay };
    }

    private static void assertSummary(final String stderr, final long messages)
    {
        final Matcher summary = SUMMARY.matcher(stderr);
        assertTrue(summary.find(), stderr);
        assertEquals(messages, Long.parseLong(summary.group(1)), stderr);
        assertEquals(messages, Long.parseLong(summary.group(2)), "the replay's own sequence, from 1: " + stderr);
        assertEquals("0", summary.group(3), stderr);
        assertEquals("0", summary.group(4), stderr);
    }

    private static Path journal(final Path tmp)
    {
        final Path journal = tmp.resolve("journal");
        final Cli decode = Cli.run("decode", "--venue", "binance-spot", "--format", "hftbacktest",
            "--input", TestRecordings.file(SPOT).toString(), "--journal", journal.toString(), "--output",
            tmp.resolve("decoded.jsonl").toString());
        assertEquals(0, decode.exitCode, decode.stderr);
        return journal;
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
