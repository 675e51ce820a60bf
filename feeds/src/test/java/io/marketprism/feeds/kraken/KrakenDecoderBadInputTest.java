/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input: every bad frame yields exactly one {@code Status(MALFORMED)} with the right reason and nothing else,
 * never an exception and never a partial message.
 */
final class KrakenDecoderBadInputTest
{
    private static final long RECV_TS_NS = 1_618_678_145_951_321_100L;
    private static final String UPDATE = "[1920,{\"a\":[[\"0.042990\",\"364630.28272081\",\"1618678145.920470\"]]}," +
        "{\"b\":[[\"0.042990\",\"0.00000000\",\"1618678145.920708\"]],\"c\":\"4105471083\"},\"book-1000\",\"SC/EUR\"]";
    private static final String TRADES = "[993,[[\"354.04000000\",\"0.28245396\",\"1618678150.826417\",\"s\",\"m\"," +
        "\"\"],[\"353.81000000\",\"1.71754604\",\"1618678150.827816\",\"s\",\"m\",\"\"]],\"trade\",\"XMR/USD\"]";
    private static final String TICKER = "[996,{\"a\":[\"355.24000000\",27,\"27.19106411\"],\"b\":[\"354.32000000\"," +
        "6,\"6.87748868\"],\"c\":[\"355.23000000\",\"1.20454360\"]},\"ticker\",\"XMR/USD\"]";

    private final KrakenDecoder decoder = new KrakenDecoder();
    private final CapturingSink sink = new CapturingSink();

    @Test
    void shouldReportEveryTruncationOfRealFramesAsTruncated()
    {
        final List<String> frames = new ArrayList<>(List.of(UPDATE, TRADES, TICKER));
        frames.add(KrakenFrames.first(KrakenFrames.BOOK_SESSION, f -> f.contains("\"subscriptionStatus\"")));
        frames.add(KrakenFrames.first(KrakenFrames.BOOK_SESSION, f -> f.contains("\"heartbeat\"")));
        KrakenFrames.V2_SAMPLES.forEach(name -> frames.add(KrakenFrames.v2Sample(name).strip()));
        for (final String text : frames)
        {
            final byte[] frame = text.getBytes(StandardCharsets.US_ASCII);
            // the frame sits inside a larger buffer: the bytes past the cut are still there, as in a capture line
            final byte[] line = new byte[frame.length + 30];
            Arrays.fill(line, (byte)' ');
            System.arraycopy(frame, 0, line, 30, frame.length);
            final UnsafeBuffer buffer = new UnsafeBuffer(line);
            for (int length = 0; length < frame.length; length++)
            {
                sink.clear();
                assertEquals(1, decoder.decode(buffer, 30, length, RECV_TS_NS, sink));
                final String context = "cut at " + length + " of " + text;
                final StatusDecoder status = assertOnlyMalformed(StatusReason.TRUNCATED, context);
                assertTrue(status.detail() >= 0 && status.detail() <= length, context + ": " + status.detail());
            }
        }
    }

