/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.Collection;

/**
 * {@code bin/marketprism bench jmh}: JMH with its own command line, then the side-by-side summary of the peer decode
 * benchmarks when the run had any ({@link PeerDecodeSummary}). Listing, help and bad options go to JMH's own main.
 */
final class JmhRun
{
    private JmhRun()
    {
    }

    /**
     * @param args JMH's options.
     * @throws Exception when JMH fails (a benchmark's own check failing included).
     */
    static void run(final String[] args) throws Exception
    {
        final CommandLineOptions options;
        try
        {
            options = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException ex)
        {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams() ||
            options.shouldListProfilers() || options.shouldListResultFormats())
        {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        final Collection<RunResult> results = new Runner(options).run();
        PeerDecodeSummary.print(results, System.out);
    }
}
