/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import io.marketprism.feeds.RecordedJson;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

final class BybitDecoderTest
{
    private static final long RECV_TS = 1_700_000_000_123_456_789L;
    private static final long MS = 1_000_000L;
    private static final Pattern U = Pattern.compile("\"u\":(\\d+)");
    private static final Pattern CTS = Pattern.compile("\"cts\":(\\d+)");
    private static final Pattern LEVEL = Pattern.compile("\\[\"([^\"]*)\",\"([^\"]*)\"]");

    private final BybitDecoder linear = new BybitDecoder(BybitCategory.LINEAR);
    private final DecodedSink sink = new DecodedSink();

    @Test
    void shouldDecodeTheOrderbookSnapshotSample()
    {
        assertEquals(1, decode(linear, BybitRecordings.sample("ws_orderbook_snapshot.json")));
        final DecodedSink.Decoded book = sink.only();
        assertEquals("book", book.type());
        assertEquals("linear:BTCUSDT", book.symbol());
        assertEquals("BYBIT", book.get("venue"));
        assertEquals("true", book.get("snapshot"));
        assertEquals("123456789", book.get("seq"), "seq is u");
        assertNull(book.get("prevSeq"));
        assertNull(book.get("firstSeq"));
        assertNull(book.get("checksum"));
        assertEquals(Long.toString(1709891679000L * MS), book.get("exchTs"), "no cts: exchTs is ts");
        assertEquals(Long.toString(RECV_TS), book.get("recvTs"));
        assertEquals("UNKNOWN", book.get("health"), "normalize decides the health");
        assertLevels(book.bids(), "27450.00", "0.500", "27449.50", "1.000");
        assertLevels(book.asks(), "27451.00", "0.750", "27451.50", "0.900");
    }

    @Test
    void shouldDecodeTheOrderbookDeltaSampleWithSizeZeroAsADeletion()
    {
        assertEquals(1, decode(linear, BybitRecordings.sample("ws_orderbook_delta.json")));
        final DecodedSink.Decoded book = sink.only();
        assertEquals("false", book.get("snapshot"));
        assertEquals("123456790", book.get("seq"));
        assertEquals(Long.toString(1709891679500L * MS), book.get("exchTs"));
        assertLevels(book.bids(), "27450.00", "0.400");
        assertLevels(book.asks(), "27451.00", "0");
    }

    @Test
    void shouldDecodeThePublicTradeSampleWithItsUuidAsA63BitId()
    {
        assertEquals(1, decode(linear, BybitRecordings.sample("ws_public_trade.json")));
        final DecodedSink.Decoded trade = sink.only();
        assertEquals("trade", trade.type());
        assertEquals("linear:BTCUSDT", trade.symbol());
        assertEquals("BUY", trade.get("side"));
        assertEquals("27451.00", trade.get("price"));
        assertEquals("0.010", trade.get("qty"));
        assertEquals(Long.toString(1709891679000L * MS), trade.get("exchTs"), "exchTs is the trade's T");
        // 9dc75fca-4bdd-4773-...: 0x9dc75fca4bdd4773 with the top bit cleared
        assertEquals(Long.toString(0x9dc75fca4bdd4773L & Long.MAX_VALUE), trade.get("tradeId"));
        assertEquals("2145789069926156147", trade.get("tradeId"));
    }

