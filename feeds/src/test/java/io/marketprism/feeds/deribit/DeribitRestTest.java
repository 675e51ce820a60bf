/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.deribit;

import io.marketprism.feeds.DecodedMessages;
import io.marketprism.feeds.FrameReplay;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.VolatilityIndexDecoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.marketprism.feeds.DecodedMessages.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DeribitDecoder} on REST (JSON-RPC) responses: every nautilus {@code http_*.json} sample of Deribit, and the
 * documented shapes of {@code get_volatility_index_data} and {@code get_book_summary_by_currency}.
 */
final class DeribitRestTest
{
    private static final long RECV_TS_NS = 1_700_000_000_123_456_789L;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long NULL = Long.MIN_VALUE;

    /** public/get_volatility_index_data as documented (resolution 60). */
    static final String DVOL_BARS = "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{\"data\":[" +
        "[1598019300000,0.210084879,0.212860821,0.209607602,0.212847214]," +
        "[1598019360000,0.212869379,0.212987841,0.212456161,0.212650848]],\"continuation\":null}}";
    /** public/get_book_summary_by_currency as documented (fields this decoder does not use trimmed). */
    static final String BOOK_SUMMARY = "{\"jsonrpc\":\"2.0\",\"id\":3659,\"result\":[{\"volume\":0.55," +
        "\"open_interest\":0.5,\"mark_price\":0.1875,\"instrument_name\":\"BTC-22FEB19-3500-C\"," +
        "\"creation_timestamp\":1550227952163},{\"volume\":12.5,\"instrument_name\":\"BTC_USDC\"," +
        "\"creation_timestamp\":1550227952170},{\"open_interest\":1139551440,\"instrument_name\":\"BTC-PERPETUAL\"," +
        "\"creation_timestamp\":1550227952175}]}";

    private final DeribitDecoder decoder = new DeribitDecoder();
    private final DecodedMessages sink = new DecodedMessages();

    @Test
    void shouldTakeTheMethodFromTheRequestUrlAndReportResultsOfOneItDoesNotRead() throws IOException
    {
        decoder.contextUrl("https://www.deribit.com/api/v2/public/get_order_book?instrument_name=BTC-PERPETUAL");
        assertEquals(1, sink.decode(decoder, DeribitDecoderTest.sample("http_get_order_book.json"), RECV_TS_NS));
        assertEquals(133112427566L, sink.book(0).seq(), "change_id");

        sink.clear();
        decoder.contextUrl("https://www.deribit.com/api/v2/public/get_index_price?index_name=btc_usd");
        assertEquals(1, sink.decode(decoder, DeribitDecoderTest.sample("http_get_order_book.json"), RECV_TS_NS));
        assertEquals(StatusReason.UNKNOWN_EVENT_TYPE, sink.status(0).reason(), "a method whose result is not read");

        sink.clear();
        assertTrue(decoder.restEndpoint("public/get_order_book"), "naming a method directly ends the unknown one");
        assertEquals(1, sink.decode(decoder, DeribitDecoderTest.sample("http_get_order_book.json"), RECV_TS_NS));
        assertEquals(133112427566L, sink.book(0).seq());
    }

    @Test
    void shouldDecodeTheOrderBookAsASnapshot() throws IOException
    {
        assertTrue(decoder.restEndpoint("/api/v2/public/get_order_book?instrument_name=BTC-PERPETUAL&depth=20"));
        assertEquals(1, sink.decode(decoder, DeribitDecoderTest.sample("http_get_order_book.json"), RECV_TS_NS));
        final BookUpdateDecoder book = sink.book(0);
        assertEquals("BTC-PERPETUAL", sink.messages().get(0).symbol(), "instrument_name");
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(133112427566L, book.seq(), "change_id");
        assertEquals(NULL, book.prevSeq());
        assertEquals(1766554855140L * NS_PER_MS, book.exchTsNs(), "timestamp");
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        assertEquals(20, bids.count(), "bids");
        bids.next();
        assertEquals("87002.5", text(bids.price().mantissa(), bids.price().exponent()), "bids[0] price");
        assertEquals("199190.0", text(bids.qty().mantissa(), bids.qty().exponent()), "bids[0] amount");
        for (int i = 1; i < 20; i++)
        {
            bids.next();
        }
        assertEquals("86980.0", text(bids.price().mantissa(), bids.price().exponent()), "bids[19] price");
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        assertEquals(20, asks.count(), "asks");
        asks.next();
        assertEquals("87003.0", text(asks.price().mantissa(), asks.price().exponent()), "asks[0] price");
        assertEquals("125090.0", text(asks.qty().mantissa(), asks.qty().exponent()), "asks[0] amount");
    }

