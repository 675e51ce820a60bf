/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class MergedAndSequentialCaptureReaderTest
{
    @Test
    void shouldReadCapturesOneAfterTheOther() throws IOException
    {
        final CaptureFiles.ListReader first = new CaptureFiles.ListReader("a", 0, 1, 5, 9);
        final CaptureFiles.ListReader empty = new CaptureFiles.ListReader("e", 1, 2);
        final CaptureFiles.ListReader second = new CaptureFiles.ListReader("b", 2, 3, 1, 2);
        final SequentialCaptureReader reader = new SequentialCaptureReader(List.of(first, empty, second));
        final long skipped = reader.skippedLines();

        final List<CaptureFiles.Read> frames = CaptureFiles.readAll(reader);

        assertEquals(List.of("a0", "a1", "b0", "b1"), texts(frames));
        assertEquals(List.of(5L, 9L, 1L, 2L), times(frames));
        assertEquals(List.of(0, 0, 2, 2), sources(frames));
        assertEquals(6, skipped);
        assertTrue(first.closed() && empty.closed() && second.closed());
    }

    @Test
    void shouldMergeCapturesByTimeWithTiesToTheFirstListed() throws IOException
    {
        final CaptureFiles.ListReader a = new CaptureFiles.ListReader("a", 0, 1, 1, 3, 3, 7);
        final CaptureFiles.ListReader b = new CaptureFiles.ListReader("b", 1, 2, 2, 3, 5);
        final CaptureFiles.ListReader c = new CaptureFiles.ListReader("c", 2, 0);
        final CaptureFiles.ListReader d = new CaptureFiles.ListReader("d", 3, 0, 0, 3, 8);
        final MergedCaptureReader reader = new MergedCaptureReader(List.of(a, b, c, d));
        assertEquals(3, reader.skippedLines());

        final List<CaptureFiles.Read> frames = CaptureFiles.readAll(reader);

        assertEquals(List.of("d0", "a0", "b0", "a1", "a2", "b1", "d1", "b2", "a3", "d2"), texts(frames));
        assertEquals(List.of(0L, 1L, 2L, 3L, 3L, 3L, 3L, 5L, 7L, 8L), times(frames));
        assertEquals(List.of(3, 0, 1, 0, 0, 1, 3, 1, 0, 3), sources(frames));
        assertTrue(a.closed() && b.closed() && c.closed() && d.closed());
    }

    @Test
    void shouldKeepTheReturnedFrameValidUntilTheNextCall() throws IOException
    {
        final MergedCaptureReader reader = new MergedCaptureReader(List.of(
            new CaptureFiles.ListReader("a", 0, 0, 1, 4), new CaptureFiles.ListReader("b", 1, 0, 2, 3)));
        final CaptureFrame frame = new CaptureFrame();
        final List<String> texts = new ArrayList<>();
        while (reader.next(frame))
        {
            texts.add(CaptureFiles.text(frame));
        }
        assertEquals(List.of("a0", "b0", "b1", "a1"), texts);
        assertFalse(reader.next(frame));
        reader.close();
    }

    @Test
    void shouldMergeARecordedSessionWithItsSnapshotsInTimeOrder() throws IOException
    {
        final Path ws = CaptureFiles.recording("cryptofeed/BINANCE.ws.1.0.gz");
        final Path http = CaptureFiles.recording("cryptofeed/BINANCE.http.0.0.gz");
        final List<CaptureFiles.Read> messages =
            CaptureFiles.readAll(new CryptofeedReader(ws, 0, Captures.MAX_LINE_LENGTH));
        final List<CaptureFiles.Read> snapshots =
            CaptureFiles.readAll(new CryptofeedReader(http, 0, Captures.MAX_LINE_LENGTH));

        final CaptureReader reader = Captures.open("cryptofeed", List.of(ws, http), 0);
        final List<CaptureFiles.Read> merged = CaptureFiles.readAll(reader);

        assertEquals(messages.size() + snapshots.size(), merged.size());
        final List<CaptureFiles.Read> mergedMessages = new ArrayList<>();
        final List<CaptureFiles.Read> mergedSnapshots = new ArrayList<>();
        for (int i = 0; i < merged.size(); i++)
        {
            final CaptureFiles.Read frame = merged.get(i);
            if (i > 0)
            {
                assertTrue(merged.get(i - 1).recvTsNs() <= frame.recvTsNs(), "time order at " + i);
            }
            (frame.kind() == CaptureFrame.REST_RESPONSE ? mergedSnapshots : mergedMessages).add(frame);
        }
        assertEquals(messages, mergedMessages);
        assertEquals(snapshots, mergedSnapshots);
        assertEquals(CaptureFrame.MESSAGE, merged.get(0).kind());
        assertEquals(CaptureFrame.REST_RESPONSE, merged.get(1).kind());
        assertEquals(3, reader.skippedLines());
    }

    @Test
    void shouldReadARecordedDayPairAsOneStream() throws IOException
    {
        final Path day1 = CaptureFiles.recording("hftbacktest/cm/btcusd_perp_20240808.gz");
        final Path day2 = CaptureFiles.recording("hftbacktest/cm/btcusd_perp_20240809.gz");
        final List<CaptureFiles.Read> first =
            CaptureFiles.readAll(new HftBacktestReader(day1, 4, Captures.MAX_LINE_LENGTH));
        final List<CaptureFiles.Read> second =
            CaptureFiles.readAll(new HftBacktestReader(day2, 4, Captures.MAX_LINE_LENGTH));

        final List<CaptureFiles.Read> pair = CaptureFiles.readAll(Captures.open("HftBacktest", List.of(day1, day2), 4));

        final List<CaptureFiles.Read> expected = new ArrayList<>(first);
        expected.addAll(second);
        assertEquals(expected, pair);
        assertTrue(first.get(first.size() - 1).recvTsNs() < second.get(0).recvTsNs());
    }

    @Test
    void shouldStopAfterTheFirstFramesOrWhenTheCaptureEnds() throws IOException
    {
        final CaptureFiles.ListReader three = new CaptureFiles.ListReader("a", 0, 1, 5, 6, 7);
        final LimitedCaptureReader limited = new LimitedCaptureReader(three, 2);
        assertEquals(List.of("a0", "a1"), texts(CaptureFiles.readAll(limited)));
        assertTrue(three.closed());

        final LimitedCaptureReader beyondTheEnd =
            new LimitedCaptureReader(new CaptureFiles.ListReader("b", 1, 0, 4), 10);
        assertEquals(List.of("b0"), texts(CaptureFiles.readAll(beyondTheEnd)));

        final LimitedCaptureReader none = new LimitedCaptureReader(new CaptureFiles.ListReader("c", 2, 0, 4), 0);
        assertEquals(List.of(), texts(CaptureFiles.readAll(none)));
    }

    private static List<String> texts(final List<CaptureFiles.Read> frames)
    {
        return frames.stream().map(CaptureFiles.Read::text).toList();
    }

    private static List<Long> times(final List<CaptureFiles.Read> frames)
    {
        return frames.stream().map(CaptureFiles.Read::recvTsNs).toList();
    }

    private static List<Integer> sources(final List<CaptureFiles.Read> frames)
    {
        return frames.stream().map(CaptureFiles.Read::source).toList();
    }
}
