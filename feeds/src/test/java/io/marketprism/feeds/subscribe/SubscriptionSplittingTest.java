/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.marketprism.feeds.subscribe.DataType.BOOK;
import static io.marketprism.feeds.subscribe.DataType.TRADE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Splitting at each venue's limits, ids, URLs on another base URL, and encoding into a caller's buffer.
 */
final class SubscriptionSplittingTest
{
    @Test
    void shouldPutBinanceStreamsBeyond1024OnASecondConnection()
    {
        final List<String> symbols = symbols("S%04dUSDT", 1025);
        final List<ConnectionPlan> plan = new BinanceSubscriptionBuilder(Venue.BINANCE_SPOT)
            .plan(SubscriptionRequest.subscribe(symbols, List.of(BOOK)));

        assertEquals(2, plan.size(), "1,025 streams: 2 connections");
        assertEquals(1024, plan.get(0).streams().size());
        assertEquals(List.of("s1024usdt@depth@100ms"), plan.get(1).streams());
        assertEquals("s0000usdt@depth@100ms", plan.get(0).streams().get(0));
        assertEquals("s1023usdt@depth@100ms", plan.get(0).streams().get(1023));
        for (final ConnectionPlan connection : plan)
        {
            assertEquals("wss://stream.binance.com:9443/stream", connection.url());
            long id = 1;
            for (final RequestFrame frame : connection.frames())
            {
                assertEquals(id++, frame.id(), "ids count from 1 on every connection");
                final int listChars = frame.text().indexOf(",\"id\"") - frame.text().indexOf('[');
                assertTrue(listChars <= BinanceSubscriptionBuilder.MAX_LIST_CHARS_PER_REQUEST, frame.text());
            }
        }
        // 23-character quoted names, [a,b,..] of n is 24n + 1: 166 per request within 4,000 characters, so 7
        // requests for 1,024 streams
        assertEquals(7, plan.get(0).frames().size());
        assertEquals(166, plan.get(0).frames().get(0).streams().size());
        assertEquals(1, plan.get(1).frames().size());

        final List<ConnectionPlan> exactly = new BinanceSubscriptionBuilder(Venue.BINANCE_USDM)
            .plan(SubscriptionRequest.subscribe(symbols.subList(0, 1024), List.of(BOOK)));
        assertEquals(1, exactly.size(), "1,024 streams fit one connection");

        final List<ConnectionPlan> unsubscribe = new BinanceSubscriptionBuilder(Venue.BINANCE_SPOT)
            .plan(SubscriptionRequest.unsubscribe(symbols, List.of(BOOK)));
        assertEquals(plan.get(0).streams(), unsubscribe.get(0).streams(), "same connection, same streams");
        assertEquals(plan.get(1).streams(), unsubscribe.get(1).streams());
        assertTrue(unsubscribe.get(1).frames().get(0).text().startsWith("{\"method\":\"UNSUBSCRIBE\""));
    }

    @Test
    void shouldSendAtMostTenArgsPerBybitSpotRequest()
    {
        final List<String> instruments = new ArrayList<>();
        for (final String symbol : symbols("S%02dUSDT", 25))
        {
            instruments.add("spot:" + symbol);
        }
        final List<ConnectionPlan> plan = new BybitSubscriptionBuilder()
            .plan(SubscriptionRequest.subscribe(instruments, List.of(TRADE)));
        assertEquals(1, plan.size());
        final List<RequestFrame> frames = plan.get(0).frames();
        assertEquals(3, frames.size());
        assertEquals(List.of(10, 10, 5), List.of(frames.get(0).streams().size(), frames.get(1).streams().size(),
            frames.get(2).streams().size()));
        assertTrue(frames.get(2).text().endsWith(",\"req_id\":\"3\"}"), frames.get(2).text());

        // linear: no count per request, all in one
        final List<ConnectionPlan> linear = new BybitSubscriptionBuilder()
            .plan(SubscriptionRequest.subscribe(List.of("linear:AUSDT", "linear:BUSDT"), List.of(TRADE, BOOK)));
        assertEquals(1, linear.get(0).frames().size());
        assertEquals(List.of("publicTrade.AUSDT", "orderbook.50.AUSDT", "publicTrade.BUSDT", "orderbook.50.BUSDT"),
            linear.get(0).streams());
    }

