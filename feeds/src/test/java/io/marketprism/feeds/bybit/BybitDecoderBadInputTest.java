/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input: every bad frame yields exactly one {@code Status(MALFORMED)} with the right reason, never an exception
 * and never a partial message (a trade array with one bad element writes no trade at all).
 */
final class BybitDecoderBadInputTest
{
    private static final long RECV_TS = 1_733_011_200_700_000_000L;
    private static final String BOOK = "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\"," +
        "\"ts\":1672304484978,\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"16493.50\",\"0.006\"]],\"a\":[[\"16611.00\"," +
        "\"0.029\"]],\"u\":18521288,\"seq\":7961638724},\"cts\":1672304484976}";
    private static final String TRADE = "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\"," +
        "\"ts\":1672304486868,\"data\":[{\"T\":1672304486865,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.001\"," +
        "\"p\":\"16578.50\",\"i\":\"20f43950-d8dd-5b31-9112-a178eb6023af\"}]}";
    private static final String TICKER = "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":" +
        "\"BTCUSDT\",\"markPrice\":\"17217.33\",\"bid1Price\":\"17215.50\",\"bid1Size\":\"84.489\",\"ask1Price\":" +
        "\"17216.00\",\"ask1Size\":\"83.020\"},\"cs\":24987956059,\"ts\":1673272861686}";

    private final DecodedSink sink = new DecodedSink();

    @Test
    void shouldDecodeTheGoodFramesTheBadOnesAreMadeFrom()
    {
        assertEquals(1, decode(new BybitDecoder(BybitCategory.LINEAR), BOOK));
        assertEquals(1, decode(new BybitDecoder(BybitCategory.LINEAR), TRADE));
        assertEquals(2, decode(new BybitDecoder(BybitCategory.LINEAR), TICKER));
        assertEquals(0, sink.messages().stream().filter(m -> "status".equals(m.type())).count());
    }

    @Test
    void shouldReportEveryTruncationOfRealFramesAsTruncated()
    {
        final List<String> archive = BybitRecordings.archiveLines();
        final String[] frames = {
            archive.get(1), archive.get(49),
            BybitRecordings.sample("ws_orderbook_snapshot.json"), BybitRecordings.sample("ws_orderbook_delta.json"),
            BybitRecordings.sample("ws_public_trade.json"), BybitRecordings.sample("ws_ticker_linear.json"),
            BybitRecordings.sample("ws_ticker_option.json"), BOOK, TRADE, TICKER };
        int cuts = 0;
        for (final String text : frames)
        {
            final BybitDecoder decoder = new BybitDecoder(BybitCategory.LINEAR);
            final String frame = text.strip();
            final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            // the frame sits in a larger buffer: the bytes past the cut are still there, as in a capture line
            final byte[] line = Arrays.copyOf(bytes, bytes.length + 30);
            Arrays.fill(line, bytes.length, line.length, (byte)' ');
            final UnsafeBuffer buffer = new UnsafeBuffer(line);
            for (int cut = 0; cut < bytes.length; cut++)
            {
                sink.clear();
                assertEquals(1, decoder.decode(buffer, 0, cut, RECV_TS, sink), "cut at " + cut + " of " + frame);
                final DecodedSink.Decoded status = sink.only();
                assertEquals("status", status.type(), "cut at " + cut);
                assertEquals("TRUNCATED", status.get("reason"), "cut at " + cut + ": " + frame.substring(0, cut));
                assertTrue(Long.parseLong(status.get("detail")) <= cut, "detail " + status.get("detail"));
                assertEquals(0, sink.protocolErrors());
                cuts++;
            }
        }
        assertTrue(cuts > 5000, "cuts " + cuts);
    }