    @Test
    void shouldDecodeTheLinearTickerSampleAsFundingBboAndOpenInterest()
    {
        assertEquals(3, decode(linear, BybitRecordings.sample("ws_ticker_linear.json")));
        final DecodedSink.Decoded openInterest = sink.messages().get(2);
        assertEquals("open_interest", openInterest.type());
        assertEquals("linear:BTCUSDT", openInterest.symbol());
        assertEquals("68744.761", openInterest.get("openInterest"), "openInterest");
        assertEquals("1183601235.91", openInterest.get("openInterestValue"), "openInterestValue");
        assertEquals(Long.toString(1673272861686L * MS), openInterest.get("exchTs"), "ts");
        final DecodedSink.Decoded funding = sink.messages().get(0);
        assertEquals("funding", funding.type());
        assertEquals("linear:BTCUSDT", funding.symbol());
        assertEquals("17217.33", funding.get("markPrice"));
        assertEquals("17227.36", funding.get("indexPrice"));
        assertEquals("-0.000212", funding.get("fundingRate"));
        assertEquals(Long.toString(1673280000000L * MS), funding.get("nextFundingTs"));
        assertEquals(Long.toString(1673272861686L * MS), funding.get("exchTs"));

        final DecodedSink.Decoded bbo = sink.messages().get(1);
        assertEquals("bbo", bbo.type());
        assertEquals("linear:BTCUSDT", bbo.symbol());
        assertEquals("17215.50", bbo.get("bidPrice"));
        assertEquals("84.489", bbo.get("bidQty"));
        assertEquals("17216.00", bbo.get("askPrice"));
        assertEquals("83.020", bbo.get("askQty"));
        assertEquals("24987956059", bbo.get("seq"), "seq is cs");
        assertEquals(Long.toString(1673272861686L * MS), bbo.get("exchTs"));
    }

    @Test
    void shouldDecodeTheOptionTickerSampleWithAnEmptyBidSide()
    {
        final BybitDecoder option = new BybitDecoder(BybitCategory.OPTION);
        assertEquals(3, decode(option, BybitRecordings.sample("ws_ticker_option.json")));
        assertEquals("49.85", sink.messages().get(2).get("openInterest"), "openInterest");
        assertNull(sink.messages().get(2).get("openInterestValue"), "an option ticker has no openInterestValue");
        final DecodedSink.Decoded funding = sink.messages().get(0);
        assertEquals("option:BTC-6JAN23-17500-C", funding.symbol());
        assertEquals("7.86976724", funding.get("markPrice"));
        assertEquals("16823.73", funding.get("indexPrice"));
        assertNull(funding.get("fundingRate"), "options have no funding rate");
        assertNull(funding.get("nextFundingTs"));
        assertEquals(Long.toString(1672917511074L * MS), funding.get("exchTs"));

        final DecodedSink.Decoded bbo = sink.messages().get(1);
        assertNull(bbo.get("bidPrice"), "bidPrice \"0\": no bid");
        assertNull(bbo.get("bidQty"));
        assertEquals("10", bbo.get("askPrice"));
        assertEquals("5.1", bbo.get("askQty"));
        assertNull(bbo.get("seq"), "no cs");
    }

    @Test
    void shouldWriteOnlyTheFieldsATickerDeltaCarries()
    {
        assertEquals(1, decode(linear, "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":" +
            "\"BTCUSDT\",\"markPrice\":\"17220.10\",\"bid1Price\":\"17215.00\",\"bid1Size\":\"1.5\"}," +
            "\"cs\":24987956060,\"ts\":1673272861786}"));
        final DecodedSink.Decoded funding = sink.only();
        assertEquals("funding", funding.type(), "half a top of book makes no bbo");
        assertEquals("17220.10", funding.get("markPrice"));
        assertNull(funding.get("indexPrice"), "unchanged: absent");
        assertNull(funding.get("fundingRate"));
        assertNull(funding.get("nextFundingTs"));

        sink.clear();
        assertEquals(1, decode(linear, "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":" +
            "\"BTCUSDT\",\"bid1Price\":\"17215.00\",\"bid1Size\":\"1.5\",\"ask1Price\":\"17215.50\"," +
            "\"ask1Size\":\"0.2\",\"volume24h\":\"91705.276\"},\"cs\":24987956061,\"ts\":1673272861886}"));
        assertEquals("bbo", sink.only().type());
        assertEquals("17215.50", sink.only().get("askPrice"));

        sink.clear();
        assertEquals(0, decode(linear, "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":" +
            "\"BTCUSDT\",\"lastPrice\":\"17216.00\"},\"cs\":24987956062,\"ts\":1673272861986}"));
        assertEquals(0, sink.commits(), "nothing this decoder maps changed");

        final BybitDecoder spot = new BybitDecoder(BybitCategory.SPOT);
        assertEquals(0, decode(spot, "{\"topic\":\"tickers.BTCUSDT\",\"ts\":1673853746003,\"type\":\"snapshot\"," +
            "\"cs\":2588407389,\"data\":{\"symbol\":\"BTCUSDT\",\"lastPrice\":\"21109.77\",\"highPrice24h\":" +
            "\"21426.99\",\"usdIndexPrice\":\"21109.78\"}}"));
        assertEquals(0, sink.commits(), "a spot ticker has no funding and no top of book");
    }

