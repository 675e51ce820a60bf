/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A latency percentile chart drawn as a PNG, in the shape of HdrHistogram's own plotter: the x axis is the percentile
 * on a log scale of {@code 1 / (1 - percentile)} (0%, 90%, 99%, 99.9% ... evenly spaced), the y axis the latency in
 * microseconds, one line per series with its maximum in the legend.
 * <p>
 * Series come from an HdrHistogram recorded in nanoseconds, from a {@code .hgrm} file (HdrHistogram's percentile
 * output, values read as printed: this project writes them in microseconds, see {@link #writeHgrm}) or from a
 * {@code .hlog} interval log (every interval added up; values read as nanoseconds). Drawn with java.awt in headless
 * mode; cold path.
 */
public final class PercentilePlot
{
    /** Percentile steps per halving of the remaining distance, as HdrHistogram's percentile output uses. */
    public static final int TICKS_PER_HALF_DISTANCE = 5;
    /** Nanoseconds per microsecond: the scaling of values written to {@code .hgrm} files. */
    public static final double NS_PER_US = 1000.0;

    private static final int WIDTH = 960;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    };

    private final String title;
    private final List<Series> series = new ArrayList<>();

    /**
     * @param title printed above the chart.
     */
    public PercentilePlot(final String title)
    {
        this.title = title;
    }

    /**
     * Adds a histogram recorded in nanoseconds.
     *
     * @param name      legend entry.
     * @param histogram values in nanoseconds.
     * @return this.
     */
    public PercentilePlot add(final String name, final Histogram histogram)
    {
        final List<double[]> points = new ArrayList<>();
        for (final HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF_DISTANCE))
        {
            points.add(new double[] {
                value.getPercentileLevelIteratedTo() / 100.0, value.getValueIteratedTo() / NS_PER_US });
        }
        series.add(new Series(name, points, histogram.getMaxValue() / NS_PER_US, histogram.getTotalCount()));
        return this;
    }

    /**
     * Adds a series read from a {@code .hgrm} percentile file (values as printed, taken as microseconds) or a
     * {@code .hlog} interval log (all intervals added up, values taken as nanoseconds).
     *
     * @param name legend entry.
     * @param file the file; its name decides the format ({@code .hlog}, anything else is read as {@code .hgrm}).
     * @return this.
     * @throws IOException when the file cannot be read or holds no percentile rows.
     */
    public PercentilePlot add(final String name, final Path file) throws IOException
    {
        if (file.getFileName().toString().endsWith(".hlog"))
        {
            return add(name, readLog(file));
        }
        final List<double[]> points = readHgrm(file);
        double max = 0;
        for (final double[] point : points)
        {
            max = Math.max(max, point[1]);
        }
        series.add(new Series(name, points, max, -1));
        return this;
    }

    /**
     * Adds up every interval histogram of a {@code .hlog} file.
     *
     * @param file the interval log.
     * @return the sum.
     * @throws IOException when the file cannot be read.
     */
    public static Histogram readLog(final Path file) throws IOException
    {
        final HistogramLogReader reader = new HistogramLogReader(file.toFile());
        try
        {
            Histogram sum = null;
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null)
            {
                if (!(interval instanceof Histogram))
                {
                    throw new IOException(file + ": only integer-valued histograms are supported");
                }
                if (sum == null)
                {
                    sum = new Histogram(((Histogram)interval).getNumberOfSignificantValueDigits());
                }
                sum.add((Histogram)interval);
            }
            if (sum == null)
            {
                throw new IOException(file + ": no histograms in the log");
            }
            return sum;
        }
        finally
        {
            reader.close();
        }
    }

    /**
     * Reads the percentile rows of a {@code .hgrm} file.
     *
     * @param file HdrHistogram percentile output.
     * @return {percentile as a fraction, value as printed} pairs in file order.
     * @throws IOException when unreadable or without rows.
     */
    public static List<double[]> readHgrm(final Path file) throws IOException
    {
        final List<double[]> points = new ArrayList<>();
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
        {
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("Value"))
            {
                continue;
            }
            final String[] columns = trimmed.split("\\s+");
            if (columns.length < 3)
            {
                throw new IOException(file + ": not a percentile row: " + line);
            }
            try
            {
                points.add(new double[] { Double.parseDouble(columns[1]), Double.parseDouble(columns[0]) });
            }
            catch (final NumberFormatException ex)
            {
                throw new IOException(file + ": not a percentile row: " + line, ex);
            }
        }
        if (points.isEmpty())
        {
            throw new IOException(file + ": no percentile rows");
        }
        return points;
    }

    /**
     * Writes a histogram recorded in nanoseconds as HdrHistogram percentile output in microseconds.
     *
     * @param histogram values in nanoseconds.
     * @param file      the {@code .hgrm} file to write.
     * @throws IOException when it cannot be written.
     */
    public static void writeHgrm(final Histogram histogram, final Path file) throws IOException
    {
        try (java.io.PrintStream out = new java.io.PrintStream(Files.newOutputStream(file), false,
            StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, TICKS_PER_HALF_DISTANCE, NS_PER_US);
        }
    }

    /**
     * Draws the chart.
     *
     * @param png the file to write.
     * @throws IOException when it cannot be written, or there is nothing to draw.
     */
    public void write(final Path png) throws IOException
    {
        if (series.isEmpty())
        {
            throw new IOException("nothing to plot");
        }
        System.setProperty("java.awt.headless", "true");
        double maxX = 1000;
        double maxY = 0;
        for (final Series s : series)
        {
            for (final double[] point : s.points)
            {
                if (point[0] < 1.0)
                {
                    maxX = Math.max(maxX, 1.0 / (1.0 - point[0]));
                    maxY = Math.max(maxY, point[1]);
                }
            }
        }
        final int decades = (int)Math.ceil(Math.log10(maxX) - 1e-9);
        final double yTop = niceCeiling(maxY);

        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try
        {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            final int plotWidth = WIDTH - LEFT - RIGHT;
            final int plotHeight = HEIGHT - TOP - BOTTOM;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            final FontMetrics metrics = g.getFontMetrics();

            // grid and axis labels
            for (int d = 0; d <= decades; d++)
            {
                final int x = LEFT + (int)Math.round((double)d / decades * plotWidth);
                g.setColor(new Color(0xdddddd));
                g.drawLine(x, TOP, x, TOP + plotHeight);
                g.setColor(Color.DARK_GRAY);
                final String label = percentileLabel(d);
                g.drawString(label, x - metrics.stringWidth(label) / 2, TOP + plotHeight + 18);
            }
            final double yStep = yTop / 5;
            for (int i = 0; i <= 5; i++)
            {
                final int y = TOP + plotHeight - (int)Math.round(i * yStep / yTop * plotHeight);
                g.setColor(new Color(0xdddddd));
                g.drawLine(LEFT, y, LEFT + plotWidth, y);
                g.setColor(Color.DARK_GRAY);
                final String label = formatValue(i * yStep);
                g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 4);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, plotWidth, plotHeight);
            final String xTitle = "percentile";
            g.drawString(xTitle, LEFT + (plotWidth - metrics.stringWidth(xTitle)) / 2, HEIGHT - 18);
            final Graphics2D rotated = (Graphics2D)g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString("latency (us)", -(TOP + plotHeight / 2 + 35), 20);
            rotated.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, TOP - 18);

            // series
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < series.size(); i++)
            {
                final Series s = series.get(i);
                g.setColor(COLOURS[i % COLOURS.length]);
                final Path2D path = new Path2D.Double();
                boolean first = true;
                for (final double[] point : s.points)
                {
                    if (point[0] >= 1.0)
                    {
                        continue;
                    }
                    final double x = LEFT + Math.log10(1.0 / (1.0 - point[0])) / decades * plotWidth;
                    final double y = TOP + plotHeight - Math.min(point[1], yTop) / yTop * plotHeight;
                    if (first)
                    {
                        path.moveTo(x, y);
                        first = false;
                    }
                    else
                    {
                        path.lineTo(x, y);
                    }
                }
                g.draw(path);
                final int legendY = TOP + 20 + i * 18;
                g.drawLine(LEFT + 12, legendY - 4, LEFT + 36, legendY - 4);
                g.setColor(Color.BLACK);
                g.drawString(s.name + " (max " + formatValue(s.max) + " us" +
                    (s.count >= 0 ? ", " + s.count + " values" : "") + ")", LEFT + 42, legendY);
            }
        }
        finally
        {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", png.toFile()))
        {
            throw new IOException("no PNG writer available");
        }
    }

    private static String percentileLabel(final int decade)
    {
        // 1 - 10^-decade: 0%, 90%, 99%, 99.9%, 99.99% ...
        if (decade < 3)
        {
            return decade == 0 ? "0%" : decade == 1 ? "90%" : "99%";
        }
        return "99." + "9".repeat(decade - 2) + "%";
    }

    private static double niceCeiling(final double value)
    {
        if (value <= 0)
        {
            return 1;
        }
        final double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (final double step : new double[] { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String formatValue(final double value)
    {
        return value >= 100 || value == Math.rint(value) ?
            String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static final class Series
    {
        final String name;
        final List<double[]> points;
        final double max;
        final long count;

        Series(final String name, final List<double[]> points, final double max, final long count)
        {
            this.name = name;
            this.points = points;
            this.max = max;
            this.count = count;
        }
    }
}
