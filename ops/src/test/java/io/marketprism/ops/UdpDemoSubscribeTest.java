/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
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
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code ops/scripts/two-hosts.sh} checks across network namespaces, on loopback: {@code demo} publishing Aeron
 * UDP unicast (counting with a local spy) and {@code subscribe} started before it, with no {@code --aeron-dir} (so
 * with an embedded driver of its own), receive every message in order. The recordings are the demo's, cut to their
 * first lines so that the run is short.
 */
final class UdpDemoSubscribeTest
{
    private static final int LINES_PER_RECORDING = 2500;
    private static final String[] RECORDINGS = {
        "hftbacktest/spot/btcusdt_20240808.gz", "hftbacktest/spot/btcusdt_20240809.gz",
        "hftbacktest/spot/ethusdt_20240808.gz", "hftbacktest/spot/ethusdt_20240809.gz",
        "hftbacktest/cm/btcusd_perp_20240808.gz", "hftbacktest/cm/btcusd_perp_20240809.gz",
        "hftbacktest/usdm/btcusdt_20230404.dat.gz", "hftbacktest/usdm/btcusdt_20230405.dat.gz",
    };

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldDeliverEveryMessageInOrderOverUdp(@TempDir final Path tmp) throws Exception
    {
        final Path recordings = cutRecordings(tmp.resolve("recordings"), RECORDINGS);
        final int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            port = probe.getLocalPort();
        }
        final String endpoint = "aeron:udp?endpoint=127.0.0.1:" + port;
        final Path config = tmp.resolve("udp.properties");
        Files.writeString(config, "marketprism.publish.channel=" + endpoint + "|term-length=16m\n" +
            "marketprism.publish.backPressureTimeoutNs=5000000000\n", StandardCharsets.UTF_8);

        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try
        {
            final Future<Cli> subscriber = executor.submit(
                () -> Cli.run("subscribe", "--channel", endpoint, "--timeout-ms", "2000"));
            final Cli demo = Cli.run("demo", "--config", config.toString(), "--warmup", "0", "--rate", "0",
                "--recordings", recordings.toString(), "--journal", tmp.resolve("journal").toString());
            assertEquals(0, demo.exitCode, demo::toString);
            final Matcher aeron = Pattern.compile(
                "aeron: published (\\d+), received by a local spy subscriber (\\d+), .* dropped (\\d+)")
                .matcher(demo.stdout);
            assertTrue(aeron.find(), demo.stdout);
            final long published = Long.parseLong(aeron.group(1));
            assertTrue(published > 10_000, demo.stdout);
            assertEquals(aeron.group(1), aeron.group(2), "the local spy saw every message");
            assertEquals("0", aeron.group(3), "nothing dropped under back pressure");

            final Cli subscribed = subscriber.get(60, TimeUnit.SECONDS);
            assertEquals(0, subscribed.exitCode, subscribed::toString);
            assertTrue(subscribed.stderr.contains("subscribe: " + published + " messages, last sequence " +
                published + ", gaps 0, lost 0,"), "every message, in order:\n" + subscribed.stderr + demo.stdout);
            final List<JsonNode> lines = Cli.jsonLines(subscribed.stdout);
            assertEquals(published, lines.size(), "one JSON line per message");
            assertEquals(List.of(), JsonLinesContract.violations(lines));
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    /**
     * The demo's recordings, each cut to its first lines (derived here, never stored), in the demo's layout.
     */
    static Path cutRecordings(final Path directory, final String... recordings) throws IOException
    {
        return cutRecordings(directory, LINES_PER_RECORDING, recordings);
    }

    /**
     * Recordings cut to their first {@code lines} lines (derived here, never stored), in the demo's layout.
     */
    static Path cutRecordings(final Path directory, final int lines, final String... recordings) throws IOException
    {
        for (final String recording : recordings)
        {
            final Path target = directory.resolve(recording);
            Files.createDirectories(target.getParent());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(TestRecordings.file(recording))), StandardCharsets.UTF_8));
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                    new GZIPOutputStream(Files.newOutputStream(target)), StandardCharsets.UTF_8)))
            {
                String line;
                for (int i = 0; i < lines && (line = in.readLine()) != null; i++)
                {
                    out.write(line);
                    out.write('\n');
                }
            }
        }
        return directory;
    }
}
