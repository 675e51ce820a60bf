/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a module's coverage from JaCoCo's CSV report, one line for the module and one per package, so that
 * {@code mvn verify} shows the figures the floor is checked against. Run by the build as a single-file program:
 * {@code java CoverageSummary.java MODULE jacoco.csv FLOOR}. A missing report (a module without tests) is said, not
 * failed: the floor check reports it.
 */
public final class CoverageSummary
{
    private static final int LINE_MISSED = 7;
    private static final int LINE_COVERED = 8;
    private static final int BRANCH_MISSED = 5;
    private static final int BRANCH_COVERED = 6;

    private CoverageSummary()
    {
    }

    /**
     * Entry point.
     *
     * @param args module name, path of jacoco.csv, line-coverage floor as a ratio.
     * @throws IOException if the report cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        final String module = args[0];
        final Path csv = Path.of(args[1]);
        final double floor = Double.parseDouble(args[2]);
        if (!Files.isReadable(csv))
        {
            System.out.println("coverage " + module + ": no report at " + csv + " (no tests ran)");
            return;
        }
        final List<String> rows = Files.readAllLines(csv);
        final Map<String, long[]> packages = new TreeMap<>();
        final long[] total = new long[4];
        for (int i = 1; i < rows.size(); i++)
        {
            final String[] cells = rows.get(i).split(",");
            final long[] sums = packages.computeIfAbsent(cells[1], key -> new long[4]);
            add(sums, cells);
            add(total, cells);
        }
        System.out.println(String.format(Locale.ROOT, "coverage %s: lines %s, branches %s (floor: lines %.0f%%)",
            module, ratio(total[0], total[1]), ratio(total[2], total[3]), floor * 100));
        for (final Map.Entry<String, long[]> entry : packages.entrySet())
        {
            final long[] sums = entry.getValue();
            System.out.println(String.format(Locale.ROOT, "  %-48s lines %s", entry.getKey(), ratio(sums[0], sums[1])));
        }
    }

    private static void add(final long[] sums, final String[] cells)
    {
        sums[0] += Long.parseLong(cells[LINE_MISSED]);
        sums[1] += Long.parseLong(cells[LINE_COVERED]);
        sums[2] += Long.parseLong(cells[BRANCH_MISSED]);
        sums[3] += Long.parseLong(cells[BRANCH_COVERED]);
    }

    private static String ratio(final long missed, final long covered)
    {
        final long all = missed + covered;
        return all == 0 ? "n/a" :
            String.format(Locale.ROOT, "%5.1f%% (%d/%d)", 100.0 * covered / all, covered, all);
    }
}
