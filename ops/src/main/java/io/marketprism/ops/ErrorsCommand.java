/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.CountersFile;
import io.marketprism.engine.ErrorLog;
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
 * {@code errors}: the distinct errors of engines, read from their error log files ({@code <pid>-<n>.errors}, see
 * {@link ErrorLog}) by this separate process: for each distinct error its count, first and last time and stack trace.
 * A log holding errors outlives its engine, so this also reads them after a crash.
 */
@Command(
    name = "errors",
    mixinStandardHelpOptions = true,
    description = "Print the distinct errors (count, first/last time, stack) recorded in engines' error logs.")
public final class ErrorsCommand implements Callable<Integer>
{
    @ParentCommand
    private MarketPrism parent;

    @Option(names = "--dir", description = "directory of the error logs, or one error log file " +
        "(default: <java.io.tmpdir>/marketprism-counters, beside the counters)")
    private Path dir;

    @Override
    public Integer call() throws IOException
    {
        final PrintStream out = new PrintStream(new DecodeCommand.NonClosingOutputStream(parent.stdout()), true,
            StandardCharsets.UTF_8);
        final Path where = dir != null ? dir : CountersFile.defaultDirectory(null);
        final List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(where))
        {
            files.add(where);
        }
        else if (Files.isDirectory(where))
        {
            try (Stream<Path> list = Files.list(where))
            {
                list.filter((p) -> p.getFileName().toString().endsWith(ErrorLog.SUFFIX)).sorted().forEach(files::add);
            }
        }
        else if (dir != null)
        {
            throw new IllegalArgumentException("no error log directory or file at " + where);
        }
        if (files.isEmpty())
        {
            out.println("no errors recorded in " + where + " (an engine deletes its error log when it stops " +
                "without errors)");
            return 0;
        }
        for (final Path file : files)
        {
            final List<String> entries = new ArrayList<>();
            final long[] header;
            try
            {
                header = ErrorLog.read(file, (count, firstMs, lastMs, stack) -> entries.add(String.format(Locale.ROOT,
                    "count %d, first %s, last %s%n%s", count, Instant.ofEpochMilli(firstMs),
                    Instant.ofEpochMilli(lastMs), stack.stripTrailing())));
            }
            catch (final IllegalArgumentException ex)
            {
                if (dir != null && Files.isRegularFile(dir))
                {
                    throw ex;
                }
                parent.stderr().println("marketprism: skipping " + file + ": " + ex.getMessage());
                continue;
            }
            final boolean alive = ProcessHandle.of(header[0]).map(ProcessHandle::isAlive).orElse(false);
            out.printf(Locale.ROOT, "%s: engine pid %d (%s), started %s, %d distinct error%s%n", file, header[0],
                alive ? "running" : "not running", Instant.ofEpochMilli(header[1]), header[2],
                header[2] == 1 ? "" : "s");
            for (final String entry : entries)
            {
                out.println(entry);
                out.println();
            }
        }
        return 0;
    }
}
