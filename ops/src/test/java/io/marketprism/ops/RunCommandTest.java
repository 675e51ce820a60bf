/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.feeds.sim.FaultPlan;
import io.marketprism.feeds.sim.SimulatorCertificate;
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
    /** The venues of {@link #everyVenue()}, spot first. */
    private static final List<String> VENUES_IN_ORDER = List.of("binance-spot", "binance-usdm", "binance-coinm",
        "bybit", "okx", "deribit", "kraken", "kraken-futures", "coinbase");
    /**
     * Books in the venues' recordings: spot 1, USD-M 4, COIN-M 10, Bybit 1, OKX 3, Deribit 10, Kraken 10, Kraken
     * Futures 10, Coinbase 10.
     */
    private static final int EVERY_VENUE_BOOKS = 59;
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
        final List<VenueSimulator> simulators = startAll(everyVenue());
        try
        {
            final Path config = spotConfig(simulators.get(0), otherVenueSections(simulators));
            final Cli cli = Cli.run("run", "--config", config.toString(), "--duration", "8s");
            final String both = cli.toString();
            assertEquals(0, cli.exitCode, both);
            // every book of every recording, subscribed or not, since the simulators replay them all
            assertTrue(cli.stdout.contains("books: " + EVERY_VENUE_BOOKS + " of " + EVERY_VENUE_BOOKS +
                " valid at the end"), both);
            for (final String venue : VENUES_IN_ORDER)
            {
                assertTrue(cli.stdout.matches("(?s).*\n  " + venue + "( +\\d+)+ +0\n.*"),
                    venue + "'s messages, no reconnect; " + both);
            }
            assertTrue(cli.stdout.contains("connections: reconnects 0, disconnects 0, connect failures 0"), both);
            for (final String path : List.of("/v5/public/linear", "/ws/v5/public", "/ws/api/v2", "/v2"))
            {
                assertTrue(cli.stderr.contains("subscribed: ws://127.0.0.1:"), both);
                assertTrue(cli.stderr.contains(path), path + "; " + both);
            }
            assertTrue(cli.stdout.contains("REST none (books from the stream)"), both);
            assertTrue(cli.stdout.matches("(?s).*\n  kraken +XMR-USD +valid +seq none, \\d+ bids.*"),
                "kraken numbers no book message; " + both);
            for (final VenueSimulator simulator : simulators.subList(1, simulators.size()))
            {
                assertEquals(simulator.timeline().size(), simulator.counter(VenueSimulator.FRAMES_SENT),
                    simulator.baseUrl() + ": the whole recording");
            }
        }
        finally
        {
            closeAll(simulators);
        }
    }

    @Test
    void shouldRecoverEveryVenueWhenEverySimulatorIsKilledAndRestartedMidRun() throws Exception
    {
        final List<VenueSimulator.Context> contexts = everyVenue();
        final List<VenueSimulator> simulators = startAll(contexts);
        try
        {
            final Path config = spotConfig(simulators.get(0), otherVenueSections(simulators));
            // a half-open socket is found by its unanswered ping, a REST request on a half-open keep-alive connection
            // by its timeout; books never go stale for the recordings' ends
            Files.writeString(config, "marketprism.feed { pingIntervalMs = 500, pongTimeoutMs = 2000, " +
                "restTimeoutMs = 2000, staleAfterMs = 120000 }\n", java.nio.file.StandardOpenOption.APPEND);
            final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            final AtomicInteger exitCode = new AtomicInteger(-1);
            final Thread command = start(exitCode, stdout, stderr, "run", "--config", config.toString(),
                "--duration", "25s");

            // every venue streaming, then every venue gone for a second and back on its port, from its start
            for (final VenueSimulator simulator : simulators)
            {
                assertTrue(await(() -> simulator.counter(VenueSimulator.FRAMES_SENT) >=
                    Math.min(300, simulator.timeline().size())), simulator.baseUrl() + ": " + text(stderr));
            }
            final List<Integer> ports = new ArrayList<>();
            for (final VenueSimulator simulator : simulators)
            {
                ports.add(simulator.port());
            }
            final SimulatorCertificate certificate = simulators.get(0).certificate();
            closeAll(simulators);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // the venues are away: connections refused
            simulators.clear();
            for (int i = 0; i < contexts.size(); i++)
            {
                simulators.add(VenueSimulator.start(contexts.get(i).port(ports.get(i)).certificate(certificate)));
            }
            for (final VenueSimulator simulator : simulators)
            {
                assertTrue(await(() -> simulator.counter(VenueSimulator.FRAMES_SENT) >=
                    Math.min(300, simulator.timeline().size())), "back: " + simulator.baseUrl() + ": " + text(stderr));
            }

            command.join(TimeUnit.SECONDS.toMillis(120));
            final String out = text(stdout);
            final String both = "--- stdout ---\n" + out + "\n--- stderr ---\n" + text(stderr);
            assertFalse(command.isAlive(), both);
            assertEquals(0, exitCode.get(), both);
            assertTrue(out.contains("books: " + EVERY_VENUE_BOOKS + " of " + EVERY_VENUE_BOOKS + " valid at the end"),
                both);
            final Matcher connections =
                Pattern.compile("connections: reconnects (\\d+), disconnects (\\d+)").matcher(out);
            assertTrue(connections.find(), both);
            System.out.println("every venue restarted: " + connections.group());
            assertTrue(Long.parseLong(connections.group(1)) >= VENUES_IN_ORDER.size(), "a reconnect per venue");
            assertTrue(Long.parseLong(connections.group(2)) >= VENUES_IN_ORDER.size(), "a loss per venue");
            for (final String venue : VENUES_IN_ORDER)
            {
                assertTrue(out.matches("(?s).*\n  " + venue + "( +\\d+)+ +[1-9]\\d*\n.*"),
                    venue + " reconnected; " + both);
            }
        }
        finally
        {
            closeAll(simulators);
        }
    }

    /**
     * The venues' simulators, as {@link #VENUES_IN_ORDER} names them: Binance spot over TLS (the only one the
     * config names by host name), then the others on loopback, each replaying a real recording on a live timeline.
     */
    private static List<VenueSimulator.Context> everyVenue() throws Exception
    {
        return new ArrayList<>(List.of(
            spotContext(List.of()),
            live(Venue.BINANCE_USDM, "cryptofeed", "1000",
                "cryptofeed/BINANCE_FUTURES.ws.1.0.gz", "cryptofeed/BINANCE_FUTURES.http.0.0.gz"),
            live(Venue.BINANCE_COINM, "cryptofeed", "2000",
                "cryptofeed/BINANCE_DELIVERY.ws.1.0.gz", "cryptofeed/BINANCE_DELIVERY.http.0.0.gz"),
            live(Venue.BYBIT, "lines", "200", "nautilus/bybit/xrpusdt-ob500.data.zip"),
            live(Venue.OKX, "cryptofeed", "1000", "cryptofeed/OKX.ws.1.0"),
            live(Venue.DERIBIT, "cryptofeed", "500", "cryptofeed/DERIBIT.ws.1.0"),
            live(Venue.KRAKEN, "cryptofeed", "5000", "cryptofeed/KRAKEN.ws.50.0"),
            live(Venue.KRAKEN_FUTURES, "cryptofeed", "5000", "cryptofeed/KRAKEN_FUTURES.ws.1.0.gz"),
            live(Venue.COINBASE, "cryptofeed", "5000", "cryptofeed/COINBASE.ws.28.0.gz")));
    }

    /**
     * @return the config sections of every venue but spot, at the simulators {@link #everyVenue()} started.
     */
    private static String otherVenueSections(final List<VenueSimulator> simulators)
    {
        final String[] instruments = {
            "[SUSHIUSDT, AKROUSDT, KEEPUSDT, CTKUSDT]",
            "[LINKUSD_211231, LINKUSD_PERP, TRXUSD_PERP, ETCUSD_PERP, BTCUSD_211231, XRPUSD_PERP, EOSUSD_PERP, " +
                "BCHUSD_PERP, BCHUSD_210924, ETHUSD_210924]",
            "[\"linear:XRPUSDT\"]",
            "[BTC-USDT]",
            "[BTC-24SEP21-8000-P]",
            "[\"XMR/USD\"]",
            "[PI_ETHUSD]",
            "[SKL-USD]"};
        final StringBuilder sections = new StringBuilder();
        for (int i = 1; i < VENUES_IN_ORDER.size(); i++)
        {
            final String base = simulators.get(i).baseUrl();
            sections.append("    ").append(VENUES_IN_ORDER.get(i)).append(" {\n")
                .append("      instruments = ").append(instruments[i - 1]).append('\n')
                .append("      dataTypes = [book]\n")
                .append("      websocketUrl = \"").append(base).append("\"\n")
                .append("      restUrl = \"").append(base.replace("ws://", "http://")).append("\"\n")
                .append("      restPolls = []\n")
                .append("    }\n");
        }
        return sections.toString();
    }

    private static VenueSimulator.Context live(
        final Venue venue, final String format, final String rate, final String... recordings)
    {
        final List<Path> files = new ArrayList<>();
        for (final String recording : recordings)
        {
            files.add(TestRecordings.file(recording));
        }
        return new VenueSimulator.Context().venue(venue).recording(files).recordingFormat(format).rate(rate).live(true);
    }

    private static List<VenueSimulator> startAll(final List<VenueSimulator.Context> contexts) throws Exception
    {
        final List<VenueSimulator> simulators = new ArrayList<>();
        try
        {
            for (final VenueSimulator.Context context : contexts)
            {
                simulators.add(VenueSimulator.start(context));
            }
            return simulators;
        }
        catch (final Exception ex)
        {
            closeAll(simulators);
            throw ex;
        }
    }

    private static void closeAll(final List<VenueSimulator> simulators)
    {
        for (final VenueSimulator simulator : simulators)
        {
            simulator.close();
        }
    }

    @Test
    void shouldPollBinanceFuturesRestForWhatItDoesNotStream() throws Exception
    {
        try (VenueSimulator spot = simulator(List.of());
            VenueSimulator usdm = VenueSimulator.start(live(Venue.BINANCE_USDM, "cryptofeed", "1000",
                "cryptofeed/BINANCE_FUTURES.ws.1.0.gz", "cryptofeed/BINANCE_FUTURES.http.0.0.gz")
                .polledResponses(TestRecordings.file("gocryptotrader/binance-http.json.gz"))))
        {
            final String rest = usdm.baseUrl().replace("ws://", "http://");
            final Path config = spotConfig(spot,
                "    binance-usdm {\n" +
                "      instruments = [BTCUSDT]\n" +
                "      dataTypes = [trade]\n" +
                "      websocketUrl = \"" + usdm.baseUrl() + "\"\n" +
                "      restUrl = \"" + rest + "\"\n" +
                "      restPolls = [premium_index, open_interest, global_long_short_account_ratio]\n" +
                "      restPollIntervalMs = 200\n" +
                "    }\n");
            final Cli cli = Cli.run("run", "--config", config.toString(), "--duration", "4s");
            final String both = cli.toString();
            assertEquals(0, cli.exitCode, both);
            assertTrue(cli.stdout.contains("polling premium_index,open_interest,global_long_short_account_ratio " +
                "every 200 ms"), both);
            // Binance's recorded answers for BTCUSDT, journaled as funding, open interest and ratio messages
            final String[] header = cli.stdout.substring(cli.stdout.indexOf("  venue ")).split("\n")[0].trim()
                .split(" +");
            final Matcher row = Pattern.compile("\n  binance-usdm((?: +\\d+)+)\n").matcher(cli.stdout);
            assertTrue(row.find(), both);
            final String[] counts = row.group(1).trim().split(" +");
            for (final String type : List.of("funding", "open_interest", "ratio"))
            {
                final int column = List.of(header).indexOf(type) - 1;
                assertTrue(column >= 0 && Long.parseLong(counts[column]) > 0, type + " polled; " + both);
            }
            assertTrue(usdm.counter(VenueSimulator.REST_REQUESTS) >= 6, "polled more than once");
        }
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
        return VenueSimulator.start(spotContext(faults));
    }

    private static VenueSimulator.Context spotContext(final List<String> faults)
    {
        return new VenueSimulator.Context()
            .venue(Venue.BINANCE_SPOT)
            .recording(List.of(TestRecordings.file(RECORDING)))
            .recordingFormat("hftbacktest")
            .tls(true)
            .rate("5000")
            .live(true)
            .faults(FaultPlan.parse(faults));
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
