/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class JournalLockTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldRefuseASecondLockAndReleaseOnClose()
    {
        final Path directory = tempDir.resolve("a").resolve("journal");
        assertFalse(JournalLock.isHeld(directory), "no lock file yet");
        final JournalLock first = JournalLock.acquire(directory);
        assertTrue(Files.isRegularFile(directory.resolve(JournalLock.FILE_NAME)), "directory and lock file created");
        assertTrue(JournalLock.isHeld(directory));

        final JournalException busy = assertThrows(JournalException.class, () -> JournalLock.acquire(directory));
        assertTrue(busy.getMessage().contains("is being written by a live engine"), busy.getMessage());
        assertTrue(busy.getMessage().contains(directory.toString()), busy.getMessage());
        assertFalse(busy.isNoJournal());
        assertTrue(JournalLock.isHeld(directory), "a refused attempt does not release the holder's lock");

        first.close();
        assertFalse(JournalLock.isHeld(directory));
        assertTrue(Files.isRegularFile(directory.resolve(JournalLock.FILE_NAME)), "the lock file stays");
        final JournalLock again = JournalLock.acquire(directory);
        assertTrue(JournalLock.isHeld(directory));
        again.close();
        assertFalse(JournalLock.isHeld(directory));
    }

    @Test
    void shouldRefuseASecondWriterAndLetAReaderSeeTheJournalLocked()
    {
        final Path directory = tempDir.resolve("journal");
        try (JournalWriter writer = new JournalWriter(directory, "FAST_HOURLY", 1L << 20))
        {
            writer.prepare();
            final JournalException second = assertThrows(JournalException.class,
                () -> new JournalWriter(directory, "FAST_HOURLY", 1L << 20));
            assertTrue(second.getMessage().contains(JournalLock.FILE_NAME + " is locked"), second.getMessage());
            assertTrue(JournalLock.isHeld(directory));

            final JournalException reader = assertThrows(JournalException.class, () -> JournalReader.open(directory));
            assertTrue(reader.getMessage().contains("being written by a live engine"), reader.getMessage());
            assertTrue(reader.getMessage().contains("replay a copy"), reader.getMessage());
            assertFalse(reader.isNoJournal());
        }
        assertFalse(JournalLock.isHeld(directory), "released when the writer closes");
        final JournalWriter reopened = new JournalWriter(directory, "FAST_HOURLY", 1L << 20);
        assertTrue(JournalLock.isHeld(directory));
        reopened.close();
    }

    @Test
    void shouldReleaseTheLockWhenTheWriterCannotOpenTheQueue()
    {
        final Path directory = tempDir.resolve("bad");
        assertThrows(IllegalArgumentException.class, () -> new JournalWriter(directory, "NOT_A_CYCLE", 1L << 20));
        assertFalse(JournalLock.isHeld(directory), "a failed open must not leave the journal looking busy");
        new JournalWriter(directory, "FAST_HOURLY", 1L << 20).close();
    }

    @Test
    void shouldReportALockFileThatCannotBeCreated() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("plain-file"), "x");
        final JournalException ex = assertThrows(JournalException.class, () -> JournalLock.acquire(file));
        assertTrue(ex.getMessage().startsWith("cannot lock journal " + file), ex.getMessage());
        assertFalse(JournalLock.isHeld(file));
    }
}