    @Test
    void shouldReportUnknownChannelsAndEvents()
    {
        assertMalformed("[42,[\"5698.40000\",\"5700.00000\",\"1542057299.545897\",\"1.01234567\",\"0.98765432\"]," +
            "\"spread\",\"XBT/USD\"]", StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed("[42,[\"1542057314.000000\",\"1542057360.000000\",\"3586.70000\",\"3586.70000\"," +
            "\"3586.60000\",\"3586.60000\",\"3586.68894\",\"0.03373000\",2],\"ohlc-5\",\"XBT/USD\"]",
            StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed("{\"event\":\"somethingNew\"}", StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed("{\"channel\":\"instrument\",\"type\":\"snapshot\",\"data\":{}}",
            StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed("{\"channel\":\"book\",\"type\":\"delta\",\"data\":[]}", StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed("{\"connectionID\":1}", StatusReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void shouldReportBadNumbersAndOverflow()
    {
        assertMalformed(UPDATE.replace("\"364630.28272081\"", "\"abc\""), StatusReason.BAD_NUMBER);
        assertMalformed(UPDATE.replace("\"364630.28272081\"", "\"\""), StatusReason.BAD_NUMBER);
        assertMalformed(UPDATE.replace("\"0.042990\",\"364630", "\"1.2.3\",\"364630"), StatusReason.BAD_NUMBER);
        assertMalformed(UPDATE.replace("\"364630.28272081\"", "\"99999999999999999999999.1\""),
            StatusReason.NUMBER_OVERFLOW);
        assertMalformed(UPDATE.replace("\"c\":\"4105471083\"", "\"c\":\"x\""), StatusReason.BAD_NUMBER);
        assertMalformed(UPDATE.replace("\"c\":\"4105471083\"", "\"c\":\"\""), StatusReason.BAD_NUMBER);
        assertMalformed(TRADES.replace("\"1618678150.826417\"", "\"soon\""), StatusReason.BAD_NUMBER);
        assertMalformed(TICKER.replace("\"27.19106411\"", "\"27.1x\""), StatusReason.BAD_NUMBER);
        assertMalformed(KrakenFrames.v2Sample("ws_trade_update.json").replace("10218209", "1e5"),
            StatusReason.BAD_NUMBER);
    }

    @Test
    void shouldReportValuesOutOfRangeOrOfTheWrongShape()
    {
        assertMalformed(UPDATE.replace("\"c\":\"4105471083\"", "\"c\":\"4294967296\""), StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("\"c\":\"4105471083\"", "\"c\":\"-1\""), StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("\"0.042990\",\"364630", "\"-0.042990\",\"364630"), StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("\"0.042990\",\"364630", "\"0\",\"364630"), StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("\"364630.28272081\"", "\"-1\""), StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("\"1618678145.920470\"", "\"-1\""), StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("{\"a\":[[", "{\"a\":[7,["), StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("{\"a\":[[", "{\"a\":{\"x\":[[").replace("]]},{\"b\"", "]]}},{\"b\""),
            StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("[1920,", "[\"1920\","), StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("{\"a\":", "{\"as\":"), StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("\"SC/EUR\"", "\"SC EUR\""), StatusReason.BAD_VALUE);
        assertMalformed(UPDATE.replace("\"SC/EUR\"", "\"" + "X".repeat(33) + "\""), StatusReason.SYMBOL_TOO_LONG);
        assertMalformed(UPDATE.replace("\"SC/EUR\"", "7"), StatusReason.BAD_VALUE);
        assertMalformed(TRADES.replace("\"s\",\"m\"", "\"x\",\"m\""), StatusReason.BAD_VALUE);
        assertMalformed(TRADES.replace("[993,[[", "[993,{\"t\":[[").replace("]],\"trade\"", "]]},\"trade\""),
            StatusReason.BAD_VALUE);
        assertMalformed(TRADES.replace("\"trade\",\"XMR/USD\"]", "{},\"trade\",\"XMR/USD\"]"),
            StatusReason.BAD_VALUE);
        assertMalformed("[1,2,3,4,5,\"book-10\",\"XBT/USD\"]", StatusReason.BAD_VALUE);
        assertMalformed(KrakenFrames.v2Sample("ws_trade_update.json").replace("\"sell\"", "\"hold\""),
            StatusReason.BAD_VALUE);
        assertMalformed(KrakenFrames.v2Sample("ws_book_update.json").replace("\"data\": [", "\"data\": 7, \"x\": ["),
            StatusReason.BAD_VALUE);
        assertMalformed(KrakenFrames.v2Sample("ws_book_update.json")
            .replace("2023-10-06T17:35:55.440295Z", "2023-13-06T17:35:55.440295Z"), StatusReason.BAD_VALUE);
        assertMalformed(KrakenFrames.v2Sample("ws_book_update.json")
            .replace("2023-10-06T17:35:55.440295Z", "2023-10-06 17:35:55"), StatusReason.BAD_VALUE);
        assertMalformed(KrakenFrames.v2Sample("ws_book_update.json").replace("2114181697", "-5"),
            StatusReason.BAD_VALUE);
        assertMalformed(KrakenFrames.v2Sample("ws_ticker_snapshot.json").replace("\"bid\": 105944.20", "\"bid\": 0"),
            StatusReason.BAD_VALUE);
        assertMalformed("{\"method\":\"subscribe\",\"success\":\"no\"}", StatusReason.BAD_VALUE);
        assertMalformed("{\"event\":7}", StatusReason.BAD_VALUE);
    }

    @Test
    void shouldReportMissingFields()
    {
        assertMalformed("[1920,{\"c\":\"4105471083\"},\"book-1000\",\"SC/EUR\"]", StatusReason.MISSING_FIELD);
        assertMalformed("[993,\"trade\",\"XMR/USD\"]", StatusReason.MISSING_FIELD);
        assertMalformed(TRADES.replace(",\"s\",\"m\",\"\"],[\"353", "],[\"353"), StatusReason.MISSING_FIELD);
        assertMalformed(TICKER.replace(",\"b\":[\"354.32000000\",6,\"6.87748868\"]", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(TICKER.replace(",27,\"27.19106411\"]", "]"), StatusReason.MISSING_FIELD);
        assertMalformed("{\"event\":\"subscriptionStatus\"}", StatusReason.MISSING_FIELD);
        assertMalformed(KrakenFrames.v2Sample("ws_book_update.json").replace("\"type\": \"update\",", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed("{\"channel\":\"trade\",\"type\":\"update\"}", StatusReason.MISSING_FIELD);
        assertMalformed(KrakenFrames.v2Sample("ws_book_update.json").replace("\"symbol\": \"BTC/USD\",", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(KrakenFrames.v2Sample("ws_book_update.json").replace(", \"qty\": 0.250", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(KrakenFrames.v2Sample("ws_trade_update.json").replace("\"side\": \"sell\",", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(KrakenFrames.v2Sample("ws_ticker_snapshot.json").replace("\"ask_qty\": 3.2,", ""),
            StatusReason.MISSING_FIELD);
    }

    @Test
    void shouldReportDuplicateFields()
    {
        assertMalformed(UPDATE.replace("{\"b\":[[", "{\"a\":[[\"0.043\",\"1.0\",\"1618678145.1\"]],\"b\":[["),
            StatusReason.DUPLICATE_FIELD);
        assertMalformed(UPDATE.replace("\"c\":\"4105471083\"", "\"c\":\"1\",\"c\":\"2\""),
            StatusReason.DUPLICATE_FIELD);
        assertMalformed("{\"event\":\"heartbeat\",\"event\":\"heartbeat\"}", StatusReason.DUPLICATE_FIELD);
        assertMalformed(KrakenFrames.v2Sample("ws_book_update.json").replace("\"qty\": 0.250", "\"qty\": 0.250, " +
            "\"price\": 1"), StatusReason.DUPLICATE_FIELD);
        assertMalformed(TICKER.replace("\"c\":[", "\"a\":["), StatusReason.DUPLICATE_FIELD);
    }

    @Test
    void shouldReportWhatIsNotJson()
    {
        assertMalformed("hello", StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(UPDATE + "x", StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed("{\"event\":\"heartbeat\"} {}", StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(UPDATE.replace("]]},{", "]]}{"), StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed("", StatusReason.TRUNCATED);
        assertMalformed("   ", StatusReason.TRUNCATED);
    }

    @Test
    void shouldReportAFrameLargerThanTheLimit()
    {
        final KrakenDecoder small = new KrakenDecoder(64, 0);
        final byte[] frame = UPDATE.getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, small.decode(new UnsafeBuffer(frame), 0, frame.length, RECV_TS_NS, sink));
        assertEquals(frame.length, assertOnlyMalformed(StatusReason.FRAME_TOO_LARGE, UPDATE).detail());
    }

    @Test
    void shouldWriteNoTradeOfAFrameWithOneBadTrade()
    {
        assertMalformed(TRADES.replace("\"353.81000000\"", "\"x\""), StatusReason.BAD_NUMBER);
        assertMalformed(KrakenFrames.v2Sample("ws_trade_update.json").replace("105910.50", "-105910.50"),
            StatusReason.BAD_VALUE);
    }

    @Test
    void shouldNeverThrowOrWritePartOfAMutatedFrame()
    {
        final List<String> frames = new ArrayList<>(List.of(UPDATE, TRADES, TICKER));
        KrakenFrames.V2_SAMPLES.forEach(name -> frames.add(KrakenFrames.v2Sample(name)));
        final byte[] alphabet = "[]{}\",:.-0123456789abeErsZT \\".getBytes(StandardCharsets.US_ASCII);
        final Random random = new Random(20261122L);
        int malformed = 0;
        int decoded = 0;
        for (final String text : frames)
        {
            final byte[] original = text.getBytes(StandardCharsets.US_ASCII);
            for (int round = 0; round < 3000; round++)
            {
                final byte[] frame = original.clone();
                for (int edits = 1 + random.nextInt(3); edits > 0; edits--)
                {
                    frame[random.nextInt(frame.length)] = random.nextBoolean() ?
                        alphabet[random.nextInt(alphabet.length)] : (byte)random.nextInt(256);
                }
                sink.clear();
                final int committed = decoder.decode(new UnsafeBuffer(frame), 0, frame.length, RECV_TS_NS, sink);
                final String context = new String(frame, StandardCharsets.ISO_8859_1);
                assertEquals(sink.messages().size(), committed, context);
                assertEquals(0, sink.protocolErrors(), context);
                assertFalse(sink.claimOpen(), context);
                boolean status = false;
                for (int i = 0; i < committed; i++)
                {
                    status |= sink.templateId(i) == StatusDecoder.TEMPLATE_ID;
                }
                if (status)
                {
                    assertEquals(1, committed, "a bad frame yields its status and nothing else: " + context);
                    malformed++;
                }
                else
                {
                    decoded++;
                }
            }
        }
        assertTrue(malformed > 1000 && decoded > 100, "malformed " + malformed + ", decoded " + decoded);
    }

    private void assertMalformed(final String frame, final StatusReason reason)
    {
        sink.clear();
        final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS_NS, sink), frame);
        final StatusDecoder status = assertOnlyMalformed(reason, frame);
        assertTrue(status.detail() >= 0 && status.detail() <= bytes.length, frame + ": detail " + status.detail());
    }

    private StatusDecoder assertOnlyMalformed(final StatusReason reason, final String context)
    {
        assertEquals(1, sink.messages().size(), context);
        final StatusDecoder status = sink.status(0);
        assertEquals(StatusEvent.MALFORMED, status.eventType(), context);
        assertEquals(reason, status.reason(), context);
        assertEquals(Venue.KRAKEN, status.venue(), context);
        assertEquals(RECV_TS_NS, status.recvTsNs(), context);
        assertEquals("", sink.messages().get(0).symbol(), context);
        return status;
    }
}
