/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user sees when the command line is misused: a one-line message naming what is wrong and what is allowed,
 * exit code 2, never a stack trace.
 */
final class CommandLineTest
{
    private static final String SPOT = "hftbacktest/spot/btcusdt_20240808.gz";

    @Test
    void shouldNameAllowedVenuesForUnknownVenue()
    {
        final Cli cli = Cli.run("decode", "--venue", "binance", "--format", "hftbacktest", "--input",
            TestRecordings.file(SPOT).toString());
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
        assertTrue(cli.stderr.contains("unknown venue 'binance'") && cli.stderr.contains("binance-spot"),
            cli::toString);
        assertTrue(cli.stdout.isEmpty(), cli::toString);
    }

    @Test
    void shouldRejectUnknownFormat()
    {
        final Cli cli = Cli.run("decode", "--venue", "binance-spot", "--format", "csv", "--input",
            TestRecordings.file(SPOT).toString());
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
        assertTrue(cli.stderr.contains("unknown capture format 'csv'"), cli::toString);
    }

    @Test
    void shouldRejectMissingInput(@TempDir final Path tmp)
    {
        final Cli cli = Cli.run("decode", "--venue", "binance-spot", "--format", "hftbacktest", "--input",
            tmp.resolve("nope.gz").toString());
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
        assertTrue(cli.stderr.contains("input not found"), cli::toString);
    }

    @Test
    void shouldRejectMissingRequiredOption()
    {
        final Cli cli = Cli.run("decode", "--venue", "binance-spot");
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
        assertTrue(cli.stderr.contains("Missing required option"), cli::toString);
    }

    @Test
    void shouldRejectInvalidPace()
    {
        final Cli cli = Cli.run("decode", "--venue", "binance-spot", "--format", "hftbacktest", "--pace", "fast",
            "--input", TestRecordings.file(SPOT).toString());
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
        assertTrue(cli.stderr.contains("invalid --pace 'fast'"), cli::toString);
    }

    @Test
    void shouldNameTheBadKeyOfAConfigFile(@TempDir final Path tmp) throws IOException
    {
        final Path config = Files.writeString(tmp.resolve("bad.properties"), "marketprism.ring.size=1000\n");
        final Cli cli = Cli.run("decode", "--venue", "binance-spot", "--format", "hftbacktest", "--config",
            config.toString(), "--input", TestRecordings.file(SPOT).toString());
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
        assertTrue(cli.stderr.contains("marketprism.ring.size=1000") && cli.stderr.contains("power of two"),
            cli::toString);
    }

    @Test
    void shouldRejectTyposInConfigKeys(@TempDir final Path tmp) throws IOException
    {
        final Path config = Files.writeString(tmp.resolve("typo.properties"), "marketprism.ring.sise=1024\n");
        final Cli cli = Cli.run("decode", "--venue", "binance-spot", "--format", "hftbacktest", "--config",
            config.toString(), "--input", TestRecordings.file(SPOT).toString());
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
        assertTrue(cli.stderr.contains("marketprism.ring.sise") && cli.stderr.contains("a known key"),
            cli::toString);
    }

    @Test
    void shouldSayWhenADirectoryHoldsNoJournal(@TempDir final Path tmp)
    {
        final Cli cli = Cli.run("replay", "--journal", tmp.toString());
        assertEquals(MarketPrism.EXIT_USAGE, cli.exitCode, cli::toString);
        assertTrue(cli.stderr.contains("no journal at"), cli::toString);
    }

    @Test
    void shouldListCommandsInHelp()
    {
        final Cli cli = Cli.run("--help");
        assertEquals(0, cli.exitCode, cli::toString);
        assertTrue(cli.stdout.contains("demo") && cli.stdout.contains("decode") && cli.stdout.contains("replay"),
            cli::toString);
    }
}
