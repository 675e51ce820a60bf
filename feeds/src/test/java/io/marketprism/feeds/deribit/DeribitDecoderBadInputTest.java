/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.deribit;

import io.marketprism.feeds.DecodedMessages;
import io.marketprism.feeds.RecordedJson;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input: a frame the decoder cannot take yields exactly one {@code Status(MALFORMED)} with the reason, never an
 * exception and never a partial message; control frames yield nothing.
 */
final class DeribitDecoderBadInputTest
{
    private static final long RECV_TS_NS = 1_626_993_724_283_178_000L;
    private static final String CHANGE = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":" +
        "\"book.BTC-24SEP21-8000-P.raw\",\"data\":{\"type\":\"change\",\"timestamp\":1626993724318," +
        "\"prev_change_id\":33195894164,\"instrument_name\":\"BTC-24SEP21-8000-P\",\"change_id\":33195894355," +
        "\"bids\":[],\"asks\":[[\"new\",0.001,2.6]]}}}";

    private final DeribitDecoder decoder = new DeribitDecoder();
    private final DecodedMessages sink = new DecodedMessages();

    @Test
    void shouldReportEveryTruncationOfRealFramesAsTruncated() throws IOException
    {
        final List<String> frames = RecordedJson.receivedMessages(DeribitDecoderTest.RECORDING);
        final String[] chosen = {
            CHANGE,
            frames.stream().filter(f -> f.contains("\"type\":\"snapshot\"")).findFirst().orElseThrow(),
            frames.stream().filter(f -> f.contains("\"channel\":\"ticker.")).findFirst().orElseThrow(),
            DeribitDecoderTest.sample("ws_trades.json"),
            DeribitDecoderTest.sample("ws_quote.json"),
            DeribitDecoderTest.sample("ws_book_grouped_snapshot.json") };
        int cuts = 0;
        for (final String frame : chosen)
        {
            final String trimmed = frame.strip();
            for (int length = 0; length < trimmed.length(); length++)
            {
                sink.clear();
                assertEquals(1, sink.decode(decoder, trimmed.substring(0, length), RECV_TS_NS));
                final StatusDecoder status = sink.status(0);
                assertEquals(StatusEvent.MALFORMED, status.eventType());
                assertEquals(StatusReason.TRUNCATED, status.reason(), "cut at " + length + ": " + trimmed);
                cuts++;
            }
        }
        assertTrue(cuts > 3000, "cuts " + cuts);
    }

    @Test
    void shouldReportAnErrorReplyAsVenueError()
    {
        final String error = "{\"jsonrpc\":\"2.0\",\"id\":8163,\"error\":{\"message\":\"Invalid params\"," +
            "\"data\":{\"reason\":\"invalid channel\",\"param\":\"channels\"},\"code\":-32602}," +
            "\"usIn\":1626993723846980,\"usOut\":1626993723847561,\"usDiff\":581,\"testnet\":false}";
        assertStatus(error, StatusReason.VENUE_ERROR, error.indexOf("{\"message\""));
    }

    @Test
    void shouldReportALevelOfOneNumberAtAnOffsetInsideTheFrame()
    {
        // found by DeribitDecoderFuzzTest (corpus file crash-level-of-one-number): the detail was the buffer's index 0
        // made relative to the frame, so 0 at the buffer's start and negative anywhere else
        final String frame = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":" +
            "\"book.BTC-PERPETUAL.none.10.100ms\",\"data\":{\"instrument_name\":\"BTC-PERPETUAL\",\"timestamp\":1," +
            "\"change_id\":1,\"bids\":[[1.0]],\"asks\":[]}}}";
        assertStatus(frame, StatusReason.BAD_VALUE, frame.indexOf("[1.0]") + "[1.0]".length());
    }

    @Test
    void shouldYieldNothingForControlFrames()
    {
        final String[] control = {
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":[\"book.BTC-PERPETUAL.raw\"],\"usIn\":1,\"usOut\":2," +
                "\"usDiff\":1,\"testnet\":false}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"heartbeat\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"version\":\"1.2.26\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"platform_state\"," +
                "\"data\":{\"allow_unauthenticated_public_requests\":true}}}" };
        for (final String frame : control)
        {
            sink.clear();
            assertEquals(0, sink.decode(decoder, frame, RECV_TS_NS), frame);
            assertEquals(0, sink.commits(), frame);
        }
    }

    @Test
    void shouldReportUnknownChannelsAndMethods()
    {
        final String user = CHANGE.replace("book.BTC-24SEP21-8000-P.raw", "user.orders.BTC-PERPETUAL.raw");
        assertStatus(user, StatusReason.UNKNOWN_EVENT_TYPE, user.indexOf("user.orders"));
        final String book = CHANGE.replace("book.BTC-24SEP21-8000-P.raw", "book.BTC-24SEP21-8000-P");
        assertStatus(book, StatusReason.UNKNOWN_EVENT_TYPE, book.indexOf("book.BTC"));
        final String method = "{\"jsonrpc\":\"2.0\",\"method\":\"announcement\",\"params\":{}}";
        assertStatus(method, StatusReason.UNKNOWN_EVENT_TYPE, method.indexOf("announcement"));
    }

