/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import net.openhft.chronicle.queue.RollCycles;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class JournalRoundTripTest
{
    private static final String ROLL_CYCLE = "FAST_HOURLY";
    private static final long BLOCK_SIZE = 4L * 1024 * 1024;
    private static final int RECORD_HEADER = Integer.BYTES;
    private static final int MAX_MESSAGE = 200 * 1024;


    @TempDir
    Path tempDir;

    @Test
    void shouldReadBackEveryMessageByteIdenticalAndInOrder()
    {
        final Path directory = tempDir.resolve("journal");
        final SplittableRandom random = new SplittableRandom(20260402L);
        final int count = 3000;
        final int[] lengths = new int[count];
        for (int i = 0; i < count; i++)
        {
            lengths[i] = randomLength(random);
        }
        lengths[10] = 1;
        lengths[11] = JournalWriter.DOCUMENT_BYTES - RECORD_HEADER;
        lengths[12] = JournalWriter.DOCUMENT_BYTES - RECORD_HEADER + 1;
        lengths[13] = MAX_MESSAGE;
        lengths[14] = MAX_MESSAGE;
        lengths[15] = 1;

        final Set<Integer> flushedAfter = new HashSet<>();
        final UnsafeBuffer source = new UnsafeBuffer(new byte[MAX_MESSAGE + 16]);
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE))
        {
            assertEquals(directory, writer.directory());
            for (int i = 0; i < count; i++)
            {
                fill(source, 7, i, lengths[i]);
                writer.append(source, 7, lengths[i]);
                if (random.nextInt(40) == 0)
                {
                    writer.flush();
                    flushedAfter.add(i);
                }
            }
            assertEquals(count, writer.appended());
        }

        final List<Long> documentOfMessage = readAll(directory, lengths, 7);
        assertEquals(count, documentOfMessage.size());
        assertDocumentsFollowTheGroupingRule(lengths, flushedAfter, documentOfMessage);
    }

    @Test
    void shouldGiveAMessageLargerThanADocumentADocumentOfItsOwn()
    {
        final Path directory = tempDir.resolve("large");
        final int[] lengths = { 100, 100, MAX_MESSAGE, 100, JournalWriter.DOCUMENT_BYTES, 100, 100 };
        final UnsafeBuffer source = new UnsafeBuffer(new byte[MAX_MESSAGE]);
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE))
        {
            for (int i = 0; i < lengths.length; i++)
            {
                fill(source, 0, i, lengths[i]);
                writer.append(source, 0, lengths[i]);
            }
        }

        final List<Long> documents = readAll(directory, lengths, 0);
        assertEquals(documents.get(0), documents.get(1));
        assertNotEquals(documents.get(1), documents.get(2));
        assertNotEquals(documents.get(2), documents.get(3));
        assertNotEquals(documents.get(3), documents.get(4));
        assertNotEquals(documents.get(4), documents.get(5));
        assertEquals(documents.get(5), documents.get(6));
        assertEquals(5, new HashSet<>(documents).size());
    }

    @Test
    void shouldDeliverAtMostTheDocumentLimitPerPoll()
    {
        final Path directory = tempDir.resolve("limits");
        final UnsafeBuffer source = new UnsafeBuffer(new byte[64]);
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE))
        {
            int sequence = 0;
            for (int document = 0; document < 5; document++)
            {
                for (int message = 0; message < 3; message++)
                {
                    fill(source, 0, sequence++, 64);
                    writer.append(source, 0, 64);
                }
                writer.flush();
            }
        }

        final List<Integer> sequences = new ArrayList<>();
        final JournalReader.Handler handler = (buffer, offset, length, index) ->
        {
            assertEquals(64, length);
            sequences.add(buffer.getInt(offset + 60));
        };
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(0, reader.poll(handler, 0));
            assertEquals(3, reader.poll(handler, 1));
            assertEquals(6, reader.poll(handler, 2));
            assertEquals(6, reader.poll(handler, 10));
            assertEquals(0, reader.poll(handler, 10));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), sequences);
    }

    @Test
    void shouldMakeMessagesVisibleToAReaderOnlyOnFlush()
    {
        final Path directory = tempDir.resolve("visibility");
        final UnsafeBuffer source = new UnsafeBuffer(new byte[256]);
        final List<Integer> lengths = new ArrayList<>();
        final JournalReader.Handler handler = (buffer, offset, length, index) -> lengths.add(length);
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE))
        {
            fill(source, 0, 0, 10);
            writer.append(source, 0, 10);
            writer.flush();
            try (JournalReader reader = new JournalReader(directory))
            {
                assertEquals(1, reader.poll(handler, 10));
                fill(source, 0, 1, 20);
                writer.append(source, 0, 20);
                fill(source, 0, 2, 30);
                writer.append(source, 0, 30);
                assertEquals(0, reader.poll(handler, 10));

                writer.flush();
                assertEquals(2, reader.poll(handler, 10));
                assertEquals(0, reader.poll(handler, 10));
            }
        }
        assertEquals(List.of(10, 20, 30), lengths);
    }

    @Test
    void shouldRefuseADirectoryWithoutAJournal() throws Exception
    {
        final Path empty = Files.createDirectory(tempDir.resolve("empty"));
        final JournalException noFiles =
            assertThrows(JournalException.class, () -> new JournalReader(empty));
        assertTrue(noFiles.getMessage().contains("no journal at " + empty), noFiles.getMessage());

        final Path missing = tempDir.resolve("missing");
        final JournalException noDirectory =
            assertThrows(JournalException.class, () -> new JournalReader(missing));
        assertTrue(noDirectory.getMessage().contains("no journal at " + missing), noDirectory.getMessage());

        final Path file = Files.writeString(tempDir.resolve("file.cq4"), "not a queue");
        final JournalException notDirectory =
            assertThrows(JournalException.class, () -> new JournalReader(file));
        assertTrue(notDirectory.getMessage().contains("not a directory"), notDirectory.getMessage());
    }

    @Test
    void shouldParseRollCyclesAndRejectUnknownNamesNamingTheAllowedValues()
    {
        assertSame(RollCycles.FAST_HOURLY, JournalReader.rollCycle("FAST_HOURLY"));
        assertSame(RollCycles.FAST_DAILY, JournalReader.rollCycle(" fast_daily "));

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> JournalReader.rollCycle("HOURLYISH"));
        assertTrue(ex.getMessage().contains("'HOURLYISH'"), ex.getMessage());
        for (final RollCycles cycle : RollCycles.values())
        {
            assertTrue(ex.getMessage().contains(cycle.name()), ex.getMessage());
        }

        final Path directory = tempDir.resolve("bad-cycle");
        final IllegalArgumentException fromWriter = assertThrows(IllegalArgumentException.class,
            () -> new JournalWriter(directory, "weekly-ish", BLOCK_SIZE));
        assertTrue(fromWriter.getMessage().contains("FAST_HOURLY"), fromWriter.getMessage());
    }

    private static List<Long> readAll(final Path directory, final int[] lengths, final int sourceOffset)
    {
        final List<Long> documentOfMessage = new ArrayList<>();
        final UnsafeBuffer expected = new UnsafeBuffer(new byte[MAX_MESSAGE + sourceOffset]);
        final JournalReader.Handler handler = (buffer, offset, length, index) ->
        {
            final int sequence = documentOfMessage.size();
            assertTrue(sequence < lengths.length, "more messages than written");
            assertEquals(lengths[sequence], length, "length of message " + sequence);
            fill(expected, 0, sequence, length);
            assertArrayEquals(bytes(expected, 0, length), bytes(buffer, offset, length), "message " + sequence);
            documentOfMessage.add(index);
        };
        try (JournalReader reader = new JournalReader(directory))
        {
            int delivered;
            do
            {
                delivered = reader.poll(handler, 7);
            }
            while (delivered > 0);
        }
        return documentOfMessage;
    }

    /**
     * A document ends at a flush, or when the next record would take it beyond DOCUMENT_BYTES, and never otherwise.
     */
    private static void assertDocumentsFollowTheGroupingRule(
        final int[] lengths, final Set<Integer> flushedAfter, final List<Long> documentOfMessage)
    {
        long documentBytes = RECORD_HEADER + lengths[0];
        int documents = 1;
        for (int i = 1; i < lengths.length; i++)
        {
            final int record = RECORD_HEADER + lengths[i];
            final boolean mustSplit =
                flushedAfter.contains(i - 1) || documentBytes + record > JournalWriter.DOCUMENT_BYTES;
            if (mustSplit)
            {
                assertNotEquals(documentOfMessage.get(i - 1), documentOfMessage.get(i), "document ends before " + i);
                documentBytes = record;
                documents++;
            }
            else
            {
                assertEquals(documentOfMessage.get(i - 1), documentOfMessage.get(i), "same document at " + i);
                documentBytes += record;
            }
            assertTrue(documentBytes <= JournalWriter.DOCUMENT_BYTES || documentBytes == record,
                "document of " + documentBytes + " bytes at " + i);
        }
        assertEquals(documents, new HashSet<>(documentOfMessage).size());
    }

    private static int randomLength(final SplittableRandom random)
    {
        final int kind = random.nextInt(100);
        if (kind < 70)
        {
            return random.nextInt(1, 513);
        }
        if (kind < 90)
        {
            return random.nextInt(513, 16 * 1024);
        }
        if (kind < 98)
        {
            return random.nextInt(16 * 1024, 64 * 1024);
        }
        return random.nextInt(64 * 1024, MAX_MESSAGE + 1);
    }

    /**
     * A pattern that differs for every message and every position, ending with the message's sequence number.
     */
    private static void fill(final UnsafeBuffer buffer, final int offset, final int sequence, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(offset + i, (byte)(sequence * 131 + i * 31 + (i >>> 8)));
        }
        if (length >= Integer.BYTES)
        {
            buffer.putInt(offset + length - Integer.BYTES, sequence);
        }
    }

    private static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
