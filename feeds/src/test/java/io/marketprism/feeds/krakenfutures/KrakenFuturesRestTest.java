/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import io.marketprism.feeds.DecodedMessages;
import io.marketprism.feeds.FrameReplay;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static io.marketprism.feeds.DecodedMessages.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link KrakenFuturesDecoder} on Kraken Futures REST bodies: nautilus's {@code http_futures_orderbook.json},
 * {@code http_futures_tickers.json} and {@code http_futures_public_executions.json}, each field named with its value;
 * the request URL naming the endpoint; bad bodies.
 */
final class KrakenFuturesRestTest
{
    private static final long RECV_TS_NS = 1_764_206_271_000_000_000L;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long NULL = Long.MIN_VALUE;
    private static final String ORDERBOOK = "/derivatives/api/v3/orderbook?symbol=PF_XBTUSD";
    private static final String TICKERS = "/derivatives/api/v3/tickers";
    private static final String EXECUTIONS = "/api/history/v2/market/PF_XBTUSD/executions";

    private final KrakenFuturesDecoder decoder = new KrakenFuturesDecoder();
    private final DecodedMessages sink = new DecodedMessages();

    @Test
    void shouldDecodeTheOrderBookAsASnapshotOfTheRequestedSymbol() throws IOException
    {
        assertTrue(decoder.restEndpoint(ORDERBOOK));
        assertEquals(1, decode(sample("http_futures_orderbook.json")));
        assertEquals("PF_XBTUSD", sink.messages().get(0).symbol(), "the request's symbol=; the body names none");
        final BookUpdateDecoder book = sink.book(0);
        assertEquals(Venue.KRAKEN_FUTURES, book.venue());
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(NULL, book.seq(), "the REST book carries no seq");
        assertEquals(NULL, book.prevSeq());
        assertEquals(NULL, book.checksum());
        assertEquals(1_752_235_200_000L * NS_PER_MS, book.exchTsNs(), "serverTime 2025-07-11T12:00:00.000Z");
        assertEquals(RECV_TS_NS, book.recvTsNs());
        final List<String> bids = new ArrayList<>();
        for (final BookUpdateDecoder.BidsDecoder level : book.bids())
        {
            bids.add(text(level.price().mantissa(), level.price().exponent()) + ":" +
                text(level.qty().mantissa(), level.qty().exponent()));
        }
        final List<String> asks = new ArrayList<>();
        for (final BookUpdateDecoder.AsksDecoder level : book.asks())
        {
            asks.add(text(level.price().mantissa(), level.price().exponent()) + ":" +
                text(level.qty().mantissa(), level.qty().exponent()));
        }
        assertEquals(List.of("105900.0:0.5", "105850.0:1.2", "105800.0:0.8"), bids, "bids [price, qty]");
        assertEquals(List.of("105950.0:0.3", "106000.0:0.7", "106050.0:1.1"), asks, "asks");
    }

