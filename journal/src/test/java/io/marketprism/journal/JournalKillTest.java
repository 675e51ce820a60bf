/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer killed (SIGKILL) with a document half written: a child JVM writes closed documents, then opens one and
 * appends to it without closing it, says so, and waits to be killed. The journal must then read with no error up to
 * the last closed document (the half-written one is not seen), its lock must be stale, and a new writer must append
 * after the closed documents, promptly, with the half-written records gone for good.
 */
final class JournalKillTest
{
    private static final int CLOSED_RECORDS = 1000;
    private static final int RECORDS_PER_DOCUMENT = 100;
    private static final int HALF_WRITTEN_RECORDS = 50;
    private static final int RESTART_RECORDS = 10;
    private static final int RECORD_LENGTH = 48;
    private static final long BLOCK_SIZE = 1 << 20;

    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldReadUpToTheLastClosedDocumentAndAppendAfterItWhenKilledMidDocument() throws Exception
    {
        final Path journal = tempDir.resolve("journal");
        final Process child = startChild(journal);
        try
        {
            final BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            final String line = out.readLine();
            assertEquals("document open", line, "the child reports its open document");
            assertTrue(JournalLock.isHeld(journal), "the child holds the lock");
        }
        finally
        {
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertFalse(JournalLock.isHeld(journal), "the dead writer's lock is stale");

        assertEquals(CLOSED_RECORDS, readAndCheck(journal, CLOSED_RECORDS), "the closed documents, no more");

        final long restartStartNs = System.nanoTime();
        try (JournalWriter writer = new JournalWriter(journal, "FAST_HOURLY", BLOCK_SIZE))
        {
            final UnsafeBuffer record = new UnsafeBuffer(new byte[RECORD_LENGTH]);
            for (int i = 0; i < RESTART_RECORDS; i++)
            {
                fill(record, CLOSED_RECORDS + i);
                assertEquals(JournalWriter.APPENDED, writer.append(record, 0, RECORD_LENGTH));
            }
            writer.flush();
        }
        final long restartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartStartNs);
        assertTrue(restartMs < 5_000, "the restart appended in " + restartMs + " ms");
        System.out.printf("JournalKillTest: killed with %d records in an open document after %d closed; restart " +
            "appended %d records in %d ms%n", HALF_WRITTEN_RECORDS, CLOSED_RECORDS, RESTART_RECORDS, restartMs);
        assertEquals(CLOSED_RECORDS + RESTART_RECORDS, readAndCheck(journal, CLOSED_RECORDS + RESTART_RECORDS),
            "old records, then the new ones");
    }

    /**
     * Reads the journal as replay opens it; every record must be the next in order.
     *
     * @return records read.
     */
    private static int readAndCheck(final Path journal, final int expected)
    {
        int count = 0;
        try (JournalReader reader = JournalReader.open(journal))
        {
            while (reader.next())
            {
                assertEquals(RECORD_LENGTH, reader.recordLength(), "record " + count);
                assertEquals(count, reader.recordBuffer().getInt(reader.recordOffset() + 8, ByteOrder.LITTLE_ENDIAN),
                    "record " + count + " is the next in order");
                count++;
                assertTrue(count <= expected, "more than " + expected + " records");
            }
        }
        return count;
    }

    private static void fill(final UnsafeBuffer record, final int index)
    {
        record.setMemory(0, RECORD_LENGTH, (byte)0);
        record.putShort(0, (short)(RECORD_LENGTH - JournalFormat.HEADER_LENGTH), ByteOrder.LITTLE_ENDIAN);
        record.putShort(2, (short)1, ByteOrder.LITTLE_ENDIAN);
        record.putShort(4, (short)JournalFormat.NORMALIZED_SCHEMA_ID, ByteOrder.LITTLE_ENDIAN);
        record.putShort(6, (short)1, ByteOrder.LITTLE_ENDIAN);
        record.putInt(8, index, ByteOrder.LITTLE_ENDIAN);
        record.putByte(12 + 4, (byte)1);
    }

    private Process startChild(final Path journal) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                argument.startsWith("--sun-misc") || argument.startsWith("-Dchronicle."))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx256m");
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HalfWritingChild.class.getName());
        command.add(journal.toString());
        return new ProcessBuilder(command)
            .redirectError(tempDir.resolve("child.err").toFile())
            .start();
    }

    /**
     * The child JVM: closed documents, then one left open; then it waits on its stdin, which the test never writes.
     */
    static final class HalfWritingChild
    {
        private HalfWritingChild()
        {
        }

        /**
         * @param args the journal directory.
         * @throws Exception when stdin fails.
         */
        public static void main(final String[] args) throws Exception
        {
            final JournalWriter writer = new JournalWriter(Path.of(args[0]), "FAST_HOURLY", BLOCK_SIZE);
            writer.prepare();
            final UnsafeBuffer record = new UnsafeBuffer(new byte[RECORD_LENGTH]);
            for (int i = 0; i < CLOSED_RECORDS; i++)
            {
                fill(record, i);
                writer.append(record, 0, RECORD_LENGTH);
                if ((i + 1) % RECORDS_PER_DOCUMENT == 0)
                {
                    writer.flush();
                }
            }
            for (int i = 0; i < HALF_WRITTEN_RECORDS; i++)
            {
                fill(record, -1 - i);
                writer.append(record, 0, RECORD_LENGTH);
            }
            System.out.println("document open");
            System.out.flush();
            final int ignored = System.in.read();
            System.exit(1);
        }
    }
}
