/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import io.marketprism.feeds.FrameReplay;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BybitDecoder} on the v5 REST list bodies: {@code /v5/market/tickers} (linear, spot, option),
 * {@code /v5/market/open-interest} and {@code /v5/market/funding/history}. Not recorded: there is no sample of these
 * responses in the project's data, so the bodies below were written for this test in the shapes of Bybit's v5 API
 * documentation (response parameters and examples of Get Tickers, Get Open Interest, Get Funding Rate History),
 * trimmed of some members the decoder skips.
 */
final class BybitRestListsTest
{
    private static final long RECV_TS = 1_700_000_000_123_456_789L;
    private static final long MS = 1_000_000L;

    static final String LINEAR_TICKERS = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\"," +
        "\"list\":[{\"symbol\":\"BTCUSDT\",\"lastPrice\":\"16597.00\",\"indexPrice\":\"16598.54\"," +
        "\"markPrice\":\"16596.00\",\"prevPrice24h\":\"16464.50\",\"price24hPcnt\":\"0.008047\"," +
        "\"highPrice24h\":\"16800.00\",\"lowPrice24h\":\"16400.00\",\"prevPrice1h\":\"16595.50\"," +
        "\"openInterest\":\"53504.107\",\"openInterestValue\":\"887997157.81\",\"turnover24h\":\"2352949500.46\"," +
        "\"volume24h\":\"141933.318\",\"fundingRate\":\"-0.001034\",\"nextFundingTime\":\"1672387200000\"," +
        "\"predictedDeliveryPrice\":\"\",\"basisRate\":\"\",\"deliveryFeeRate\":\"\",\"deliveryTime\":\"0\"," +
        "\"ask1Size\":\"1.2\",\"bid1Price\":\"16596.00\",\"ask1Price\":\"16597.50\",\"bid1Size\":\"3.051\"," +
        "\"basis\":\"\"}," +
        "{\"symbol\":\"BTCUSDT-27DEC24\",\"lastPrice\":\"17001.5\",\"indexPrice\":\"16598.54\"," +
        "\"markPrice\":\"17000.1\",\"openInterest\":\"12.5\",\"openInterestValue\":\"212501.25\"," +
        "\"fundingRate\":\"\",\"nextFundingTime\":\"0\",\"predictedDeliveryPrice\":\"\",\"basisRate\":\"0.0241\"," +
        "\"deliveryTime\":\"1735286400000\",\"ask1Size\":\"0.4\",\"bid1Price\":\"17000.5\"," +
        "\"ask1Price\":\"17002.0\",\"bid1Size\":\"0.9\",\"basis\":\"401.46\"}]}," +
        "\"retExtInfo\":{},\"time\":1672376496682}";
    static final String SPOT_TICKERS = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\"," +
        "\"list\":[{\"symbol\":\"BTCUSDT\",\"bid1Price\":\"20517.96\",\"bid1Size\":\"2\",\"ask1Price\":\"20527.77\"," +
        "\"ask1Size\":\"1.862172\",\"lastPrice\":\"20533.13\",\"prevPrice24h\":\"20393.48\"," +
        "\"price24hPcnt\":\"0.0068\",\"highPrice24h\":\"21128.12\",\"lowPrice24h\":\"20318.89\"," +
        "\"turnover24h\":\"243765620.65899866\",\"volume24h\":\"11801.27771\",\"usdIndexPrice\":\"20784.12\"}]}," +
        "\"retExtInfo\":{},\"time\":1673859087947}";
    static final String OPTION_TICKERS = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"option\"," +
        "\"list\":[{\"symbol\":\"BTC-30DEC22-18000-C\",\"bid1Price\":\"0\",\"bid1Size\":\"0\",\"bid1Iv\":\"0\"," +
        "\"ask1Price\":\"435\",\"ask1Size\":\"0.66\",\"ask1Iv\":\"5\",\"lastPrice\":\"435\"," +
        "\"highPrice24h\":\"435\",\"lowPrice24h\":\"165\",\"markPrice\":\"0.00000009\"," +
        "\"indexPrice\":\"16600.55\",\"markIv\":\"0.7567\",\"underlyingPrice\":\"16590.42\"," +
        "\"openInterest\":\"6.3\",\"turnover24h\":\"2482.73\",\"volume24h\":\"0.15\",\"totalVolume\":\"99\"," +
        "\"totalTurnover\":\"1967768\",\"delta\":\"0.00000001\",\"gamma\":\"0.00000001\",\"vega\":\"0.00000004\"," +
        "\"theta\":\"-0.00000152\",\"predictedDeliveryPrice\":\"0\",\"change24h\":\"86\"}]}," +
        "\"retExtInfo\":{},\"time\":1672376592395}";
    static final String OPEN_INTEREST = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"symbol\":\"BTCUSD\"," +
        "\"category\":\"inverse\",\"list\":[" +
        "{\"openInterest\":\"461134384.00000000\",\"timestamp\":\"1669571400000\"}," +
        "{\"openInterest\":\"461134292.00000000\",\"timestamp\":\"1669571100000\"}],\"nextPageCursor\":\"\"}," +
        "\"retExtInfo\":{},\"time\":1672053548579}";
    static final String FUNDING_HISTORY = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\"," +
        "\"list\":[{\"symbol\":\"ETHPERP\",\"fundingRate\":\"0.0001\",\"fundingRateTimestamp\":\"1672041600000\"}," +
        "{\"symbol\":\"ETHPERP\",\"fundingRate\":\"-0.00005\",\"fundingRateTimestamp\":\"1672012800000\"}]}," +
        "\"retExtInfo\":{},\"time\":1672051897447}";