    @Test
    void shouldDecodeTheSameFrameWhateverItsFieldOrder()
    {
        final String topicFirst = "{\"topic\":\"orderbook.50.ETHUSDT\",\"type\":\"delta\",\"ts\":1672304484978," +
            "\"data\":{\"s\":\"ETHUSDT\",\"b\":[[\"1200.50\",\"3\"]],\"a\":[],\"u\":77,\"seq\":900}," +
            "\"cts\":1672304484970}";
        final String dataFirst = "{\"cts\":1672304484970,\"data\":{\"seq\":900,\"u\":77,\"a\":[],\"b\":[[\"1200.50\"," +
            "\"3\"]],\"s\":\"ETHUSDT\"},\"ts\":1672304484978,\"type\":\"delta\",\"topic\":\"orderbook.50.ETHUSDT\"}";
        assertEquals(1, decode(linear, topicFirst));
        final DecodedSink.Decoded first = sink.only();
        sink.clear();
        assertEquals(1, decode(linear, dataFirst));
        final DecodedSink.Decoded second = sink.only();
        assertEquals(first.fields(), second.fields());
        assertLevels(second.bids(), "1200.50", "3");
        assertEquals(0, second.asks().size());
        assertEquals(Long.toString(1672304484970L * MS), second.get("exchTs"), "cts, the matching engine's time");
    }

    @Test
    void shouldDecodeEveryMessageOfTheOrderbookArchive()
    {
        final List<String> lines = BybitRecordings.archiveLines();
        assertEquals(50, lines.size());
        int snapshots = 0;
        int levels = 0;
        for (final String line : lines)
        {
            sink.clear();
            assertEquals(1, decode(linear, line), line);
            final DecodedSink.Decoded book = sink.only();
            assertEquals("book", book.type());
            assertEquals("linear:XRPUSDT", book.symbol());
            assertEquals(group(U, line), book.get("seq"));
            assertEquals(Long.toString(Long.parseLong(group(CTS, line)) * MS), book.get("exchTs"));
            final boolean snapshot = line.contains("\"type\":\"snapshot\"");
            assertEquals(Boolean.toString(snapshot), book.get("snapshot"));
            snapshots += snapshot ? 1 : 0;
            assertLevelsAsSent(book.bids(), line, "\"b\":");
            assertLevelsAsSent(book.asks(), line, "\"a\":");
            levels += book.bids().size() + book.asks().size();
        }
        assertEquals(1, snapshots);
        assertEquals(3966, levels, "every level of the archive (1000 in the snapshot)");
        assertEquals(0, sink.protocolErrors());
    }

    @Test
    void shouldDecodeThePreV5TradesOfTheRecordedSessions()
    {
        final int linearTrades = decodeTrades(BybitRecordings.LEGACY_LINEAR, linear);
        assertEquals(101, linearTrades, "trades in the 66 trade frames of BYBIT.ws.25.0");
        final int inverseTrades = decodeTrades(BybitRecordings.LEGACY_INVERSE, new BybitDecoder(BybitCategory.INVERSE));
        assertEquals(150, inverseTrades, "trades in the 76 trade frames of BYBIT.ws.26.0");

        sink.clear();
        assertEquals(1, decode(linear, "{\"topic\":\"trade.BCHUSDT\",\"data\":[{\"symbol\":\"BCHUSDT\"," +
            "\"tick_direction\":\"MinusTick\",\"price\":\"1053.90\",\"size\":0.14,\"timestamp\":" +
            "\"2021-04-17T16:43:05.000Z\",\"trade_time_ms\":\"1618677785116\",\"side\":\"Buy\",\"trade_id\":" +
            "\"01cacfe9-8d1c-5ee4-995d-d79a43f955a6\"}]}"));
        final DecodedSink.Decoded trade = sink.only();
        assertEquals("linear:BCHUSDT", trade.symbol());
        assertEquals("1053.90", trade.get("price"));
        assertEquals("0.14", trade.get("qty"), "a JSON number, exactly");
        assertEquals("BUY", trade.get("side"));
        assertEquals(Long.toString(1618677785116L * MS), trade.get("exchTs"));
        assertEquals(Long.toString(0x01cacfe98d1c5ee4L), trade.get("tradeId"));
    }

