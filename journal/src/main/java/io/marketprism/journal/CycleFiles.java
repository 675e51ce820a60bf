/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import net.openhft.chronicle.queue.RollCycle;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The cycle files of a journal of one roll cycle: cycle {@code c} covers {@code [c, c + 1)} cycle lengths since the
 * epoch, UTC, and is the file {@code <name>.cq4}, its name the cycle's start in the roll cycle's format. Such names
 * sort in time order, which is how cycles are compared and found here without parsing dates.
 */
final class CycleFiles
{
    static final String SUFFIX = ".cq4";

    private final long cycleMs;
    private final DateTimeFormatter names;
    private final int nameLength;

    CycleFiles(final RollCycle rollCycle)
    {
        this.cycleMs = rollCycle.lengthInMillis();
        this.names = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
        this.nameLength = names.format(Instant.EPOCH).length();
    }

    /**
     * @return the length of a cycle, ms.
     */
    long cycleMs()
    {
        return cycleMs;
    }

    /**
     * @param cycle a cycle number.
     * @return its file's name without the suffix.
     */
    String name(final long cycle)
    {
        return names.format(Instant.ofEpochMilli(cycle * cycleMs));
    }

    /**
     * @param directory a journal directory.
     * @return the names (without the suffix) of its cycle files of this roll cycle, oldest first; other files are
     * left out.
     * @throws JournalException when the directory cannot be listed.
     */
    List<String> list(final Path directory)
    {
        final List<String> cycles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX))
        {
            for (final Path file : files)
            {
                final String name = cycleName(file.getFileName().toString());
                if (name != null)
                {
                    cycles.add(name);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot list journal " + directory + ": " + ex.getMessage(), ex);
        }
        Collections.sort(cycles);
        return cycles;
    }

    /**
     * The cycle a name stands for, found by its order among the names of the cycles in a range.
     *
     * @param name  a cycle name.
     * @param low   the lowest cycle it may be.
     * @param high  the highest.
     * @return the cycle, or -1 when no cycle in the range has that name.
     */
    int cycleOf(final String name, final int low, final int high)
    {
        int lo = low;
        int hi = high;
        while (lo < hi)
        {
            final int mid = (int)(((long)lo + hi) >>> 1);
            if (name(mid).compareTo(name) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo <= high && name(lo).equals(name) ? lo : -1;
    }

    private String cycleName(final String fileName)
    {
        if (!fileName.endsWith(SUFFIX) || fileName.length() != nameLength + SUFFIX.length())
        {
            return null;
        }
        final String name = fileName.substring(0, nameLength);
        try
        {
            names.parse(name);
            return name;
        }
        catch (final DateTimeException ex)
        {
            return null;
        }
    }
}
