/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's counters in a memory-mapped file, so that another process ({@code marketprism stat}) can read them
 * while the engine runs, or is wedged: reading needs nothing from the engine but its memory.
 * <pre>
 *   0                   4                   8
 *   +-------------------+-------------------+
 *   | magic "MPCT"      | layout version    |   version written last, with release semantics: 0 = not ready
 *   +-------------------+-------------------+
 *   | pid (long)                            |
 *   +---------------------------------------+
 *   | start time, ms since the epoch (long) |
 *   +-------------------+-------------------+
 *   | metadata length   | values length     |
 *   +-------------------+-------------------+
 *   | ... reserved up to HEADER_LENGTH      |
 *   +---------------------------------------+
 *   | CountersManager metadata buffer       |   metadata length bytes
 *   +---------------------------------------+
 *   | CountersManager values buffer         |   values length bytes
 *   +---------------------------------------+
 * </pre>
 * Little-endian like every Agrona buffer. The engine creates the file under the configured directory with a name
 * unique to the process and the instance ({@code <pid>-<n>.counters}) and deletes it on close or on a clean JVM exit.
 */
public final class CountersFile implements AutoCloseable
{
    /** "MPCT" as a little-endian int: the first four bytes of every counters file. */
    public static final int MAGIC = 0x5443504D;
    /** The layout this code writes and reads. */
    public static final int LAYOUT_VERSION = 1;
    /** Offset of {@link #MAGIC}. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version. */
    public static final int VERSION_OFFSET = 4;
    /** Offset of the engine's process id. */
    public static final int PID_OFFSET = 8;
    /** Offset of the engine's start time, ms since the epoch. */
    public static final int START_TIME_OFFSET = 16;
    /** Offset of the metadata buffer's length. */
    public static final int METADATA_LENGTH_OFFSET = 24;
    /** Offset of the values buffer's length. */
    public static final int VALUES_LENGTH_OFFSET = 28;
    /** Bytes before the metadata buffer; keeps both buffers cache-line aligned. */
    public static final int HEADER_LENGTH = 128;
    /** File name suffix. */
    public static final String SUFFIX = ".counters";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer metadata;
    private final UnsafeBuffer values;
    private final long pid;
    private final long startTimeMs;
    private final Thread deleteOnExit;
    private boolean closed;