    @Test
    void shouldKeepANumericTradeIdAsItsNumberAndDecodeEveryTradeOfAFrame()
    {
        final BybitDecoder spot = new BybitDecoder(BybitCategory.SPOT);
        assertEquals(2, decode(spot, "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1672304486868," +
            "\"data\":[{\"T\":1672304486865,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.001\",\"p\":\"16578.50\"," +
            "\"L\":\"PlusTick\",\"i\":\"2290000000061666327\",\"BT\":false},{\"T\":1672304486866,\"s\":\"BTCUSDT\"," +
            "\"S\":\"Sell\",\"v\":\"0.25\",\"p\":\"16578.00\",\"i\":\"2290000000061666328\",\"BT\":false}]}"));
        final DecodedSink.Decoded first = sink.messages().get(0);
        assertEquals("spot:BTCUSDT", first.symbol());
        assertEquals("2290000000061666327", first.get("tradeId"));
        assertEquals("BUY", first.get("side"));
        final DecodedSink.Decoded second = sink.messages().get(1);
        assertEquals("2290000000061666328", second.get("tradeId"));
        assertEquals("SELL", second.get("side"));
        assertEquals("0.25", second.get("qty"));
        assertEquals(Long.toString(1672304486866L * MS), second.get("exchTs"));

        sink.clear();
        assertEquals(1, decode(spot, "{\"topic\":\"publicTrade.BTCUSDT\",\"data\":[{\"T\":1,\"s\":\"BTCUSDT\"," +
            "\"S\":\"Buy\",\"v\":\"1\",\"p\":\"2\",\"i\":\"not-an-id\"}]}"));
        assertNull(sink.only().get("tradeId"), "an id that is neither a number nor a UUID is left absent");
    }

    @Test
    void shouldReturnNothingForControlFramesAndLiquidations()
    {
        final String[] frames = {
            "{\"success\":true,\"ret_msg\":\"subscribe\",\"conn_id\":\"2324d924-aa4d-45b0-a858-7b8be29ab52b\"," +
                "\"req_id\":\"10001\",\"op\":\"subscribe\"}",
            "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"0970e817-426e-429a-a679-ff7f55e0b16a\"," +
                "\"op\":\"ping\"}",
            "{\"req_id\":\"test\",\"op\":\"pong\",\"args\":[\"1675418560633\"],\"conn_id\":\"cfcb4ocsvfriu23r3er0\"}",
            "{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"38cf0ac3-af67-483c-9bbc-b57d45910ecb\",\"request\":" +
                "{\"op\":\"subscribe\",\"args\":[\"trade.BCHUSDT\"]}}",
            "{\"topic\":\"liquidation.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1673251091822,\"data\":{\"price\":" +
                "\"18000\",\"side\":\"Buy\",\"size\":\"0.1\",\"symbol\":\"BTCUSDT\",\"updatedTime\":1673251091822}}" };
        for (final String frame : frames)
        {
            assertEquals(0, decode(linear, frame), frame);
        }
        assertEquals(0, sink.commits());
        assertEquals(0, sink.protocolErrors());
    }

