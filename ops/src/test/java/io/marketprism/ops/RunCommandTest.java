/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.feeds.sim.FaultPlan;
import io.marketprism.feeds.sim.VenueSimulator;
import io.marketprism.journal.JournalFormat;
import io.marketprism.journal.JournalReader;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} in this process against the Binance spot simulator on loopback over TLS (its self-signed certificate in
 * a trust store file named by the config), replaying BTCUSDT (hftbacktest, 2024-08-08) at 5,000 frames/s.
 */
@Timeout(value = 180)
class RunCommandTest
{
    private static final String RECORDING = "hftbacktest/spot/btcusdt_20240808.gz";
    private static final String STORE_PASSWORD = "run-test";
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final Pattern METRICS_URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/metrics");
    private static final Pattern SPOT_BOOKS_COUNTED =
        Pattern.compile("marketprism_messages_total\\{venue=\"binance-spot\",type=\"book\"} [1-9]");
    private static final List<String> OTHER_VENUES =
        List.of("binance-usdm", "binance-coinm", "okx", "bybit", "deribit", "kraken", "kraken-futures", "coinbase");

    @TempDir
    Path dir;

    @Test
    void shouldRunBinanceSpotFromTheSimulatorOverTlsJournalItAndPrintTheSummary() throws Exception
    {
        try (VenueSimulator simulator = simulator(List.of()))
        {
            final Path config = spotConfig(simulator);
            final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            final AtomicInteger exitCode = new AtomicInteger(-1);
            final Thread command = start(exitCode, stdout, stderr, "run", "--config", config.toString(),
                "--duration", "8s");

            // while it runs: the endpoints answer, and messages of the venue are counted
            assertTrue(await(() -> METRICS_URL.matcher(text(stderr)).find()), text(stderr));
            final Matcher url = METRICS_URL.matcher(text(stderr));
            assertTrue(url.find());
            final HttpClient http = HttpClient.newHttpClient();
            assertTrue(await(() -> SPOT_BOOKS_COUNTED.matcher(get(http, url.group(1) + "/metrics")).find()),
                text(stderr));
            assertEquals("{\"ready\":true}", get(http, url.group(1) + "/ready").trim());
            assertTrue(get(http, url.group(1) + "/health").contains("binance-spot"));

            command.join(TimeUnit.SECONDS.toMillis(120));
            final String out = text(stdout);
            final String err = text(stderr);
            final String both = "--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
            assertFalse(command.isAlive(), both);
            assertEquals(0, exitCode.get(), both);
            assertTrue(out.contains("stopped by --duration 8s"), both);
            assertTrue(out.contains("books: 1 of 1 valid at the end"), both);
            assertTrue(out.matches("(?s).*binance-spot +\\S+ +valid .*"), both);
            assertTrue(out.contains("connections: reconnects 0, disconnects 0, connect failures 0"), both);
            assertTrue(out.contains("latency from frame receipt"), both);
            assertTrue(err.contains("feed binance-spot#0 subscribed: wss://localhost:" + simulator.port()), both);
            assertTrue(err.contains("feed binance-spot#0 snapshot_delivered: BTCUSDT"), both);

            final Path journal = dir.resolve("journal");
            assertTrue(out.contains("journal: " + journal.toAbsolutePath()), both);
            final long[] kinds = journalKinds(journal);
            System.out.println("run over TLS: " + kinds[JournalFormat.NORMALIZED] + " normalized messages, " +
                kinds[JournalFormat.RAW_FRAME] + " raw frames journaled; frames sent " +
                simulator.counter(VenueSimulator.FRAMES_SENT));
            assertTrue(kinds[JournalFormat.NORMALIZED] > 1000, "normalized " + kinds[JournalFormat.NORMALIZED]);
            // every frame sent is journaled raw, plus the REST snapshot
            assertTrue(kinds[JournalFormat.RAW_FRAME] > simulator.counter(VenueSimulator.FRAMES_SENT) / 2,
                "raw frames " + kinds[JournalFormat.RAW_FRAME]);
            assertTrue(out.contains("journaled: " + kinds[JournalFormat.NORMALIZED] + " messages and " +
                kinds[JournalFormat.RAW_FRAME] + " raw frames"), both);
        }
    }

