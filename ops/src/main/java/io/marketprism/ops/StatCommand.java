/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.CountersFile;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code stat}: the counters of a running engine, read from its memory-mapped counters file by this (separate)
 * process, printed as a table of label, value and rate per second, like AeronStat. It only reads memory, so it works
 * while the engine is wedged.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = "Print a running engine's counters (label, value, rate/s), read from its counters file.")
public final class StatCommand implements Callable<Integer>
{
    @ParentCommand
    private MarketPrism parent;

    @Option(names = "--dir", description = "counters directory, or one counters file " +
        "(default: <java.io.tmpdir>/marketprism-counters, the engine's default)")
    private Path dir;

    @Option(names = "--pid", description = "the engine's process id, when the directory holds several")
    private Long pid;

    @Option(names = "--interval", defaultValue = "1000", description = "ms between samples (default 1000)")
    private long intervalMs;

    @Option(names = "--once", description = "print one table (rates over one interval) and exit")
    private boolean once;

    @Option(names = "--nonzero", description = "only counters whose value is not zero")
    private boolean nonZero;

    @Override
    public Integer call() throws Exception
    {
        if (intervalMs < 1 || intervalMs > 3_600_000)
        {
            throw new IllegalArgumentException("invalid --interval " + intervalMs + "; expected 1 to 3600000 ms");
        }
        final PrintStream out = new PrintStream(new DecodeCommand.NonClosingOutputStream(parent.stdout()), true,
            StandardCharsets.UTF_8);
        final Path file = choose(dir != null ? dir : CountersFile.defaultDirectory(null), pid, parent.stderr());
        try (CountersFile counters = CountersFile.openForReading(file))
        {
            final CountersReader reader = counters.reader();
            long[] previous = values(reader);
            long previousNs = System.nanoTime();
            while (true)
            {
                Thread.sleep(intervalMs);
                final long[] current = values(reader);
                final long nowNs = System.nanoTime();
                print(out, counters, reader, previous, current, (nowNs - previousNs) / 1e9);
                if (once)
                {
                    return 0;
                }
                if (!Files.exists(file))
                {
                    out.println("counters file removed: the engine has stopped");
                    return 0;
                }
                previous = current;
                previousNs = nowNs;
            }
        }
    }

    private static long[] values(final CountersReader reader)
    {
        final long[] values = new long[reader.maxCounterId() + 1];
        reader.forEach((counterId, label) -> values[counterId] = reader.getCounterValue(counterId));
        return values;
    }

    private void print(
        final PrintStream out,
        final CountersFile file,
        final CountersReader reader,
        final long[] previous,
        final long[] current,
        final double seconds)
    {
        final boolean alive = ProcessHandle.of(file.pid()).map(ProcessHandle::isAlive).orElse(false);
        out.printf(Locale.ROOT, "%s - %s, engine pid %d (%s), started %s%n", Instant.now(), file.path(), file.pid(),
            alive ? "running" : "NOT RUNNING: values are its last", Instant.ofEpochMilli(file.startTimeMs()));
        out.printf(Locale.ROOT, "%5s %20s %14s  %s%n", "id", "value", "rate/s", "label");
        reader.forEach((counterId, label) ->
        {
            final long value = current[counterId];
            if (nonZero && value == 0)
            {
                return;
            }
            final double rate = (value - previous[counterId]) / Math.max(seconds, 1e-9);
            out.printf(Locale.ROOT, "%5d %20d %14.1f  %s%n", counterId, value, rate, label);
        });
        out.println("--");
    }

    /**
     * The counters file to read: the path itself when it is a file; in a directory, the one of the given pid, else the
     * newest of a running engine, else the newest.
     */
    private static Path choose(final Path path, final Long pid, final PrintStream stderr) throws IOException
    {
        if (Files.isRegularFile(path))
        {
            return path;
        }
        if (!Files.isDirectory(path))
        {
            throw new IllegalArgumentException("no counters directory or file at " + path +
                " (is an engine running? see marketprism.counters.dir)");
        }
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(path))
        {
            list.filter((p) -> p.getFileName().toString().endsWith(CountersFile.SUFFIX)).forEach(files::add);
        }
        Path best = null;
        long bestStart = Long.MIN_VALUE;
        boolean bestAlive = false;
        for (final Path candidate : files)
        {
            final long filePid;
            final long start;
            try (CountersFile file = CountersFile.openForReading(candidate))
            {
                filePid = file.pid();
                start = file.startTimeMs();
            }
            catch (final IllegalArgumentException ex)
            {
                stderr.println("marketprism: skipping " + candidate + ": " + ex.getMessage());
                continue;
            }
            if (pid != null)
            {
                if (filePid == pid)
                {
                    return candidate;
                }
                continue;
            }
            final boolean alive = ProcessHandle.of(filePid).map(ProcessHandle::isAlive).orElse(false);
            if ((alive && !bestAlive) || (alive == bestAlive && start > bestStart))
            {
                best = candidate;
                bestStart = start;
                bestAlive = alive;
            }
        }
        if (best == null)
        {
            throw new IllegalArgumentException("no counters file" + (pid != null ? " of pid " + pid : "") + " in " +
                path + " (is an engine running? see marketprism.counters.dir)");
        }
        return best;
    }
}
