/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

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
final class KrakenFuturesDecoderBadInputTest
{
    private static final long RECV_TS_NS = 1_626_994_928_037_677_000L;
    private static final String DELTA = "{\"feed\":\"book\",\"product_id\":\"PI_ETHUSD\",\"side\":\"sell\"," +
        "\"seq\":26660860,\"price\":2004.85,\"qty\":4787.0,\"timestamp\":1626994927744}";

    private final KrakenFuturesDecoder decoder = new KrakenFuturesDecoder();
    private final DecodedMessages sink = new DecodedMessages();

    @Test
    void shouldReportEveryTruncationOfRealFramesAsTruncated() throws IOException
    {
        final List<String> frames = RecordedJson.receivedMessages(KrakenFuturesDecoderTest.RECORDING);
        final String[] chosen = {
            DELTA,
            frames.stream().filter(f -> f.startsWith("{\"feed\":\"book_snapshot\"") && f.length() < 3000)
                .findFirst().orElseThrow(),
            frames.stream().filter(f -> f.startsWith("{\"feed\":\"trade_snapshot\"")).findFirst().orElseThrow()
                .substring(0, 0) + KrakenFuturesDecoderTest.sample("ws_futures_trade_snapshot.json"),
            KrakenFuturesDecoderTest.sample("ws_futures_ticker.json"),
            KrakenFuturesDecoderTest.sample("ws_futures_trade.json") };
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
        assertTrue(cuts > 2000, "cuts " + cuts);
    }

    @Test
    void shouldReportErrorsAndAlertsAsVenueErrors()
    {
        final String[] errors = {
            "{\"event\":\"error\",\"message\":\"Invalid product id\"}",
            "{\"event\":\"alert\",\"message\":\"Bad websocket message\"}",
            "{\"event\":\"subscribed_failed\",\"feed\":\"book\",\"product_ids\":[\"PI_NOPE\"]}" };
        for (final String error : errors)
        {
            assertStatus(error, StatusReason.VENUE_ERROR, error.indexOf(':') + 2);
        }
    }

    @Test
    void shouldReportAnEmptyQuantityAtAnOffsetInsideTheFrame()
    {
        // found by KrakenFuturesDecoderFuzzTest (corpus file crash-empty-qty-string): the detail was the buffer's
        // index 0 made relative to the frame, so 0 at the buffer's start and negative anywhere else
        final String frame = "{\"feed\":\"book_snapshot\",\"product_id\":\"PI_XBTUSD\",\"timestamp\":1,\"seq\":1," +
            "\"bids\":[{\"price\":1.0,\"qty\":\"\"}],\"asks\":[]}";
        assertStatus(frame, StatusReason.BAD_NUMBER, frame.indexOf("\"\"}") + 2);
    }

    @Test
    void shouldYieldNothingForControlFrames()
    {
        final String[] control = {
            "{\"event\":\"info\",\"version\":1}",
            "{\"event\":\"subscribed\",\"feed\":\"book\",\"product_ids\":[\"PI_XBTUSD\"]}",
            "{\"event\":\"unsubscribed\",\"feed\":\"trade\",\"product_ids\":[\"PI_XBTUSD\"]}",
            "{\"feed\":\"heartbeat\",\"time\":1534262350627}",
            "{\"feed\":\"ticker_lite\",\"product_id\":\"FI_BCHUSD_210730\",\"bid\":439.3,\"ask\":439.6," +
                "\"change\":2.640803926150981,\"premium\":0.3,\"volume\":3413476.0,\"tag\":\"month\"," +
                "\"pair\":\"BCH:USD\",\"dtm\":7,\"maturityTime\":1627657200000}" };
        for (final String frame : control)
        {
            sink.clear();
            assertEquals(0, sink.decode(decoder, frame, RECV_TS_NS), frame);
            assertEquals(0, sink.commits(), frame);
        }
    }

