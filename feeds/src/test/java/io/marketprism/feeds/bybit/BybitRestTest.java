/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import io.marketprism.feeds.FrameReplay;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BybitDecoder} on REST response bodies: both nautilus {@code http_*.json} samples of Bybit.
 */
final class BybitRestTest
{
    private static final long RECV_TS = 1_700_000_000_123_456_789L;
    private static final long MS = 1_000_000L;

    private final BybitDecoder linear = new BybitDecoder(BybitCategory.LINEAR);
    private final DecodedSink sink = new DecodedSink();

    @Test
    void shouldDecodeTheOrderBookAsASnapshot()
    {
        assertTrue(linear.restEndpoint("/v5/market/orderbook?category=linear&symbol=BTCUSDT"));
        assertEquals(1, decode(BybitRecordings.sample("http_get_orderbook.json")));
        final DecodedSink.Decoded book = sink.only();
        assertEquals("book", book.type());
        assertEquals("linear:BTCUSDT", book.symbol(), "s, with the decoder's category");
        assertEquals("true", book.get("snapshot"));
        assertEquals("1234567", book.get("seq"), "u");
        assertEquals(Long.toString(1709891679000L * MS), book.get("exchTs"), "cts");
        assertEquals(3, book.bids().size());
        assertArrayEquals(new String[]{ "27450.50", "1.500" }, book.bids().get(0), "b[0]");
        assertArrayEquals(new String[]{ "27449.50", "0.750" }, book.bids().get(2), "b[2]");
        assertEquals(3, book.asks().size());
        assertArrayEquals(new String[]{ "27451.00", "1.200" }, book.asks().get(0), "a[0]");
        assertArrayEquals(new String[]{ "27452.00", "0.500" }, book.asks().get(2), "a[2]");
    }

    @Test
    void shouldDecodeRecentTrades()
    {
        assertTrue(linear.restEndpoint("/v5/market/recent-trade"));
        assertEquals(1, decode(BybitRecordings.sample("http_get_trades_recent.json")));
        final DecodedSink.Decoded trade = sink.only();
        assertEquals("trade", trade.type());
        assertEquals("linear:BTCUSDT", trade.symbol(), "symbol");
        assertEquals("BUY", trade.get("side"), "side Buy");
        assertEquals("27450.50", trade.get("price"), "price");
        assertEquals("0.005", trade.get("qty"), "size");
        assertEquals(Long.toString(1709891679000L * MS), trade.get("exchTs"), "time");
        // execId a905d5c3-1ed0-4f37-...: its first 16 hex digits, top bit cleared
        assertEquals(Long.toString(0xa905d5c31ed04f37L & Long.MAX_VALUE), trade.get("tradeId"), "execId");
    }

    /**
     * Bybit lists recent trades newest first (a body written from the documented shape, with three trades); they are
     * written oldest first, so that trade times only go forwards.
     */
    @Test
    void shouldWriteRecentTradesOldestFirst()
    {
        assertTrue(linear.restEndpoint("/v5/market/recent-trade"));
        final String body = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\",\"list\":[" +
            trade("3", "1709891679300") + "," + trade("2", "1709891679200") + "," + trade("1", "1709891679100") +
            "]},\"time\":1709891679350}";
        assertEquals(3, decode(body));
        for (int i = 0; i < 3; i++)
        {
            assertEquals(Long.toString((1709891679100L + 100L * i) * MS), sink.messages().get(i).get("exchTs"));
            assertEquals(Integer.toString(i + 1), sink.messages().get(i).get("tradeId"));
        }
    }

    private static String trade(final String id, final String time)
    {
        return "{\"execId\":\"" + id + "\",\"symbol\":\"BTCUSDT\",\"price\":\"27450.50\",\"size\":\"0.005\"," +
            "\"side\":\"Buy\",\"time\":\"" + time + "\",\"isBlockTrade\":false}";
    }

    @Test
    void shouldReportAnErrorBodyAndABodyWithoutResult()
    {
        assertFalse(linear.restEndpoint("/v5/market/kline"));
        assertTrue(linear.restEndpoint("/v5/market/orderbook"));
        assertEquals(1, decode("{\"retCode\":10001,\"retMsg\":\"params error: symbol invalid\",\"result\":{}," +
            "\"retExtInfo\":{},\"time\":1709891679050}"));
        assertEquals("VENUE_ERROR", sink.only().get("reason"), "retCode 10001");
        sink.clear();
        assertEquals(1, decode("{\"retCode\":0,\"retMsg\":\"OK\",\"time\":1709891679050}"));
        assertEquals("MISSING_FIELD", sink.only().get("reason"));
        sink.clear();
        assertEquals(1, decode("{\"retCode\":0,\"result\":{\"s\":\"BTCUSDT\",\"b\":[[\"0\",\"1\"]],\"a\":[]," +
            "\"u\":1,\"ts\":1}}"));
        assertEquals("BAD_VALUE", sink.only().get("reason"), "a zero price");
        assertTrue(linear.restEndpoint("/v5/market/recent-trade"));
        sink.clear();
        assertEquals(1, decode("{\"retCode\":0,\"result\":{\"category\":\"linear\"}}"));
        assertEquals("MISSING_FIELD", sink.only().get("reason"), "no list");
        assertTrue(linear.restEndpoint(null));
        sink.clear();
        assertEquals(1, decode(BybitRecordings.sample("http_get_trades_recent.json")));
        assertEquals("MISSING_FIELD", sink.only().get("reason"), "a REST body read as a WebSocket frame: no topic");
    }

    @Test
    void shouldDecodeTheBodiesWithoutAllocating()
    {
        linear.restEndpoint("/v5/market/orderbook");
        new FrameReplay(List.of(BybitRecordings.sample("http_get_orderbook.json")))
            .assertDecodesWithoutAllocating(linear, 1);
        linear.restEndpoint("/v5/market/recent-trade");
        new FrameReplay(List.of(BybitRecordings.sample("http_get_trades_recent.json")))
            .assertDecodesWithoutAllocating(linear, 1);
    }

    private int decode(final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 16]);
        buffer.putBytes(7, bytes);
        final int committed = linear.decode(buffer, 7, bytes.length, RECV_TS, sink);
        assertEquals(0, sink.protocolErrors(), frame);
        return committed;
    }
}
