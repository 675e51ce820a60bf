/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * The decoders of {@link PeerDecodeBenchmark} (ours, Jackson-to-DTO, XChange-stream) on the same frames, interleaved
 * in short rounds in one JVM so that the ratio between them is measured at the same moment. JMH runs one benchmark
 * after another, about a minute apart, and on a shared two-core VM whose speed drifts by up to two times within
 * minutes that can move a ratio more than any change of the code; here every round runs each decoder once over every
 * frame of the kind, in an order that rotates from round to round, and the ratio is taken round by round, so drift
 * between rounds cancels. The median over the rounds is reported, with the quartiles.
 * <p>
 * Every pass is checked as the JMH benchmark checks an iteration ({@link PeerDecodeBenchmark#check()}: the sum of
 * the check values of what each decoder produced equals what set-up computed from our decoder), and our decoder's
 * thread allocation is measured around each of its passes ({@code ThreadMXBean}); the result line says
 * {@code checks=PASS} and the most any measured pass of ours allocated.
 * <pre>
 * RESULT peer-rounds kind=trade rounds=60 ours_ns=.. jackson_ns=.. xchange_ns=.. jackson_ratio=.. jackson_ratio_q1=..
 *     jackson_ratio_q3=.. xchange_ratio=.. ours_alloc_bytes_max=0 checks=PASS
 * </pre>
 * (one line). {@code *_ns} are medians of each decoder's ns per frame over the rounds; {@code *_ratio} the median of
 * the per-round ratios, peer ns over ours.
 */
public final class PeerDecodeRounds
{
    private static final int OURS = 0;
    private static final int JACKSON = 1;
    private static final int XCHANGE = 2;
    private static final String[] NAMES = { "ours", "jackson", "xchange" };

    private PeerDecodeRounds()
    {
    }

    /**
     * What one kind measured.
     *
     * @param kind               the frame kind.
     * @param rounds             measured rounds.
     * @param medianNs           median ns per frame of ours, Jackson and XChange, in that order.
     * @param jacksonRatio       median, first and third quartile of Jackson's ns over ours, round by round.
     * @param xchangeRatio       the same for XChange.
     * @param oursAllocBytesMax  the most bytes our decoder's thread allocated in one measured pass.
     */
    record Result(String kind, int rounds, double[] medianNs, double[] jacksonRatio, double[] xchangeRatio,
        long oursAllocBytesMax)
    {
        String line()
        {
            return String.format(Locale.ROOT, "RESULT peer-rounds kind=%s rounds=%d ours_ns=%.1f jackson_ns=%.1f " +
                "xchange_ns=%.1f jackson_ratio=%.2f jackson_ratio_q1=%.2f jackson_ratio_q3=%.2f xchange_ratio=%.2f " +
                "ours_alloc_bytes_max=%d checks=PASS", kind, rounds, medianNs[OURS], medianNs[JACKSON],
                medianNs[XCHANGE], jacksonRatio[1], jacksonRatio[0], jacksonRatio[2], xchangeRatio[1],
                oursAllocBytesMax);
        }
    }

    /**
     * @param args {@code [--kinds depthUpdate,trade] [--rounds N] [--warmup N]}.
     * @throws Exception when set-up fails or a check fails.
     */
    public static void main(final String[] args) throws Exception
    {
        String[] kinds = { PeerFrames.DEPTH, PeerFrames.TRADE };
        int rounds = 60;
        int warmup = 30;
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--kinds":
                    kinds = required(args[i], value).split(",");
                    break;
                case "--rounds":
                    rounds = positive(args[i], value);
                    break;
                case "--warmup":
                    warmup = positive(args[i], value);
                    break;
                default:
                    usage("unknown option " + args[i]);
            }
            i++;
        }
        for (final String kind : kinds)
        {
            if (!PeerFrames.DEPTH.equals(kind) && !PeerFrames.TRADE.equals(kind))
            {
                usage("--kinds takes " + PeerFrames.DEPTH + " and " + PeerFrames.TRADE + ", not " + kind);
            }
        }
        for (final String kind : kinds)
        {
            run(kind, rounds, warmup, System.out);
        }
    }

    /**
     * Measures one kind and prints a table and its {@code RESULT} line.
     *
     * @param kind   {@link PeerFrames#DEPTH} or {@link PeerFrames#TRADE}.
     * @param rounds measured rounds.
     * @param warmup rounds run first and not measured (the JIT's).
     * @param out    where to print.
     * @return what it measured.
     * @throws Exception when set-up fails or a check fails (an {@link IllegalStateException} naming it).
     */
    static Result run(final String kind, final int rounds, final int warmup, final PrintStream out) throws Exception
    {
        final PeerDecodeBenchmark benchmark = new PeerDecodeBenchmark();
        benchmark.kind = kind;
        benchmark.setup(null);
        final int frames = benchmark.frames().size();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);

        final double[][] ns = new double[3][rounds];
        long oursAllocMax = 0;
        for (int round = -warmup; round < rounds; round++)
        {
            final int shift = Math.floorMod(round, 3);
            for (int k = 0; k < 3; k++)
            {
                final int decoder = (k + shift) % 3;
                benchmark.startIteration();
                final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
                final long start = System.nanoTime();
                pass(benchmark, decoder, frames);
                final long elapsed = System.nanoTime() - start;
                final long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
                benchmark.check();
                if (round >= 0)
                {
                    ns[decoder][round] = (double)elapsed / frames;
                    if (decoder == OURS)
                    {
                        oursAllocMax = Math.max(oursAllocMax, allocated);
                    }
                }
            }
        }

        final double[] jackson = new double[rounds];
        final double[] xchange = new double[rounds];
        for (int round = 0; round < rounds; round++)
        {
            jackson[round] = ns[JACKSON][round] / ns[OURS][round];
            xchange[round] = ns[XCHANGE][round] / ns[OURS][round];
        }
        final double[] medians = { quartiles(ns[OURS])[1], quartiles(ns[JACKSON])[1], quartiles(ns[XCHANGE])[1] };
        final Result result = new Result(kind, rounds, medians, quartiles(jackson), quartiles(xchange), oursAllocMax);

        out.printf(Locale.ROOT, "%nkind=%s frames=%d rounds=%d (after %d warm-up), each decoder once over every " +
            "frame a round, order rotating%n", kind, frames, rounds, warmup);
        out.printf(Locale.ROOT, "%-8s %12s %12s %12s %14s%n", "decoder", "ns/frame q1", "median", "q3",
            "ratio to ours");
        for (int decoder = 0; decoder < 3; decoder++)
        {
            final double[] q = quartiles(ns[decoder]);
            final double[] ratio = decoder == OURS ? new double[] { 1, 1, 1 } : decoder == JACKSON ?
                result.jacksonRatio() : result.xchangeRatio();
            out.printf(Locale.ROOT, "%-8s %12.1f %12.1f %12.1f %6.2f (%.2f-%.2f)%n", NAMES[decoder], q[0], q[1], q[2],
                ratio[1], ratio[0], ratio[2]);
        }
        out.println(result.line());
        return result;
    }

    private static void pass(final PeerDecodeBenchmark benchmark, final int decoder, final int frames)
        throws Exception
    {
        long sink = 0;
        // a loop of its own for each, so that none is compiled with another's profile
        if (decoder == OURS)
        {
            for (int i = 0; i < frames; i++)
            {
                sink += benchmark.ours();
            }
        }
        else if (decoder == JACKSON)
        {
            for (int i = 0; i < frames; i++)
            {
                sink += benchmark.jackson();
            }
        }
        else
        {
            for (int i = 0; i < frames; i++)
            {
                sink += benchmark.xchange();
            }
        }
        if (sink == PeerDecodeBenchmark.NOT_MARKET_DATA)
        {
            throw new IllegalStateException("a pass summed to the value no frame has");
        }
    }

    /**
     * @return the first quartile, median and third quartile (nearest rank) of the values.
     */
    static double[] quartiles(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return new double[] { sorted[(n - 1) / 4], sorted[(n - 1) / 2], sorted[(3 * (n - 1)) / 4] };
    }

    private static String required(final String option, final String value)
    {
        if (value == null)
        {
            usage(option + " needs a value");
        }
        return value;
    }

    private static int positive(final String option, final String value)
    {
        try
        {
            final int n = Integer.parseInt(required(option, value));
            if (n > 0)
            {
                return n;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        usage(option + " takes a positive whole number, not " + value);
        return 0;
    }

    private static void usage(final String problem)
    {
        System.err.println("marketprism bench peer-rounds: " + problem);
        System.err.println("usage: marketprism bench peer-rounds [--kinds depthUpdate,trade] [--rounds N] " +
            "[--warmup N]");
        System.exit(2);
    }
}