    @Test
    void shouldKeepEachBybitConnectionsArgsWithin21000Characters()
    {
        final List<String> instruments = new ArrayList<>();
        for (final String symbol : symbols("S%04dUSDT", 1000))
        {
            instruments.add("linear:" + symbol);
        }
        final List<ConnectionPlan> plan = new BybitSubscriptionBuilder("ws://127.0.0.1:9000")
            .plan(SubscriptionRequest.subscribe(instruments, List.of(TRADE)));
        // "publicTrade.S0000USDT" is 23 characters quoted: [a,b,...] of n names is 24n + 1 characters
        assertEquals(2, plan.size());
        assertEquals(874, plan.get(0).streams().size(), "24 * 874 + 1 = 20,977; one more would be 21,001");
        assertEquals(126, plan.get(1).streams().size());
        for (final ConnectionPlan connection : plan)
        {
            assertEquals("ws://127.0.0.1:9000/v5/public/linear", connection.url());
            int chars = 1;
            for (final String stream : connection.streams())
            {
                chars += stream.length() + 3;
            }
            assertTrue(chars <= BybitSubscriptionBuilder.MAX_ARGS_CHARS_PER_CONNECTION, "args " + chars);
        }
    }

    @Test
    void shouldKeepEachOkxRequestsArgsWithin64KB()
    {
        final List<ConnectionPlan> plan = new OkxSubscriptionBuilder()
            .plan(SubscriptionRequest.subscribe(symbols("S%04d-USDT", 2000), List.of(BOOK)));
        assertEquals(1, plan.size(), "OKX limits requests, not channels per connection");
        final List<RequestFrame> frames = plan.get(0).frames();
        // {"channel":"books","instId":"S0000-USDT"} is 41 characters: [..] of n is 42n + 1, at most 65,536
        assertEquals(2, frames.size());
        assertEquals(1560, frames.get(0).streams().size());
        assertEquals(440, frames.get(1).streams().size());
        for (final RequestFrame frame : frames)
        {
            final String text = frame.text();
            final int args = text.length() - "{\"op\":\"subscribe\",\"args\":".length() - 1;
            assertTrue(args <= OkxSubscriptionBuilder.MAX_ARGS_CHARS_PER_REQUEST, "args " + args);
            assertEquals(RequestFrame.NO_ID, frame.id());
        }
    }

    @Test
    void shouldListAtMost500DeribitChannelsPerRequestAfterTheHeartbeat()
    {
        final List<ConnectionPlan> plan = new DeribitSubscriptionBuilder()
            .plan(SubscriptionRequest.subscribe(symbols("BTC-%03dMAR25", 300), List.of(BOOK, TRADE)));
        assertEquals(1, plan.size());
        final List<RequestFrame> frames = plan.get(0).frames();
        assertEquals(3, frames.size());
        assertEquals(List.of(1L, 2L, 3L), List.of(frames.get(0).id(), frames.get(1).id(), frames.get(2).id()));
        assertTrue(frames.get(0).text().contains("public/set_heartbeat"));
        assertEquals(500, frames.get(1).streams().size());
        assertEquals(100, frames.get(2).streams().size());
        assertEquals("trades.BTC-299MAR25.100ms", frames.get(2).streams().get(99));
    }

    @Test
    void shouldMakeTheSamePlanEveryTime()
    {
        final SubscriptionRequest request = SubscriptionRequest.subscribe(
            List.of("spot:BTCUSDT", "linear:BTCUSDT", "inverse:BTCUSD"), List.of(TRADE, BOOK));
        final List<String> first = SubscriptionMessagesTest.frames(new BybitSubscriptionBuilder(), request);
        assertEquals(first, SubscriptionMessagesTest.frames(new BybitSubscriptionBuilder(), request));
        assertEquals(3, first.size());
    }

