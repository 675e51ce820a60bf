/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import java.util.Arrays;

/**
 * Entry point of {@code bin/marketprism bench}: {@code pipeline} runs {@link PipelineBenchmark}, {@code latency}
 * runs {@link LatencyBenchmark}, {@code replay} runs {@link ReplayBenchmark}, {@code jmh} runs
 * the JMH suites with JMH's own options (then prints the peer decode summary when the run had those benchmarks).
 */
public final class BenchMain
{
    private BenchMain()
    {
    }

    /**
     * @param args {@code pipeline [options]}, {@code latency [options]}, {@code replay [options]},
     *             {@code journal-alloc [options]}, {@code scrape [options]}, {@code peer-rounds [options]} or
     *             {@code jmh [JMH options]}.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : new String[0];
        if (args.length > 0 && "pipeline".equals(args[0]))
        {
            PipelineBenchmark.main(rest);
        }
        else if (args.length > 0 && "latency".equals(args[0]))
        {
            LatencyBenchmark.main(rest);
        }
        else if (args.length > 0 && "replay".equals(args[0]))
        {
            ReplayBenchmark.main(rest);
        }
        else if (args.length > 0 && "journal-alloc".equals(args[0]))
        {
            JournalAllocationBenchmark.main(rest);
        }
        else if (args.length > 0 && "scrape".equals(args[0]))
        {
            ScrapeLatencyBenchmark.main(rest);
        }
        else if (args.length > 0 && "peer-rounds".equals(args[0]))
        {
            PeerDecodeRounds.main(rest);
        }
        else if (args.length > 0 && "jmh".equals(args[0]))
        {
            JmhRun.run(rest);
        }
        else
        {
            System.err.println("usage: marketprism bench pipeline [--messages N] [--warmup N] [--profile P]\n" +
                "       marketprism bench latency [--rates R1,R2,..] [--seconds S] [--profile P] [--out DIR]\n" +
                "       marketprism bench replay [--messages N] [--rounds R] [--dir DIR] [--keep]\n" +
                "       marketprism bench journal-alloc [--messages N] [--warmup N] [--length B] [--block-size B]\n" +
                "       marketprism bench scrape [--messages N] [--warmup N] [--interval-ms MS] [--profile P]\n" +
                "       marketprism bench peer-rounds [--kinds depthUpdate,trade] [--rounds N] [--warmup N]\n" +
                "       marketprism bench jmh [JMH options, e.g. -prof gc VenueDecoderBenchmark]");
            System.exit(2);
        }
    }
}