    @Test
    void shouldDecodeEachTickerAsFundingBboAndOpenInterest() throws IOException
    {
        assertTrue(decoder.restEndpoint(TICKERS));
        assertEquals(6, decode(sample("http_futures_tickers.json")), "two tickers, three messages each");
        final long serverTimeNs = 1_763_339_677_524L * NS_PER_MS;

        assertEquals("PI_XBTUSD", sink.messages().get(0).symbol());
        final FundingDecoder funding = sink.funding(0);
        assertEquals("91506.6009839176", text(funding.markPrice().mantissa(), funding.markPrice().exponent()),
            "markPrice");
        assertEquals("91468.38", text(funding.indexPrice().mantissa(), funding.indexPrice().exponent()), "indexPrice");
        assertEquals(NULL, funding.fundingRate().mantissa(), "fundingRate is the absolute rate: not held");
        assertEquals(NULL, funding.nextFundingTsNs(), "not given");
        assertEquals(serverTimeNs, funding.exchTsNs(), "serverTime 2025-11-17T00:34:37.524Z");
        assertEquals("PI_XBTUSD", sink.messages().get(1).symbol());
        final BboDecoder bbo = sink.bbo(1);
        assertEquals("91415.0", text(bbo.bidPrice().mantissa(), bbo.bidPrice().exponent()), "bid");
        assertEquals("4960.0", text(bbo.bidQty().mantissa(), bbo.bidQty().exponent()), "bidSize");
        assertEquals("91490.5", text(bbo.askPrice().mantissa(), bbo.askPrice().exponent()), "ask");
        assertEquals("5020.0", text(bbo.askQty().mantissa(), bbo.askQty().exponent()), "askSize");
        assertEquals(serverTimeNs, bbo.exchTsNs());
        assertEquals(NULL, bbo.seq());
        assertEquals("PI_XBTUSD", sink.messages().get(2).symbol());
        final OpenInterestDecoder openInterest = sink.openInterest(2);
        assertEquals("21279580.0", text(openInterest.openInterest().mantissa(),
            openInterest.openInterest().exponent()), "openInterest, contracts");
        assertEquals(NULL, openInterest.openInterestValue().mantissa(), "no value given");
        assertEquals(serverTimeNs, openInterest.exchTsNs());

        assertEquals("PF_ETHUSD", sink.messages().get(3).symbol());
        final FundingDecoder ethFunding = sink.funding(3);
        assertEquals("3205.25", text(ethFunding.markPrice().mantissa(), ethFunding.markPrice().exponent()));
        assertEquals("3202.75", text(ethFunding.indexPrice().mantissa(), ethFunding.indexPrice().exponent()));
        final BboDecoder ethBbo = sink.bbo(4);
        assertEquals("3200.0", text(ethBbo.bidPrice().mantissa(), ethBbo.bidPrice().exponent()));
        assertEquals("100.0", text(ethBbo.bidQty().mantissa(), ethBbo.bidQty().exponent()));
        assertEquals("3210.5", text(ethBbo.askPrice().mantissa(), ethBbo.askPrice().exponent()));
        assertEquals("150.0", text(ethBbo.askQty().mantissa(), ethBbo.askQty().exponent()));
        final OpenInterestDecoder ethOpenInterest = sink.openInterest(5);
        assertEquals("1000000.0", text(ethOpenInterest.openInterest().mantissa(),
            ethOpenInterest.openInterest().exponent()));
    }

    @Test
    void shouldDecodeOnlyWhatATickerHas()
    {
        decoder.restEndpoint(TICKERS);
        // an index entry (only last) and a contract without a book or open interest: shapes of the documented reply
        assertEquals(1, decode("{\"result\":\"success\",\"tickers\":[{\"symbol\":\"in_xbtusd\",\"last\":91468.38," +
            "\"lastTime\":\"2025-11-17T00:34:37.000Z\"},{\"symbol\":\"FI_XBTUSD_251226\",\"markPrice\":92000.5," +
            "\"bid\":null,\"openInterest\":null,\"suspended\":false}],\"serverTime\":\"2025-11-17T00:34:37.524Z\"}"));
        assertEquals("FI_XBTUSD_251226", sink.messages().get(0).symbol());
        final FundingDecoder funding = sink.funding(0);
        assertEquals("92000.5", text(funding.markPrice().mantissa(), funding.markPrice().exponent()));
        assertEquals(NULL, funding.indexPrice().mantissa(), "no indexPrice");
    }

    @Test
    void shouldDecodeEachExecutionAsATradeOldestFirst() throws IOException
    {
        assertTrue(decoder.restEndpoint(EXECUTIONS));
        assertEquals(3, decode(sample("http_futures_public_executions.json")), "three Execution events");
        final String[][] expected = {
            // price, quantity, taker direction, timestamp (ms): the body's third, second and first element
            { "90766", "0.0006", "BUY", "1764206268219" },
            { "90766", "0.0006", "BUY", "1764206268219" },
            { "90771", "0.0113", "SELL", "1764206270368" } };
        for (int i = 0; i < 3; i++)
        {
            assertEquals("PF_XBTUSD", sink.messages().get(i).symbol(), "takerOrder.tradeable");
            final TradeDecoder trade = sink.trade(i);
            assertEquals(expected[i][0], text(trade.price().mantissa(), trade.price().exponent()), "price " + i);
            assertEquals(expected[i][1], text(trade.qty().mantissa(), trade.qty().exponent()), "quantity " + i);
            assertEquals(Side.valueOf(expected[i][2]), trade.side(), "takerOrder.direction " + i);
            assertEquals(Long.parseLong(expected[i][3]) * NS_PER_MS, trade.exchTsNs(), "timestamp " + i);
            assertEquals(NULL, trade.tradeId(), "the uid is a UUID");
            assertEquals(RECV_TS_NS, trade.recvTsNs());
        }
    }

