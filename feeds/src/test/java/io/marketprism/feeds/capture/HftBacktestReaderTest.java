/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class HftBacktestReaderTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldReadEveryLineOfA2024FileWithNanosecondTimes() throws IOException
    {
        final Path file = CaptureFiles.recording("hftbacktest/spot/btcusdt_20240808.gz");
        final List<String> lines = CaptureFiles.gunzipLines(file);

        final HftBacktestReader reader = new HftBacktestReader(file, 3, Captures.MAX_LINE_LENGTH);
        final List<CaptureFiles.Read> frames = CaptureFiles.readAll(reader);

        assertEquals(lines.size(), frames.size());
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            final int space = line.indexOf(' ');
            final CaptureFiles.Read frame = frames.get(i);
            assertEquals(Long.parseLong(line.substring(0, space)), frame.recvTsNs(), line);
            assertEquals(line.substring(space + 1), frame.text());
            assertEquals(CaptureFrame.MESSAGE, frame.kind());
            assertEquals(3, frame.source());
            assertEquals("BTCUSDT", frame.contextSymbol());
        }
        assertEquals(1723161253937085768L, frames.get(0).recvTsNs());
        assertEquals(0, reader.skippedLines());
    }

    @Test
    void shouldConvertMicrosecondTimesOf2023FilesToNanoseconds() throws IOException
    {
        final Path file = CaptureFiles.recording("hftbacktest/usdm/btcusdt_20230404.dat.gz");
        final List<String> lines = CaptureFiles.gunzipLines(file);

        final List<CaptureFiles.Read> frames =
            CaptureFiles.readAll(new HftBacktestReader(file, 0, Captures.MAX_LINE_LENGTH));

        assertEquals(lines.size(), frames.size());
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            final int space = line.indexOf(' ');
            assertEquals(Long.parseLong(line.substring(0, space)) * 1_000L, frames.get(i).recvTsNs(), line);
            assertEquals(line.substring(space + 1), frames.get(i).text());
        }
        assertEquals(1680652700423575000L, frames.get(0).recvTsNs());
    }

    @Test
    void shouldNameTheContextSymbolAfterTheFile() throws IOException
    {
        assertEquals("BTCUSD_PERP", HftBacktestReader.symbolFromFileName("btcusd_perp_20240808.gz"));
        assertEquals("BTCUSDT", HftBacktestReader.symbolFromFileName("btcusdt_20230404.dat.gz"));
        assertEquals("ETHUSDT", HftBacktestReader.symbolFromFileName("ethusdt_20240809"));
        assertNull(HftBacktestReader.symbolFromFileName("capture.gz"));
        assertNull(HftBacktestReader.symbolFromFileName("_20240808.gz"));
        assertNull(HftBacktestReader.symbolFromFileName("btc-usdt_20240808.gz"));

        final Path file = CaptureFiles.recording("hftbacktest/cm/btcusd_perp_20240808.gz");
        try (HftBacktestReader reader = new HftBacktestReader(file, 0, Captures.MAX_LINE_LENGTH))
        {
            final CaptureFrame frame = new CaptureFrame();
            assertTrue(reader.next(frame));
            assertEquals("BTCUSD_PERP", frame.contextSymbol());
        }
    }

    @Test
    void shouldReadAPlainCopyExactlyAsTheGzipFile() throws IOException
    {
        final Path gzip = CaptureFiles.recording("hftbacktest/spot/ethusdt_20240808.gz");
        final Path plain = tempDir.resolve("ethusdt_20240808");
        CaptureFiles.gunzip(gzip, plain);

        final List<CaptureFiles.Read> fromGzip =
            CaptureFiles.readAll(new HftBacktestReader(gzip, 1, Captures.MAX_LINE_LENGTH));
        final List<CaptureFiles.Read> fromPlain =
            CaptureFiles.readAll(new HftBacktestReader(plain, 1, Captures.MAX_LINE_LENGTH));

        assertEquals(CaptureFiles.gunzipLines(gzip).size(), fromPlain.size());
        assertEquals(fromGzip, fromPlain);
        assertEquals("ETHUSDT", fromPlain.get(0).contextSymbol());
    }

    @Test
    void shouldPassALineWithoutTimestampWholeWithThePreviousTimeAndSkipBlankLines() throws IOException
    {
        final Path file = tempDir.resolve("btcusdt_20240808.txt");
        Files.write(file, ("{\"first\":0}\n" +
            "1723161253937085768 {\"a\":1}\n" +
            "{\"result\":null,\"id\":1}\n" +
            "\n" +
            "\r\n" +
            "1723161254036059768 {\"b\":2}\r\n" +
            "1680652700423575 {\"c\":3}\n" +
            "abc def\n" +
            "1723161254036059769\n" +
            "17231612540360597691 {\"d\":4}\n" +
            "1723161254036059770 {\"z\":0}").getBytes(StandardCharsets.US_ASCII));

        final HftBacktestReader reader = new HftBacktestReader(file, 0, Captures.MAX_LINE_LENGTH);
        final List<CaptureFiles.Read> frames = CaptureFiles.readAll(reader);

        assertEquals(List.of(
            new CaptureFiles.Read("{\"first\":0}", 0L, CaptureFrame.MESSAGE, 0, "BTCUSDT"),
            new CaptureFiles.Read("{\"a\":1}", 1723161253937085768L, CaptureFrame.MESSAGE, 0, "BTCUSDT"),
            new CaptureFiles.Read("{\"result\":null,\"id\":1}", 1723161253937085768L, CaptureFrame.MESSAGE, 0,
                "BTCUSDT"),
            new CaptureFiles.Read("{\"b\":2}", 1723161254036059768L, CaptureFrame.MESSAGE, 0, "BTCUSDT"),
            new CaptureFiles.Read("{\"c\":3}", 1680652700423575000L, CaptureFrame.MESSAGE, 0, "BTCUSDT"),
            new CaptureFiles.Read("abc def", 1680652700423575000L, CaptureFrame.MESSAGE, 0, "BTCUSDT"),
            new CaptureFiles.Read("1723161254036059769", 1680652700423575000L, CaptureFrame.MESSAGE, 0, "BTCUSDT"),
            new CaptureFiles.Read("17231612540360597691 {\"d\":4}", 1680652700423575000L, CaptureFrame.MESSAGE, 0,
                "BTCUSDT"),
            new CaptureFiles.Read("{\"z\":0}", 1723161254036059770L, CaptureFrame.MESSAGE, 0, "BTCUSDT")), frames);
        assertEquals(2, reader.skippedLines());
    }

    @Test
    void shouldCutLinesLongerThanTheLimitAndCarryOnWithTheNextLine() throws IOException
    {
        final Path file = tempDir.resolve("btcusdt_20240808");
        final String longFrame = "{\"pad\":\"" + "x".repeat(200_000) + "\"}";
        Files.write(file, ("1723161253937085768 " + longFrame + "\n1723161253937085769 {\"a\":1}\n")
            .getBytes(StandardCharsets.US_ASCII));

        final List<CaptureFiles.Read> frames = CaptureFiles.readAll(new HftBacktestReader(file, 0, 100));

        assertEquals(2, frames.size());
        assertEquals(longFrame.substring(0, 100 - 20), frames.get(0).text());
        assertEquals(1723161253937085768L, frames.get(0).recvTsNs());
        assertEquals("{\"a\":1}", frames.get(1).text());
        assertEquals(1723161253937085769L, frames.get(1).recvTsNs());
    }

    @Test
    void shouldFailOnACorruptGzipStream() throws IOException
    {
        final Path file = tempDir.resolve("btcusdt_20240808.gz");
        final byte[] gzip = Files.readAllBytes(CaptureFiles.recording("hftbacktest/spot/btcusdt_20240808.gz"));
        final byte[] corrupt = java.util.Arrays.copyOf(gzip, 4096);
        for (int i = 100; i < corrupt.length; i++)
        {
            corrupt[i] = (byte)(corrupt[i] ^ 0x5A);
        }
        Files.write(file, corrupt);

        assertThrows(IOException.class, () -> CaptureFiles.readAll(new HftBacktestReader(file, 0, 1 << 20)));
    }

    @Test
    void shouldReportTheEndOfAnEmptyFile() throws IOException
    {
        final Path file = tempDir.resolve("btcusdt_20240808");
        Files.write(file, new byte[0]);
        try (HftBacktestReader reader = new HftBacktestReader(file, 0, 1024))
        {
            assertFalse(reader.next(new CaptureFrame()));
            assertFalse(reader.next(new CaptureFrame()));
        }
    }
}
