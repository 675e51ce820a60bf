/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.StageThreads;
import io.marketprism.engine.ThreadingProfile;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layering, profiles, environment names, the venues section and the validation that reports every problem.
 */
final class ConfigurationLoaderTest
{
    private static final Properties NO_PROPERTIES = new Properties();

    @TempDir
    Path dir;

    private Path conf(final String text) throws IOException
    {
        return Files.writeString(dir.resolve("test-" + System.nanoTime() + ".conf"), text, StandardCharsets.UTF_8);
    }

    private static List<String> problems(final Runnable load)
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class, load::run);
        return ex.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList());
    }

    private static LoadedConfiguration load(final Path file)
    {
        return ConfigurationLoader.load(file, Map.of(), Map.of(), NO_PROPERTIES);
    }

    @Test
    void shouldShipEveryKeyDocumentedAndNothingElse() throws IOException
    {
        final Config defaults =
            ConfigFactory.parseResources(ConfigurationLoader.class, "/" + ConfigurationLoader.DEFAULTS_RESOURCE);
        final Set<String> shipped = new TreeSet<>();
        for (final Map.Entry<String, ConfigValue> entry : defaults.entrySet())
        {
            shipped.add(entry.getKey());
        }
        assertEquals(ConfigurationLoader.knownKeys(), shipped);

        final String[] lines;
        try (InputStream in =
            ConfigurationLoader.class.getResourceAsStream("/" + ConfigurationLoader.DEFAULTS_RESOURCE))
        {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        }
        final String venuesDoc = String.join("\n", lines);
        for (final Map.Entry<String, ConfigValue> entry : defaults.entrySet())
        {
            final String key = entry.getKey();
            if (key.startsWith("marketprism.venues."))
            {
                final String field = key.substring(key.lastIndexOf('.') + 1);
                assertTrue(venuesDoc.contains("#   " + field + " "), "venue field not documented: " + field);
                continue;
            }
            final int line = entry.getValue().origin().lineNumber();
            assertTrue(lines[line - 2].trim().startsWith("#"), "no comment above " + key + " (line " + line + ")");
        }
    }

    @Test
    void shouldLoadTheShippedDefaults()
    {
        final LoadedConfiguration loaded = load(null);
        final EngineConfiguration.Context engine = loaded.engine();
        assertEquals(65536, engine.ringSize());
        assertEquals(ThreadingProfile.DEV, engine.threadingProfile());
        assertEquals(StageThreads.SHARED, engine.stageThreads());
        assertEquals(Path.of("journal"), engine.journalDir());
        assertEquals(9, loaded.venues().enabled().size());

        final VenueSettings spot = loaded.venues().venue(Venue.BINANCE_SPOT);
        assertEquals(List.of("BTCUSDT", "ETHUSDT"), spot.instruments());
        assertEquals(List.of(DataType.TRADE, DataType.BOOK, DataType.BBO), spot.dataTypes());
        assertEquals("wss://stream.binance.com:9443", spot.websocketUrl());
        assertEquals("https://api.binance.com", spot.restUrl());
        assertNull(spot.trustStore());
        assertEquals(List.of("BTC-USDT", "ETH-USDT", "BTC-USDT-SWAP", "ETH-USDT-SWAP"),
            loaded.venues().venue(Venue.OKX).instruments());
    }

    @Test
    void shouldLayerDefaultsProfileFileEnvironmentPropertiesAndOptions() throws IOException
    {
        final Path file = conf("marketprism {\n  ring.size = 1024\n  snapshot.depth = 20\n" +
            "  snapshot.intervalMs = 500\n" +
            "  instruments.max = 10\n  http.port = 1000\n  venues.okx.websocketUrl = \"ws://127.0.0.1:9001\"\n}\n");
        final Properties properties = new Properties();
        properties.setProperty("marketprism.snapshot.intervalMs", "600");
        properties.setProperty("marketprism.instruments.max", "11");
        properties.setProperty("marketprism.recordings", "/not/a/key");
        properties.setProperty("marketprism.cli.stackTraces", "true");
        final Map<String, String> env = Map.of(
            "MARKETPRISM_SNAPSHOT_DEPTH", "30",
            "MARKETPRISM_SNAPSHOT_INTERVAL_MS", "700",
            "MARKETPRISM_RING_LOG_CAPACITY_BYTES", "2m",
            "MARKETPRISM_JAVA_OPTS", "-Xmx1g",
            "MARKETPRISM_VENUES_KRAKEN_ENABLED", "false",
            "MARKETPRISM_VENUES_BINANCE_SPOT_INSTRUMENTS", "BTCUSDT, BNBUSDT");
        final LoadedConfiguration loaded = ConfigurationLoader.load(file,
            Map.of(EngineConfiguration.INSTRUMENTS_MAX_PROP_NAME, "12"), env, properties);
        final EngineConfiguration.Context engine = loaded.engine();
        assertEquals(1024, engine.ringSize(), "file over defaults and profile");
        assertEquals(30, engine.snapshotDepth(), "environment over file");
        assertEquals(2 * 1024 * 1024, engine.logCapacityBytes(), "environment over defaults");
        assertEquals(600, engine.snapshotIntervalMs(), "-D over environment");
        assertEquals(12, engine.instrumentsMax(), "options over -D");
        assertEquals(1000, engine.httpPort(), "file");
        assertEquals(EngineConfiguration.BOOK_INITIAL_LEVELS_DEFAULT, engine.bookInitialLevels(), "defaults");

        assertEquals("ws://127.0.0.1:9001", loaded.venues().venue(Venue.OKX).websocketUrl());
        assertEquals("https://www.okx.com", loaded.venues().venue(Venue.OKX).restUrl(), "only what the file sets");
        assertEquals(8, loaded.venues().enabled().size());
        assertEquals(List.of("BTCUSDT", "BNBUSDT"), loaded.venues().venue(Venue.BINANCE_SPOT).instruments());

        final Map<String, String[]> effective = loaded.effectiveValues();
        assertEquals(file + ":2", effective.get("marketprism.ring.size")[1]);
        assertEquals("environment variable MARKETPRISM_SNAPSHOT_DEPTH", effective.get("marketprism.snapshot.depth")[1]);
        assertEquals("system property -Dmarketprism.snapshot.intervalMs",
            effective.get("marketprism.snapshot.intervalMs")[1]);
        assertEquals("command-line option marketprism.instruments.max",
            effective.get("marketprism.instruments.max")[1]);
        assertEquals(ConfigurationLoader.knownKeys(), effective.keySet());
    }

    @Test
    void shouldApplyTheProfilesGroupOfDefaultsUnderTheUsersFile() throws IOException
    {
        final EngineConfiguration.Context lowLatency =
            load(conf("marketprism.threading.profile = low-latency\n")).engine();
        assertEquals(ThreadingProfile.LOW_LATENCY, lowLatency.threadingProfile());
        assertEquals(StageThreads.DEDICATED, lowLatency.stageThreads());
        assertEquals(262144, lowLatency.ringSize());

        final EngineConfiguration.Context overridden = load(conf(
            "marketprism.threading { profile = low-latency, stages = per-stage }\nmarketprism.ring.size = 4096\n"))
            .engine();
        assertEquals(ThreadingProfile.LOW_LATENCY, overridden.threadingProfile());
        assertEquals(StageThreads.PER_STAGE, overridden.stageThreads());
        assertEquals(4096, overridden.ringSize());

        final EngineConfiguration.Context byEnvironment = ConfigurationLoader.load(null, Map.of(),
            Map.of("MARKETPRISM_THREADING_PROFILE", "low-latency"), NO_PROPERTIES).engine();
        assertEquals(262144, byEnvironment.ringSize());

        final List<String> bad = problems(() -> load(confUnchecked("marketprism.threading.profile = fast\n")));
        assertEquals(1, bad.size(), bad::toString);
        assertTrue(bad.get(0).endsWith(
            ":1: invalid configuration: marketprism.threading.profile=fast (expected dev or low-latency)"),
            bad::toString);
    }

    private Path confUnchecked(final String text)
    {
        try
        {
            return conf(text);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void shouldNameEveryKeyWithItsOwnEnvironmentVariable()
    {
        final Set<String> names = new HashSet<>();
        for (final String key : ConfigurationLoader.knownKeys())
        {
            final String name = ConfigurationLoader.environmentName(key);
            assertTrue(name.matches("MARKETPRISM_[A-Z0-9_]+"), name);
            assertTrue(names.add(name), "two keys share " + name);
        }
        assertEquals("MARKETPRISM_RING_SIZE", ConfigurationLoader.environmentName("marketprism.ring.size"));
        assertEquals("MARKETPRISM_HTTP_ALLOW_UNAUTHENTICATED_REMOTE",
            ConfigurationLoader.environmentName("marketprism.http.allowUnauthenticatedRemote"));
        assertEquals("MARKETPRISM_VENUES_KRAKEN_FUTURES_WEBSOCKET_URL",
            ConfigurationLoader.environmentName("marketprism.venues.kraken-futures.websocketUrl"));

        final List<String> typo = problems(() -> ConfigurationLoader.load(null, Map.of(),
            Map.of("MARKETPRISM_RING_SISE", "1024", "MARKETPRISM_JAVA_OPTS", "-Xmx1g"), NO_PROPERTIES));
        assertEquals(List.of("environment variable MARKETPRISM_RING_SISE: invalid configuration: " +
            "MARKETPRISM_RING_SISE=1024 (expected a known variable; did you mean MARKETPRISM_RING_SIZE?)"), typo);

        final List<String> badValue = problems(() -> ConfigurationLoader.load(null, Map.of(),
            Map.of("MARKETPRISM_RING_SIZE", "lots"), NO_PROPERTIES));
        assertEquals(List.of("environment variable MARKETPRISM_RING_SIZE: invalid configuration: " +
            "marketprism.ring.size=lots (expected an integer, a power of two from 64 to 16777216)"), badValue);
    }

    @Test
    void shouldReportEveryProblemOfAFileAtOnce() throws IOException
    {
        final Path file = conf(String.join("\n",
            "ring.size = 1024",
            "marketprism {",
            "  ring.logCapacityBytes = [1, 2]",
            "  book.initialLevels { levels = 4 }",
            "  snapshot = 5",
            "  journal.enable = false",
            "  http.port = 70000",
            "  http.enabled = yes",
            "  venues {",
            "    okx { websocketURL = \"ws://x\" }",
            "    bybit.instruments = 5",
            "  }",
            "}", ""));
        final List<String> problems = problems(() -> load(file));
        final String at = file.toString();
        assertEquals(new TreeSet<>(List.of(
            at + ":1: invalid configuration: ring.size=1024 (expected a known key; did you mean " +
                "marketprism.ring.size?)",
            at + ":3: invalid configuration: marketprism.ring.logCapacityBytes=[1,2] (expected a byte size such as " +
                "65536, 64k, 64m or 1g, a power of two from 1m to 1g, not a list)",
            at + ":4: invalid configuration: marketprism.book.initialLevels (expected an integer, 4 to 16777216, " +
                "not an object)",
            at + ":5: invalid configuration: marketprism.snapshot=5 (expected an object (a section of keys such as " +
                "marketprism.snapshot.depth), not a value)",
            at + ":6: invalid configuration: marketprism.journal.enable=false (expected a known key; did you mean " +
                "marketprism.journal.enabled?)",
            at + ":8: invalid configuration: marketprism.http.enabled=yes (expected true or false)",
            at + ":10: invalid configuration: marketprism.venues.okx.websocketURL=ws://x (expected a known key; " +
                "did you mean marketprism.venues.okx.websocketUrl?)",
            at + ":11: invalid configuration: marketprism.venues.bybit.instruments=5 (expected a list of strings, " +
                "e.g. [BTCUSDT, ETHUSDT])")), new TreeSet<>(problems), () -> String.join("\n", problems));
    }

    @Test
    void shouldReportEveryRangeProblemWithItsOrigin() throws IOException
    {
        final Path file = conf("marketprism {\n  ring.size = 100\n  snapshot.depth = 0\n  http.enabled = true\n" +
            "  http.port = 70000\n}\n");
        final List<String> problems = problems(() -> load(file));
        assertEquals(List.of(
            file + ":2: invalid configuration: marketprism.ring.size=100 (expected a power of two from 64 to 16777216)",
            file + ":3: invalid configuration: marketprism.snapshot.depth=0 (expected 1 to 10000)",
            file + ":5: invalid configuration: marketprism.http.port=70000 (expected 0 (any free port) to 65535)"),
            problems);
    }

    @Test
    void shouldValidateTheVenuesSection() throws IOException
    {
        final Path file = conf(String.join("\n",
            "marketprism.venues {",
            "  binance-spot.dataTypes = [trade, volatility_index]",
            "  okx.dataTypes = [trade, candles]",
            "  deribit.websocketUrl = \"https://www.deribit.com/ws/api/v2\"",
            "  kraken.restUrl = \"https://api.kraken.com/\"",
            "  coinbase.instruments = []",
            "  bybit.trustStore = \"" + dir.resolve("nowhere.p12") + "\"",
            "  bybit.instruments = [BTCUSDT, \"linear:ETHUSDT\"]",
            "}", ""));
        final List<String> problems = problems(() -> load(file));
        assertEquals(7, problems.size(), () -> String.join("\n", problems));
        assertTrue(problems.contains(file + ":8: invalid configuration: marketprism.venues.bybit.instruments=BTCUSDT " +
            "(expected a symbol bybit takes: a Bybit instrument is category:symbol, e.g. linear:BTCUSDT, not " +
            "'BTCUSDT')"), problems::toString);
        assertTrue(problems.contains(file + ":2: invalid configuration: " +
            "marketprism.venues.binance-spot.dataTypes=volatility_index (expected a data type binance-spot streams " +
            "for BTCUSDT, ETHUSDT: binance-spot has no VOLATILITY_INDEX stream for 'BTCUSDT')"), problems::toString);
        assertTrue(problems.contains(file + ":3: invalid configuration: marketprism.venues.okx.dataTypes=candles " +
            "(expected a data type: trade, aggregated_trade, book, bbo, ticker, funding, mark_price, index_price, " +
            "open_interest, liquidation, volatility_index)"), problems::toString);
        assertTrue(problems.contains(file + ":4: invalid configuration: marketprism.venues.deribit.websocketUrl=" +
            "https://www.deribit.com/ws/api/v2 (expected ws://host[:port] or wss://host[:port], without a trailing " +
            "slash)"), problems::toString);
        assertTrue(problems.contains(file + ":5: invalid configuration: marketprism.venues.kraken.restUrl=" +
            "https://api.kraken.com/ (expected http://host[:port] or https://host[:port][/path], without a trailing " +
            "slash)"), problems::toString);
        assertTrue(problems.contains(file + ":6: invalid configuration: marketprism.venues.coinbase.instruments=[] " +
            "(expected at least one of the venue's symbols when enabled)"), problems::toString);
        assertTrue(problems.contains(file + ":7: invalid configuration: marketprism.venues.bybit.trustStore=" +
            dir.resolve("nowhere.p12") + " (expected a readable trust store file (PKCS12 or JKS), or empty for the " +
            "JVM's default trust)"), problems::toString);
    }

    @Test
    void shouldValidateTheRestPolls() throws IOException
    {
        final Path file = conf(String.join("\n",
            "marketprism.venues {",
            "  okx.restPolls = [open_interest]",
            "  binance-coinm.restPolls = [open_interest, global_long_short_account_ratio]",
            "  binance-usdm.restPollIntervalMs = 10",
            "  binance-usdm.restWeightPerMinute = lots",
            "}", ""));
        final List<String> problems = problems(() -> load(file));
        assertEquals(4, problems.size(), () -> String.join("\n", problems));
        assertTrue(problems.contains(file + ":2: invalid configuration: marketprism.venues.okx.restPolls=" +
            "open_interest (expected nothing: okx has no polled REST endpoint (binance-usdm and binance-coinm have))"),
            problems::toString);
        assertTrue(problems.contains(file + ":3: invalid configuration: marketprism.venues.binance-coinm.restPolls=" +
            "global_long_short_account_ratio (expected one of premium_index, funding_rate, open_interest)"),
            problems::toString);
        assertTrue(problems.contains(file + ":4: invalid configuration: marketprism.venues.binance-usdm." +
            "restPollIntervalMs=10 (expected an integer from 100 to 86400000)"), problems::toString);
        assertTrue(problems.contains(file + ":5: invalid configuration: marketprism.venues.binance-usdm." +
            "restWeightPerMinute=lots (expected an integer from 1 to 1000000)"), problems::toString);

        final LoadedConfiguration defaults = load(conf(""));
        final VenueSettings usdm = defaults.venues().enabled().stream()
            .filter(venue -> venue.venue() == io.marketprism.sbe.Venue.BINANCE_USDM).findFirst().orElseThrow();
        assertEquals(List.of("open_interest", "global_long_short_account_ratio"), usdm.restPolls());
        assertEquals(60_000, usdm.restPollIntervalMs());
        assertEquals(1_200, usdm.restWeightPerMinute());
    }

    @Test
    void shouldOpenAConfiguredTrustStoreWithItsPassword() throws Exception
    {
        final Path store = dir.resolve("trust.p12");
        final KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        try (OutputStream out = Files.newOutputStream(store))
        {
            keyStore.store(out, "s3cret".toCharArray());
        }
        final LoadedConfiguration loaded = load(conf("marketprism.venues.binance-spot {\n  trustStore = \"" + store +
            "\"\n  trustStorePassword = s3cret\n  websocketUrl = \"wss://localhost:9443\"\n}\n"));
        assertEquals(store, loaded.venues().venue(Venue.BINANCE_SPOT).trustStore());
        assertEquals("s3cret", loaded.venues().venue(Venue.BINANCE_SPOT).trustStorePassword());

        final List<String> wrong = problems(() -> load(confUnchecked("marketprism.venues.binance-spot {\n" +
            "  trustStore = \"" + store + "\"\n  trustStorePassword = nope\n}\n")));
        assertEquals(1, wrong.size(), wrong::toString);
        assertTrue(wrong.get(0).contains(":2: invalid configuration: marketprism.venues.binance-spot.trustStore=" +
            store + " (expected a PKCS12 or JKS trust store that opens with trustStorePassword"), wrong::toString);
    }

    @Test
    void shouldReadPropertiesFilesAndEnvironmentSubstitutions() throws IOException
    {
        final Path properties = Files.writeString(dir.resolve("old.properties"),
            "marketprism.ring.size=2048\nmarketprism.venues.okx.instruments=BTC-USDT,ETH-USDT-SWAP\n");
        final LoadedConfiguration loaded = load(properties);
        assertEquals(2048, loaded.engine().ringSize());
        assertEquals(List.of("BTC-USDT", "ETH-USDT-SWAP"), loaded.venues().venue(Venue.OKX).instruments());

        final LoadedConfiguration substituted = load(conf(
            "marketprism.http.bearerToken = ${?MARKETPRISM_TEST_VARIABLE_NOBODY_SETS}\n" +
            "marketprism.snapshot.depth = ${marketprism.book.initialLevels}\n"));
        assertEquals("", substituted.engine().httpBearerToken());
        assertEquals(2048, substituted.engine().snapshotDepth());
    }
}