    @Test
    void shouldDecodeLastTradesOnePerElement() throws IOException
    {
        assertTrue(decoder.restEndpoint("public/get_last_trades_by_instrument"));
        assertEquals(10, sink.decode(decoder, DeribitDecoderTest.sample("http_get_last_trades.json"), RECV_TS_NS));
        final TradeDecoder first = sink.trade(0);
        assertEquals("ETH-PERPETUAL", sink.messages().get(0).symbol());
        assertEquals(Side.SELL, first.side(), "direction");
        assertEquals("2968.3", text(first.price().mantissa(), first.price().exponent()), "price");
        assertEquals("1.0", text(first.qty().mantissa(), first.qty().exponent()), "amount");
        assertEquals(284830839L, first.tradeId(), "trade_id ETH-284830839");
        assertEquals(1766332040636L * NS_PER_MS, first.exchTsNs(), "timestamp");
        final TradeDecoder last = sink.trade(9);
        assertEquals(Side.BUY, last.side(), "direction");
        assertEquals("106.0", text(last.qty().mantissa(), last.qty().exponent()), "amount");
        assertEquals(284830854L, last.tradeId(), "trade_id ETH-284830854");
    }

    @Test
    void shouldDecodeComboTradesAsTheCombosOwnTrades() throws IOException
    {
        assertTrue(decoder.restEndpoint("public/get_last_trades_by_currency"));
        assertEquals(3, sink.decode(decoder, DeribitDecoderTest.sample("http_get_last_trades_future_combo.json"),
            RECV_TS_NS));
        for (int i = 0; i < 3; i++)
        {
            assertEquals("BTC-FS-25DEC26_PERP", sink.messages().get(i).symbol(), "the combo, not its legs");
        }
        final TradeDecoder third = sink.trade(2);
        assertEquals(244343046L, third.tradeId(), "trade_id");
        assertEquals("1320.0", text(third.price().mantissa(), third.price().exponent()), "price");
        assertEquals(Side.SELL, third.side());

        sink.clear();
        assertEquals(1, sink.decode(decoder,
            DeribitDecoderTest.sample("http_get_last_trades_option_combo.json"), RECV_TS_NS));
        assertEquals("BTC-CS-19MAY26-70000_75000", sink.messages().get(0).symbol());
        assertEquals(244365193L, sink.trade(0).tradeId(), "trade_id of the combo");
        assertEquals("0.0639", text(sink.trade(0).price().mantissa(), sink.trade(0).price().exponent()));

        sink.clear();
        assertEquals(1, sink.decode(decoder,
            DeribitDecoderTest.sample("http_get_last_trades_historical_combo.json"), RECV_TS_NS));
        assertEquals(999000000L, sink.trade(0).tradeId(), "trade_id");
        assertEquals(Side.BUY, sink.trade(0).side());
        assertEquals(1700000000000L * NS_PER_MS, sink.trade(0).exchTsNs(), "timestamp");

        sink.clear();
        assertEquals(7, sink.decode(decoder,
            DeribitDecoderTest.sample("http_get_last_trades_perpetual_with_combo_tags.json"), RECV_TS_NS));
        final TradeDecoder last = sink.trade(6);
        assertEquals("BTC-PERPETUAL", sink.messages().get(6).symbol(), "a leg trade on its own instrument");
        assertEquals(244343054L, last.tradeId(), "trade_id, not combo_trade_id");
        assertEquals("77304.0", text(last.price().mantissa(), last.price().exponent()), "price");
        assertEquals(Side.BUY, last.side());
    }

    @Test
    void shouldDecodeVolatilityIndexBarsUnderTheContextSymbol()
    {
        assertTrue(decoder.restEndpoint("public/get_volatility_index_data"));
        decoder.contextSymbol("BTC_USD-DVOL");
        assertEquals(2, sink.decode(decoder, DVOL_BARS, RECV_TS_NS));
        final VolatilityIndexDecoder bar = sink.volatilityIndex(0);
        assertEquals("BTC_USD-DVOL", sink.messages().get(0).symbol());
        assertEquals(1598019300000L * NS_PER_MS, bar.exchTsNs(), "timestamp");
        assertEquals("0.210084879", text(bar.openValue().mantissa(), bar.openValue().exponent()), "open");
        assertEquals("0.212860821", text(bar.highValue().mantissa(), bar.highValue().exponent()), "high");
        assertEquals("0.209607602", text(bar.lowValue().mantissa(), bar.lowValue().exponent()), "low");
        assertEquals("0.212847214", text(bar.closeValue().mantissa(), bar.closeValue().exponent()), "close");
        assertEquals("0.212847214", text(bar.value().mantissa(), bar.value().exponent()), "value = close");
        assertEquals("0.212650848", text(sink.volatilityIndex(1).closeValue().mantissa(),
            sink.volatilityIndex(1).closeValue().exponent()), "second bar close");
    }

