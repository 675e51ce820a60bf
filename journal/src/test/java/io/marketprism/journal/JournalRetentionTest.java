/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import io.marketprism.sbe.InstrumentEncoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.TradeEncoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention on a real journal written in four hourly cycles (Chronicle's clock set by the test): the files whose
 * cycle ended more than the retention ago go, the newest never does, other files stay, and the journal then reads
 * from the oldest cycle left, every message of the kept cycles in order.
 */
final class JournalRetentionTest
{
    private static final String ROLL_CYCLE = "FAST_HOURLY";
    private static final long BLOCK_SIZE = 4L * 1024 * 1024;
    private static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);
    private static final long START_MS = Instant.parse("2024-08-08T10:00:00Z").toEpochMilli();
    private static final int MESSAGES_PER_CYCLE = 50;

    @TempDir
    Path tempDir;

    @Test
    void shouldDeleteTheCyclesThatEndedBeforeTheRetentionAndReadTheRest() throws IOException
    {
        final Path directory = tempDir.resolve("journal");
        writeCycles(directory, 4);
        Files.writeString(directory.resolve("notes.txt"), "not a cycle file");
        final List<String> before = cycleFiles(directory);
        assertEquals(4, before.size(), before.toString());
        final JournalRetention retention = new JournalRetention(directory, ROLL_CYCLE, 90 * 60_000L);

        // 13:40: 12:10 and before expired; the 10:00 cycle ended at 11:00, the 11:00 one at 12:00, 12:00 at 13:00
        assertEquals(2, retention.deleteExpired(START_MS + 3 * HOUR_MS + 40 * 60_000L));
        assertEquals(before.subList(2, 4), cycleFiles(directory));
        assertTrue(Files.exists(directory.resolve("notes.txt")), "only cycle files are touched");
        assertEquals(0, retention.deleteExpired(START_MS + 3 * HOUR_MS + 40 * 60_000L), "nothing more expired");

        assertEquals(messagesOf(2, 3), read(directory), "the kept cycles, every message, in order");

        // far in the future every cycle has expired, but the newest is the one being written
        assertEquals(1, retention.deleteExpired(START_MS + 1000 * HOUR_MS));
        assertEquals(before.subList(3, 4), cycleFiles(directory));
        assertEquals(3, retention.deletedFiles());
        assertEquals(messagesOf(3, 3), read(directory));
    }

    @Test
    void shouldKeepEverythingWithinTheRetentionAndRefuseNoRetention()
    {
        final Path directory = tempDir.resolve("young");
        writeCycles(directory, 2);
        final JournalRetention retention = new JournalRetention(directory, ROLL_CYCLE, 24 * HOUR_MS);
        assertEquals(0, retention.deleteExpired(START_MS + 3 * HOUR_MS));
        assertEquals(2, cycleFiles(directory).size());
        assertEquals(0, new JournalRetention(directory, ROLL_CYCLE, 1).deleteExpired(0), "before any cycle");
        assertThrows(IllegalArgumentException.class, () -> new JournalRetention(directory, ROLL_CYCLE, 0));
        assertThrows(IllegalArgumentException.class, () -> new JournalRetention(directory, "HOURLY-ish", 1));
    }

    @Test
    void shouldKeepTheInstrumentDefinitionsOfTheCyclesItDeletes() throws IOException
    {
        final Path directory = tempDir.resolve("named");
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(START_MS));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final InstrumentEncoder instrument = new InstrumentEncoder();
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE, clock))
        {
            // hour 1: two definitions and a trade; hour 2: a trade of each
            final int first = definition(instrument.wrapAndApplyHeader(buffer, 0, header), 7, "BTC-USDT", "BTCUSDT");
            assertEquals(JournalWriter.APPENDED, writer.append(buffer, 0, first));
            final byte[] btc = new byte[first];
            buffer.getBytes(0, btc);
            final int tradeLength = trade(buffer, header, 7);
            assertEquals(JournalWriter.APPENDED, writer.append(buffer, 0, tradeLength));
            final int second = definition(instrument.wrapAndApplyHeader(buffer, 0, header), 8, "ETH-USDT", "ETHUSDT");
            assertEquals(JournalWriter.APPENDED, writer.append(buffer, 0, second));
            final byte[] eth = new byte[second];
            buffer.getBytes(0, eth);
            writer.flush();
            clock.advanceMillis(HOUR_MS);
            assertEquals(JournalWriter.APPENDED, writer.append(buffer, 0, trade(buffer, header, 7)));
            assertEquals(JournalWriter.APPENDED, writer.append(buffer, 0, trade(buffer, header, 8)));
            writer.flush();

            assertEquals(1, new JournalRetention(directory, ROLL_CYCLE, HOUR_MS).deleteExpired(START_MS + 2 * HOUR_MS));
            assertEquals(1, cycleFiles(directory).size());
            assertEquals(List.of(Arrays.toString(btc), Arrays.toString(eth)), definitions(directory),
                "both definitions, as journaled, though the cycle they were journaled in is gone");
        }

        // a definition cut short (a crash while it was copied) ends the list: what was whole is still read
        final byte[] whole = Files.readAllBytes(directory.resolve(JournalWriter.DEFINITIONS_FILE));
        Files.write(directory.resolve(JournalWriter.DEFINITIONS_FILE), Arrays.copyOf(whole, whole.length - 3));
        final List<String> cut = definitions(directory);
        assertEquals(1, cut.size());

        // a writer opened on it drops the part cut short, so that what it copies next is read after the whole one
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE, clock))
        {
            final int length = definition(instrument.wrapAndApplyHeader(buffer, 0, header), 9, "SOL-USDT", "SOLUSDT");
            assertEquals(JournalWriter.APPENDED, writer.append(buffer, 0, length));
        }
        final List<String> resumed = definitions(directory);
        assertEquals(2, resumed.size(), resumed.toString());
        assertEquals(cut.get(0), resumed.get(0));
        assertTrue(resumed.get(1).endsWith(Arrays.toString("SOLUSDT".getBytes(StandardCharsets.US_ASCII))
            .replace("[", "")), resumed.get(1));
    }

    private static int definition(
        final InstrumentEncoder instrument, final int id, final String symbol, final String venueSymbol)
    {
        instrument.instrumentId(id).venue(Venue.BINANCE_SPOT).recvTsNs(START_MS * 1_000_000L).symbol(symbol)
            .venueSymbol(venueSymbol);
        return MessageHeaderEncoder.ENCODED_LENGTH + instrument.encodedLength();
    }

    /**
     * A trade message: not copied beside the journal.
     */
    private static int trade(final UnsafeBuffer buffer, final MessageHeaderEncoder header, final int id)
    {
        final TradeEncoder trade = new TradeEncoder().wrapAndApplyHeader(buffer, 0, header);
        trade.instrumentId(id).venue(Venue.BINANCE_SPOT).recvTsNs(START_MS * 1_000_000L + id);
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    private static List<String> definitions(final Path directory)
    {
        final List<String> definitions = new ArrayList<>();
        try (JournalReader reader = new JournalReader(directory))
        {
            reader.readDefinitions((buffer, offset, length, index) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                definitions.add(Arrays.toString(bytes));
            });
        }
        return definitions;
    }

    /**
     * Writes messages into consecutive hourly cycles, each message's first byte its cycle, the next its index.
     */
    private static void writeCycles(final Path directory, final int cycles)
    {
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(START_MS));
        final UnsafeBuffer message = new UnsafeBuffer(new byte[32]);
        try (JournalWriter writer = new JournalWriter(directory, ROLL_CYCLE, BLOCK_SIZE, clock))
        {
            for (int cycle = 0; cycle < cycles; cycle++)
            {
                for (int i = 0; i < MESSAGES_PER_CYCLE; i++)
                {
                    message.putByte(0, (byte)cycle);
                    message.putByte(1, (byte)i);
                    assertEquals(JournalWriter.APPENDED, writer.append(message, 0, message.capacity()));
                }
                writer.flush();
                clock.advanceMillis(HOUR_MS);
            }
        }
    }

    private static List<String> messagesOf(final int firstCycle, final int lastCycle)
    {
        final List<String> messages = new ArrayList<>();
        for (int cycle = firstCycle; cycle <= lastCycle; cycle++)
        {
            for (int i = 0; i < MESSAGES_PER_CYCLE; i++)
            {
                messages.add(cycle + "/" + i);
            }
        }
        return messages;
    }

    private static List<String> read(final Path directory)
    {
        final List<String> messages = new ArrayList<>();
        try (JournalReader reader = new JournalReader(directory))
        {
            int delivered;
            do
            {
                delivered = reader.poll((buffer, offset, length, index) ->
                    messages.add(buffer.getByte(offset) + "/" + buffer.getByte(offset + 1)), 64);
            }
            while (delivered > 0);
        }
        return messages;
    }

    private static List<String> cycleFiles(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map((file) -> file.getFileName().toString())
                .filter((name) -> name.matches("\\d{8}-\\d{2}F\\.cq4"))
                .sorted()
                .collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