    @Test
    void shouldFollowTheRequestUrl() throws IOException
    {
        decoder.contextUrl("https://futures.kraken.com/derivatives/api/v3/orderbook?symbol=pf_ethusd");
        assertEquals(1, decode(sample("http_futures_orderbook.json")));
        assertEquals("PF_ETHUSD", sink.messages().get(0).symbol(), "upper case, as the stream names it");
        decoder.contextUrl("https://futures.kraken.com/derivatives/api/v3/tickers");
        assertEquals(6, decode(sample("http_futures_tickers.json")));
        decoder.contextUrl("https://futures.kraken.com/api/history/v3/market/PF_XBTUSD/executions?sort=desc");
        assertEquals(3, decode(sample("http_futures_public_executions.json")));

        decoder.contextUrl("https://futures.kraken.com/derivatives/api/v3/instruments");
        assertStatus(StatusReason.MISSING_FIELD, sample("http_futures_tickers.json"), "a stream frame: no feed");
        decoder.contextUrl(null);
        assertStatus(StatusReason.MISSING_FIELD, sample("http_futures_tickers.json"), "stream frames again");
        assertFalse(decoder.restEndpoint("/derivatives/api/v3/history"));
        assertFalse(decoder.restEndpoint("/api/history/v2/market//executions"));
    }

    @Test
    void shouldReportBadBodiesAsOneStatusEach() throws IOException
    {
        decoder.restEndpoint(ORDERBOOK);
        final String book = sample("http_futures_orderbook.json");
        assertStatus(StatusReason.VENUE_ERROR, "{\"result\":\"error\",\"error\":\"invalidArgument: symbol\"," +
            "\"serverTime\":\"2025-07-11T12:00:00.000Z\"}", "error reply");
        assertStatus(StatusReason.VENUE_ERROR, "{\"error\":\"apiLimitExceeded\"}", "error without result");
        assertStatus(StatusReason.BAD_VALUE, book.replace("\"success\"", "1"), "result a number");
        assertStatus(StatusReason.MISSING_FIELD, "{\"result\":\"success\"}", "no orderBook");
        assertStatus(StatusReason.BAD_VALUE, book.replace("105900.0", "0"), "price 0");
        assertStatus(StatusReason.BAD_VALUE, book.replace("0.5]", "-0.5]"), "negative quantity");
        assertStatus(StatusReason.BAD_NUMBER, book.replace("105900.0", "\"x\""), "price x");
        assertStatus(StatusReason.BAD_VALUE, book.replace("\"bids\": [", "\"bids\": {\"a\":1}, \"x\": ["),
            "bids an object");
        assertStatus(StatusReason.BAD_VALUE, book.replace("2025-07-11T12", "2025-13-11T12"), "month 13");
        assertStatus(StatusReason.DUPLICATE_FIELD, book.replace("\"asks\"", "\"bids\""), "bids twice");
        decoder.contextSymbol("PF XBTUSD");
        assertStatus(StatusReason.MISSING_FIELD, book, "a symbol no message can carry is no symbol");
        decoder.restEndpoint("/derivatives/api/v3/orderbook?symbol=PF_ETHUSD");
        decoder.contextSymbol(null);
        assertStatus(StatusReason.MISSING_FIELD, book, "no symbol known for the book");

        decoder.restEndpoint(TICKERS);
        final String tickers = sample("http_futures_tickers.json");
        assertStatus(StatusReason.MISSING_FIELD, tickers.replace("\"symbol\": \"PF_ETHUSD\",", ""), "no symbol");
        assertStatus(StatusReason.BAD_VALUE, tickers.replace("\"bid\": 3200.0", "\"bid\": -1"), "bid -1");
        assertStatus(StatusReason.BAD_VALUE, tickers.replace("\"PF_ETHUSD\"", "\"PF ETHUSD\""), "space in symbol");
        assertStatus(StatusReason.BAD_VALUE, tickers.replace("\"tickers\": [", "\"tickers\": [1,"), "a number");
        assertStatus(StatusReason.BAD_NUMBER, tickers.replace("\"openInterest\": 1000000.0", "\"openInterest\": \"\""),
            "empty open interest");

        decoder.restEndpoint(EXECUTIONS);
        final String executions = sample("http_futures_public_executions.json");
        assertStatus(StatusReason.UNKNOWN_EVENT_TYPE, executions.replaceFirst("\"Execution\"", "\"Settlement\""),
            "another event");
        assertStatus(StatusReason.BAD_VALUE, executions.replaceFirst("\"Sell\"", "\"Short\""), "direction Short");
        assertStatus(StatusReason.MISSING_FIELD, executions.replaceFirst("\"price\": \"90771\",", ""), "no price");
        assertStatus(StatusReason.BAD_VALUE, executions.replaceFirst("\"timestamp\": 1764206270368,\n            " +
            "\"quantity\"", "\"timestamp\": -1,\n            \"quantity\""), "time before 1970");
        assertStatus(StatusReason.MISSING_FIELD, "{\"len\":0}", "no elements");
    }