    private final DecodedSink sink = new DecodedSink();

    @Test
    void shouldDecodeLinearTickersAsTheStreamTickersAre()
    {
        final BybitDecoder linear = new BybitDecoder(BybitCategory.LINEAR);
        linear.contextUrl("https://api.bybit.com/v5/market/tickers?category=linear");
        assertEquals(6, decode(linear, LINEAR_TICKERS), "funding, bbo and open interest for each of two");
        final List<DecodedSink.Decoded> messages = sink.messages();
        final String time = Long.toString(1672376496682L * MS);

        final DecodedSink.Decoded funding = messages.get(0);
        assertEquals("funding", funding.type());
        assertEquals("linear:BTCUSDT", funding.symbol(), "symbol, with the decoder's category");
        assertEquals("16596.00", funding.get("markPrice"), "markPrice");
        assertEquals("16598.54", funding.get("indexPrice"), "indexPrice");
        assertEquals("-0.001034", funding.get("fundingRate"), "fundingRate");
        assertEquals(Long.toString(1672387200000L * MS), funding.get("nextFundingTs"), "nextFundingTime");
        assertEquals(time, funding.get("exchTs"), "the body's time");
        assertEquals(Long.toString(RECV_TS), funding.get("recvTs"));

        final DecodedSink.Decoded bbo = messages.get(1);
        assertEquals("bbo", bbo.type());
        assertEquals("linear:BTCUSDT", bbo.symbol());
        assertEquals("16596.00", bbo.get("bidPrice"), "bid1Price");
        assertEquals("3.051", bbo.get("bidQty"), "bid1Size");
        assertEquals("16597.50", bbo.get("askPrice"), "ask1Price");
        assertEquals("1.2", bbo.get("askQty"), "ask1Size");
        assertEquals(null, bbo.get("seq"), "a REST ticker has no cross sequence");
        assertEquals(time, bbo.get("exchTs"));

        final DecodedSink.Decoded openInterest = messages.get(2);
        assertEquals("open_interest", openInterest.type());
        assertEquals("53504.107", openInterest.get("openInterest"), "openInterest");
        assertEquals("887997157.81", openInterest.get("openInterestValue"), "openInterestValue");
        assertEquals(time, openInterest.get("exchTs"));

        final DecodedSink.Decoded future = messages.get(3);
        assertEquals("funding", future.type());
        assertEquals("linear:BTCUSDT-27DEC24", future.symbol());
        assertEquals("17000.1", future.get("markPrice"));
        assertEquals(null, future.get("fundingRate"), "fundingRate \"\": a future has none");
        assertEquals(null, future.get("nextFundingTs"), "nextFundingTime \"0\"");
        assertEquals("17000.5", messages.get(4).get("bidPrice"));
        assertEquals("12.5", messages.get(5).get("openInterest"));
    }