    @Test
    void shouldRunEveryVenueTogetherEachFromItsSimulator() throws Exception
    {
        try (VenueSimulator spot = simulator(List.of());
            VenueSimulator usdm = liveSimulator(Venue.BINANCE_USDM, "cryptofeed", "1000",
                "cryptofeed/BINANCE_FUTURES.ws.1.0.gz", "cryptofeed/BINANCE_FUTURES.http.0.0.gz");
            VenueSimulator coinm = liveSimulator(Venue.BINANCE_COINM, "cryptofeed", "2000",
                "cryptofeed/BINANCE_DELIVERY.ws.1.0.gz", "cryptofeed/BINANCE_DELIVERY.http.0.0.gz");
            VenueSimulator bybit = liveSimulator(Venue.BYBIT, "lines", "200", "nautilus/bybit/xrpusdt-ob500.data.zip");
            VenueSimulator okx = liveSimulator(Venue.OKX, "cryptofeed", "1000", "cryptofeed/OKX.ws.1.0");
            VenueSimulator deribit = liveSimulator(Venue.DERIBIT, "cryptofeed", "500", "cryptofeed/DERIBIT.ws.1.0");
            VenueSimulator kraken = liveSimulator(Venue.KRAKEN, "cryptofeed", "5000", "cryptofeed/KRAKEN.ws.50.0");
            VenueSimulator krakenFutures = liveSimulator(Venue.KRAKEN_FUTURES, "cryptofeed", "5000",
                "cryptofeed/KRAKEN_FUTURES.ws.1.0.gz");
            VenueSimulator coinbase = liveSimulator(Venue.COINBASE, "cryptofeed", "5000",
                "cryptofeed/COINBASE.ws.28.0.gz"))
        {
            final Path config = spotConfig(spot,
                "    binance-usdm {\n" +
                "      instruments = [SUSHIUSDT, AKROUSDT, KEEPUSDT, CTKUSDT]\n" +
                "      dataTypes = [book]\n" +
                "      websocketUrl = \"" + usdm.baseUrl() + "\"\n" +
                "      restUrl = \"" + usdm.baseUrl().replace("ws://", "http://") + "\"\n" +
                "    }\n" +
                "    binance-coinm {\n" +
                "      instruments = [LINKUSD_211231, LINKUSD_PERP, TRXUSD_PERP, ETCUSD_PERP, BTCUSD_211231, " +
                "XRPUSD_PERP, EOSUSD_PERP, BCHUSD_PERP, BCHUSD_210924, ETHUSD_210924]\n" +
                "      dataTypes = [book]\n" +
                "      websocketUrl = \"" + coinm.baseUrl() + "\"\n" +
                "      restUrl = \"" + coinm.baseUrl().replace("ws://", "http://") + "\"\n" +
                "    }\n" +
                "    bybit {\n" +
                "      instruments = [\"linear:XRPUSDT\"]\n" +
                "      dataTypes = [book]\n" +
                "      websocketUrl = \"" + bybit.baseUrl() + "\"\n" +
                "    }\n" +
                "    okx {\n" +
                "      instruments = [BTC-USDT]\n" +
                "      dataTypes = [book, trade]\n" +
                "      websocketUrl = \"" + okx.baseUrl() + "\"\n" +
                "    }\n" +
                "    deribit {\n" +
                "      instruments = [BTC-24SEP21-8000-P]\n" +
                "      dataTypes = [book]\n" +
                "      websocketUrl = \"" + deribit.baseUrl() + "\"\n" +
                "    }\n" +
                "    kraken {\n" +
                "      instruments = [\"XMR/USD\"]\n" +
                "      dataTypes = [book]\n" +
                "      websocketUrl = \"" + kraken.baseUrl() + "\"\n" +
                "    }\n" +
                "    kraken-futures {\n" +
                "      instruments = [PI_ETHUSD]\n" +
                "      dataTypes = [book]\n" +
                "      websocketUrl = \"" + krakenFutures.baseUrl() + "\"\n" +
                "    }\n" +
                "    coinbase {\n" +
                "      instruments = [SKL-USD]\n" +
                "      dataTypes = [book]\n" +
                "      websocketUrl = \"" + coinbase.baseUrl() + "\"\n" +
                "    }\n");
            final Cli cli = Cli.run("run", "--config", config.toString(), "--duration", "8s");
            final String both = cli.toString();
            assertEquals(0, cli.exitCode, both);
            // every book of every recording, subscribed or not, since the simulators replay them all: spot 1,
            // USD-M 4, COIN-M 10, Bybit 1, OKX 3, Deribit 10, Kraken 10, Kraken Futures 10, Coinbase 10
            assertTrue(cli.stdout.contains("books: 59 of 59 valid at the end"), both);
            for (final String venue : List.of("binance-spot", "binance-usdm", "binance-coinm", "bybit", "okx",
                "deribit", "kraken", "kraken-futures", "coinbase"))
            {
                assertTrue(cli.stdout.matches("(?s).*\n  " + venue + "( +\\d+)+ +0\n.*"),
                    venue + "'s messages, no reconnect; " + both);
            }
            assertTrue(cli.stdout.contains("connections: reconnects 0, disconnects 0, connect failures 0"), both);
            assertTrue(cli.stderr.contains("subscribed: " + bybit.baseUrl() + "/v5/public/linear"), both);
            assertTrue(cli.stderr.contains("subscribed: " + okx.baseUrl() + "/ws/v5/public"), both);
            assertTrue(cli.stderr.contains("subscribed: " + deribit.baseUrl() + "/ws/api/v2"), both);
            assertTrue(cli.stderr.contains("subscribed: " + kraken.baseUrl() + "/v2"), both);
            assertTrue(cli.stdout.contains("REST none (books from the stream)"), both);
            for (final VenueSimulator simulator : List.of(usdm, coinm, bybit, okx, deribit, kraken, krakenFutures,
                coinbase))
            {
                assertEquals(simulator.timeline().size(), simulator.counter(VenueSimulator.FRAMES_SENT),
                    simulator.baseUrl() + ": the whole recording");
            }
        }
    }

