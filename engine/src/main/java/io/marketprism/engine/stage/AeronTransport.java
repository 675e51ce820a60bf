/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.marketprism.engine.ThreadingProfile;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;

import java.io.File;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Aeron client the engine publishes with, and by default its own embedded media driver in a unique directory
 * (under {@code /dev/shm} where it exists) that is deleted on start and on close, so that parallel engines and test
 * JVMs never collide. An engine killed without closing (kill -9) leaves its directory behind: the next embedded
 * launch removes every such directory whose engine process is gone ({@link #removeAbandoned(File)}). With an external
 * driver, only the client is connected.
 */
public final class AeronTransport implements AutoCloseable
{
    private static final String PREFIX = "marketprism-aeron-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-[0-9a-f]{8}");

    private final MediaDriver driver;
    private final Aeron aeron;

    private AeronTransport(final MediaDriver driver, final Aeron aeron)
    {
        this.driver = driver;
        this.aeron = aeron;
    }

    /**
     * Removes the embedded drivers' directories under a parent whose engine process no longer runs (named
     * {@code marketprism-aeron-<pid>-<8 hex digits>}, the pid not alive). A directory of a live process is kept, even
     * if that pid now belongs to another program.
     *
     * @param parent where the engines make their driver directories.
     * @return directories removed.
     */
    public static int removeAbandoned(final File parent)
    {
        final File[] entries = parent.listFiles();
        if (entries == null)
        {
            return 0;
        }
        int removed = 0;
        for (final File entry : entries)
        {
            final Matcher matcher = NAME.matcher(entry.getName());
            if (!entry.isDirectory() || !matcher.matches())
            {
                continue;
            }
            final long pid;
            try
            {
                pid = Long.parseLong(matcher.group(1));
            }
            catch (final NumberFormatException ex)
            {
                continue;
            }
            if (ProcessHandle.of(pid).isEmpty())
            {
                IoUtil.delete(entry, true);
                if (!entry.exists())
                {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Launches an embedded driver and connects to it.
     *
     * @param profile threading profile: {@code dev} runs the driver's agents on one shared thread with backoff.
     * @return the transport.
     */
    public static AeronTransport launchEmbedded(final ThreadingProfile profile)
    {
        final File shm = new File("/dev/shm");
        final File parent = shm.isDirectory() && shm.canWrite() ? shm : new File(System.getProperty("java.io.tmpdir"));
        removeAbandoned(parent);
        final String directory = new File(parent, PREFIX + ProcessHandle.current().pid() + "-" +
            UUID.randomUUID().toString().substring(0, 8)).getAbsolutePath();

        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(directory)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(true);
        if (profile == ThreadingProfile.DEV)
        {
            context.threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(profile.newIdleStrategy());
        }
        else
        {
            context.threadingMode(ThreadingMode.DEDICATED)
                .conductorIdleStrategy(profile.newIdleStrategy())
                .senderIdleStrategy(profile.newIdleStrategy())
                .receiverIdleStrategy(profile.newIdleStrategy());
        }
        final MediaDriver driver = MediaDriver.launch(context);
        try
        {
            final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            return new AeronTransport(driver, aeron);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
    }

    /**
     * Connects to a media driver that is already running.
     *
     * @param aeronDirectory the driver's directory.
     * @return the transport.
     */
    public static AeronTransport connectExternal(final String aeronDirectory)
    {
        return new AeronTransport(null, Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory)));
    }

    /**
     * @return the connected client.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * @return the driver's directory, for consumers that want to connect to it.
     */
    public String aeronDirectoryName()
    {
        return aeron.context().aeronDirectoryName();
    }

    /**
     * Adds an exclusive publication.
     *
     * @param channel  Aeron channel URI.
     * @param streamId stream id.
     * @return the publication.
     */
    public Publication addPublication(final String channel, final int streamId)
    {
        return aeron.addExclusivePublication(channel, streamId);
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}
