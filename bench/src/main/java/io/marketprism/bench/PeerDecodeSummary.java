/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts the scores of {@link PeerDecodeBenchmark} side by side after a JMH run: for each kind of frame our ns/op, the
 * peers' and how many times slower each peer is, with bytes per operation ({@code gc.alloc.rate.norm}, when the run
 * had {@code -prof gc}), ending with one line per kind:
 * <pre>
 * RESULT peer-decode kind=.. ours_ns=.. jackson_ns=.. xchange_ns=.. jackson_ratio=.. xchange_ratio=..
 *     ours_b_per_op=.. jackson_b_per_op=.. xchange_b_per_op=..
 * </pre>
 * (one line; a ratio is the peer's ns/op divided by ours, a value missing from the run is {@code na}).
 */
final class PeerDecodeSummary
{
    /** The decode paths, in column order; the first is ours, the others the peers. */
    static final String[] PATHS = { "ours", "jackson", "xchange" };

    private static final String BENCHMARK = PeerDecodeBenchmark.class.getName() + ".";
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    private PeerDecodeSummary()
    {
    }

    /**
     * One benchmark's score.
     */
    static final class Score
    {
        private final double nsPerOp;
        private final double error;
        private final double bytesPerOp;

        /**
         * @param nsPerOp    mean ns per operation.
         * @param error      the 99.9% confidence half-width, ns.
         * @param bytesPerOp bytes allocated per operation, {@code NaN} when not measured.
         */
        Score(final double nsPerOp, final double error, final double bytesPerOp)
        {
            this.nsPerOp = nsPerOp;
            this.error = error;
            this.bytesPerOp = bytesPerOp;
        }
    }

    /**
     * Prints the summary of the peer decode benchmarks among a run's results; nothing when there are none.
     *
     * @param results what JMH returned.
     * @param out     where to print.
     */
    static void print(final Collection<RunResult> results, final PrintStream out)
    {
        final Map<String, Map<String, Score>> byKind = new LinkedHashMap<>();
        for (final RunResult result : results)
        {
            final String benchmark = result.getParams().getBenchmark();
            if (!benchmark.startsWith(BENCHMARK))
            {
                continue;
            }
            final Result<?> primary = result.getPrimaryResult();
            final Result<?> allocation = result.getSecondaryResults().get(ALLOCATION);
            byKind.computeIfAbsent(result.getParams().getParam("kind"), k -> new LinkedHashMap<>())
                .put(benchmark.substring(BENCHMARK.length()), new Score(primary.getScore(), primary.getScoreError(),
                allocation == null ? Double.NaN : allocation.getScore()));
        }
        for (final String line : lines(byKind))
        {
            out.println(line);
        }
    }

    /**
     * @param byKind scores by kind of frame, then by decode path ({@link #PATHS}).
     * @return a table row per kind and path, then a {@code RESULT peer-decode} line per kind.
     */
    static List<String> lines(final Map<String, Map<String, Score>> byKind)
    {
        final List<String> lines = new ArrayList<>();
        if (byKind.isEmpty())
        {
            return lines;
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%-12s %-8s %12s %10s %14s %12s", "kind", "decoder", "ns/op",
            "+-99.9%", "ratio to ours", "B/op"));
        final List<String> results = new ArrayList<>();
        for (final Map.Entry<String, Map<String, Score>> entry : byKind.entrySet())
        {
            final Map<String, Score> scores = entry.getValue();
            final Score ours = scores.get(PATHS[0]);
            final StringBuilder result = new StringBuilder("RESULT peer-decode kind=").append(entry.getKey());
            final StringBuilder ratios = new StringBuilder();
            final StringBuilder bytes = new StringBuilder();
            for (int p = 0; p < PATHS.length; p++)
            {
                final String path = PATHS[p];
                final Score score = scores.get(path);
                final double ratio = score == null || ours == null ? Double.NaN : score.nsPerOp / ours.nsPerOp;
                if (score != null)
                {
                    lines.add(String.format(Locale.ROOT, "%-12s %-8s %12.1f %10s %14s %12s", entry.getKey(), path,
                        score.nsPerOp, format(score.error, "%.1f"), format(ratio, "%.1f"),
                        format(score.bytesPerOp, "%.3f")));
                }
                result.append(' ').append(path).append("_ns=")
                    .append(score == null ? "na" : format(score.nsPerOp, "%.1f"));
                if (p > 0)
                {
                    ratios.append(' ').append(path).append("_ratio=").append(format(ratio, "%.2f"));
                }
                bytes.append(' ').append(path).append("_b_per_op=")
                    .append(score == null ? "na" : format(score.bytesPerOp, "%.3f"));
            }
            results.add(result.append(ratios).append(bytes).toString());
        }
        lines.addAll(results);
        return lines;
    }

    private static String format(final double value, final String pattern)
    {
        return Double.isNaN(value) ? "na" : String.format(Locale.ROOT, pattern, value);
    }
}
