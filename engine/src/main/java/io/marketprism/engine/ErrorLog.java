/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's distinct error log: unexpected exceptions (a stage, an agent, a feed session, the HTTP endpoints, the
 * journal) recorded once per distinct error - same class, message and stack - with an observation count and the first
 * and last time, in a memory-mapped file that another process reads ({@code marketprism errors}), like Aeron's
 * {@code cnc} error log. Agrona's {@link DistinctErrorLog} does the recording.
 * <pre>
 *   0                   4                   8
 *   +-------------------+-------------------+
 *   | magic "MPER"      | layout version    |   version written last, with release semantics: 0 = not ready
 *   +-------------------+-------------------+
 *   | pid (long)                            |
 *   +---------------------------------------+
 *   | start time, ms since the epoch (long) |
 *   +-------------------+-------------------+
 *   | log length        | reserved ...      |
 *   +-------------------+-------------------+
 *   | DistinctErrorLog buffer               |   log length bytes
 *   +---------------------------------------+
 * </pre>
 * The file ({@code <pid>-<n>.errors}, in the counters directory) outlives the engine when it holds errors, so they can
 * be read after a crash; an empty one is deleted on close. Each error is also logged once through SLF4J (the
 * asynchronous binding of the application) when it is first seen. Recording allocates (the stack trace as text), so
 * it is only ever called on an exception: the data path counts its expected failures and never gets here.
 */
public final class ErrorLog implements ErrorHandler, AutoCloseable
{
    /** "MPER" as a little-endian int. */
    public static final int MAGIC = 0x5245504D;
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
    /** Offset of the log buffer's length. */
    public static final int LOG_LENGTH_OFFSET = 24;
    /** Bytes before the log buffer. */
    public static final int HEADER_LENGTH = 128;
    /** Default bytes of the log buffer. */
    public static final int DEFAULT_LOG_LENGTH = 1024 * 1024;
    /** File name suffix. */
    public static final String SUFFIX = ".errors";

    private static final Logger LOGGER = LoggerFactory.getLogger(ErrorLog.class);
    private static final int MAX_LOGGED_DISTINCT = 1000;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Path path;
    private final MappedByteBuffer mapped;
    private final DistinctErrorLog log;
    private final AtomicLong observations = new AtomicLong();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private ErrorHandler counter;
    private boolean closed;

    private ErrorLog(final Path path, final MappedByteBuffer mapped, final int logLength)
    {
        this.path = path;
        this.mapped = mapped;
        this.log = new DistinctErrorLog(new UnsafeBuffer(mapped, HEADER_LENGTH, logLength), SystemEpochClock.INSTANCE);
    }

    /**
     * Creates a new error log for this process in a directory (created when missing).
     *
     * @param directory where, e.g. the counters directory.
     * @param logLength bytes of the log buffer, a multiple of 8.
     * @return the log.
     * @throws UncheckedIOException when the file cannot be created.
     */
    public static ErrorLog create(final Path directory, final int logLength)
    {
        final long pid = ProcessHandle.current().pid();
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
            throw new UncheckedIOException("cannot create the error log directory " + directory + ": " + ex, ex);
        }
        final MappedByteBuffer mapped = IoUtil.mapNewFile(path.toFile(), HEADER_LENGTH + logLength);
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        header.putLong(PID_OFFSET, pid);
        header.putLong(START_TIME_OFFSET, System.currentTimeMillis());
        header.putInt(LOG_LENGTH_OFFSET, logLength);
        header.putInt(MAGIC_OFFSET, MAGIC);
        header.putIntRelease(VERSION_OFFSET, LAYOUT_VERSION);
        return new ErrorLog(path, mapped, logLength);
    }

    /**
     * @param handler also told of every error, e.g. the errors counter; null for none.
     * @return this.
     */
    public ErrorLog counter(final ErrorHandler handler)
    {
        this.counter = handler;
        return this;
    }

    /**
     * Records an unexpected exception: counted, kept once per distinct error in the file, logged when first seen.
     *
     * @param throwable the exception.
     */
    @Override
    public void onError(final Throwable throwable)
    {
        observations.incrementAndGet();
        final ErrorHandler extra = counter;
        if (extra != null)
        {
            extra.onError(throwable);
        }
        final boolean recorded;
        synchronized (this)
        {
            recorded = !closed && log.record(throwable);
        }
        final StackTraceElement[] stack = throwable.getStackTrace();
        final String key = throwable.getClass().getName() + ": " + throwable.getMessage() + " at " +
            (stack.length > 0 ? stack[0] : "?");
        if (logged.size() < MAX_LOGGED_DISTINCT && logged.add(key))
        {
            LOGGER.error("unexpected error (first of its kind; `marketprism errors` counts them){}",
                recorded ? "" : " - the error log is full, not recorded there", throwable);
        }
    }

    /**
     * @return the file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return errors recorded by this process (every observation, not only distinct ones).
     */
    public long observations()
    {
        return observations.get();
    }

    /**
     * Reads the distinct errors of an error log file, from any process.
     *
     * @param file     an error log file.
     * @param consumer told each distinct error: count, first and last time (ms since the epoch) and the stack trace.
     * @return the engine's pid and start time (ms), and the number of distinct errors: {pid, startMs, distinct}.
     * @throws IllegalArgumentException naming what is wrong: missing, not an error log, another layout version.
     */
    public static long[] read(final Path file, final ErrorConsumer consumer)
    {
        final MappedByteBuffer mapped = MappedFiles.mapReadOnly(file, HEADER_LENGTH, "error log");
        try
        {
            final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
            final int magic = header.getInt(MAGIC_OFFSET);
            if (magic != MAGIC)
            {
                throw new IllegalArgumentException(file + " is not a MarketPrism error log (magic 0x" +
                    Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC) + ")");
            }
            final int version = header.getIntVolatile(VERSION_OFFSET);
            if (version != LAYOUT_VERSION)
            {
                throw new IllegalArgumentException("error log " + file + " has layout version " + version +
                    "; this build reads version " + LAYOUT_VERSION);
            }
            final int logLength = header.getInt(LOG_LENGTH_OFFSET);
            if (logLength <= 0 || HEADER_LENGTH + (long)logLength > mapped.capacity())
            {
                throw new IllegalArgumentException("error log " + file + " is truncated or corrupt (log " + logLength +
                    " bytes, file " + mapped.capacity() + " bytes)");
            }
            final int distinct = ErrorLogReader.read(new UnsafeBuffer(mapped, HEADER_LENGTH, logLength), consumer);
            return new long[] { header.getLong(PID_OFFSET), header.getLong(START_TIME_OFFSET), distinct };
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    /**
     * Stops recording; deletes the file when it holds no error, keeps it otherwise (it is read after the engine has
     * gone). The mapping stays until collected: a thread that outlived the engine may still report an error.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (observations.get() == 0)
        {
            try
            {
                Files.deleteIfExists(path);
            }
            catch (final IOException ex)
            {
                path.toFile().deleteOnExit();
            }
        }
        mapped.force();
    }
}