    private static VenueSimulator liveSimulator(
        final Venue venue, final String format, final String rate, final String... recordings) throws Exception
    {
        final List<Path> files = new ArrayList<>();
        for (final String recording : recordings)
        {
            files.add(TestRecordings.file(recording));
        }
        return VenueSimulator.start(new VenueSimulator.Context()
            .venue(venue)
            .recording(files)
            .recordingFormat(format)
            .rate(rate)
            .live(true));
    }

    @Test
    void shouldRefuseAConfigWithNoVenueEnabled() throws Exception
    {
        final StringBuilder hocon = new StringBuilder("marketprism {\n  journal.dir = \"")
            .append(dir.resolve("journal")).append("\"\n  venues {\n    binance-spot.enabled = false\n");
        for (final String venue : OTHER_VENUES)
        {
            hocon.append("    ").append(venue).append(".enabled = false\n");
        }
        hocon.append("  }\n}\n");
        final Path config = Files.writeString(dir.resolve("none.conf"), hocon.toString());

        final Cli cli = Cli.run("run", "--config", config.toString(), "--duration", "1s");

        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli.toString());
        assertTrue(cli.stderr.contains("no venue is enabled"), cli.toString());
        assertFalse(Files.exists(dir.resolve("journal")), "nothing is started: no journal");
        assertEquals("", cli.stdout);
    }

    @Test
    void shouldRefuseABadDurationBeforeStartingAnything()
    {
        final Cli cli = Cli.run("run", "--duration", "soon");

        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli.toString());
        assertTrue(cli.stderr.contains("invalid --duration soon"), cli.toString());
    }

    @Test
    void shouldReconnectAfterTheSimulatorDropsTheConnectionAndEndWithTheBookValid() throws Exception
    {
        try (VenueSimulator simulator = simulator(List.of("disconnect:at=1000,match=btcusdt@depth")))
        {
            final Path config = spotConfig(simulator);
            final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            final AtomicInteger exitCode = new AtomicInteger(-1);
            // no --duration: stopped by an interrupt once the venue has sent 3,000 frames after the fault
            final Thread command = start(exitCode, stdout, stderr, "run", "--config", config.toString());
            assertTrue(await(() -> simulator.counter(VenueSimulator.DISCONNECTS) == 1), text(stderr));
            final long sentAtFault = simulator.counter(VenueSimulator.FRAMES_SENT);
            assertTrue(await(() -> simulator.counter(VenueSimulator.FRAMES_SENT) > sentAtFault + 3_000) &&
                text(stderr).contains("snapshot_delivered"), text(stderr));
            command.interrupt();
            command.join(TimeUnit.SECONDS.toMillis(120));

            final String out = text(stdout);
            final String both = "--- stdout ---\n" + out + "\n--- stderr ---\n" + text(stderr);
            assertFalse(command.isAlive(), both);
            assertEquals(0, exitCode.get(), both);
            assertTrue(out.contains("stopped by an interrupt"), both);
            assertTrue(out.contains("connections: reconnects 1, disconnects 1, connect failures 0"), both);
            assertTrue(out.matches("(?s).*\n  binance-spot( +\\d+)+ +1\n.*"), "reconnects of the venue; " + both);
            assertTrue(out.contains("books: 1 of 1 valid at the end"), both);
            assertTrue(out.contains("gaps 0, resyncs 2,"), both);
            assertTrue(text(stderr).contains("feed binance-spot#0 disconnected"), both);
        }
    }

    private static VenueSimulator simulator(final List<String> faults) throws Exception
    {
        return VenueSimulator.start(new VenueSimulator.Context()
            .venue(Venue.BINANCE_SPOT)
            .recording(List.of(TestRecordings.file(RECORDING)))
            .recordingFormat("hftbacktest")
            .tls(true)
            .rate("5000")
            .live(true)
            .faults(FaultPlan.parse(faults)));
    }

    /**
     * A config enabling only binance-spot, at the simulator, trusting its certificate from a trust store file; HTTP
     * endpoints on a free port; journal and counters in the test's directory.
     */
    private Path spotConfig(final VenueSimulator simulator) throws Exception
    {
        return spotConfig(simulator, "");
    }

    /**
     * @param otherVenues HOCON of more venues' sections; a venue named there is left as it says, not disabled.
     */
    private Path spotConfig(final VenueSimulator simulator, final String otherVenues) throws Exception
    {
        final Path trustStore = dir.resolve("simulator-trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore))
        {
            simulator.certificate().trustStore().store(out, STORE_PASSWORD.toCharArray());
        }
        final String base = "localhost:" + simulator.port();
        final StringBuilder hocon = new StringBuilder()
            .append("marketprism {\n")
            .append("  journal.dir = \"").append(dir.resolve("journal")).append("\"\n")
            .append("  counters.dir = \"").append(dir.resolve("counters")).append("\"\n")
            .append("  http { enabled = true, port = 0 }\n")
            .append("  venues {\n")
            .append("    binance-spot {\n")
            .append("      instruments = [BTCUSDT]\n")
            .append("      dataTypes = [trade, book, bbo]\n")
            .append("      websocketUrl = \"wss://").append(base).append("\"\n")
            .append("      restUrl = \"https://").append(base).append("\"\n")
            .append("      trustStore = \"").append(trustStore).append("\"\n")
            .append("      trustStorePassword = \"").append(STORE_PASSWORD).append("\"\n")
            .append("    }\n")
            .append(otherVenues);
        for (final String venue : OTHER_VENUES)
        {
            if (!otherVenues.contains(venue + " {"))
            {
                hocon.append("    ").append(venue).append(".enabled = false\n");
            }
        }
        hocon.append("  }\n}\n");
        return Files.writeString(dir.resolve("sim.conf"), hocon.toString());
    }

    private static Thread start(
        final AtomicInteger exitCode,
        final ByteArrayOutputStream stdout,
        final ByteArrayOutputStream stderr,
        final String... args)
    {
        final Thread command = new Thread(() -> exitCode.set(MarketPrism.execute(
            args, stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8))), "run-command");
        command.start();
        return command;
    }

    private static long[] journalKinds(final Path journal)
    {
        final long[] kinds = new long[3];
        try (JournalReader reader = new JournalReader(journal))
        {
            while (reader.poll((buffer, offset, length, index) ->
            {
                final int kind = JournalFormat.kind(buffer, offset, length);
                if (kind == JournalFormat.NORMALIZED || kind == JournalFormat.RAW_FRAME)
                {
                    kinds[kind]++;
                }
            }, 64) > 0)
            {
                // reading to the end
            }
        }
        return kinds;
    }

    private static String get(final HttpClient http, final String url)
    {
        try
        {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (final java.io.IOException ex)
        {
            return "";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String text(final ByteArrayOutputStream stream)
    {
        return stream.toString(StandardCharsets.UTF_8);
    }

    private static boolean await(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }
}
