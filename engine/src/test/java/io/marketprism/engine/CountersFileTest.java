/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountersFileTest
{
    @TempDir
    Path dir;

    @Test
    void shouldExposeEngineCountersToAReaderOfTheFile()
    {
        final Path path;
        try (EngineCounters counters = EngineCounters.mapped(dir))
        {
            path = counters.file().path();
            assertTrue(path.getFileName().toString().startsWith(ProcessHandle.current().pid() + "-"), path.toString());
            counters.gaps.increment();
            counters.gaps.increment();
            counters.countMessage((short)Venue.BINANCE_SPOT.value(), TradeDecoder.TEMPLATE_ID, 1_700_000_000_123L);
            counters.countMessage((short)Venue.BINANCE_SPOT.value(), TradeDecoder.TEMPLATE_ID, 1_700_000_000_456L);

            try (CountersFile file = CountersFile.openForReading(path))
            {
                assertEquals(ProcessHandle.current().pid(), file.pid());
                final CountersReader reader = file.reader();
                final Map<String, Long> byLabel = new HashMap<>();
                final Map<String, Integer> typeByLabel = new HashMap<>();
                reader.forEach((id, typeId, key, label) ->
                {
                    byLabel.put(label, reader.getCounterValue(id));
                    typeByLabel.put(label, typeId);
                });
                assertEquals(2L, byLabel.get("gaps"));
                assertEquals(EngineCounters.ENGINE_TYPE_ID, typeByLabel.get("gaps"));
                assertEquals(2L, byLabel.get("messages binance-spot trade"));
                assertEquals(1_700_000_000_456L, byLabel.get("last-message-time-ns binance-spot trade"));
                assertEquals(EngineCounters.LAST_MESSAGE_TIME_TYPE_ID,
                    typeByLabel.get("last-message-time-ns binance-spot trade"));
                assertEquals(0L, byLabel.get("reconnects okx"));
            }
        }
        assertFalse(Files.exists(path), "the file is deleted on close");
    }

    @Test
    void shouldRejectAFileThatIsNotACountersFile() throws Exception
    {
        final Path other = dir.resolve("other.counters");
        Files.write(other, new byte[4096]);
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> CountersFile.openForReading(other));
        assertTrue(ex.getMessage().contains("not a MarketPrism counters file"), ex.getMessage());

        final Path tiny = dir.resolve("tiny.counters");
        Files.write(tiny, new byte[3]);
        assertThrows(IllegalArgumentException.class, () -> CountersFile.openForReading(tiny));
        assertThrows(IllegalArgumentException.class, () -> CountersFile.openForReading(dir.resolve("missing")));
    }

    @Test
    void shouldRejectAnotherLayoutVersion() throws Exception
    {
        try (EngineCounters counters = EngineCounters.mapped(dir))
        {
            final Path path = counters.file().path();
            final Path copy = dir.resolve("copy.counters");
            Files.copy(path, copy);
            try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw"))
            {
                final UnsafeBuffer header = new UnsafeBuffer(new byte[4]);
                header.putInt(0, CountersFile.LAYOUT_VERSION + 1);
                file.seek(CountersFile.VERSION_OFFSET);
                file.write(header.byteArray());
            }
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> CountersFile.openForReading(copy));
            assertTrue(ex.getMessage().contains("layout version " + (CountersFile.LAYOUT_VERSION + 1)),
                ex.getMessage());
        }
    }
}
