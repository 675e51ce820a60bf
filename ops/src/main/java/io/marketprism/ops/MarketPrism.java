/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.EngineConfiguration;
import io.marketprism.journal.JournalException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code marketprism} command line. Exit codes: 0 success, 1 failure while running, 2 bad usage or
 * configuration.
 */
@Command(
    name = "marketprism",
    mixinStandardHelpOptions = true,
    version = "MarketPrism 0.1.0",
    description = "Low-latency crypto market-data engine: decode, normalize, keep books, journal, publish.",
    subcommands = { DemoCommand.class, DecodeCommand.class, ReplayCommand.class, ImportCommand.class,
        SimulateCommand.class, StatCommand.class, SubscribeCommand.class, ConfigCommand.class, LatencyCommand.class,
        ErrorsCommand.class, RunCommand.class,
        CommandLine.HelpCommand.class })
public final class MarketPrism implements Runnable
{
    /** Exit code for a failure while running. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for bad usage or configuration. */
    public static final int EXIT_USAGE = 2;

    private final OutputStream stdout;
    private final PrintStream stderr;

    /**
     * @param stdout where data goes (JSON lines, summaries).
     * @param stderr where diagnostics go.
     */
    public MarketPrism(final OutputStream stdout, final PrintStream stderr)
    {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        // the raw descriptor, not System.out: a PrintStream hides write errors, so `replay | head` would run to the end
        System.exit(execute(args, new FileOutputStream(FileDescriptor.out), System.err));
    }

    /**
     * Runs a command in this process (tests use this).
     *
     * @param args   command line.
     * @param stdout where data goes.
     * @param stderr where diagnostics go.
     * @return exit code.
     */
    public static int execute(final String[] args, final OutputStream stdout, final PrintStream stderr)
    {
        final CommandLine commandLine = new CommandLine(new MarketPrism(stdout, stderr));
        commandLine.setOut(new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new java.io.OutputStreamWriter(stderr, StandardCharsets.UTF_8), true));
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            if (ex instanceof EngineConfiguration.ConfigurationException || ex instanceof IllegalArgumentException)
            {
                stderr.println("marketprism: " + ex.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof JournalException)
            {
                stderr.println("marketprism: " + cmd.getCommandName() + ": " + ex.getMessage());
                // a directory with no journal at all is a wrong argument; a journal that cannot be read is a failure
                return ((JournalException)ex).isNoJournal() ? EXIT_USAGE : EXIT_FAILURE;
            }
            if (isBrokenPipe(ex))
            {
                stderr.println("marketprism: " + cmd.getCommandName() +
                    " stopped: its output was closed (broken pipe)");
                return EXIT_FAILURE;
            }
            stderr.println("marketprism: " + cmd.getCommandName() + " failed: " + ex);
            if (Boolean.getBoolean("marketprism.cli.stackTraces"))
            {
                ex.printStackTrace(stderr);
            }
            return EXIT_FAILURE;
        });
        return commandLine.execute(args);
    }

    private static boolean isBrokenPipe(final Throwable ex)
    {
        for (Throwable cause = ex; cause != null; cause = cause.getCause())
        {
            final String message = cause.getMessage();
            if (cause instanceof IOException && message != null && message.contains("Broken pipe"))
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run()
    {
        new CommandLine(this).usage(stderr);
    }

    OutputStream stdout()
    {
        return stdout;
    }

    PrintStream stderr()
    {
        return stderr;
    }
}
