/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.engine.book.BookSequenceRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.marketprism.engine.book.BookSequenceRule.APPLY;
import static io.marketprism.engine.book.BookSequenceRule.GAP;
import static io.marketprism.engine.book.BookSequenceRule.SKIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class BinanceBookRulesTest
{
    private static final long NULL = Long.MIN_VALUE;
    private static final Pattern UPDATE = Pattern.compile("\"U\":(\\d+),\"u\":(\\d+)(?:,\"pu\":(\\d+))?");
    private static final Pattern SNAPSHOT = Pattern.compile("^\\{\"lastUpdateId\":\\s*(\\d+)");

    private final BinanceSpotBookRule spot = new BinanceSpotBookRule();
    private final BinanceFuturesBookRule futures = new BinanceFuturesBookRule();

    /**
     * Book id, U, u and the spot rule's verdict; the first rows are the recorded events around the snapshot of
     * spot/btcusdt_20240808 (lastUpdateId 50093239218).
     */
    @ParameterizedTest(name = "book {0}: U={1} u={2} -> {3}")
    @CsvSource({
        "50093239218, 50093239189, 50093239202, SKIP",
        "50093239218, 50093239203, 50093239207, SKIP",
        "50093239218, 50093239208, 50093239224, APPLY",
        "50093239224, 50093239225, 50093239237, APPLY",
        "50093239218, 50093239225, 50093239237, GAP",
        "100, 90, 100, SKIP",
        "100, 101, 101, APPLY",
        "100, 100, 101, APPLY",
        "100, 50, 150, APPLY",
        "100, 101, 150, APPLY",
        "100, 102, 150, GAP",
        "100, 200, 300, GAP",
        "100, 101, 99, SKIP",
        "0, 1, 1, APPLY" })
    void shouldClassifySpotUpdatesByTheDocumentedRule(
        final long bookSeq, final long firstSeq, final long seq, final String expected)
    {
        final int verdict = verdict(expected);
        for (final boolean firstAfterSnapshot : new boolean[]{ true, false })
        {
            assertEquals(verdict, spot.classify(bookSeq, firstAfterSnapshot, firstSeq, seq, NULL));
            assertEquals(verdict, spot.classify(bookSeq, firstAfterSnapshot, firstSeq, seq, 12345L),
                "spot ignores pu");
        }
    }

    @Test
    void shouldReportSpotGapsInTermsOfTheNextId()
    {
        assertEquals(101, spot.expectedSeq(100, true));
        assertEquals(101, spot.expectedSeq(100, false));
        assertEquals(102, spot.receivedSeq(true, 102, 150, NULL));
        assertEquals(102, spot.receivedSeq(false, 102, 150, 77));
    }

    /**
     * Book id L (snapshot) or last applied u, whether the update is the first after the snapshot, U, u, pu and the
     * futures rule's verdict; the first row is the recorded first event applied after the snapshot of
     * cm/btcusd_perp_20240808 (lastUpdateId 1007198635033).
     */
    @ParameterizedTest(name = "book {0} first={1}: U={2} u={3} pu={4} -> {5}")
    @CsvSource({
        "1007198635033, true, 1007198635026, 1007198635121, 1007198635003, APPLY",
        "1007198635033, true, 1007198634900, 1007198635020, 1007198634800, SKIP",
        "1007198635033, true, 1007198635034, 1007198635121, 1007198635033, GAP",
        "1007198635121, false, 1007198635122, 1007198635200, 1007198635121, APPLY",
        "1007198635121, false, 1007198635122, 1007198635200, 1007198635120, GAP",
        "100, true, 90, 99, 80, SKIP",
        "100, true, 90, 100, 80, APPLY",
        "100, true, 100, 100, 80, APPLY",
        "100, true, 100, 150, 99, APPLY",
        "100, true, 101, 150, 100, GAP",
        "100, false, 101, 150, 100, APPLY",
        "100, false, 180, 250, 100, APPLY",
        "100, false, 101, 150, 99, GAP",
        "100, false, 101, 150, 120, GAP",
        "100, false, 90, 100, 100, SKIP",
        "100, false, 90, 99, 50, SKIP",
        "100, false, 101, 150, -9223372036854775808, GAP" })
    void shouldClassifyFuturesUpdatesByTheDocumentedRule(
        final long bookSeq,
        final boolean firstAfterSnapshot,
        final long firstSeq,
        final long seq,
        final long prevSeq,
        final String expected)
    {
        assertEquals(verdict(expected), futures.classify(bookSeq, firstAfterSnapshot, firstSeq, seq, prevSeq));
    }

    @Test
    void shouldReportFuturesGapsInTermsOfTheComparedId()
    {
        assertEquals(100, futures.expectedSeq(100, true));
        assertEquals(100, futures.expectedSeq(100, false));
        assertEquals(101, futures.receivedSeq(true, 101, 150, 100));
        assertEquals(99, futures.receivedSeq(false, 101, 150, 99));
    }

    @Test
    void shouldFollowEveryRecordedDayPairWithoutGaps()
    {
        assertGapFree(spot, List.of("hftbacktest/spot/btcusdt_20240808.gz", "hftbacktest/spot/btcusdt_20240809.gz"));
        assertGapFree(spot, List.of("hftbacktest/spot/ethusdt_20240808.gz", "hftbacktest/spot/ethusdt_20240809.gz"));
        assertGapFree(futures,
            List.of("hftbacktest/cm/btcusd_perp_20240808.gz", "hftbacktest/cm/btcusd_perp_20240809.gz"));
        assertGapFree(futures,
            List.of("hftbacktest/usdm/btcusdt_20230404.dat.gz", "hftbacktest/usdm/btcusdt_20230405.dat.gz"));
    }

    @Test
    void shouldFindAGapWhereARecordedUpdateIsLeftOut()
    {
        assertGapWhenDropping(spot, List.of("hftbacktest/spot/btcusdt_20240808.gz"));
        assertGapWhenDropping(futures, List.of("hftbacktest/cm/btcusd_perp_20240808.gz"));
        assertGapWhenDropping(futures, List.of("hftbacktest/usdm/btcusdt_20230404.dat.gz"));
    }

    /**
     * Replays the depth updates of the recording on the inline snapshot, the updates received before it first (they
     * are what a client buffers while fetching the snapshot).
     */
    private static void assertGapFree(final BookSequenceRule rule, final List<String> files)
    {
        final Recorded recorded = recorded(files);
        final int[] counts = new int[3];
        long bookSeq = recorded.snapshotId;
        boolean first = true;
        for (final long[] update : recorded.updates)
        {
            final int verdict = rule.classify(bookSeq, first, update[0], update[1], update[2]);
            counts[verdict]++;
            if (verdict == SKIP)
            {
                assertTrue(first, "skipped after the book was synchronised: u=" + update[1]);
            }
            if (verdict == APPLY)
            {
                bookSeq = update[1];
                first = false;
            }
        }
        assertEquals(0, counts[GAP], files + " gaps");
        assertTrue(counts[APPLY] > 6000, files + " applied " + counts[APPLY]);
        assertEquals(recorded.updates.size(), counts[APPLY] + counts[SKIP]);
    }

    private static void assertGapWhenDropping(final BookSequenceRule rule, final List<String> files)
    {
        final Recorded recorded = recorded(files);
        long bookSeq = recorded.snapshotId;
        boolean first = true;
        boolean dropped = false;
        int applied = 0;
        for (final long[] update : recorded.updates)
        {
            final int verdict = rule.classify(bookSeq, first, update[0], update[1], update[2]);
            if (dropped)
            {
                assertEquals(GAP, verdict, "the update after the one left out: u=" + update[1]);
                return;
            }
            if (verdict == APPLY)
            {
                applied++;
                if (applied == 100)
                {
                    dropped = true;
                    continue;
                }
                bookSeq = update[1];
                first = false;
            }
        }
        throw new AssertionError("fewer than 100 updates in " + files);
    }

    private static Recorded recorded(final List<String> files)
    {
        final Recorded recorded = new Recorded();
        for (final String file : files)
        {
            for (final String line : Recordings.lines(file))
            {
                final String payload = Recordings.hftPayload(line);
                final Matcher snapshot = SNAPSHOT.matcher(payload);
                if (snapshot.find())
                {
                    recorded.snapshotId = Long.parseLong(snapshot.group(1));
                    continue;
                }
                if (!payload.contains("\"e\":\"depthUpdate\""))
                {
                    continue;
                }
                final Matcher update = UPDATE.matcher(payload);
                assertTrue(update.find(), payload);
                recorded.updates.add(new long[]{
                    Long.parseLong(update.group(1)),
                    Long.parseLong(update.group(2)),
                    update.group(3) == null ? NULL : Long.parseLong(update.group(3)) });
            }
        }
        assertTrue(recorded.snapshotId > 0, "snapshot in " + files);
        return recorded;
    }

    private static int verdict(final String name)
    {
        switch (name)
        {
            case "APPLY":
                return APPLY;
            case "SKIP":
                return SKIP;
            case "GAP":
                return GAP;
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /**
     * The depth updates (U, u, pu) of a recording and its snapshot's lastUpdateId.
     */
    private static final class Recorded
    {
        final List<long[]> updates = new ArrayList<>();
        long snapshotId;
    }
}