    @Test
    void shouldNameTheReasonOfEachBadFrame()
    {
        final String[][] cases = {
            { "UNKNOWN_EVENT_TYPE", "{\"topic\":\"kline.5.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[]}" },
            { "BAD_NUMBER", BOOK.replace("\"u\":18521288", "\"u\":\"abc\"") },
            { "NUMBER_OVERFLOW", BOOK.replace("\"u\":18521288", "\"u\":99999999999999999999") },
            { "BAD_VALUE", BOOK.replace("\"u\":18521288", "\"u\":0") },
            { "BAD_VALUE", BOOK.replace("[\"16493.50\",\"0.006\"]", "[{\"p\":1},\"0.006\"]") },
            { "BAD_VALUE", BOOK.replace("[\"16493.50\",\"0.006\"]", "[\"16493.50\"]") },
            { "BAD_VALUE", BOOK.replace("[\"16493.50\",\"0.006\"]", "[\"16493.50\",\"0.006\",\"1\"]") },
            { "BAD_VALUE", BOOK.replace("\"0.006\"", "\"-0.006\"") },
            { "BAD_VALUE", BOOK.replace("\"16493.50\"", "\"0\"") },
            { "BAD_NUMBER", BOOK.replace("\"16493.50\"", "\"16493.5x\"") },
            { "DUPLICATE_FIELD", BOOK.replace("\"seq\":7961638724", "\"u\":18521289") },
            { "DUPLICATE_FIELD", BOOK.replace("\"ts\":1672304484978", "\"topic\":\"orderbook.50.BTCUSDT\"") },
            { "MISSING_FIELD", BOOK.replace("\"u\":18521288,", "") },
            { "MISSING_FIELD", BOOK.replace("\"type\":\"delta\",", "") },
            { "BAD_VALUE", BOOK.replace("\"type\":\"delta\"", "\"type\":\"partial\"") },
            { "BAD_VALUE", BOOK.replace("\"data\":{", "\"data\":[").replace("},\"cts\"", "],\"cts\"") },
            { "SYMBOL_TOO_LONG", BOOK.replace("\"s\":\"BTCUSDT\"", "\"s\":\"ABCDEFGHIJKLMNOPQRSTUVWXYZ\"") },
            { "BAD_VALUE", BOOK.replace("\"s\":\"BTCUSDT\"", "\"s\":\"BTC USDT\"") },
            { "BAD_VALUE", BOOK.replace("\"s\":\"BTCUSDT\"", "\"s\":\"\"") },
            { "BAD_VALUE", BOOK.replace("\"topic\":\"orderbook.50.BTCUSDT\"", "\"topic\":5") },
            { "BAD_VALUE", BOOK.replace("\"ts\":1672304484978", "\"ts\":-1") },
            { "BAD_NUMBER", BOOK.replace("\"ts\":1672304484978", "\"ts\":\"soon\"") },
            { "UNEXPECTED_CHARACTER", BOOK + "x" },
            { "UNEXPECTED_CHARACTER", "[" + BOOK + "]" },
            { "UNEXPECTED_CHARACTER", BOOK.replace("\"data\":{", "\"data\"{") },
            { "MISSING_FIELD", "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1}" },
            { "MISSING_FIELD", "{\"ret_msg\":\"pong\",\"conn_id\":\"x\"}" },
            { "BAD_VALUE", "{\"success\":\"yes\",\"op\":\"subscribe\"}" },
            { "VENUE_ERROR", "{\"success\":false,\"ret_msg\":\"Invalid topic\",\"op\":\"subscribe\"}" },
            { "BAD_VALUE", TRADE.replace("\"S\":\"Buy\"", "\"S\":\"Hold\"") },
            { "MISSING_FIELD", TRADE.replace("\"T\":1672304486865,", "") },
            { "BAD_NUMBER", TRADE.replace("\"p\":\"16578.50\"", "\"p\":\"\"") },
            { "BAD_VALUE", TRADE.replace("\"v\":\"0.001\"", "\"v\":\"-1\"") },
            { "BAD_VALUE", TRADE.replace("\"data\":[", "\"data\":{\"x\":").replace("}]}", "}}}") },
            { "BAD_VALUE", TRADE.replace("\"data\":[", "\"data\":[1,") },
            { "DUPLICATE_FIELD", TRADE.replace("\"i\":", "\"trade_id\":\"1\",\"i\":") },
            { "BAD_VALUE", TICKER.replace("\"bid1Size\":\"84.489\"", "\"bid1Size\":\"-84.489\"") },
            { "NUMBER_OVERFLOW", TICKER.replace("\"17217.33\"", "\"1234567890123456789012\"") },
            { "MISSING_FIELD", TICKER.replace("\"symbol\":\"BTCUSDT\",", "") },
            { "DUPLICATE_FIELD", TICKER.replace("\"bid1Size\"", "\"markPrice\"") } };
        for (final String[] entry : cases)
        {
            assertOneStatus(entry[0], entry[1], new BybitDecoder(BybitCategory.LINEAR));
        }
    }

