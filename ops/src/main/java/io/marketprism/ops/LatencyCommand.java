/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code latency}: the percentile distribution of an HdrHistogram interval log ({@code .hlog}, e.g. the engine's
 * {@code latency.hlog}: every interval of a stage added up, values in nanoseconds) or of a percentile file
 * ({@code .hgrm}, values as printed, taken as microseconds), one row per stage, and optionally the percentile plot as a
 * PNG ({@link PercentilePlot}).
 */
@Command(
    name = "latency",
    mixinStandardHelpOptions = true,
    description = "Print the percentile distribution per stage of a latency log (.hlog) or percentile file (.hgrm).")
public final class LatencyCommand implements Callable<Integer>
{
    private static final double[] PERCENTILES = { 50, 90, 99, 99.9, 99.99 };

    @ParentCommand
    private MarketPrism parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "an HdrHistogram interval log (.hlog) or a .hgrm file")
    private Path file;

    @Option(names = "--stage", description = "only this stage (a tag of the log), e.g. completed")
    private String stage;

    @Option(names = "--png", paramLabel = "OUT.png", description = "also draw the percentile plot to this PNG file")
    private Path png;

    @Option(names = "--unit", defaultValue = "us",
        description = "unit of the printed values: ns, us or ms (default us)")
    private String unit;

    @Override
    public Integer call() throws IOException
    {
        final double nsPerUnit = nsPerUnit(unit);
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("latency: no file at " + file);
        }
        final PrintStream out = new PrintStream(new DecodeCommand.NonClosingOutputStream(parent.stdout()), true,
            StandardCharsets.UTF_8);
        final PercentilePlot plot = new PercentilePlot("latency: " + file.getFileName());
        out.printf(Locale.ROOT, "%s, values in %s%n", file, unit);
        out.printf(Locale.ROOT, "  %-12s %12s %10s %10s %10s %10s %10s %10s%n",
            "stage", "count", "p50", "p90", "p99", "p99.9", "p99.99", "max");
        if (isPercentileFile(file))
        {
            if (stage != null)
            {
                throw new IllegalArgumentException("latency: --stage applies to an interval log (.hlog); " + file +
                    " is a percentile file (.hgrm) of one series");
            }
            printHgrm(out, nsPerUnit);
            plot.add(seriesName(file), file);
        }
        else
        {
            final Map<String, Histogram> stages = readLog(file);
            if (stage != null && !stages.containsKey(stage))
            {
                throw new IllegalArgumentException("latency: no stage " + stage + " in " + file + "; it holds " +
                    String.join(", ", stages.keySet()));
            }
            for (final Map.Entry<String, Histogram> entry : stages.entrySet())
            {
                if (stage == null || stage.equals(entry.getKey()))
                {
                    printHistogram(out, entry.getKey(), entry.getValue(), nsPerUnit);
                    plot.add(entry.getKey(), entry.getValue());
                }
            }
        }
        if (png != null)
        {
            plot.write(png);
            out.println("plot: " + png.toAbsolutePath());
        }
        return 0;
    }

    /**
     * Reads an interval log and adds up the intervals of each tag (untagged histograms under {@code all}).
     *
     * @param log the {@code .hlog} file.
     * @return one histogram per tag, in the order the tags first appear.
     * @throws IllegalArgumentException when the file is not an interval log or holds no histograms.
     */
    static Map<String, Histogram> readLog(final Path log)
    {
        final Map<String, Histogram> stages = new LinkedHashMap<>();
        final HistogramLogReader reader;
        try
        {
            reader = new HistogramLogReader(log.toFile());
        }
        catch (final FileNotFoundException ex)
        {
            throw new IllegalArgumentException("latency: cannot read " + log + ": " + ex.getMessage(), ex);
        }
        try
        {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null)
            {
                if (!(interval instanceof Histogram))
                {
                    throw new IllegalArgumentException("latency: " + log +
                        " holds floating-point histograms; only integer (ns) histograms are supported");
                }
                final String tag = interval.getTag() == null ? "all" : interval.getTag();
                final Histogram histogram = (Histogram)interval;
                stages.computeIfAbsent(tag, (t) -> new Histogram(histogram.getNumberOfSignificantValueDigits()))
                    .add(histogram);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("latency: " + log + " is not an HdrHistogram interval log (" + ex + ")",
                ex);
        }
        finally
        {
            reader.close();
        }
        if (stages.isEmpty())
        {
            throw new IllegalArgumentException("latency: " + log + " is not an HdrHistogram interval log " +
                "(no histograms in it)");
        }
        return stages;
    }

    private static void printHistogram(
        final PrintStream out, final String name, final Histogram histogram, final double nsPerUnit)
    {
        out.printf(Locale.ROOT, "  %-12s %12d", name, histogram.getTotalCount());
        for (final double percentile : PERCENTILES)
        {
            out.printf(Locale.ROOT, " %10s", format(histogram.getValueAtPercentile(percentile) / nsPerUnit));
        }
        out.printf(Locale.ROOT, " %10s%n", format(histogram.getMaxValue() / nsPerUnit));
    }

    private void printHgrm(final PrintStream out, final double nsPerUnit) throws IOException
    {
        final List<double[]> rows;
        final long count;
        try
        {
            rows = PercentilePlot.readHgrm(file);
            count = totalCount(file);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("latency: " + ex.getMessage(), ex);
        }
        // .hgrm values are printed in microseconds (PercentilePlot.writeHgrm)
        final double scale = PercentilePlot.NS_PER_US / nsPerUnit;
        out.printf(Locale.ROOT, "  %-12s %12s", seriesName(file), count < 0 ? "?" : String.valueOf(count));
        for (final double percentile : PERCENTILES)
        {
            double value = rows.get(rows.size() - 1)[1];
            for (final double[] row : rows)
            {
                if (row[0] * 100.0 >= percentile - 1e-9)
                {
                    value = row[1];
                    break;
                }
            }
            out.printf(Locale.ROOT, " %10s", format(value * scale));
        }
        double max = 0;
        for (final double[] row : rows)
        {
            max = Math.max(max, row[1]);
        }
        out.printf(Locale.ROOT, " %10s%n", format(max * scale));
    }

    private static long totalCount(final Path hgrm) throws IOException
    {
        // the footer: #[Max     =     1000.447, Total count    =         1000]
        final Pattern total = Pattern.compile("Total count\\s*=\\s*(\\d+)");
        long count = -1;
        try (Stream<String> lines = Files.lines(hgrm, StandardCharsets.UTF_8))
        {
            for (final String line : (Iterable<String>)lines::iterator)
            {
                final Matcher matcher = total.matcher(line);
                if (matcher.find())
                {
                    count = Long.parseLong(matcher.group(1));
                }
            }
        }
        return count;
    }

    private static boolean isPercentileFile(final Path path) throws IOException
    {
        if (path.getFileName().toString().endsWith(".hgrm"))
        {
            return true;
        }
        if (path.getFileName().toString().endsWith(".hlog"))
        {
            return false;
        }
        final List<String> head = new ArrayList<>();
        try (Stream<String> lines = Files.lines(path, StandardCharsets.ISO_8859_1))
        {
            lines.limit(5).forEach(head::add);
        }
        for (final String line : head)
        {
            if (line.trim().startsWith("Value") && line.contains("Percentile"))
            {
                return true;
            }
        }
        return false;
    }

    private static String seriesName(final Path path)
    {
        final String name = path.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static double nsPerUnit(final String unit)
    {
        switch (unit)
        {
            case "ns":
                return 1;
            case "us":
                return 1_000;
            case "ms":
                return 1_000_000;
            default:
                throw new IllegalArgumentException("invalid --unit " + unit + "; expected ns, us or ms");
        }
    }

    private static String format(final double value)
    {
        return value >= 1000 || value == Math.rint(value) ?
            String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