    @Test
    void shouldReportEveryTruncationOfTheSamplesAsOneStatus() throws IOException
    {
        final String[][] cases = {
            { ORDERBOOK, sample("http_futures_orderbook.json") }, { TICKERS, sample("http_futures_tickers.json") },
            { EXECUTIONS, sample("http_futures_public_executions.json") } };
        int bodies = 0;
        for (final String[] endpointAndBody : cases)
        {
            decoder.restEndpoint(endpointAndBody[0]);
            final String body = endpointAndBody[1].trim();
            for (int length = 0; length < body.length(); length++)
            {
                sink.clear();
                assertEquals(1, sink.decode(decoder, body.substring(0, length), RECV_TS_NS), body.substring(0, length));
                assertEquals(StatusEvent.MALFORMED, sink.status(0).eventType());
                assertEquals(0, sink.protocolErrors());
                bodies++;
            }
        }
        assertTrue(bodies > 6000, "cuts tried: " + bodies);
    }

    @Test
    void shouldDecodeTheBodiesWithoutAllocating() throws IOException
    {
        decoder.restEndpoint(ORDERBOOK);
        new FrameReplay(List.of(sample("http_futures_orderbook.json"))).assertDecodesWithoutAllocating(decoder, 1);
        decoder.restEndpoint(TICKERS);
        new FrameReplay(List.of(sample("http_futures_tickers.json"))).assertDecodesWithoutAllocating(decoder, 6);
        decoder.restEndpoint(EXECUTIONS);
        new FrameReplay(List.of(sample("http_futures_public_executions.json")))
            .assertDecodesWithoutAllocating(decoder, 3);
        new FrameReplay(List.of("{\"result\":\"error\",\"error\":\"apiLimitExceeded\"}"))
            .assertDecodesWithoutAllocating(decoder, 1);
    }

    private int decode(final String body)
    {
        sink.clear();
        final int committed = sink.decode(decoder, body, RECV_TS_NS);
        assertEquals(committed, sink.messages().size());
        assertEquals(0, sink.protocolErrors());
        for (int i = 0; i < committed; i++)
        {
            assertTrue(sink.templateId(i) != StatusDecoder.TEMPLATE_ID, "message " + i + " is no status");
        }
        return committed;
    }

    private void assertStatus(final StatusReason reason, final String body, final String what)
    {
        sink.clear();
        assertEquals(1, sink.decode(decoder, body, RECV_TS_NS), what);
        final StatusDecoder status = sink.status(0);
        assertEquals(StatusEvent.MALFORMED, status.eventType(), what);
        assertEquals(reason, status.reason(), what);
        assertEquals(0, sink.protocolErrors(), what);
    }

    private static String sample(final String name) throws IOException
    {
        return Files.readString(KrakenFuturesDecoderTest.SAMPLES.resolve(name), StandardCharsets.UTF_8);
    }
}
