/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interleaved peer comparison, short: each decoder's passes are checked (a wrong decode fails the run), ours
 * allocates nothing once warm, and the printed line carries what was measured, with Jackson and XChange slower than
 * ours as they are on every frame. The measured rounds are in bench/README.md.
 */
final class PeerDecodeRoundsTest
{
    private static final Pattern RESULT = Pattern.compile("^RESULT peer-rounds kind=trade rounds=3 " +
        "ours_ns=(\\d+\\.\\d) jackson_ns=(\\d+\\.\\d) xchange_ns=(\\d+\\.\\d) jackson_ratio=(\\d+\\.\\d\\d) " +
        "jackson_ratio_q1=(\\d+\\.\\d\\d) jackson_ratio_q3=(\\d+\\.\\d\\d) xchange_ratio=(\\d+\\.\\d\\d) " +
        "ours_alloc_bytes_max=(\\d+) checks=PASS$", Pattern.MULTILINE);

    @Test
    void shouldInterleaveTheThreeDecodersAndPrintTheirRatio() throws Exception
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PeerDecodeRounds.Result result;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8))
        {
            // warm-up rounds enough for the JIT to settle: while it compiles, a pass can allocate a few hundred
            // bytes on this thread (none under -Xint: the decoder itself allocates nothing)
            result = PeerDecodeRounds.run(PeerFrames.TRADE, 3, 15, out);
        }
        final String printed = captured.toString(StandardCharsets.UTF_8);
        final Matcher matcher = RESULT.matcher(printed);
        assertTrue(matcher.find(), "RESULT line missing:\n" + printed);
        assertEquals(result.line(), matcher.group(0));
        assertEquals("0", matcher.group(8), "our decoder allocated once warm:\n" + printed);
        final double ratio = Double.parseDouble(matcher.group(4));
        assertTrue(ratio > 1, "Jackson faster than ours:\n" + printed);
        assertTrue(Double.parseDouble(matcher.group(5)) <= ratio && ratio <= Double.parseDouble(matcher.group(6)),
            "median outside its quartiles:\n" + printed);
        assertTrue(Double.parseDouble(matcher.group(7)) > 1, "XChange faster than ours:\n" + printed);
    }

    @Test
    void shouldTakeQuartilesByNearestRank()
    {
        assertArrayEquals(new double[] { 2, 3, 4 }, PeerDecodeRounds.quartiles(new double[] { 5, 1, 4, 2, 3 }));
        assertArrayEquals(new double[] { 7, 7, 7 }, PeerDecodeRounds.quartiles(new double[] { 7 }));
    }
}