    @Test
    void shouldDecodeSpotAndOptionTickers()
    {
        final BybitDecoder spot = new BybitDecoder(BybitCategory.SPOT);
        assertTrue(spot.restEndpoint("/v5/market/tickers?category=spot&symbol=BTCUSDT"));
        assertEquals(1, decode(spot, SPOT_TICKERS), "a spot ticker: its bbo only");
        final DecodedSink.Decoded bbo = sink.only();
        assertEquals("bbo", bbo.type());
        assertEquals("spot:BTCUSDT", bbo.symbol());
        assertEquals("20517.96", bbo.get("bidPrice"), "bid1Price");
        assertEquals("2", bbo.get("bidQty"), "bid1Size");
        assertEquals("20527.77", bbo.get("askPrice"), "ask1Price");
        assertEquals("1.862172", bbo.get("askQty"), "ask1Size");
        assertEquals(Long.toString(1673859087947L * MS), bbo.get("exchTs"), "time");

        sink.clear();
        final BybitDecoder option = new BybitDecoder(BybitCategory.OPTION);
        assertTrue(option.restEndpoint("/v5/market/tickers"));
        assertEquals(3, decode(option, OPTION_TICKERS));
        final DecodedSink.Decoded funding = sink.messages().get(0);
        assertEquals("option:BTC-30DEC22-18000-C", funding.symbol());
        assertEquals("0.00000009", funding.get("markPrice"), "markPrice");
        assertEquals("16600.55", funding.get("indexPrice"), "indexPrice");
        assertEquals(null, funding.get("fundingRate"), "options have no funding");
        final DecodedSink.Decoded optionBbo = sink.messages().get(1);
        assertEquals(null, optionBbo.get("bidPrice"), "bid1Price 0: no bid");
        assertEquals("435", optionBbo.get("askPrice"), "ask1Price");
        assertEquals("0.66", optionBbo.get("askQty"), "ask1Size");
        assertEquals("6.3", sink.messages().get(2).get("openInterest"), "openInterest");
        assertEquals(null, sink.messages().get(2).get("openInterestValue"), "not given for options");
    }

    @Test
    void shouldDecodeOpenInterestHistoryOldestFirst()
    {
        final BybitDecoder inverse = new BybitDecoder(BybitCategory.INVERSE);
        inverse.contextUrl("https://api.bybit.com/v5/market/open-interest?category=inverse&symbol=BTCUSD" +
            "&intervalTime=5min&startTime=1669571100000&endTime=1669571400000");
        assertEquals(2, decode(inverse, OPEN_INTEREST));
        final DecodedSink.Decoded older = sink.messages().get(0);
        assertEquals("open_interest", older.type());
        assertEquals("inverse:BTCUSD", older.symbol(), "result.symbol");
        assertEquals("461134292.00000000", older.get("openInterest"), "list[1].openInterest");
        assertEquals(Long.toString(1669571100000L * MS), older.get("exchTs"), "list[1].timestamp");
        assertEquals(null, older.get("openInterestValue"), "not given");
        final DecodedSink.Decoded newer = sink.messages().get(1);
        assertEquals("461134384.00000000", newer.get("openInterest"), "list[0].openInterest");
        assertEquals(Long.toString(1669571400000L * MS), newer.get("exchTs"), "list[0].timestamp");
    }

    @Test
    void shouldDecodeFundingRateHistoryOldestFirst()
    {
        final BybitDecoder linear = new BybitDecoder(BybitCategory.LINEAR);
        linear.contextUrl("https://api.bybit.com/v5/market/funding/history?category=linear&symbol=ETHPERP");
        assertEquals(2, decode(linear, FUNDING_HISTORY));
        final DecodedSink.Decoded older = sink.messages().get(0);
        assertEquals("funding", older.type());
        assertEquals("linear:ETHPERP", older.symbol(), "symbol");
        assertEquals("-0.00005", older.get("fundingRate"), "list[1].fundingRate");
        assertEquals(Long.toString(1672012800000L * MS), older.get("exchTs"), "list[1].fundingRateTimestamp");
        assertEquals(null, older.get("markPrice"));
        assertEquals(null, older.get("nextFundingTs"));
        final DecodedSink.Decoded newer = sink.messages().get(1);
        assertEquals("0.0001", newer.get("fundingRate"), "list[0].fundingRate");
        assertEquals(Long.toString(1672041600000L * MS), newer.get("exchTs"), "list[0].fundingRateTimestamp");
    }

