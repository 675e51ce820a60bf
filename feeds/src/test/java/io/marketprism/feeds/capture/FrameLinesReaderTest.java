/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class FrameLinesReaderTest
{
    private static final String FIRST = "{\"topic\":\"orderbook.1.BTCUSDT\",\"type\":\"snapshot\"," +
        "\"ts\":1733011200691,\"data\":{\"s\":\"BTCUSDT\",\"ts\":5,\"u\":1},\"cts\":1733011200589}";
    private static final String NESTED_TS_ONLY = "{\"data\":{\"ts\":42},\"topic\":\"x\"}";
    private static final String STRING_TS = "{\"topic\":\"x\",\"ts\":\"1733011200999\"}";
    private static final String NOT_JSON = "garbage line";

    @TempDir
    Path tempDir;

    @Test
    void shouldReadTheBybitArchiveWithEachFramesOwnTime() throws IOException
    {
        final Path archive = CaptureFiles.recording("nautilus/bybit/xrpusdt-ob500.data.zip");
        final List<String> frames = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        try (CaptureReader reader = Captures.open("lines", List.of(archive), 3))
        {
            assertInstanceOf(SequentialCaptureReader.class, reader);
            final CaptureFrame frame = new CaptureFrame();
            while (reader.next(frame))
            {
                assertEquals(3, frame.source());
                assertEquals(CaptureFrame.MESSAGE, frame.kind());
                frames.add(frame.buffer().getStringWithoutLengthAscii(frame.offset(), frame.length()));
                times.add(frame.recvTsNs());
            }
            assertEquals(0, reader.skippedLines());
        }
        assertEquals(50, frames.size());
        assertTrue(frames.get(0).startsWith("{\"topic\":\"orderbook.500.XRPUSDT\",\"type\":\"snapshot\""));
        assertTrue(frames.get(49).endsWith("\"cts\":1733011205488}"), "line end (CRLF) removed: " +
            frames.get(49).substring(frames.get(49).length() - 30));
        assertEquals(1733011200691L * 1_000_000L, times.get(0), "the snapshot's ts");
        assertEquals(1733011205490L * 1_000_000L, times.get(49), "the last delta's ts");
    }

    @Test
    void shouldTakeOnlyATopLevelTsAndKeepThePreviousTimeOtherwise() throws IOException
    {
        final Path plain = tempDir.resolve("frames.txt");
        Files.write(plain, List.of(NESTED_TS_ONLY, FIRST, "", "   ", NESTED_TS_ONLY, STRING_TS, NOT_JSON),
            StandardCharsets.UTF_8);
        final List<Long> times = new ArrayList<>();
        final List<String> frames = new ArrayList<>();
        try (FrameLinesReader reader = new FrameLinesReader(plain, 0, 1 << 20))
        {
            final CaptureFrame frame = new CaptureFrame();
            while (reader.next(frame))
            {
                frames.add(frame.buffer().getStringWithoutLengthAscii(frame.offset(), frame.length()));
                times.add(frame.recvTsNs());
            }
            assertEquals(2, reader.skippedLines(), "the blank lines");
        }
        assertEquals(List.of(NESTED_TS_ONLY, FIRST, NESTED_TS_ONLY, STRING_TS, NOT_JSON), frames,
            "every non-blank line handed on whole, even one that is not JSON");
        assertEquals(List.of(0L, 1733011200691_000_000L, 1733011200691_000_000L, 1733011200999_000_000L,
            1733011200999_000_000L), times);
    }

    @Test
    void shouldReadGzipAndEveryEntryOfAZip() throws IOException
    {
        final Path gzip = tempDir.resolve("frames.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip)))
        {
            out.write((FIRST + "\n" + STRING_TS).getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(FIRST, STRING_TS), read(gzip));

        final Path zip = tempDir.resolve("frames.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)))
        {
            out.putNextEntry(new ZipEntry("a/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("a/first.data"));
            out.write((FIRST + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("a/second.data"));
            out.write(STRING_TS.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertEquals(List.of(FIRST, STRING_TS), read(zip));
    }

    private static List<String> read(final Path file) throws IOException
    {
        final List<String> frames = new ArrayList<>();
        try (FrameLinesReader reader = new FrameLinesReader(file, 0, 1 << 20))
        {
            final CaptureFrame frame = new CaptureFrame();
            while (reader.next(frame))
            {
                frames.add(frame.buffer().getStringWithoutLengthAscii(frame.offset(), frame.length()));
            }
            assertFalse(reader.next(frame));
        }
        return frames;
    }
}