    @Test
    void shouldReportUnknownFeedsAndMissingOrWrongFields()
    {
        assertStatus(DELTA.replace("\"book\"", "\"book_ui\""), StatusReason.UNKNOWN_EVENT_TYPE, 9);
        assertStatus("{\"event\":\"challenge\",\"message\":\"x\"}", StatusReason.UNKNOWN_EVENT_TYPE, 10);
        assertReason("{\"product_id\":\"PI_XBTUSD\"}", StatusReason.MISSING_FIELD);
        assertReason(DELTA.replace("\"seq\":26660860,", ""), StatusReason.MISSING_FIELD);
        assertReason(DELTA.replace("\"side\":\"sell\",", ""), StatusReason.MISSING_FIELD);
        assertReason(DELTA.replace("\"qty\":4787.0", "\"qty\":null"), StatusReason.MISSING_FIELD);
        assertStatus(DELTA.replace("\"sell\"", "\"short\""), StatusReason.BAD_VALUE, DELTA.indexOf("sell"));
        assertStatus(DELTA.replace("4787.0", "-4787.0"), StatusReason.BAD_VALUE, DELTA.indexOf("4787.0"));
        assertStatus(DELTA.replace("2004.85", "0"), StatusReason.BAD_VALUE, DELTA.indexOf("2004.85"));
        assertReason(DELTA.replace("2004.85", "true"), StatusReason.BAD_VALUE);
        assertReason(DELTA.replace("2004.85", "\"\""), StatusReason.BAD_NUMBER);
        assertReason(DELTA.replace("26660860", "99999999999999999999"), StatusReason.NUMBER_OVERFLOW);
        assertReason(DELTA.replace("1626994927744", "-1"), StatusReason.BAD_VALUE);
        assertReason(DELTA.replace("\"seq\":26660860,", "\"seq\":1,\"seq\":2,"), StatusReason.DUPLICATE_FIELD);
        assertReason(DELTA.replace("PI_ETHUSD", "PI_ETHUSD_THAT_IS_FAR_TOO_LONG_TO_BE_A_SYMBOL"),
            StatusReason.SYMBOL_TOO_LONG);
        assertReason(DELTA + "}", StatusReason.UNEXPECTED_CHARACTER);
        final String snapshot = "{\"feed\":\"book_snapshot\",\"product_id\":\"PI_XBTUSD\"," +
            "\"timestamp\":1612269825817,\"seq\":326072249,\"tickSize\":null," +
            "\"bids\":[{\"price\":34892.5,\"qty\":6385}],\"asks\":[]}";
        assertReason(snapshot.replace("{\"price\":34892.5,\"qty\":6385}", "{\"price\":34892.5}"),
            StatusReason.MISSING_FIELD);
        assertReason(snapshot.replace("{\"price\":34892.5,\"qty\":6385}", "[34892.5,6385]"), StatusReason.BAD_VALUE);
        assertReason(snapshot.replace(",\"qty\":6385", ",\"qty\":6385,\"qty\":1"), StatusReason.DUPLICATE_FIELD);
        assertReason(snapshot.replace("\"asks\":[]", "\"asks\":{}"), StatusReason.BAD_VALUE);
        assertReason(snapshot.replace(",\"asks\":[]", ""), StatusReason.MISSING_FIELD);
    }

    @Test
    void shouldReportBadTradesWithoutWritingAny() throws IOException
    {
        final String snapshot = KrakenFuturesDecoderTest.sample("ws_futures_trade_snapshot.json");
        assertReason(snapshot.replace("\"seq\": 655507,", ""), StatusReason.MISSING_FIELD);
        assertReason(snapshot.replace("\"price\": 34891", "\"price\": -34891"), StatusReason.BAD_VALUE);
        assertReason(snapshot.replace("\"side\": \"sell\",\n      \"type\": \"fill\",\n      \"seq\": 655507",
            "\"side\": \"up\",\n      \"type\": \"fill\",\n      \"seq\": 655507"), StatusReason.BAD_VALUE);
        final String trade = KrakenFuturesDecoderTest.sample("ws_futures_trade.json");
        assertReason(trade.replace("\"time\": 1612266317519,", ""), StatusReason.MISSING_FIELD);
    }

    @Test
    void shouldReportAnOversizedFrame()
    {
        sink.clear();
        assertEquals(1, sink.decode(new KrakenFuturesDecoder(64, 0), DELTA, RECV_TS_NS));
        assertEquals(StatusReason.FRAME_TOO_LARGE, sink.status(0).reason());
        assertEquals(DELTA.length(), sink.status(0).detail());
    }

    @Test
    void shouldNeverThrowOnMutatedRealFrames() throws IOException
    {
        final List<String> frames = RecordedJson.receivedMessages(KrakenFuturesDecoderTest.RECORDING);
        final Random random = new Random(8);
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
        assertTrue(malformed > 5_000, "malformed " + malformed);
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