    @Test
    void shouldDecodeBookSummariesAsOpenInterest()
    {
        assertTrue(decoder.restEndpoint("public/get_book_summary_by_currency"));
        assertEquals(2, sink.decode(decoder, BOOK_SUMMARY, RECV_TS_NS), "the spot summary has no open interest");
        final OpenInterestDecoder option = sink.openInterest(0);
        assertEquals("BTC-22FEB19-3500-C", sink.messages().get(0).symbol());
        assertEquals("0.5", text(option.openInterest().mantissa(), option.openInterest().exponent()), "open_interest");
        assertEquals(1550227952163L * NS_PER_MS, option.exchTsNs(), "creation_timestamp");
        assertEquals(NULL, option.openInterestValue().mantissa());
        assertEquals("BTC-PERPETUAL", sink.messages().get(1).symbol());
        assertEquals(1139551440L, sink.openInterest(1).openInterest().mantissa(), "open_interest");
    }

    @Test
    void shouldReportErrorsAndBadResults()
    {
        assertFalse(decoder.restEndpoint("public/get_index_price"), "no time in its result: not decoded");
        assertTrue(decoder.restEndpoint("public/get_last_trades_by_instrument"));
        assertStatus(StatusReason.VENUE_ERROR, "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"message\":" +
            "\"Invalid params\",\"code\":-32602}}");
        assertStatus(StatusReason.MISSING_FIELD, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"has_more\":false}}");
        assertStatus(StatusReason.MISSING_FIELD, "{\"jsonrpc\":\"2.0\",\"id\":2}");
        assertStatus(StatusReason.BAD_VALUE, "{\"jsonrpc\":\"2.0\",\"result\":{\"trades\":[{\"timestamp\":1," +
            "\"price\":1,\"amount\":1,\"direction\":\"up\",\"instrument_name\":\"BTC-PERPETUAL\"," +
            "\"trade_id\":\"1\"}]}}");
        assertTrue(decoder.restEndpoint("public/get_volatility_index_data"));
        decoder.contextSymbol("BTC_USD-DVOL");
        assertStatus(StatusReason.BAD_VALUE, "{\"result\":{\"data\":[[1598019300000,0.21,0.21,0.20]]}}");
        assertStatus(StatusReason.BAD_NUMBER, "{\"result\":{\"data\":[[1598019300000,0.21,\"x\",0.20,0.2]]}}");
        assertStatus(StatusReason.TRUNCATED, DVOL_BARS.substring(0, DVOL_BARS.indexOf("0.212650848")));
        decoder.contextSymbol(null);
        assertStatus(StatusReason.MISSING_FIELD, DVOL_BARS);
        assertTrue(decoder.restEndpoint(null));
        sink.clear();
        assertEquals(0, sink.decode(decoder, DVOL_BARS, RECV_TS_NS), "a response to a request of ours: ignored");
    }

    @Test
    void shouldDecodeResponsesWithoutAllocating() throws IOException
    {
        decoder.restEndpoint("public/get_last_trades_by_instrument");
        final FrameReplay trades = new FrameReplay(List.of(DeribitDecoderTest.sample("http_get_last_trades.json"),
            DeribitDecoderTest.sample("http_get_last_trades_future_combo.json")));
        trades.assertDecodesWithoutAllocating(decoder, 13);
        decoder.restEndpoint("public/get_order_book");
        new FrameReplay(List.of(DeribitDecoderTest.sample("http_get_order_book.json")))
            .assertDecodesWithoutAllocating(decoder, 1);
        decoder.restEndpoint("public/get_volatility_index_data");
        decoder.contextSymbol("BTC_USD-DVOL");
        new FrameReplay(List.of(DVOL_BARS)).assertDecodesWithoutAllocating(decoder, 2);
        decoder.restEndpoint("public/get_book_summary_by_currency");
        new FrameReplay(List.of(BOOK_SUMMARY)).assertDecodesWithoutAllocating(decoder, 2);
    }

    private void assertStatus(final StatusReason reason, final String frame)
    {
        sink.clear();
        assertEquals(1, sink.decode(decoder, frame, RECV_TS_NS), frame);
        final StatusDecoder status = sink.status(0);
        assertEquals(reason, status.reason(), frame);
        assertEquals(0, sink.protocolErrors());
    }
}