    @Test
    void shouldWriteNoTradeOfAnArrayWithOneBadElement()
    {
        final String frame = "{\"topic\":\"publicTrade.BTCUSDT\",\"data\":[{\"T\":1672304486865,\"s\":\"BTCUSDT\"," +
            "\"S\":\"Buy\",\"v\":\"0.001\",\"p\":\"16578.50\",\"i\":\"1\"},{\"T\":1672304486866,\"s\":\"BTCUSDT\"," +
            "\"S\":\"Sell\",\"v\":\"0.002\",\"p\":\"1.2.3\",\"i\":\"2\"}]}";
        assertOneStatus("BAD_NUMBER", frame, new BybitDecoder(BybitCategory.SPOT));
        final String badSymbolLast = "{\"topic\":\"publicTrade.BTCUSDT\",\"data\":[{\"T\":1,\"s\":\"BTCUSDT\"," +
            "\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\"},{\"T\":2,\"s\":\"BTC\\\"USDT\",\"S\":\"Buy\",\"v\":\"1\"," +
            "\"p\":\"2\"}]}";
        assertOneStatus("BAD_VALUE", badSymbolLast, new BybitDecoder(BybitCategory.SPOT));
    }

    @Test
    void shouldReportAFrameOverTheLimitAndAMessageTheSinkCannotHold()
    {
        final BybitDecoder small = new BybitDecoder(BybitCategory.LINEAR, 64, 0);
        assertOneStatus("FRAME_TOO_LARGE", BOOK, small);
        assertEquals(Integer.toString(BOOK.length()), sink.only().get("detail"), "detail is the frame length");

        final DecodedSink tiny = new DecodedSink(80, true);
        final byte[] bytes = BOOK.getBytes(StandardCharsets.UTF_8);
        assertEquals(1, new BybitDecoder(BybitCategory.LINEAR).decode(new UnsafeBuffer(bytes), 0, bytes.length,
            RECV_TS, tiny));
        assertEquals("FRAME_TOO_LARGE", tiny.only().get("reason"));
        assertEquals(0, tiny.protocolErrors());
    }

    @Test
    void shouldNeverThrowOnMutatedRealFrames()
    {
        final List<String> archive = BybitRecordings.archiveLines();
        final String[] seeds = { archive.get(3), BOOK, TRADE, TICKER,
            BybitRecordings.sample("ws_ticker_option.json"), BybitRecordings.sample("ws_public_trade.json") };
        final byte[] alphabet = "{}[]\",:0123456789.-eE tfnaxyz\\".getBytes(StandardCharsets.US_ASCII);
        final Random random = new Random(20261122L);
        final BybitDecoder decoder = new BybitDecoder(BybitCategory.LINEAR);
        int statuses = 0;
        for (int round = 0; round < 20_000; round++)
        {
            final byte[] bytes = seeds[round % seeds.length].getBytes(StandardCharsets.UTF_8);
            final int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++)
            {
                bytes[random.nextInt(bytes.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            sink.clear();
            final int committed = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS, sink);
            assertEquals(sink.commits(), committed, "return value is the messages committed");
            assertEquals(0, sink.protocolErrors());
            final long statusCount = sink.messages().stream().filter(m -> "status".equals(m.type())).count();
            assertTrue(statusCount == 0 || committed == 1, "a status comes alone: " + new String(bytes,
                StandardCharsets.UTF_8));
            statuses += (int)statusCount;
        }
        assertTrue(statuses > 10_000, "mutations reported: " + statuses);
    }

    private void assertOneStatus(final String reason, final String frame, final BybitDecoder decoder)
    {
        sink.clear();
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        final int committed = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS, sink);
        assertEquals(1, committed, frame);
        final DecodedSink.Decoded status = sink.only();
        assertEquals("status", status.type(), frame);
        assertEquals("MALFORMED", status.get("event"), frame);
        assertEquals(reason, status.get("reason"), frame);
        assertEquals("", status.symbol());
        assertEquals(Long.toString(RECV_TS), status.get("recvTs"));
        assertEquals(0, sink.protocolErrors());
    }

    private int decode(final BybitDecoder decoder, final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS, sink);
    }
}
