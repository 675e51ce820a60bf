/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.marketprism.feeds.binance.BinanceRestDecoderTest.assertDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every Binance message shape in nautilus_trader's test data ({@code recordings/nautilus/binance/}, copied unmodified
 * from {@code crates/adapters/binance/test_data/} and
 * {@code tests/integration_tests/adapters/binance/resources/}), one test per file, through the decoder that handles
 * it: stream events and depth snapshots through {@link BinanceDecoder}, the polled REST bodies through
 * {@link BinanceRestDecoder} with their endpoint named. Shapes deliberately not decoded (klines, the 24-hour ticker,
 * {@code TRADE_LITE} of the user data stream, REST trade and aggregate-trade history, the REST book ticker) give their
 * documented outcome: one {@code malformed} status, counted downstream, with the reason named here.
 */
final class BinanceNautilusShapesTest
{
    private static final String DIR = "nautilus/binance/";
    private static final long RECV_TS_NS = 1_700_000_000_000_000_001L;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long NULL = Long.MIN_VALUE;

    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    @Test
    void shouldHaveATestForEveryFile() throws IOException
    {
        try (Stream<Path> files = Files.list(Recordings.file(DIR)))
        {
            assertEquals(26, files.filter(file -> file.toString().endsWith(".json")).count(),
                "a new file needs a test here");
        }
    }

    @Test
    void aggTradeStream()
    {
        final TradeDecoder trade = view.trade(sink.buffer(), stream(Venue.BINANCE_USDM, "agg_trade_stream.json"));
        assertEquals("BTCUSDT", sink.only().symbol());
        assertEquals(5933014, trade.tradeId(), "a");
        assertDecimal("0.001", trade.price(), "p");
        assertDecimal("100", trade.qty(), "q");
        assertEquals(Side.SELL, trade.side(), "m true: the buyer was the maker, the taker sold");
        assertEquals(123456785L * NS_PER_MS, trade.exchTsNs(), "T");
    }

    @Test
    void bookTickerStream()
    {
        final BboDecoder bbo = view.bbo(sink.buffer(), stream(Venue.BINANCE_USDM, "book_ticker_stream.json"));
        assertEquals("BNBUSDT", sink.only().symbol());
        assertEquals(400900217, bbo.seq(), "u");
        assertDecimal("25.35190000", bbo.bidPrice(), "b");
        assertDecimal("31.21000000", bbo.bidQty(), "B");
        assertDecimal("25.36520000", bbo.askPrice(), "a");
        assertDecimal("40.66000000", bbo.askQty(), "A");
        assertEquals(1568014460891L * NS_PER_MS, bbo.exchTsNs(), "T");
    }

    @Test
    void depthUpdateStream()
    {
        final BookUpdateDecoder book = view.book(sink.buffer(), stream(Venue.BINANCE_USDM, "depth_update_stream.json"));
        assertEquals("BTCUSDT", sink.only().symbol());
        assertEquals(160, book.seq(), "u");
        assertEquals(149, book.prevSeq(), "pu");
        assertEquals(157, book.firstSeq(), "U");
        assertEquals(123456788L * NS_PER_MS, book.exchTsNs(), "T");
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        assertEquals(1, bids.count());
        bids.next();
        assertDecimal("0.0024", bids.price(), "b[0] price");
        assertDecimal("10", bids.qty(), "b[0] qty");
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        assertEquals(1, asks.count());
        asks.next();
        assertDecimal("0.0026", asks.price(), "a[0] price");
        assertDecimal("100", asks.qty(), "a[0] qty");
    }

    @Test
    void klineStreamClosedIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_USDM, "kline_stream_closed.json", StatusReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void klineStreamOpenIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_USDM, "kline_stream_open.json", StatusReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void liquidationStream()
    {
        final LiquidationDecoder liquidation =
            view.liquidation(sink.buffer(), stream(Venue.BINANCE_USDM, "liquidation_stream.json"));
        assertEquals("BTCUSDT", sink.only().symbol(), "o.s");
        assertEquals(Side.SELL, liquidation.side(), "o.S");
        assertDecimal("9910.12345678", liquidation.price(), "o.ap: filled, at its average price");
        assertDecimal("0.014", liquidation.qty(), "o.z");
        assertEquals(1568014460893L * NS_PER_MS, liquidation.exchTsNs(), "o.T");
        assertEquals(Venue.BINANCE_USDM, liquidation.venue());
    }

    @Test
    void markPriceStream()
    {
        final FundingDecoder funding =
            view.funding(sink.buffer(), stream(Venue.BINANCE_USDM, "mark_price_stream.json"));
        assertEquals("BTCUSDT", sink.only().symbol());
        assertDecimal("11794.15000000", funding.markPrice(), "p");
        assertDecimal("11784.62659091", funding.indexPrice(), "i");
        assertDecimal("0.00038167", funding.fundingRate(), "r");
        assertEquals(1562306400000L * NS_PER_MS, funding.nextFundingTsNs(), "T");
        assertEquals(1562305380000L * NS_PER_MS, funding.exchTsNs(), "E");
    }

