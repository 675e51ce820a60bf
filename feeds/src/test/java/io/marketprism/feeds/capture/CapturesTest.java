/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class CapturesTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldRejectAnUnknownFormatNamingTheKnownOnes()
    {
        final Path file = CaptureFiles.recording("hftbacktest/spot/btcusdt_20240808.gz");
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> Captures.open("tardis", List.of(file), 0));
        assertTrue(ex.getMessage().contains("tardis"), ex.getMessage());
        assertTrue(ex.getMessage().contains("hftbacktest") && ex.getMessage().contains("cryptofeed"), ex.getMessage());
    }

    @Test
    void shouldRejectMissingFilesNamingThem()
    {
        final Path present = CaptureFiles.recording("hftbacktest/spot/btcusdt_20240808.gz");
        final Path missing = tempDir.resolve("btcusdt_20240810.gz");
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> Captures.open("hftbacktest", List.of(present, missing), 0));
        assertTrue(ex.getMessage().contains(missing.toString()), ex.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Captures.open("cryptofeed", List.of(tempDir), 0));
        assertThrows(IllegalArgumentException.class, () -> Captures.open("hftbacktest", List.of(), 0));
    }

    @Test
    void shouldOpenEachFormatWithItsReaderAndStampTheSource() throws IOException
    {
        final Path spot = CaptureFiles.recording("hftbacktest/spot/btcusdt_20240808.gz");
        try (CaptureReader reader = Captures.open("hftbacktest", List.of(spot), 6))
        {
            assertInstanceOf(SequentialCaptureReader.class, reader);
            final CaptureFrame frame = new CaptureFrame();
            assertTrue(reader.next(frame));
            assertEquals(6, frame.source());
            assertEquals(1723161253937085768L, frame.recvTsNs());
        }
        final Path ws = CaptureFiles.recording("cryptofeed/BINANCE_FUTURES.ws.1.0.gz");
        try (CaptureReader reader = Captures.open("CRYPTOFEED", List.of(ws), 2))
        {
            assertInstanceOf(MergedCaptureReader.class, reader);
            final CaptureFrame frame = new CaptureFrame();
            assertTrue(reader.next(frame));
            assertEquals(2, frame.source());
            assertEquals(1626992741062170000L, frame.recvTsNs());
        }
    }
}
