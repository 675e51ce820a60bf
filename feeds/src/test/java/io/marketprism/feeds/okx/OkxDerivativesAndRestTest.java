/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

import io.marketprism.feeds.FrameReplay;
import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OkxDecoder} on the open-interest, liquidation-orders and index-tickers pushes, and on REST response bodies:
 * every nautilus {@code http_*.json} sample of OKX and the documented shapes of the other polled endpoints.
 */
final class OkxDerivativesAndRestTest
{
    private static final Path SAMPLES = Path.of("src/test/resources/recordings/nautilus/okx");
    private static final long NULL = Long.MIN_VALUE;
    private static final long RECV_TS = 1_700_000_000_123_456_789L;

    /** OKX's documented open-interest push (with oiUsd, sent since 2024). */
    static final String OPEN_INTEREST = "{\"arg\":{\"channel\":\"open-interest\",\"instId\":\"LTC-USD-SWAP\"}," +
        "\"data\":[{\"instType\":\"SWAP\",\"instId\":\"LTC-USD-SWAP\",\"oi\":\"5000\",\"oiCcy\":\"555.55\"," +
        "\"oiUsd\":\"50000\",\"ts\":\"1597026383085\"}]}";
    /** OKX's documented liquidation-orders push: arg names the instrument type only. */
    static final String LIQUIDATION = "{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"}," +
        "\"data\":[{\"details\":[{\"bkLoss\":\"0\",\"bkPx\":\"0.007831\",\"ccy\":\"\",\"posSide\":\"short\"," +
        "\"side\":\"buy\",\"sz\":\"13\",\"ts\":\"1692266434010\"}],\"instFamily\":\"IOST-USDT\"," +
        "\"instId\":\"IOST-USDT-SWAP\",\"instType\":\"SWAP\",\"uly\":\"IOST-USDT\"}]}";
    /** OKX's documented index-tickers push. */
    static final String INDEX_TICKERS = "{\"arg\":{\"channel\":\"index-tickers\",\"instId\":\"BTC-USDT\"}," +
        "\"data\":[{\"instId\":\"BTC-USDT\",\"idxPx\":\"0.1\",\"high24h\":\"0.5\",\"low24h\":\"0.1\"," +
        "\"open24h\":\"0.1\",\"sodUtc0\":\"0.1\",\"sodUtc8\":\"0.1\",\"ts\":\"1597026383085\"}]}";
    /** /api/v5/public/funding-rate as documented (fields this decoder does not use trimmed). */
    static final String REST_FUNDING_RATE = "{\"code\":\"0\",\"data\":[{\"fundingRate\":\"0.0000792386885340\"," +
        "\"fundingTime\":\"1703088000000\",\"instId\":\"BTC-USDT-SWAP\",\"instType\":\"SWAP\"," +
        "\"nextFundingTime\":\"1703116800000\",\"ts\":\"1703070685309\"}],\"msg\":\"\"}";
    /** /api/v5/public/open-interest as documented. */
    static final String REST_OPEN_INTEREST = "{\"code\":\"0\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\"," +
        "\"instType\":\"SWAP\",\"oi\":\"2125419.9\",\"oiCcy\":\"21254.199\",\"oiUsd\":\"1995542310.4\"," +
        "\"ts\":\"1737532800055\"}],\"msg\":\"\"}";

    private final OkxDecoder decoder = new OkxDecoder();
    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    @Test
    void shouldDecodeOpenInterestWithTheUsdValue()
    {
        assertEquals(1, decode(OPEN_INTEREST));
        final OpenInterestDecoder oi = view.openInterest(sink.buffer(), sink.only());
        assertEquals("LTC-USD-SWAP", sink.only().symbol());
        assertDecimal("5000", oi.openInterest(), "oi (contracts)");
        assertDecimal("50000", oi.openInterestValue(), "oiUsd");
        assertEquals(1597026383085_000_000L, oi.exchTsNs(), "ts");
        assertEquals(RECV_TS, oi.recvTsNs());
    }

    @Test
    void shouldDecodeEachLiquidationDetailWithTheElementsInstrument()
    {
        assertEquals(1, decode(LIQUIDATION));
        final LiquidationDecoder liquidation = view.liquidation(sink.buffer(), sink.only());
        assertEquals("IOST-USDT-SWAP", sink.only().symbol(), "data[].instId");
        assertEquals(Side.BUY, liquidation.side(), "side: the liquidation order buys back a short");
        assertDecimal("0.007831", liquidation.price(), "bkPx");
        assertDecimal("13", liquidation.qty(), "sz");
        assertEquals(1692266434010_000_000L, liquidation.exchTsNs(), "ts");

        sink.clear();
        assertEquals(3, decode("{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":[" +
            "{\"instId\":\"BTC-USDT-SWAP\",\"details\":[{\"side\":\"sell\",\"sz\":\"1\",\"bkPx\":\"30000\"," +
            "\"ts\":\"1\"},{\"side\":\"buy\",\"sz\":\"2\",\"bkPx\":\"30001\",\"ts\":\"2\"}]}," +
            "{\"details\":[{\"side\":\"sell\",\"sz\":\"3\",\"bkPx\":\"2000\",\"ts\":\"3\"}]," +
            "\"instId\":\"ETH-USDT-SWAP\"}]}"));
        assertEquals("BTC-USDT-SWAP", sink.messages().get(1).symbol());
        assertEquals(Side.BUY, view.liquidation(sink.buffer(), sink.messages().get(1)).side());
        assertDecimal("2", view.liquidation(sink.buffer(), sink.messages().get(1)).qty(), "second detail sz");
        assertEquals("ETH-USDT-SWAP", sink.messages().get(2).symbol(), "instId after the details");
        assertDecimal("2000", view.liquidation(sink.buffer(), sink.messages().get(2)).price(), "bkPx");
    }

    @Test
    void shouldDecodeTheIndexTickerAsAFundingIndexPrice()
    {
        assertEquals(1, decode(INDEX_TICKERS));
        final FundingDecoder funding = view.funding(sink.buffer(), sink.only());
        assertEquals("BTC-USDT", sink.only().symbol());
        assertDecimal("0.1", funding.indexPrice(), "idxPx");
        assertEquals(NULL, funding.markPrice().mantissa());
        assertEquals(NULL, funding.fundingRate().mantissa());
        assertEquals(1597026383085_000_000L, funding.exchTsNs(), "ts");
    }

    @Test
    void shouldDecodeTheRestOrderBookAsASnapshotOfTheContextSymbol() throws IOException
    {
        assertTrue(decoder.restEndpoint("/api/v5/market/books?instId=BTC-USDT&sz=3"));
        decoder.contextSymbol("BTC-USDT");
        assertEquals(1, decode(sample("http_get_order_book.json")));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals("BTC-USDT", sink.only().symbol(), "the symbol the caller asked for");
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(1704067200000_000_000L, book.exchTsNs(), "ts");
        assertEquals(NULL, book.seq(), "REST books carry no seqId");
        assertEquals(NULL, book.checksum());
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        assertEquals(3, bids.count());
        bids.next();
        assertDecimal("41006.7", bids.price(), "bids[0] price");
        assertDecimal("0.48792100", bids.qty(), "bids[0] size");
        bids.next();
        bids.next();
        assertDecimal("41006.5", bids.price(), "bids[2] price");
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        assertEquals(3, asks.count());
        asks.next();
        assertDecimal("41006.8", asks.price(), "asks[0] price");
        assertDecimal("0.60038921", asks.qty(), "asks[0] size");
    }

    @Test
    void shouldDecodeRestTradesWithEachElementsInstrument() throws IOException
    {
        assertTrue(decoder.restEndpoint("/api/v5/market/trades"));
        assertEquals(2, decode(sample("http_get_trades.json")));
        final TradeDecoder first = view.trade(sink.buffer(), sink.messages().get(0));
        assertEquals("BTC-USDT", sink.messages().get(0).symbol(), "instId");
        assertEquals(Side.SELL, first.side(), "side");
        assertDecimal("0.00013669", first.qty(), "sz");
        assertDecimal("102537.9", first.price(), "px");
        assertEquals(734864333L, first.tradeId(), "tradeId");
        assertEquals(1747087163557_000_000L, first.exchTsNs(), "ts");
        final TradeDecoder second = view.trade(sink.buffer(), sink.messages().get(1));
        assertEquals(Side.BUY, second.side());
        assertDecimal("0.0000125", second.qty(), "sz");
        assertEquals(734864332L, second.tradeId(), "tradeId");
    }

    @Test
    void shouldDecodeRestMarkAndIndexPricesAsFunding() throws IOException
    {
        assertTrue(decoder.restEndpoint("/api/v5/public/mark-price"));
        assertEquals(1, decode(sample("http_get_mark_price.json")));
        FundingDecoder funding = view.funding(sink.buffer(), sink.only());
        assertEquals("BTC-USDT-SWAP", sink.only().symbol());
        assertDecimal("84660.1", funding.markPrice(), "markPx");
        assertEquals(1744590349506_000_000L, funding.exchTsNs(), "ts");
        assertEquals(NULL, funding.indexPrice().mantissa());

        sink.clear();
        assertTrue(decoder.restEndpoint("/market/index-tickers"));
        assertEquals(1, decode(sample("http_get_index_price.json")));
        funding = view.funding(sink.buffer(), sink.only());
        assertEquals("BTC-USDT", sink.only().symbol());
        assertDecimal("103895", funding.indexPrice(), "idxPx");
        assertEquals(NULL, funding.markPrice().mantissa());
        assertEquals(1746942707815_000_000L, funding.exchTsNs(), "ts");
    }

    @Test
    void shouldDecodeEachFundingHistoryElementAtItsSettlementTimeWithTheRealizedRate() throws IOException
    {
        assertTrue(decoder.restEndpoint("/api/v5/public/funding-rate-history"));
        assertEquals(2, decode(sample("http_get_funding_rate_history.json")));
        final FundingDecoder first = view.funding(sink.buffer(), sink.messages().get(0));
        assertEquals("BTC-USDT-SWAP", sink.messages().get(0).symbol());
        assertDecimal("0.00015", first.fundingRate(), "realizedRate");
        assertEquals(1704067200000_000_000L, first.exchTsNs(), "fundingTime");
        assertEquals(NULL, first.nextFundingTsNs(), "a settled rate has no next funding time");
        final FundingDecoder second = view.funding(sink.buffer(), sink.messages().get(1));
        assertDecimal("-0.00002", second.fundingRate(), "realizedRate");
        assertEquals(1704038400000_000_000L, second.exchTsNs(), "fundingTime");

        sink.clear();
        assertEquals(1, decode("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\"," +
            "\"fundingRate\":\"-0.0000236017\",\"fundingTime\":\"1704038400000\"}]}"));
        assertDecimal("-0.0000236017", view.funding(sink.buffer(), sink.only()).fundingRate(),
            "fundingRate when no realizedRate");
    }

    @Test
    void shouldDecodeTheRestFundingRateAndOpenInterest()
    {
        assertTrue(decoder.restEndpoint("/api/v5/public/funding-rate"));
        assertEquals(1, decode(REST_FUNDING_RATE));
        final FundingDecoder funding = view.funding(sink.buffer(), sink.only());
        assertDecimal("0.0000792386885340", funding.fundingRate(), "fundingRate");
        assertEquals(1703088000000_000_000L, funding.nextFundingTsNs(), "fundingTime");
        assertEquals(1703070685309_000_000L, funding.exchTsNs(), "ts");

        sink.clear();
        assertTrue(decoder.restEndpoint("/api/v5/public/open-interest"));
        assertEquals(1, decode(REST_OPEN_INTEREST));
        final OpenInterestDecoder oi = view.openInterest(sink.buffer(), sink.only());
        assertEquals("BTC-USDT-SWAP", sink.only().symbol());
        assertDecimal("2125419.9", oi.openInterest(), "oi");
        assertDecimal("1995542310.4", oi.openInterestValue(), "oiUsd");
        assertEquals(1737532800055_000_000L, oi.exchTsNs(), "ts");
    }

    @Test
    void shouldReportAnErrorBodyAndBadInputAsStatuses()
    {
        assertFalse(decoder.restEndpoint("/api/v5/market/candles"), "not a known endpoint");
        assertTrue(decoder.restEndpoint("/api/v5/public/open-interest"));
        assertEquals(1, decode("{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}"));
        final StatusDecoder status = view.status(sink.buffer(), sink.only());
        assertEquals(StatusEvent.MALFORMED, status.eventType());
        assertEquals(StatusReason.VENUE_ERROR, status.reason(), "code 51001");
        assertEquals(51001, status.detail(), "OKX's code");

        assertMalformed(StatusReason.MISSING_FIELD, "{\"code\":\"0\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\"," +
            "\"oiCcy\":\"1\",\"ts\":\"1\"}]}");
        assertMalformed(StatusReason.BAD_VALUE, "{\"code\":\"0\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\"," +
            "\"oi\":\"-1\",\"ts\":\"1\"}]}");
        assertMalformed(StatusReason.BAD_NUMBER, "{\"code\":\"0\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\"," +
            "\"oi\":\"1x\",\"ts\":\"1\"}]}");

        assertTrue(decoder.restEndpoint(null));
        assertMalformed(StatusReason.MISSING_FIELD, "{\"arg\":{\"channel\":\"liquidation-orders\"}," +
            "\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"details\":[{\"side\":\"sell\",\"bkPx\":\"1\",\"ts\":\"1\"}]}]}");
        assertMalformed(StatusReason.BAD_VALUE, "{\"arg\":{\"channel\":\"liquidation-orders\"}," +
            "\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"details\":[{\"side\":\"long\",\"sz\":\"1\",\"bkPx\":\"1\"}]}]}");
        assertMalformed(StatusReason.BAD_VALUE, "{\"arg\":{\"channel\":\"liquidation-orders\"}," +
            "\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"details\":{}}]}");
        assertMalformed(StatusReason.MISSING_FIELD,
            "{\"arg\":{\"channel\":\"index-tickers\",\"instId\":\"BTC-USDT\"}," +
            "\"data\":[{\"instId\":\"BTC-USDT\",\"ts\":\"1\"}]}");
        assertMalformed(StatusReason.TRUNCATED, LIQUIDATION.substring(0, LIQUIDATION.indexOf("\"sz\"")));
    }

    @Test
    void shouldDecodeTheNewShapesWithoutAllocating() throws IOException
    {
        final FrameReplay pushes = new FrameReplay(List.of(OPEN_INTEREST, LIQUIDATION, INDEX_TICKERS));
        final String wsBytes = pushes.assertDecodesWithoutAllocating(decoder, 3);
        decoder.restEndpoint("/api/v5/public/funding-rate-history");
        final FrameReplay history = new FrameReplay(List.of(sample("http_get_funding_rate_history.json")));
        final String restBytes = history.assertDecodesWithoutAllocating(decoder, 2);
        assertTrue(wsBytes.endsWith("0") && restBytes.endsWith("0"), wsBytes + " / " + restBytes);
    }

    private void assertMalformed(final StatusReason reason, final String frame)
    {
        sink.clear();
        assertEquals(1, decode(frame), frame);
        final StatusDecoder status = view.status(sink.buffer(), sink.only());
        assertEquals(StatusEvent.MALFORMED, status.eventType(), frame);
        assertEquals(reason, status.reason(), frame);
        assertEquals(0, sink.protocolErrors());
    }

    @Test
    void shouldTakeTheEndpointFromTheRequestUrlAndReportBodiesOfOneItDoesNotRead() throws IOException
    {
        decoder.contextUrl("https://www.okx.com/api/v5/market/books?instId=BTC-USDT&sz=3");
        decoder.contextSymbol("BTC-USDT");
        assertEquals(1, decode(sample("http_get_order_book.json")));
        assertEquals(BooleanType.TRUE, view.book(sink.buffer(), sink.only()).snapshot());

        decoder.contextUrl("https://www.okx.com/api/v5/market/candles?instId=BTC-USDT");
        assertEquals(1, decode(sample("http_get_order_book.json")), "a body of an endpoint not read");
        assertEquals(StatusReason.UNKNOWN_EVENT_TYPE, view.status(sink.buffer(), sink.only()).reason());

        decoder.contextUrl(null);
        assertEquals(1, decode(INDEX_TICKERS), "a WebSocket push again");
        assertEquals(1597026383085_000_000L, view.funding(sink.buffer(), sink.only()).exchTsNs());
    }

    private int decode(final String frame)
    {
        sink.clear();
        final byte[] bytes = ("xx" + frame).getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(bytes), 2, bytes.length - 2, RECV_TS, sink);
    }

    private static String sample(final String name) throws IOException
    {
        return Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
    }

    static void assertDecimal(final String expected, final Decimal64Decoder actual, final String field)
    {
        assertEquals(new BigDecimal(expected), BigDecimal.valueOf(actual.mantissa(), -actual.exponent()),
            field + " = " + expected);
    }
}