    @Test
    void tickerStreamIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_USDM, "ticker_stream.json", StatusReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void tradeStream()
    {
        final TradeDecoder trade = view.trade(sink.buffer(), stream(Venue.BINANCE_USDM, "trade_stream.json"));
        assertEquals("BTCUSDT", sink.only().symbol());
        assertEquals(5933014, trade.tradeId(), "t");
        assertDecimal("0.001", trade.price(), "p");
        assertDecimal("100", trade.qty(), "q");
        assertEquals(Side.SELL, trade.side(), "m");
        assertEquals(123456785L * NS_PER_MS, trade.exchTsNs(), "T");
    }

    @Test
    void spotDepthResponse()
    {
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        decoder.contextSymbol("BNBBTC");
        final BookUpdateDecoder book = view.book(sink.buffer(), decode(decoder, "depth_response.json"));
        assertEquals("BNBBTC", sink.only().symbol(), "the symbol asked for");
        assertEquals(1027024, book.seq(), "lastUpdateId");
        assertEquals(NULL, book.exchTsNs(), "spot snapshots carry no time");
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        bids.next();
        assertDecimal("4.00000000", bids.price(), "bids[0] price");
        assertDecimal("431.00000000", bids.qty(), "bids[0] qty");
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        asks.next();
        assertDecimal("4.00000200", asks.price(), "asks[0] price");
        assertDecimal("12.00000000", asks.qty(), "asks[0] qty");
    }

