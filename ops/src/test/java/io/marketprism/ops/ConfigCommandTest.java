/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.ops.config.ConfigurationLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code marketprism config check} and {@code config show}, as a user runs them.
 */
final class ConfigCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPassTheShippedDefault() throws IOException
    {
        final Path copy = dir.resolve("marketprism-default.conf");
        try (InputStream in = ConfigCommandTest.class.getResourceAsStream("/" + ConfigurationLoader.DEFAULTS_RESOURCE))
        {
            Files.write(copy, in.readAllBytes());
        }
        final Cli cli = Cli.run("config", "check", copy.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(cli.stdout.contains(copy + ": valid (profile dev; venues enabled: binance-spot, "), cli::toString);
        assertEquals("", cli.stderr, cli::toString);
    }

    @Test
    void shouldPrintThreeClearErrorsForATypoAWrongTypeAndAnUnknownVenue() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("bad.conf"), String.join("\n",
            "marketprism {",
            "  ring.sise = 1024",
            "  book.initialLevels = many",
            "  venues.binanse-spot { enabled = true }",
            "}", ""));
        final Cli cli = Cli.run("config", "check", file.toString());
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
        final List<String> errors = Arrays.stream(cli.stderr.split("\n"))
            .filter(line -> line.startsWith("  ")).map(String::trim).sorted().collect(Collectors.toList());
        assertTrue(cli.stderr.startsWith("marketprism: 3 configuration errors:\n"), cli::toString);
        assertEquals(List.of(
            file + ":2: invalid configuration: marketprism.ring.sise=1024 (expected a known key; did you mean " +
                "marketprism.ring.size?)",
            file + ":3: invalid configuration: marketprism.book.initialLevels=many (expected an integer, 4 to " +
                "16777216)",
            file + ":4: invalid configuration: marketprism.venues.binanse-spot (expected a known venue: " +
                "binance-spot, binance-usdm, binance-coinm, okx, bybit, deribit, kraken, kraken-futures, coinbase; " +
                "did you mean binance-spot?)"), errors, cli::toString);
        assertEquals("", cli.stdout);
    }

    @Test
    void shouldNameTheFileAndLineOfMalformedHocon() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("broken.conf"),
            "marketprism {\n  ring.size = 1024\n  book { initialLevels = 16\n  http.port = [1, 2\n}\n");
        final Cli cli = Cli.run("config", "check", file.toString());
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
        assertTrue(cli.stderr.startsWith("marketprism: " + file + ":"), cli::toString);
        assertTrue(cli.stderr.contains("malformed HOCON"), cli::toString);
        assertEquals(1, cli.stderr.split("\n").length, cli::toString);
    }

    @Test
    void shouldSayWhyAFileCannotBeRead() throws IOException
    {
        final Path missing = dir.resolve("missing.conf");
        final Cli noFile = Cli.run("config", "check", missing.toString());
        assertEquals(MarketPrism.EXIT_USAGE, noFile.exitCode, noFile::toString);
        assertEquals("marketprism: " + missing + ": cannot read config file: no such file\n", noFile.stderr);

        final Cli directory = Cli.run("config", "check", dir.toString());
        assertEquals(MarketPrism.EXIT_USAGE, directory.exitCode, directory::toString);
        assertEquals("marketprism: " + dir + ": cannot read config file: it is a directory\n", directory.stderr);

        final Path file = Files.writeString(dir.resolve("locked.conf"), "marketprism.ring.size = 1024\n");
        if (file.toFile().setReadable(false) && !Files.isReadable(file)) // root reads anything: nothing to test then
        {
            final Cli locked = Cli.run("config", "check", file.toString());
            assertEquals(MarketPrism.EXIT_USAGE, locked.exitCode, locked::toString);
            assertTrue(locked.stderr.contains(file + ": cannot read config file: permission denied"), locked::toString);
        }
    }

    @Test
    void shouldShowEveryEffectiveValueWithItsOrigin() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("mine.conf"),
            "marketprism {\n  ring.size = 1024\n  venues.okx.websocketUrl = \"ws://127.0.0.1:9001\"\n}\n");
        final Cli cli = Cli.run("config", "show", file.toString());
        assertEquals(0, cli.exitCode, cli::toString);
        final List<String> lines = List.of(cli.stdout.split("\n"));
        assertTrue(lines.contains("marketprism.ring.size = 1024  # " + file + ":2"), cli::toString);
        assertTrue(lines.contains("marketprism.venues.okx.websocketUrl = \"ws://127.0.0.1:9001\"  # " + file + ":3"),
            cli::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches(
            "marketprism\\.threading\\.stages = \"shared\" {2}# marketprism-profile-dev\\.conf:\\d+")),
            cli::toString);
        assertTrue(lines.stream().anyMatch(line -> line.matches(
            "marketprism\\.book\\.initialLevels = 2048 {2}# marketprism-default\\.conf:\\d+")), cli::toString);
        assertEquals(ConfigurationLoader.knownKeys().size(), lines.size(), cli::toString);
    }

    @Test
    void shouldValidateTheSameWayInEveryCommandThatTakesAConfigFile() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("two.conf"),
            "marketprism.snapshot.depth = 0\nmarketprism.ring.size = 100\n", StandardCharsets.UTF_8);
        final Path journal = dir.resolve("journal");
        for (final String[] args : List.of(
            new String[]{ "demo", "--config", file.toString(), "--journal", journal.toString() },
            new String[]{ "replay", "--config", file.toString(), "--journal", journal.toString() },
            new String[]{ "import", "--config", file.toString(), "--format", "lines", "--venue", "okx", "--journal",
                journal.toString(), file.toString() }))
        {
            final Cli cli = Cli.run(args);
            assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
            assertTrue(cli.stderr.startsWith("marketprism: 2 configuration errors:\n"), cli::toString);
            assertTrue(cli.stderr.contains(file + ":1: invalid configuration: marketprism.snapshot.depth=0 " +
                "(expected 1 to 10000)"), cli::toString);
            assertTrue(cli.stderr.contains(file + ":2: invalid configuration: marketprism.ring.size=100 " +
                "(expected a power of two from 64 to 16777216)"), cli::toString);
            assertFalse(Files.exists(journal), "nothing started: " + args[0]);
        }
    }
}