    @Test
    void shouldDecodeAllLiquidationWithTheSideOfTheLiquidationOrder()
    {
        // Bybit's documented allLiquidation push: S is the side of the liquidated position
        assertEquals(2, decode(linear, "{\"topic\":\"allLiquidation.ROSEUSDT\",\"type\":\"snapshot\"," +
            "\"ts\":1739502303204,\"data\":[{\"T\":1739502302929,\"s\":\"ROSEUSDT\",\"S\":\"Sell\"," +
            "\"v\":\"20000\",\"p\":\"0.04499\"},{\"T\":1739502302930,\"s\":\"ROSEUSDT\",\"S\":\"Buy\"," +
            "\"v\":\"150\",\"p\":\"0.045\"}]}"));
        final DecodedSink.Decoded first = sink.messages().get(0);
        assertEquals("liquidation", first.type());
        assertEquals("linear:ROSEUSDT", first.symbol());
        assertEquals("BUY", first.get("side"), "S Sell: a short was liquidated, by a buy order");
        assertEquals("0.04499", first.get("price"), "p");
        assertEquals("20000", first.get("qty"), "v");
        assertEquals(Long.toString(1739502302929L * MS), first.get("exchTs"), "T");
        assertEquals("SELL", sink.messages().get(1).get("side"), "S Buy: a long was liquidated, by a sell order");

        sink.clear();
        assertEquals(1, decode(linear, "{\"topic\":\"allLiquidation.ROSEUSDT\",\"data\":[{\"T\":1,\"s\":" +
            "\"ROSEUSDT\",\"S\":\"Sell\",\"v\":\"1\",\"p\":\"1\"},{\"T\":2,\"s\":\"ROSEUSDT\",\"S\":\"Sell\"," +
            "\"p\":\"1\"}]}"));
        assertEquals("status", sink.only().type(), "all or nothing: the element without v fails the frame");
        assertEquals("MISSING_FIELD", sink.only().get("reason"));
    }

    @Test
    void shouldWriteOpenInterestOnlyWhenATickerDeltaCarriesIt()
    {
        assertEquals(1, decode(linear, "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":" +
            "\"BTCUSDT\",\"openInterest\":\"68745\"},\"cs\":1,\"ts\":1673272861786}"));
        assertEquals("open_interest", sink.only().type());
        assertEquals("68745", sink.only().get("openInterest"));
        assertNull(sink.only().get("openInterestValue"), "unchanged: absent");

        sink.clear();
        assertEquals(0, decode(linear, "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":" +
            "\"BTCUSDT\",\"openInterestValue\":\"1183601235.91\"},\"cs\":2,\"ts\":1673272861886}"));
        assertEquals(0, sink.commits(), "a value without the open interest makes no message");

        sink.clear();
        assertEquals(1, decode(linear, "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"data\":{\"symbol\":" +
            "\"BTCUSDT\",\"openInterest\":\"-1\"},\"cs\":3,\"ts\":1673272861986}"));
        assertEquals("BAD_VALUE", sink.only().get("reason"), "a negative open interest");
    }

    @Test
    void shouldReportARefusedSubscriptionAsAVenueError()
    {
        final String frame = "{\"success\":false,\"ret_msg\":\"error:handler not found,topic:orderbook.40.BTCUSDT\"," +
            "\"conn_id\":\"2324d924-aa4d-45b0-a858-7b8be29ab52b\",\"req_id\":\"\",\"op\":\"subscribe\"}";
        assertEquals(1, decode(linear, frame));
        final DecodedSink.Decoded status = sink.only();
        assertEquals("status", status.type());
        assertEquals("MALFORMED", status.get("event"));
        assertEquals("VENUE_ERROR", status.get("reason"));
        assertEquals(Integer.toString(frame.indexOf("false")), status.get("detail"), "offset of the success value");
        assertEquals("", status.symbol());
    }