    @Test
    void shouldReportBadBodiesAsOneStatusAndNothingElse()
    {
        final BybitDecoder linear = new BybitDecoder(BybitCategory.LINEAR);
        assertTrue(linear.restEndpoint("/v5/market/tickers"));
        assertStatus(linear, "{\"retCode\":10001,\"retMsg\":\"Illegal category\",\"result\":{}," +
            "\"retExtInfo\":{},\"time\":1672376496682}", "VENUE_ERROR", "retCode 10001");
        assertStatus(linear, SPOT_TICKERS, "BAD_VALUE", "a spot body on a linear decoder: wrong category");
        assertStatus(linear, LINEAR_TICKERS.replace("\"list\":", "\"lists\":"), "MISSING_FIELD", "no list");
        assertStatus(linear, LINEAR_TICKERS.replace("\"markPrice\":\"17000.1\"", "\"markPrice\":\"-1\""),
            "BAD_VALUE", "a negative mark price in the second ticker: the first is not written either");
        assertStatus(linear, LINEAR_TICKERS.replace(",\"time\":1672376496682}", ""), "TRUNCATED", "truncated");

        assertTrue(linear.restEndpoint("/v5/market/funding/history"));
        assertStatus(linear, FUNDING_HISTORY.replace(",\"fundingRateTimestamp\":\"1672012800000\"", ""),
            "MISSING_FIELD", "the second element without its time: the first is not written either");
        assertStatus(linear, FUNDING_HISTORY.replace("\"fundingRate\":\"0.0001\"", "\"fundingRate\":\"x\""),
            "BAD_NUMBER", "a rate that is not a number");
        assertStatus(linear, FUNDING_HISTORY.replace("\"list\":[", "\"list\":{\"a\":[").replace("]},\"retExt",
            "]}},\"retExt"), "BAD_VALUE", "list not an array");

        final BybitDecoder inverse = new BybitDecoder(BybitCategory.INVERSE);
        assertTrue(inverse.restEndpoint("/v5/market/open-interest"));
        assertStatus(inverse, OPEN_INTEREST.replace("\"symbol\":\"BTCUSD\",", ""), "MISSING_FIELD", "no symbol");
        assertStatus(inverse, OPEN_INTEREST.replace("\"461134292.00000000\"", "\"-5\""), "BAD_VALUE",
            "a negative open interest");
        assertStatus(inverse, OPEN_INTEREST.replace("\"timestamp\":\"1669571400000\"",
            "\"timestamp\":\"1669571400000\",\"timestamp\":\"1\""), "DUPLICATE_FIELD", "a repeated timestamp");

        assertFalse(inverse.restEndpoint("/v5/market/instruments-info"), "metadata: BybitInstruments reads it");
        inverse.contextUrl("https://api.bybit.com/v5/market/instruments-info?category=inverse");
        assertStatus(inverse, OPEN_INTEREST, "UNKNOWN_EVENT_TYPE", "a body of an endpoint not read here");
        inverse.contextUrl(null);
        assertStatus(inverse, OPEN_INTEREST, "MISSING_FIELD", "a REST body read as a WebSocket frame: no topic");
    }

    @Test
    void shouldDecodeTheListBodiesWithoutAllocating()
    {
        final BybitDecoder linear = new BybitDecoder(BybitCategory.LINEAR);
        linear.restEndpoint("/v5/market/tickers");
        new FrameReplay(List.of(LINEAR_TICKERS)).assertDecodesWithoutAllocating(linear, 6);
        linear.restEndpoint("/v5/market/funding/history");
        new FrameReplay(List.of(FUNDING_HISTORY)).assertDecodesWithoutAllocating(linear, 2);
        final BybitDecoder inverse = new BybitDecoder(BybitCategory.INVERSE);
        inverse.restEndpoint("/v5/market/open-interest");
        new FrameReplay(List.of(OPEN_INTEREST)).assertDecodesWithoutAllocating(inverse, 2);
        final BybitDecoder option = new BybitDecoder(BybitCategory.OPTION);
        option.restEndpoint("/v5/market/tickers");
        new FrameReplay(List.of(OPTION_TICKERS)).assertDecodesWithoutAllocating(option, 3);
    }

    private void assertStatus(final BybitDecoder decoder, final String body, final String reason, final String what)
    {
        sink.clear();
        assertEquals(1, decode(decoder, body), what);
        assertEquals("status", sink.only().type(), what);
        assertEquals(reason, sink.only().get("reason"), what);
        sink.clear();
    }

    private int decode(final BybitDecoder decoder, final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 16]);
        buffer.putBytes(7, bytes);
        final int committed = decoder.decode(buffer, 7, bytes.length, RECV_TS, sink);
        assertEquals(0, sink.protocolErrors(), frame);
        assertEquals(committed, sink.messages().size(), "decode returns what it committed");
        return committed;
    }
}