    private CountersFile(final Path path, final MappedByteBuffer mapped, final Thread deleteOnExit)
    {
        this.path = path;
        this.mapped = mapped;
        this.deleteOnExit = deleteOnExit;
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        this.pid = header.getLong(PID_OFFSET);
        this.startTimeMs = header.getLong(START_TIME_OFFSET);
        this.metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        this.values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);
    }

    /**
     * Creates a new counters file for this process in a directory (created when missing).
     *
     * @param directory   where; e.g. the value of {@link EngineConfiguration.Context#countersDir()}.
     * @param maxCounters how many counters the file can hold.
     * @return the mapped file, header written.
     * @throws UncheckedIOException when the file cannot be created or mapped.
     */
    public static CountersFile create(final Path directory, final int maxCounters)
    {
        final long pid = ProcessHandle.current().pid();
        final long startTimeMs = System.currentTimeMillis();
        final int metadataLength = maxCounters * CountersReader.METADATA_LENGTH;
        final int valuesLength = maxCounters * CountersReader.COUNTER_LENGTH;
        final Path path;
        try
        {
            Files.createDirectories(directory);
            Path candidate;
            do
            {
                candidate = directory.resolve(pid + "-" + INSTANCES.incrementAndGet() + SUFFIX);
            }
            while (Files.exists(candidate));
            path = candidate;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the counters directory " + directory + ": " + ex, ex);
        }

        final MappedByteBuffer mapped = IoUtil.mapNewFile(path.toFile(), HEADER_LENGTH + metadataLength + valuesLength);
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        header.putLong(PID_OFFSET, pid);
        header.putLong(START_TIME_OFFSET, startTimeMs);
        header.putInt(METADATA_LENGTH_OFFSET, metadataLength);
        header.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        header.putInt(MAGIC_OFFSET, MAGIC);
        header.putIntRelease(VERSION_OFFSET, LAYOUT_VERSION);

        final Path toDelete = path;
        final Thread hook = new Thread(() -> deleteQuietly(toDelete), "marketprism-counters-delete");
        Runtime.getRuntime().addShutdownHook(hook);
        return new CountersFile(path, mapped, hook);
    }

    /**
     * Maps an existing counters file for reading, checking its header.
     *
     * @param path the file.
     * @return the file, mapped read-only; close it to unmap.
     * @throws IllegalArgumentException naming what is wrong: missing, not a counters file, another layout version,
     *                                  truncated.
     */
    public static CountersFile openForReading(final Path path)
    {
        final MappedByteBuffer mapped = MappedFiles.mapReadOnly(path, HEADER_LENGTH, "counters file");

        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        try
        {
            final int magic = header.getInt(MAGIC_OFFSET);
            if (magic != MAGIC)
            {
                throw new IllegalArgumentException(path + " is not a MarketPrism counters file (magic 0x" +
                    Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC) + ")");
            }
            final int version = header.getIntVolatile(VERSION_OFFSET);
            if (version == 0)
            {
                throw new IllegalArgumentException("counters file " + path + " is not initialised yet (version 0)");
            }
            if (version != LAYOUT_VERSION)
            {
                throw new IllegalArgumentException("counters file " + path + " has layout version " + version +
                    "; this build reads version " + LAYOUT_VERSION + " (engine and tool come from different releases)");
            }
            final long metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
            final long valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
            if (metadataLength <= 0 || valuesLength <= 0 ||
                metadataLength != valuesLength / CountersReader.COUNTER_LENGTH * CountersReader.METADATA_LENGTH ||
                valuesLength % CountersReader.COUNTER_LENGTH != 0 ||
                HEADER_LENGTH + metadataLength + valuesLength > mapped.capacity())
            {
                throw new IllegalArgumentException("counters file " + path + " is truncated or corrupt (metadata " +
                    metadataLength + " bytes, values " + valuesLength + " bytes, file " + mapped.capacity() +
                    " bytes)");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            IoUtil.unmap(mapped);
            throw ex;
        }
        return new CountersFile(path, mapped, null);
    }

    /**
     * @param directory the default directory when the setting is empty: {@code <java.io.tmpdir>/marketprism-counters}.
     * @return the directory counters files are created in.
     */
    public static Path defaultDirectory(final Path directory)
    {
        return directory != null ? directory :
            Path.of(System.getProperty("java.io.tmpdir"), "marketprism-counters");
    }

    /**
     * @return the file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return the engine's process id, from the header.
     */
    public long pid()
    {
        return pid;
    }

    /**
     * @return the engine's start time, ms since the epoch, from the header.
     */
    public long startTimeMs()
    {
        return startTimeMs;
    }

    /**
     * @return the counters' metadata buffer (labels, type ids, keys).
     */
    public UnsafeBuffer metadataBuffer()
    {
        return metadata;
    }

    /**
     * @return the counters' values buffer.
     */
    public UnsafeBuffer valuesBuffer()
    {
        return values;
    }

    /**
     * @return a reader over the counters.
     */
    public CountersReader reader()
    {
        return new CountersReader(metadata, values);
    }

    /**
     * A reader's file is unmapped. The engine's own file is deleted but stays mapped until the buffers are collected:
     * a stage thread that outlived a halted pipeline may still write a counter, and writing to unmapped memory would
     * crash the JVM.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (deleteOnExit == null)
        {
            IoUtil.unmap(mapped);
        }
        else
        {
            deleteQuietly(path);
            try
            {
                Runtime.getRuntime().removeShutdownHook(deleteOnExit);
            }
            catch (final IllegalStateException ex)
            {
                // the JVM is already shutting down: the hook deletes the file too, harmlessly
                return;
            }
        }
    }

    private static void deleteQuietly(final Path path)
    {
        final File file = path.toFile();
        if (file.exists() && !file.delete())
        {
            file.deleteOnExit();
        }
    }
}