    @Test
    void shouldPutEveryVenueOnAnotherBaseUrlAndOnItsProductionOne()
    {
        final String base = "ws://127.0.0.1:9000";
        final Object[][] cases = {
            { Venue.BINANCE_SPOT, "BTCUSDT", "/stream", "wss://stream.binance.com:9443/stream" },
            { Venue.BINANCE_USDM, "BTCUSDT", "/stream", "wss://fstream.binance.com/stream" },
            { Venue.BINANCE_COINM, "BTCUSD_PERP", "/stream", "wss://dstream.binance.com/stream" },
            { Venue.OKX, "BTC-USDT", "/ws/v5/public", "wss://ws.okx.com:8443/ws/v5/public" },
            { Venue.BYBIT, "inverse:BTCUSD", "/v5/public/inverse", "wss://stream.bybit.com/v5/public/inverse" },
            { Venue.DERIBIT, "BTC-PERPETUAL", "/ws/api/v2", "wss://www.deribit.com/ws/api/v2" },
            { Venue.KRAKEN, "BTC/USD", "/v2", "wss://ws.kraken.com/v2" },
            { Venue.KRAKEN_FUTURES, "PI_XBTUSD", "/ws/v1", "wss://futures.kraken.com/ws/v1" },
            { Venue.COINBASE, "BTC-USD", "", "wss://advanced-trade-ws.coinbase.com" } };
        for (final Object[] c : cases)
        {
            final Venue venue = (Venue)c[0];
            final SubscriptionRequest request = SubscriptionRequest.subscribe(List.of((String)c[1]), List.of(BOOK));
            final SubscriptionBuilder local = SubscriptionBuilders.forVenue(venue, base);
            assertEquals(venue, local.venue());
            assertEquals(base + c[2], local.plan(request).get(0).url(), venue.name());
            assertEquals(SubscriptionMessagesTest.frames(SubscriptionBuilders.production(venue), request),
                SubscriptionMessagesTest.frames(local, request), "only the URL changes: " + venue);
            assertEquals(c[3], SubscriptionBuilders.production(venue).plan(request).get(0).url(), venue.name());
        }
    }

    @Test
    void shouldEncodeIntoTheCallersBufferWithoutAllocating()
    {
        final RequestFrame frame = new BinanceSubscriptionBuilder(Venue.BINANCE_USDM)
            .plan(SubscriptionRequest.subscribe(List.of("BTCUSDT"), List.of(BOOK))).get(0).frames().get(0);
        final byte[] expected = "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth@100ms\"],\"id\":1}"
            .getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[expected.length + 7]);
        assertEquals(expected.length, frame.encode(buffer, 7));
        final byte[] written = new byte[expected.length];
        buffer.getBytes(7, written);
        assertArrayEquals(expected, written);
        assertEquals(expected.length, frame.length());

        final UnsafeBuffer small = new UnsafeBuffer(new byte[expected.length + 7]);
        assertEquals(RequestFrame.INSUFFICIENT_CAPACITY, frame.encode(small, 8));
        assertEquals(0, small.getByte(8), "nothing written");
        assertEquals(RequestFrame.INSUFFICIENT_CAPACITY, frame.encode(small, -1));

        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        long total = 0;
        for (int i = 0; i < 20_000; i++)
        {
            total += frame.encode(buffer, 0);
        }
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && allocated != 0; attempt++)
        {
            // a JIT tier change can charge a few bytes to the thread: measure again then
            final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 20_000; i++)
            {
                total += frame.encode(buffer, 0);
            }
            allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        }
        System.out.println("RequestFrame.encode bytes allocated per 20,000 encodes: " + allocated);
        assertEquals(0, allocated);
        assertTrue(total > 0);
    }

    private static List<String> symbols(final String format, final int count)
    {
        final List<String> symbols = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            symbols.add(String.format(Locale.ROOT, format, i));
        }
        return symbols;
    }
}
