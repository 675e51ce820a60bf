/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The writer's claim on a journal directory: an operating-system lock on {@link #FILE_NAME}, held while a
 * {@link JournalWriter} is open and released by the OS when its process dies (also by {@code kill -9}), so a crashed
 * engine never leaves a journal looking busy. Readers check it without taking it, and without modifying anything.
 */
public final class JournalLock implements AutoCloseable
{
    /** Name of the lock file in the journal directory. */
    public static final String FILE_NAME = "marketprism-writer.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the writer's lock.
     *
     * @param directory the journal directory (created when missing).
     * @return the held lock.
     * @throws JournalException when another writer holds it.
     */
    public static JournalLock acquire(final Path directory)
    {
        FileChannel channel = null;
        try
        {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                throw new JournalException(busyMessage(directory));
            }
            return new JournalLock(channel, lock);
        }
        catch (final OverlappingFileLockException ex)
        {
            closeQuietly(channel);
            throw new JournalException(busyMessage(directory), ex);
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new JournalException("cannot lock journal " + directory + ": " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            closeQuietly(channel);
            throw ex;
        }
    }

    /**
     * @param directory a journal directory.
     * @return true when a live writer (in this or another process) holds the directory's lock.
     */
    public static boolean isHeld(final Path directory)
    {
        final Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file))
        {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null)
            {
                return true;
            }
            probe.release();
            return false;
        }
        catch (final OverlappingFileLockException ex)
        {
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static String busyMessage(final Path directory)
    {
        return "journal " + directory + " is being written by a live engine (" + FILE_NAME + " is locked)";
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // nothing more to release
            }
        }
    }

    @Override
    public void close()
    {
        try
        {
            lock.release();
        }
        catch (final IOException ignored)
        {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }
}
