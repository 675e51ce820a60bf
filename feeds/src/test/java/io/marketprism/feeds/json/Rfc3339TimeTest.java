/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.json;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

final class Rfc3339TimeTest
{
    @Test
    void shouldReadTheTimesVenuesSend()
    {
        // Coinbase's legacy Exchange feed (COINBASE.ws.28.0) and Advanced Trade (nautilus samples, Coinbase's heartbeat
        // example); Kraken's v2 feed (nautilus kraken/ws_*)
        assertEquals(1_696_613_755_440_295_000L, parse("2023-10-06T17:35:55.440295Z"));
        assertEquals(1_618_677_817_075_687_000L, parse("2021-04-17T16:43:37.075687Z"));
        assertEquals(1_775_572_200_123_456_000L, parse("2026-04-07T14:30:00.123456Z"));
        assertEquals(1_687_552_286_122_969_572L, parse("2023-06-23T20:31:26.122969572Z"));
    }

    @Test
    void shouldReadEveryFractionLengthAndBothUtcDesignators()
    {
        assertEquals(0L, parse("1970-01-01T00:00:00Z"));
        assertEquals(500_000_000L, parse("1970-01-01T00:00:00.5Z"));
        assertEquals(120_000_000L, parse("1970-01-01T00:00:00.12Z"));
        assertEquals(1L, parse("1970-01-01T00:00:00.000000001Z"));
        assertEquals(86_400_000_000_000L, parse("1970-01-02T00:00:00+00:00"));
        assertEquals(Instant.parse("2024-02-29T23:59:59.999999999Z"), instant(parse("2024-02-29T23:59:59.999999999Z")));
        assertEquals(Instant.parse("2000-02-29T12:00:00Z"), instant(parse("2000-02-29T12:00:00Z")));
        assertEquals(Instant.parse("2261-12-31T23:59:59.999999999Z"), instant(parse("2261-12-31T23:59:59.999999999Z")));
    }

    @Test
    void shouldDropFractionDigitsBeyondTheNanosecond()
    {
        // RFC 3339 sets no limit on fraction digits; the nanosecond is as far as the count goes
        assertEquals(1_618_677_817_075_687_000L, parse("2021-04-17T16:43:37.0756870001Z"));
        assertEquals(999_999_999L, parse("1970-01-01T00:00:00.99999999999999Z"));
        assertEquals(Rfc3339Time.BAD_TIME, parse("1970-01-01T00:00:00.9999999999x9Z"));
    }

    @Test
    void shouldAgreeWithJavaTimeOnRandomInstants()
    {
        final SplittableRandom random = new SplittableRandom(20_260_407L);
        final long maxSeconds = Instant.parse("2261-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++)
        {
            final Instant expected = Instant.ofEpochSecond(random.nextLong(maxSeconds), random.nextInt(1_000_000_000));
            final int digits = 1 + random.nextInt(9);
            final Instant truncated = expected.truncatedTo(ChronoUnit.SECONDS)
                .plusNanos(expected.getNano() / pow10(9 - digits) * pow10(9 - digits));
            final String text = truncated.toString().replaceFirst("(\\.\\d+)?Z$", "") + "." +
                String.format("%09d", truncated.getNano()).substring(0, digits) + "Z";
            assertEquals(truncated, instant(parse(text)), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "Z", "2021-04-17", "2021-04-17T16:43:37", "2021-04-17T16:43:37.Z",
        "2021-04-17 16:43:37Z", "2021-04-17T16:43:37z", "2021-04-17T16:43:37+01:00", "2021-04-17T16:43:37+00:00Z",
        "2021-04-17T16:43:37.075687", "2021-04-17T16:43:37.075687ZZ", "2021-13-17T16:43:37Z", "2021-00-17T16:43:37Z",
        "2021-02-29T16:43:37Z", "1900-02-29T00:00:00Z", "2021-04-31T00:00:00Z", "2021-04-00T00:00:00Z",
        "2021-04-17T24:00:00Z", "2021-04-17T23:60:00Z", "2021-12-31T23:59:60Z", "1969-12-31T23:59:59Z",
        "2262-01-01T00:00:00Z", "2021-04-17T16:43:3xZ", "2021/04/17T16:43:37Z", "+021-04-17T16:43:37Z",
        "2021-04-17T16:43:37.07a687Z", "2021-04-17T16-43-37Z" })
    void shouldRejectWhatIsNotAUtcTimestamp(final String text)
    {
        assertEquals(Rfc3339Time.BAD_TIME, parse(text), text);
    }

    @Test
    void shouldNotAllocate()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        final byte[] bytes = "2021-04-17T16:43:37.075687Z".getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        long sum = 0;
        for (int i = 0; i < 20_000; i++)
        {
            sum += Rfc3339Time.nanos(buffer, 0, bytes.length);
        }
        final StringBuilder measured = new StringBuilder();
        long clean = 0;
        for (int pass = 0; pass < 5 && clean == 0; pass++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++)
            {
                sum += Rfc3339Time.nanos(buffer, 0, bytes.length);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            measured.append(allocated).append(' ');
            clean += allocated == 0 ? 1 : 0;
        }
        assertEquals(1, clean, "bytes allocated per 100,000 parses: " + measured + "(sum " + sum + ")");
    }

    private static long parse(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        // the text at an offset inside a larger buffer, as in a frame
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 8]);
        buffer.putBytes(3, bytes);
        return Rfc3339Time.nanos(buffer, 3, bytes.length);
    }

    private static Instant instant(final long ns)
    {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    }

    private static long pow10(final int n)
    {
        long value = 1;
        for (int i = 0; i < n; i++)
        {
            value *= 10;
        }
        return value;
    }
}
