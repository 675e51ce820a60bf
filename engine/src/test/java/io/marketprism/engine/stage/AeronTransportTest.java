/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class AeronTransportTest
{
    @TempDir
    Path parent;

    @Test
    void shouldRemoveOnlyTheDriverDirectoriesOfProcessesThatAreGone() throws Exception
    {
        final long deadPid = deadPid();
        final long livePid = ProcessHandle.current().pid();
        final Path abandoned = driverDirectory("marketprism-aeron-" + deadPid + "-0a1b2c3d");
        final Path live = driverDirectory("marketprism-aeron-" + livePid + "-0a1b2c3d");
        final Path notOurs = driverDirectory("marketprism-aeron-" + deadPid + "-notours");
        final Path otherName = driverDirectory("aeron-" + deadPid + "-0a1b2c3d");
        final Path file = Files.writeString(parent.resolve("marketprism-aeron-" + deadPid + "-0a1b2c3e"), "x");

        assertEquals(1, AeronTransport.removeAbandoned(parent.toFile()));
        assertFalse(Files.exists(abandoned), "the dead engine's directory");
        assertTrue(Files.exists(live.resolve("cnc.dat")), "a live engine's directory");
        assertTrue(Files.exists(notOurs) && Files.exists(otherName) && Files.exists(file), "other names");
        assertEquals(0, AeronTransport.removeAbandoned(new File(parent.toFile(), "missing")));
    }

    private Path driverDirectory(final String name) throws IOException
    {
        final Path directory = Files.createDirectory(parent.resolve(name));
        Files.writeString(directory.resolve("cnc.dat"), "driver");
        return directory;
    }

    /**
     * The pid of a process that has ended (and not been reused since, which the test checks).
     */
    private static long deadPid() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        final long pid = process.pid();
        assertTrue(ProcessHandle.of(pid).isEmpty(), "pid " + pid + " still in use");
        return pid;
    }
}