    @Test
    void shouldDecodeWithoutAllocating()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final List<String> frames = new ArrayList<>(BybitRecordings.archiveLines());
        for (final String message : BybitRecordings.received(BybitRecordings.LEGACY_LINEAR))
        {
            if (message.startsWith("{\"topic\":\"trade.") || message.startsWith("{\"success\""))
            {
                frames.add(message);
            }
        }
        for (final String sample : new String[]{ "ws_orderbook_snapshot.json", "ws_orderbook_delta.json",
            "ws_public_trade.json", "ws_ticker_linear.json" })
        {
            frames.add(BybitRecordings.sample(sample));
        }
        final int count = frames.size();
        final int[] offsets = new int[count];
        final int[] lengths = new int[count];
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            offsets[i] = total;
            lengths[i] = frames.get(i).getBytes(StandardCharsets.UTF_8).length;
            total += lengths[i];
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[total]);
        for (int i = 0; i < count; i++)
        {
            buffer.putBytes(offsets[i], frames.get(i).getBytes(StandardCharsets.UTF_8));
        }
        final BybitDecoder decoder = new BybitDecoder(BybitCategory.LINEAR);
        final DecodedSink counting = new DecodedSink(4 * 1024 * 1024, false);
        long expected = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            expected = decodeAll(decoder, buffer, offsets, lengths, counting);
        }

        // as in BinanceDecoderTest: the JVM charges a few bytes to the thread when the JIT changes tiers, so a pass
        // that crosses such an event is measured again
        final StringBuilder measured = new StringBuilder();
        long cleanPasses = 0;
        for (int pass = 0; pass < 5 && cleanPasses == 0; pass++)
        {
            counting.clear();
            final long before = threads.getCurrentThreadAllocatedBytes();
            final long messages = decodeAll(decoder, buffer, offsets, lengths, counting);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(expected, messages);
            assertEquals(messages, counting.commits());
            assertEquals(0, counting.protocolErrors());
            measured.append(allocated).append(' ');
            cleanPasses += allocated == 0 ? 1 : 0;
        }
        assertTrue(expected >= 50 + 101 + 5, "messages per pass: " + expected);
        assertEquals(1, cleanPasses, "bytes allocated per pass over " + count + " frames: " + measured);
    }

    private static long decodeAll(
        final BybitDecoder decoder,
        final UnsafeBuffer buffer,
        final int[] offsets,
        final int[] lengths,
        final DecodedSink sink)
    {
        long messages = 0;
        for (int i = 0; i < offsets.length; i++)
        {
            messages += decoder.decode(buffer, offsets[i], lengths[i], RECV_TS, sink);
        }
        return messages;
    }

    private int decodeTrades(final String recording, final BybitDecoder decoder)
    {
        int trades = 0;
        for (final String message : BybitRecordings.received(recording))
        {
            if (!message.startsWith("{\"topic\":\"trade."))
            {
                continue;
            }
            sink.clear();
            final int committed = decode(decoder, message);
            assertTrue(committed >= 1, message);
            for (final DecodedSink.Decoded trade : sink.messages())
            {
                assertEquals("trade", trade.type(), message);
                final String bare = trade.symbol().substring(trade.symbol().indexOf(':') + 1);
                assertTrue(message.contains("\"symbol\":\"" + bare), message);
                final String price = trade.get("price");
                assertTrue(message.contains("\"price\":\"" + price + "\"") ||
                    message.contains("\"price\":" + price + ","),
                    "price " + price + " as sent (a string on USDT perpetuals, a number on inverse): " + message);
            }
            trades += committed;
        }
        return trades;
    }

    private int decode(final BybitDecoder decoder, final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 16]);
        buffer.putBytes(7, bytes);
        final int committed = decoder.decode(buffer, 7, bytes.length, RECV_TS, sink);
        assertEquals(0, sink.protocolErrors(), frame);
        return committed;
    }

    private static String group(final Pattern pattern, final String text)
    {
        final Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), pattern + " in " + text);
        return matcher.group(1);
    }

    private static void assertLevelsAsSent(final List<String[]> levels, final String line, final String key)
    {
        final String array = RecordedJson.array(line, line.indexOf(key) + key.length());
        final Matcher matcher = LEVEL.matcher(array);
        int i = 0;
        while (matcher.find())
        {
            assertArrayEquals(new String[]{ matcher.group(1), matcher.group(2) }, levels.get(i), key + " level " + i);
            i++;
        }
        assertEquals(i, levels.size(), key + " levels");
        assertFalse(array.isEmpty());
    }

    private static void assertLevels(final List<String[]> levels, final String... pricesAndQuantities)
    {
        assertEquals(pricesAndQuantities.length / 2, levels.size(), "levels");
        for (int i = 0; i < levels.size(); i++)
        {
            assertArrayEquals(new String[]{ pricesAndQuantities[2 * i], pricesAndQuantities[2 * i + 1] },
                levels.get(i), "level " + i);
        }
    }
}
