/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input becomes exactly one {@code malformed} status naming the reason: never an exception, never a book message.
 */
final class CoinbaseDecoderBadInputTest
{
    private static final String L2 = "{\"channel\":\"l2_data\",\"timestamp\":\"2026-04-07T14:30:01.456789Z\"," +
        "\"sequence_num\":1,\"events\":[{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[" +
        "{\"side\":\"bid\",\"event_time\":\"2026-04-07T14:30:01.456789Z\",\"price_level\":\"68900.00\"," +
        "\"new_quantity\":\"2.0\"}]}]}";
    private static final String LEGACY = "{\"type\":\"l2update\",\"product_id\":\"SKL-BTC\",\"changes\":" +
        "[[\"sell\",\"0.00001306\",\"660.5\"]],\"time\":\"2021-04-17T16:43:37.075687Z\"}";
    private static final String MATCH = "{\"type\":\"match\",\"trade_id\":280232,\"side\":\"sell\",\"size\":\"985\"," +
        "\"price\":\"0.00001305\",\"product_id\":\"SKL-BTC\",\"sequence\":177100030," +
        "\"time\":\"2021-04-17T16:43:37.089723Z\"}";

    private final CoinbaseDecoder decoder = new CoinbaseDecoder(Venue.COINBASE);
    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    static Stream<Arguments> badFrames()
    {
        return Stream.of(
            Arguments.of("empty", "", StatusReason.TRUNCATED),
            Arguments.of("not json", "hello", StatusReason.UNEXPECTED_CHARACTER),
            Arguments.of("truncated", L2.substring(0, L2.length() / 2), StatusReason.TRUNCATED),
            Arguments.of("trailing bytes", L2 + "}", StatusReason.UNEXPECTED_CHARACTER),
            Arguments.of("an array", "[1,2]", StatusReason.UNEXPECTED_CHARACTER),
            Arguments.of("neither channel nor type", "{\"foo\":1}", StatusReason.MISSING_FIELD),
            Arguments.of("advanced error", "{\"type\":\"error\",\"message\":\"failure to subscribe\"}",
                StatusReason.VENUE_ERROR),
            Arguments.of("legacy error", "{\"type\":\"error\",\"message\":\"Failed to subscribe\"," +
                "\"reason\":\"FOO-BAR is not a valid product\"}", StatusReason.VENUE_ERROR),
            Arguments.of("unknown channel", L2.replace("l2_data", "candles"), StatusReason.UNKNOWN_EVENT_TYPE),
            Arguments.of("unknown legacy type", LEGACY.replace("l2update", "received"),
                StatusReason.UNKNOWN_EVENT_TYPE),
            Arguments.of("unknown event type", L2.replace("\"update\"", "\"delta\""), StatusReason.UNKNOWN_EVENT_TYPE),
            Arguments.of("no sequence_num", L2.replace("\"sequence_num\":1,", ""), StatusReason.MISSING_FIELD),
            Arguments.of("sequence_num not a number", L2.replace("\"sequence_num\":1", "\"sequence_num\":\"x\""),
                StatusReason.BAD_NUMBER),
            Arguments.of("sequence_num negative", L2.replace("\"sequence_num\":1", "\"sequence_num\":-1"),
                StatusReason.BAD_VALUE),
            Arguments.of("sequence_num overflow", L2.replace("\"sequence_num\":1",
                "\"sequence_num\":99999999999999999999"), StatusReason.NUMBER_OVERFLOW),
            Arguments.of("duplicate key", L2.replace("\"sequence_num\":1", "\"sequence_num\":1,\"sequence_num\":2"),
                StatusReason.DUPLICATE_FIELD),
            Arguments.of("events not an array", L2.replaceFirst("\"events\":\\[.*]}$", "\"events\":{}}"),
                StatusReason.BAD_VALUE),
            Arguments.of("event not an object", L2.replaceFirst("\"events\":\\[.*]}$", "\"events\":[1]}"),
                StatusReason.BAD_VALUE),
            Arguments.of("no product_id", L2.replace("\"product_id\":\"BTC-USD\",", ""), StatusReason.MISSING_FIELD),
            Arguments.of("product_id with a space", L2.replace("BTC-USD", "BTC USD"), StatusReason.BAD_VALUE),
            Arguments.of("product_id too long", L2.replace("BTC-USD", "B".repeat(40)), StatusReason.SYMBOL_TOO_LONG),
            Arguments.of("side neither bid nor offer", L2.replace("\"bid\"", "\"ask\""), StatusReason.BAD_VALUE),
            Arguments.of("price zero", L2.replace("68900.00", "0"), StatusReason.BAD_VALUE),
            Arguments.of("price negative", L2.replace("68900.00", "-68900.00"), StatusReason.BAD_VALUE),
            Arguments.of("price not a number", L2.replace("68900.00", "abc"), StatusReason.BAD_NUMBER),
            Arguments.of("price empty", L2.replace("\"68900.00\"", "\"\""), StatusReason.BAD_NUMBER),
            Arguments.of("quantity negative", L2.replace("\"2.0\"", "\"-2.0\""), StatusReason.BAD_VALUE),
            Arguments.of("quantity overflow", L2.replace("\"2.0\"", "\"123456789012345678901234.5\""),
                StatusReason.NUMBER_OVERFLOW),
            Arguments.of("price_level missing", L2.replace("\"price_level\":\"68900.00\",", ""),
                StatusReason.MISSING_FIELD),
            Arguments.of("event_time not a time", L2.replace("\"event_time\":\"2026-04-07T14:30:01.456789Z\"",
                "\"event_time\":\"yesterday\""), StatusReason.BAD_VALUE),
            Arguments.of("event_time not a string", L2.replace("\"event_time\":\"2026-04-07T14:30:01.456789Z\"",
                "\"event_time\":1775572201"), StatusReason.BAD_VALUE),
            Arguments.of("timestamp not a time", L2.replace("\"timestamp\":\"2026-04-07T14:30:01.456789Z\"",
                "\"timestamp\":\"2026-04-07T14:30:01.456789+02:00\""), StatusReason.BAD_VALUE),
            Arguments.of("legacy change too short", LEGACY.replace(",\"660.5\"", ""), StatusReason.BAD_VALUE),
            Arguments.of("legacy change side", LEGACY.replace("\"sell\"", "\"offer\""), StatusReason.BAD_VALUE),
            Arguments.of("legacy changes not an array", LEGACY.replaceFirst("\\[\\[.*]]", "7"),
                StatusReason.BAD_VALUE),
            Arguments.of("legacy time", LEGACY.replace("16:43:37", "16:43:99"), StatusReason.BAD_VALUE),
            Arguments.of("legacy snapshot level", "{\"type\":\"snapshot\",\"product_id\":\"BAND-GBP\",\"asks\":" +
                "[[\"14.8024\"]],\"bids\":[]}", StatusReason.BAD_VALUE),
            Arguments.of("match without trade_id", MATCH.replace("\"trade_id\":280232,", ""),
                StatusReason.MISSING_FIELD),
            Arguments.of("match trade_id not a number", MATCH.replace("280232", "\"abc\""), StatusReason.BAD_NUMBER),
            Arguments.of("match side", MATCH.replace("\"sell\"", "\"SELL\""), StatusReason.BAD_VALUE),
            Arguments.of("ticker bid zero", "{\"type\":\"ticker\",\"sequence\":1,\"product_id\":\"BAND-GBP\"," +
                "\"best_bid\":\"0\",\"best_ask\":\"14.8060\"}", StatusReason.BAD_VALUE),
            Arguments.of("ticker without sequence", "{\"type\":\"ticker\",\"product_id\":\"BAND-GBP\"," +
                "\"best_bid\":\"1\",\"best_ask\":\"14.8060\"}", StatusReason.MISSING_FIELD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void shouldReportBadInputAsOneMalformedStatus(final String name, final String frame, final StatusReason reason)
    {
        assertEquals(1, decode(frame), name);
        final RecordingSink.Message message = sink.only();
        assertEquals(StatusDecoder.TEMPLATE_ID, view.templateId(sink.buffer(), message), name);
        final StatusDecoder status = view.status(sink.buffer(), message);
        assertEquals(StatusEvent.MALFORMED, status.eventType(), name);
        assertEquals(reason, status.reason(), name);
        assertEquals(Venue.COINBASE, status.venue());
        assertTrue(status.detail() >= 0 && status.detail() <= Math.max(frame.length(), 0), "detail " + status.detail());
    }

    @Test
    void shouldReportAFrameLongerThanTheLimit()
    {
        final CoinbaseDecoder small = new CoinbaseDecoder(Venue.COINBASE, 64, 0);
        final byte[] bytes = L2.getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, small.decode(new UnsafeBuffer(bytes), 0, bytes.length, 1L, sink));
        final StatusDecoder status = view.status(sink.buffer(), sink.only());
        assertEquals(StatusReason.FRAME_TOO_LARGE, status.reason());
        assertEquals(bytes.length, status.detail(), "detail is the frame length");
    }

    @Test
    void shouldReportASinkTooSmallForTheMessage()
    {
        sink.maxClaimLength(StatusDecoder.BLOCK_LENGTH + 8);
        assertEquals(1, decode(L2));
        assertEquals(StatusReason.FRAME_TOO_LARGE, view.status(sink.buffer(), sink.only()).reason());
    }

    @Test
    void shouldKeepTheEventsBeforeABadOneAndReportTheBadOne()
    {
        final String event = L2.substring(L2.indexOf("[{\"type\"") + 1, L2.length() - 2);
        final String twoEvents = L2.replace(event, event + "," + event.replace("\"bid\"", "\"sideways\""));
        assertEquals(2, decode(twoEvents));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.messages().get(0));
        assertEquals(1L, book.seq());
        assertEquals(StatusReason.BAD_VALUE, view.status(sink.buffer(), sink.messages().get(1)).reason());
    }

    @Test
    void shouldSkipUnknownFieldsAndTakeFieldsInAnyOrder()
    {
        final String reordered = "{\"events\":[{\"updates\":[{\"new_quantity\":\"2.0\",\"extra\":[1,{\"a\":null}]," +
            "\"price_level\":\"68900.00\",\"side\":\"bid\"}],\"product_id\":\"BTC-USD\",\"type\":\"update\"}]," +
            "\"sequence_num\":1,\"client_id\":\"\",\"channel\":\"l2_data\"}";
        assertEquals(1, decode(reordered));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals("BTC-USD", sink.only().symbol());
        assertEquals(1L, book.seq());
        assertEquals(Long.MIN_VALUE, book.exchTsNs(), "no event_time and no timestamp");
    }

    private int decode(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 4]);
        buffer.putBytes(2, bytes);
        final int messages = decoder.decode(buffer, 2, bytes.length, 1L, sink);
        assertEquals(0, sink.protocolErrors());
        assertEquals(messages, sink.commits());
        return messages;
    }
}
