/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.ops.config.ConfigurationLoader;
import io.marketprism.ops.config.LoadedConfiguration;
import io.marketprism.ops.config.VenueSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/**
 * {@code config check FILE} and {@code config show [FILE]}: the configuration a command would run with (the
 * shipped defaults, the profile, the file, {@code MARKETPRISM_*} environment variables and {@code -D} properties),
 * validated as at start-up, without starting anything.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Check a configuration file, or show the effective configuration and where each value came from.",
    subcommands = { ConfigCommand.Check.class, ConfigCommand.Show.class })
public final class ConfigCommand implements Runnable
{
    @ParentCommand
    private MarketPrism parent;

    @Override
    public void run()
    {
        new picocli.CommandLine(this).usage(parent.stderr());
    }

    /**
     * {@code config check FILE}: every problem at once, exit 2 when there is any.
     */
    @Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Validate FILE layered over the defaults (plus MARKETPRISM_* variables and -D properties): " +
            "every error is printed with its file and line; exit 0 when valid, 2 otherwise.")
    static final class Check implements Callable<Integer>
    {
        @ParentCommand
        private ConfigCommand config;

        @Parameters(index = "0", paramLabel = "FILE", description = "the configuration file (HOCON)")
        private Path file;

        @Override
        public Integer call()
        {
            final LoadedConfiguration loaded = ConfigurationLoader.load(file, Map.of());
            final StringJoiner enabled = new StringJoiner(", ");
            for (final VenueSettings venue : loaded.venues().enabled())
            {
                enabled.add(venue.name());
            }
            out(config.parent).println(file + ": valid (profile " +
                loaded.engine().threadingProfile().printedName() + "; venues enabled: " +
                (enabled.length() == 0 ? "none" : enabled.toString()) + ")");
            return 0;
        }
    }

    /**
     * {@code config show [FILE]}: every effective key, its value and its origin.
     */
    @Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Print the effective configuration (defaults, profile, FILE, MARKETPRISM_* variables, -D " +
            "properties), one key per line with where its value came from.")
    static final class Show implements Callable<Integer>
    {
        @ParentCommand
        private ConfigCommand config;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "a configuration file (HOCON)")
        private Path file;

        @Override
        public Integer call()
        {
            final LoadedConfiguration loaded = ConfigurationLoader.load(file, Map.of());
            final PrintStream out = out(config.parent);
            for (final Map.Entry<String, String[]> entry : loaded.effectiveValues().entrySet())
            {
                out.println(entry.getKey() + " = " + entry.getValue()[0] + "  # " + entry.getValue()[1]);
            }
            out.flush();
            return 0;
        }
    }

    private static PrintStream out(final MarketPrism parent)
    {
        return new PrintStream(parent.stdout(), true, StandardCharsets.UTF_8);
    }
}