    @Test
    void spotTradesResponseIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_SPOT, "trades_response.json", StatusReason.UNEXPECTED_CHARACTER);
    }

    @Test
    void futuresAggTradesResponseIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_USDM, "http_futures_market_agg_trades.json", StatusReason.UNEXPECTED_CHARACTER);
    }

    @Test
    void futuresBookTickerResponseIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_USDM, "http_futures_market_book_ticker.json", StatusReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void futuresDepthResponse()
    {
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_USDM);
        decoder.contextSymbol("BTCUSDT");
        final BookUpdateDecoder book = view.book(sink.buffer(), decode(decoder, "http_futures_market_depth.json"));
        assertEquals(1027024, book.seq(), "lastUpdateId");
        assertEquals(1589436922959L * NS_PER_MS, book.exchTsNs(), "T");
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        assertEquals(1, bids.count());
        bids.next();
        assertDecimal("4.00000000", bids.price(), "bids[0] price");
        assertDecimal("431.00000000", bids.qty(), "bids[0] qty");
    }

    @Test
    void futuresFundingRateResponse()
    {
        final List<RecordingSink.Message> messages =
            rest(BinanceRestEndpoint.FUNDING_RATE, "http_futures_market_funding_rate.json", 2);
        final FundingDecoder first = view.funding(sink.buffer(), messages.get(0));
        assertEquals("BTCUSDT", messages.get(0).symbol());
        assertDecimal("-0.03750000", first.fundingRate(), "[0].fundingRate");
        assertEquals(1570608000000L * NS_PER_MS, first.exchTsNs(), "[0].fundingTime");
        assertEquals(NULL, first.markPrice().mantissa(), "no markPrice");
        final FundingDecoder second = view.funding(sink.buffer(), messages.get(1));
        assertDecimal("0.00010000", second.fundingRate(), "[1].fundingRate");
        assertEquals(1570636800000L * NS_PER_MS, second.exchTsNs(), "[1].fundingTime");
    }

    @Test
    void futuresOpenInterestResponse()
    {
        final List<RecordingSink.Message> messages =
            rest(BinanceRestEndpoint.OPEN_INTEREST, "http_futures_market_open_interest.json", 1);
        final OpenInterestDecoder openInterest = view.openInterest(sink.buffer(), messages.get(0));
        assertEquals("BTCUSDT", messages.get(0).symbol());
        assertDecimal("10659.509", openInterest.openInterest(), "openInterest");
        assertEquals(NULL, openInterest.openInterestValue().mantissa(), "no value");
        assertEquals(1589437530011L * NS_PER_MS, openInterest.exchTsNs(), "time");
    }

    @Test
    void futuresOpenInterestHistoricalResponse()
    {
        final List<RecordingSink.Message> messages =
            rest(BinanceRestEndpoint.OPEN_INTEREST_HIST, "http_futures_market_open_interest_historical.json", 2);
        final OpenInterestDecoder first = view.openInterest(sink.buffer(), messages.get(0));
        assertDecimal("20403.63700000", first.openInterest(), "[0].sumOpenInterest");
        assertDecimal("150570784.07809979", first.openInterestValue(), "[0].sumOpenInterestValue");
        assertEquals(1583127900000L * NS_PER_MS, first.exchTsNs(), "[0].timestamp, a string here");
        final OpenInterestDecoder second = view.openInterest(sink.buffer(), messages.get(1));
        assertDecimal("20401.36700000", second.openInterest(), "[1].sumOpenInterest");
        assertDecimal("149940752.14464448", second.openInterestValue(), "[1].sumOpenInterestValue");
        assertEquals(1583128200000L * NS_PER_MS, second.exchTsNs(), "[1].timestamp");
    }

    @Test
    void futuresPremiumIndexResponse()
    {
        final List<RecordingSink.Message> messages =
            rest(BinanceRestEndpoint.PREMIUM_INDEX, "http_futures_market_premium_index.json", 1);
        final FundingDecoder funding = view.funding(sink.buffer(), messages.get(0));
        assertEquals("BTCUSDT", messages.get(0).symbol());
        assertDecimal("11793.63104562", funding.markPrice(), "markPrice");
        assertDecimal("11781.80495970", funding.indexPrice(), "indexPrice");
        assertDecimal("0.00038246", funding.fundingRate(), "lastFundingRate");
        assertEquals(1597392000000L * NS_PER_MS, funding.nextFundingTsNs(), "nextFundingTime");
        assertEquals(1597370495002L * NS_PER_MS, funding.exchTsNs(), "time");
    }

    @Test
    void futuresTradesResponseIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_USDM, "http_futures_market_trades.json", StatusReason.UNEXPECTED_CHARACTER);
    }

    @Test
    void spotAggTradesResponseIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_SPOT, "http_spot_market_agg_trades.json", StatusReason.UNEXPECTED_CHARACTER);
    }

    @Test
    void spotBookTickerResponseIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_SPOT, "http_spot_market_book_ticker.json", StatusReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void spotDepthResponseOfTenLevels()
    {
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        decoder.contextSymbol("BTCUSDT");
        final BookUpdateDecoder book = view.book(sink.buffer(), decode(decoder, "http_spot_market_depth.json"));
        assertEquals(14527958487L, book.seq(), "lastUpdateId");
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        assertEquals(10, bids.count());
        bids.next();
        assertDecimal("60650.00000000", bids.price(), "bids[0] price");
        assertDecimal("0.00213000", bids.qty(), "bids[0] qty");
        while (bids.hasNext())
        {
            bids.next();
        }
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        assertEquals(10, asks.count());
        for (int i = 0; i < 10; i++)
        {
            asks.next();
        }
        assertDecimal("60659.94000000", asks.price(), "asks[9] price");
        assertDecimal("0.96170000", asks.qty(), "asks[9] qty");
    }

    @Test
    void spotTradesResponseOfTenTradesIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_SPOT, "http_spot_market_trades.json", StatusReason.UNEXPECTED_CHARACTER);
    }

    @Test
    void wsFuturesBookTicker()
    {
        final BboDecoder bbo = view.bbo(sink.buffer(), stream(Venue.BINANCE_USDM, "ws_futures_book_ticker.json"));
        assertEquals("BNBUSDT", sink.only().symbol());
        assertEquals(400900217, bbo.seq(), "u");
        assertDecimal("25.35190000", bbo.bidPrice(), "b");
        assertDecimal("40.66000000", bbo.askQty(), "A");
        assertEquals(1568014460891L * NS_PER_MS, bbo.exchTsNs(), "T");
    }

    @Test
    void wsFuturesTicker24hrIsNotDecoded()
    {
        assertStatus(Venue.BINANCE_USDM, "ws_futures_ticker_24hr.json", StatusReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void wsFuturesTradeLiteIsNotDecoded()
    {
        // TRADE_LITE is an event of the user data stream (one's own fills), not market data
        assertStatus(Venue.BINANCE_USDM, "ws_futures_trade_lite.json", StatusReason.UNKNOWN_EVENT_TYPE);
    }

    private RecordingSink.Message stream(final Venue venue, final String file)
    {
        return decode(new BinanceDecoder(venue), file);
    }

    private List<RecordingSink.Message> rest(final BinanceRestEndpoint endpoint, final String file, final int count)
    {
        final BinanceRestDecoder decoder = new BinanceRestDecoder(Venue.BINANCE_USDM);
        decoder.expect(endpoint);
        decodeAll(decoder, file, count);
        // the same body through BinanceDecoder once the endpoint is named there gives the same bytes
        final List<byte[]> direct = sink.messages().stream().map(sink::bytes).toList();
        final BinanceDecoder binance = new BinanceDecoder(Venue.BINANCE_USDM);
        binance.expect(endpoint);
        decodeAll(binance, file, count);
        for (int i = 0; i < count; i++)
        {
            org.junit.jupiter.api.Assertions.assertArrayEquals(direct.get(i), sink.bytes(sink.messages().get(i)));
        }
        return sink.messages();
    }

    private void assertStatus(final Venue venue, final String file, final StatusReason reason)
    {
        final RecordingSink.Message message = decode(new BinanceDecoder(venue), file);
        assertEquals(reason, view.status(sink.buffer(), message).reason(), file);
        assertEquals("", message.symbol());
    }

    private RecordingSink.Message decode(final FrameDecoder decoder, final String file)
    {
        decodeAll(decoder, file, 1);
        return sink.only();
    }

    private void decodeAll(final FrameDecoder decoder, final String file, final int count)
    {
        sink.clear();
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(Recordings.file(DIR + file));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        assertEquals(count, decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS_NS, sink), file);
        assertEquals(0, sink.protocolErrors());
    }
}
