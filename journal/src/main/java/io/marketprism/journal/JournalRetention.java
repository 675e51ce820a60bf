/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Deletes a journal's cycle files once every record in them is older than the retention: a file covers one roll
 * cycle, {@code [start, start + cycle length)} in UTC, and goes when its cycle ended more than the retention ago.
 * The newest cycle file (the one being written) is never deleted, whatever the times say; nothing but cycle files
 * ({@code <cycle name>.cq4} of the journal's roll cycle) is touched. Chronicle names cycle files so that they sort
 * in time order, which is how expired files are found: by name, against the name of the last expired cycle.
 * <p>
 * Runs off the hot path (the engine's housekeeping thread); a reader that has a deleted file open keeps reading it
 * (the mapping outlives the name), and a reader opened later starts at the oldest file left.
 */
public final class JournalRetention
{
    private final Path directory;
    private final CycleFiles cycleFiles;
    private final long retentionMs;
    private long deletedFiles;

    /**
     * @param directory   the journal's directory.
     * @param rollCycle   its roll cycle name, e.g. {@code FAST_HOURLY}.
     * @param retentionMs how long records are kept, at least 1 ms.
     */
    public JournalRetention(final Path directory, final String rollCycle, final long retentionMs)
    {
        if (retentionMs < 1)
        {
            throw new IllegalArgumentException("retentionMs must be >= 1: " + retentionMs);
        }
        this.directory = directory;
        this.cycleFiles = new CycleFiles(JournalReader.rollCycle(rollCycle));
        this.retentionMs = retentionMs;
    }

    /**
     * Deletes the cycle files that expired by a time.
     *
     * @param nowMs the time, ms since the epoch.
     * @return files deleted now.
     * @throws JournalException when the directory cannot be listed or a file cannot be deleted.
     */
    public int deleteExpired(final long nowMs)
    {
        final long lastExpiredCycle = Math.floorDiv(nowMs - retentionMs, cycleFiles.cycleMs()) - 1;
        if (lastExpiredCycle < 0)
        {
            return 0;
        }
        final String lastExpired = cycleFiles.name(lastExpiredCycle);
        final List<String> cycles = cycleFiles.list(directory);
        int deleted = 0;
        // the newest, last in order, is the one being written
        for (int i = 0; i < cycles.size() - 1 && cycles.get(i).compareTo(lastExpired) <= 0; i++)
        {
            final Path file = directory.resolve(cycles.get(i) + CycleFiles.SUFFIX);
            try
            {
                Files.deleteIfExists(file);
                deleted++;
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot delete expired journal file " + file + ": " + ex.getMessage(), ex);
            }
        }
        deletedFiles += deleted;
        return deleted;
    }

    /**
     * @return files deleted so far.
     */
    public long deletedFiles()
    {
        return deletedFiles;
    }
}