    @Test
    void shouldReportMissingAndWrongFields()
    {
        assertReason(CHANGE.replace("\"change_id\":33195894355,", ""), StatusReason.MISSING_FIELD);
        assertReason(CHANGE.replace("\"prev_change_id\":33195894164,", ""), StatusReason.MISSING_FIELD);
        assertReason(CHANGE.replace("\"prev_change_id\":33195894164", "\"prev_change_id\":null"),
            StatusReason.MISSING_FIELD);
        assertReason(CHANGE.replace("\"instrument_name\":\"BTC-24SEP21-8000-P\",", ""), StatusReason.MISSING_FIELD);
        assertReason(CHANGE.replace(",\"data\":{", ",\"nodata\":{"), StatusReason.MISSING_FIELD);
        assertStatus(CHANGE.replace("\"new\"", "\"modify\""), StatusReason.BAD_VALUE, CHANGE.indexOf("\"new\""));
        assertStatus(CHANGE.replace("0.001,2.6", "0.001,-2.6"), StatusReason.BAD_VALUE, CHANGE.indexOf("2.6"));
        assertStatus(CHANGE.replace("0.001,2.6", "0,2.6"), StatusReason.BAD_VALUE, CHANGE.indexOf("0.001"));
        assertReason(CHANGE.replace("[\"new\",0.001,2.6]", "[\"new\",0.001]"), StatusReason.BAD_VALUE);
        assertReason(CHANGE.replace("[\"new\",0.001,2.6]", "[\"new\",0.001,2.6,7]"), StatusReason.BAD_VALUE);
        assertReason(CHANGE.replace("\"bids\":[]", "\"bids\":{}"), StatusReason.BAD_VALUE);
        assertReason(CHANGE.replace("0.001,2.6", "true,2.6"), StatusReason.BAD_VALUE);
        assertReason(CHANGE.replace("\"type\":\"change\"", "\"type\":\"delta\""), StatusReason.BAD_VALUE);
        assertReason(CHANGE.replace("\"type\":\"change\",", ""), StatusReason.MISSING_FIELD);
        assertReason(CHANGE.replace("1626993724318", "-5"), StatusReason.BAD_VALUE);
        assertReason(CHANGE.replace("33195894355", "99999999999999999999"), StatusReason.NUMBER_OVERFLOW);
        assertReason(CHANGE.replace("2.6", "2.6x"), StatusReason.BAD_NUMBER);
        assertReason(CHANGE.replace("\"change_id\":33195894355,", "\"change_id\":1,\"change_id\":2,"),
            StatusReason.DUPLICATE_FIELD);
        assertReason(CHANGE.replace("BTC-24SEP21-8000-P\",\"change", "BTC-24SEP21-8000-P-QQQQQQQQQQQQQQQQQ\",\"change"),
            StatusReason.SYMBOL_TOO_LONG);
        assertReason(CHANGE.replace("BTC-24SEP21-8000-P\",\"change", "BTC 24\",\"change"), StatusReason.BAD_VALUE);
        assertReason(CHANGE + " x", StatusReason.UNEXPECTED_CHARACTER);
        assertReason("[" + CHANGE + "]", StatusReason.UNEXPECTED_CHARACTER);
    }

    @Test
    void shouldReportBadTrades() throws IOException
    {
        final String trades = DeribitDecoderTest.sample("ws_trades.json");
        final int second = trades.lastIndexOf("\"sell\"");
        assertReason(trades.substring(0, second) + "\"short\"" + trades.substring(second + 6),
            StatusReason.BAD_VALUE);
        assertReason(trades.replace("\"403691825\"", "\"ETH-\""), StatusReason.BAD_VALUE);
        assertReason(trades.replace("\"403691825\"", "\"4036x91825\""), StatusReason.BAD_VALUE);
        assertReason(trades.replace("\"trade_id\": \"403691825\"", "\"trade\": \"403691825\""),
            StatusReason.MISSING_FIELD);
        assertReason(trades.replace("\"data\": [", "\"data\": {"), StatusReason.BAD_VALUE);
        assertEquals(0, sink.protocolErrors());
    }

    @Test
    void shouldReportAnOversizedFrame()
    {
        final DeribitDecoder small = new DeribitDecoder(100, 0);
        sink.clear();
        assertEquals(1, sink.decode(small, CHANGE, RECV_TS_NS));
        assertEquals(StatusReason.FRAME_TOO_LARGE, sink.status(0).reason());
        assertEquals(CHANGE.length(), sink.status(0).detail());
    }

    @Test
    void shouldNeverThrowOnMutatedRealFrames() throws IOException
    {
        final List<String> frames = RecordedJson.receivedMessages(DeribitDecoderTest.RECORDING);
        final Random random = new Random(6);
        int malformed = 0;
        for (int i = 0; i < 20_000; i++)
        {
            final char[] text = frames.get(random.nextInt(frames.size())).toCharArray();
            for (int m = 1 + random.nextInt(3); m > 0; m--)
            {
                text[random.nextInt(text.length)] = "{}[],:\"0123456789.-enull x".charAt(random.nextInt(26));
            }
            sink.clear();
            final int committed = sink.decode(decoder, new String(text), RECV_TS_NS);
            assertEquals(committed, sink.messages().size());
            assertEquals(0, sink.protocolErrors());
            for (int m = 0; m < committed; m++)
            {
                if (sink.templateId(m) == StatusDecoder.TEMPLATE_ID)
                {
                    assertEquals(1, committed, "a status is the only message of its frame");
                    malformed++;
                }
            }
        }
        assertTrue(malformed > 10_000, "malformed " + malformed);
    }

    private void assertReason(final String frame, final StatusReason reason)
    {
        sink.clear();
        assertEquals(1, sink.decode(decoder, frame, RECV_TS_NS), frame);
        final StatusDecoder status = sink.status(0);
        assertEquals(StatusEvent.MALFORMED, status.eventType());
        assertEquals(reason, status.reason(), frame);
        assertEquals("", sink.messages().get(0).symbol());
    }

    private void assertStatus(final String frame, final StatusReason reason, final int detail)
    {
        assertReason(frame, reason);
        assertEquals(detail, sink.status(0).detail(), "byte offset in " + frame);
    }
}
