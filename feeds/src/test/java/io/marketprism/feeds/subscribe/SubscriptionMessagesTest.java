/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.marketprism.feeds.subscribe.DataType.AGGREGATED_TRADE;
import static io.marketprism.feeds.subscribe.DataType.BBO;
import static io.marketprism.feeds.subscribe.DataType.BOOK;
import static io.marketprism.feeds.subscribe.DataType.FUNDING;
import static io.marketprism.feeds.subscribe.DataType.INDEX_PRICE;
import static io.marketprism.feeds.subscribe.DataType.LIQUIDATION;
import static io.marketprism.feeds.subscribe.DataType.MARK_PRICE;
import static io.marketprism.feeds.subscribe.DataType.OPEN_INTEREST;
import static io.marketprism.feeds.subscribe.DataType.TICKER;
import static io.marketprism.feeds.subscribe.DataType.TRADE;
import static io.marketprism.feeds.subscribe.DataType.VOLATILITY_INDEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact JSON of every venue's frames, per data type, as each venue documents it.
 */
final class SubscriptionMessagesTest
{
    private static final SubscriptionBuilder SPOT = new BinanceSubscriptionBuilder(Venue.BINANCE_SPOT);
    private static final SubscriptionBuilder USDM = new BinanceSubscriptionBuilder(Venue.BINANCE_USDM);
    private static final SubscriptionBuilder COINM = new BinanceSubscriptionBuilder(Venue.BINANCE_COINM);

    @Test
    void shouldWriteBinanceStreamNamesPerDataType()
    {
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":1}"),
            frames(SPOT, sub("BTCUSDT", TRADE)));
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":1}"),
            frames(SPOT, sub("BTCUSDT", AGGREGATED_TRADE)));
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth@100ms\"],\"id\":1}"),
            frames(SPOT, sub("BTCUSDT", BOOK)));
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\"],\"id\":1}"),
            frames(SPOT, sub("BTCUSDT", BBO)));
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":1}"),
            frames(USDM, sub("BTCUSDT", TRADE)), "futures trades: the aggregate-trade stream");
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@markPrice@1s\"],\"id\":1}"),
            frames(USDM, sub("BTCUSDT", FUNDING, MARK_PRICE, INDEX_PRICE)), "one stream for the three");
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@forceOrder\"],\"id\":1}"),
            frames(USDM, sub("BTCUSDT", LIQUIDATION)));
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusd_perp@depth@100ms\"," +
            "\"btcusd_perp@bookTicker\"],\"id\":1}"), frames(COINM, sub("BTCUSD_PERP", BOOK, BBO)));
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\",\"btcusdt@depth@100ms\"," +
            "\"ethusdt@trade\",\"ethusdt@depth@100ms\"],\"id\":1}"),
            frames(SPOT, SubscriptionRequest.subscribe(List.of("BTCUSDT", "ETHUSDT"), List.of(TRADE, BOOK))));
        assertEquals(List.of("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":1}"),
            frames(SPOT, SubscriptionRequest.unsubscribe(List.of("BTCUSDT"), List.of(TRADE))));

        assertEquals("wss://stream.binance.com:9443/stream", SPOT.plan(sub("BTCUSDT", TRADE)).get(0).url());
        assertEquals("wss://fstream.binance.com/stream", USDM.plan(sub("BTCUSDT", TRADE)).get(0).url());
        assertEquals("wss://dstream.binance.com/stream", COINM.plan(sub("BTCUSD_PERP", TRADE)).get(0).url());
        assertEquals(200_000_000L, SPOT.minFrameIntervalNs(), "spot: 5 messages per second");
        assertEquals(100_000_000L, USDM.minFrameIntervalNs(), "futures: 10 messages per second");

        assertRefused(SPOT, sub("BTCUSDT", FUNDING), "binance-spot", "FUNDING");
        assertRefused(SPOT, sub("BTCUSDT", LIQUIDATION), "binance-spot", "LIQUIDATION");
        assertRefused(USDM, sub("BTCUSDT", OPEN_INTEREST), "binance-usdm", "OPEN_INTEREST");
        assertRefused(USDM, sub("BTCUSDT", TICKER), "binance-usdm", "TICKER");
        assertRefused(USDM, sub("BTCUSDT", BOOK).bookDepth(20), "depth 20");
    }

    @Test
    void shouldWriteOkxArgsPerDataType()
    {
        final SubscriptionBuilder okx = new OkxSubscriptionBuilder();
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}]}"),
            frames(okx, sub("BTC-USDT", TRADE)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}"),
            frames(okx, sub("BTC-USDT", BOOK)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}"),
            frames(okx, sub("BTC-USDT", BOOK).bookDepth(400)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books5\",\"instId\":\"BTC-USDT\"}]}"),
            frames(okx, sub("BTC-USDT", BOOK).bookDepth(5)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books50-l2-tbt\"," +
            "\"instId\":\"BTC-USDT\"}]}"), frames(okx, sub("BTC-USDT", BOOK).bookDepth(50)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books-l2-tbt\"," +
            "\"instId\":\"BTC-USDT\"}]}"),
            frames(new OkxSubscriptionBuilder(OkxSubscriptionBuilder.PRODUCTION_BASE_URL, true),
            sub("BTC-USDT", BOOK)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"bbo-tbt\",\"instId\":\"BTC-USDT\"}]}"),
            frames(okx, sub("BTC-USDT", BBO)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}]}"),
            frames(okx, sub("BTC-USDT", TICKER)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"funding-rate\"," +
            "\"instId\":\"BTC-USDT-SWAP\"},{\"channel\":\"mark-price\",\"instId\":\"BTC-USDT-SWAP\"}," +
            "{\"channel\":\"open-interest\",\"instId\":\"BTC-USDT-SWAP\"}]}"),
            frames(okx, sub("BTC-USDT-SWAP", FUNDING, MARK_PRICE, OPEN_INTEREST)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"index-tickers\"," +
            "\"instId\":\"BTC-USDT\"}]}"), frames(okx, sub("BTC-USDT", INDEX_PRICE)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"liquidation-orders\"," +
            "\"instType\":\"SWAP\"}]}"), frames(okx, SubscriptionRequest.subscribe(
            List.of("BTC-USDT-SWAP", "ETH-USDT-SWAP"), List.of(LIQUIDATION))), "one per instrument type");
        assertEquals(List.of("{\"op\":\"unsubscribe\",\"args\":[{\"channel\":\"liquidation-orders\"," +
            "\"instType\":\"FUTURES\"},{\"channel\":\"liquidation-orders\",\"instType\":\"OPTION\"}," +
            "{\"channel\":\"liquidation-orders\",\"instType\":\"MARGIN\"}]}"), frames(okx,
            SubscriptionRequest.unsubscribe(List.of("BTC-USD-250328", "BTC-USD-250328-90000-C", "BTC-USDT"),
            List.of(LIQUIDATION))));
        assertEquals("wss://ws.okx.com:8443/ws/v5/public", okx.plan(sub("BTC-USDT", TRADE)).get(0).url());
        assertEquals(7_500_000_000L, okx.minFrameIntervalNs(), "480 requests per hour per connection");

        assertRefused(okx, sub("BTC-USDT", BOOK).bookDepth(20), "okx", "depth 20");
        assertRefused(okx, sub("BTC-USDT", VOLATILITY_INDEX), "okx", "VOLATILITY_INDEX");
        assertRefused(okx, sub("BTC-USDT", AGGREGATED_TRADE), "okx", "AGGREGATED_TRADE");
    }

    @Test
    void shouldWriteBybitTopicsPerDataTypeOnTheCategoryEndpoint()
    {
        final SubscriptionBuilder bybit = new BybitSubscriptionBuilder();
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSDT\"],\"req_id\":\"1\"}"),
            frames(bybit, sub("linear:BTCUSDT", BOOK)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[\"orderbook.200.BTCUSD\"],\"req_id\":\"1\"}"),
            frames(bybit, sub("inverse:BTCUSD", BOOK).bookDepth(200)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[\"orderbook.1.BTCUSDT\"],\"req_id\":\"1\"}"),
            frames(bybit, sub("spot:BTCUSDT", BOOK).bookDepth(1)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[\"orderbook.25.BTC-27DEC24-100000-C\"]," +
            "\"req_id\":\"1\"}"), frames(bybit, sub("option:BTC-27DEC24-100000-C", BOOK)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[\"publicTrade.BTCUSDT\"],\"req_id\":\"1\"}"),
            frames(bybit, sub("spot:BTCUSDT", TRADE)));
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[\"tickers.BTCUSDT\"],\"req_id\":\"1\"}"),
            frames(bybit, sub("linear:BTCUSDT", TICKER, BBO, FUNDING, MARK_PRICE, INDEX_PRICE, OPEN_INTEREST)),
            "one tickers topic for all that it carries");
        assertEquals(List.of("{\"op\":\"subscribe\",\"args\":[\"allLiquidation.BTCUSDT\"],\"req_id\":\"1\"}"),
            frames(bybit, sub("linear:BTCUSDT", LIQUIDATION)));
        assertEquals(List.of("{\"op\":\"unsubscribe\",\"args\":[\"publicTrade.BTCUSDT\"],\"req_id\":\"1\"}"),
            frames(bybit, SubscriptionRequest.unsubscribe(List.of("linear:BTCUSDT"), List.of(TRADE))));

        final List<ConnectionPlan> plan = bybit.plan(SubscriptionRequest.subscribe(
            List.of("spot:BTCUSDT", "linear:BTCUSDT", "spot:ETHUSDT"), List.of(TRADE)));
        assertEquals(2, plan.size(), "one connection per category");
        assertEquals("wss://stream.bybit.com/v5/public/spot", plan.get(0).url());
        assertEquals(List.of("publicTrade.BTCUSDT", "publicTrade.ETHUSDT"), plan.get(0).streams());
        assertEquals("wss://stream.bybit.com/v5/public/linear", plan.get(1).url());
        assertEquals(List.of("publicTrade.BTCUSDT"), plan.get(1).streams());

        assertRefused(bybit, sub("spot:BTCUSDT", BBO), "bybit", "BBO");
        assertRefused(bybit, sub("spot:BTCUSDT", TICKER), "bybit", "TICKER");
        assertRefused(bybit, sub("spot:BTCUSDT", FUNDING), "bybit", "FUNDING");
        assertRefused(bybit, sub("option:BTC-27DEC24-100000-C", LIQUIDATION), "LIQUIDATION");
        assertRefused(bybit, sub("option:BTC-27DEC24-100000-C", TRADE), "TRADE");
        assertRefused(bybit, sub("linear:BTCUSDT", BOOK).bookDepth(500), "depth 500");
        assertRefused(bybit, sub("option:BTC-27DEC24-100000-C", BOOK).bookDepth(50), "depth 50");
        assertRefused(bybit, sub("BTCUSDT", TRADE), "category:symbol");
    }

    @Test
    void shouldWriteDeribitChannelsAfterAHeartbeatRequest()
    {
        final SubscriptionBuilder deribit = new DeribitSubscriptionBuilder();
        final String heartbeat = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/set_heartbeat\"," +
            "\"params\":{\"interval\":30}}";
        assertEquals(List.of(heartbeat, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"public/subscribe\"," +
            "\"params\":{\"channels\":[\"book.BTC-PERPETUAL.100ms\"]}}"), frames(deribit, sub("BTC-PERPETUAL", BOOK)));
        assertEquals(List.of(heartbeat, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"public/subscribe\"," +
            "\"params\":{\"channels\":[\"book.BTC-PERPETUAL.none.10.100ms\"]}}"),
            frames(deribit, sub("BTC-PERPETUAL", BOOK).bookDepth(10)));
        assertEquals(List.of(heartbeat, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"public/subscribe\"," +
            "\"params\":{\"channels\":[\"trades.BTC-PERPETUAL.100ms\",\"quote.BTC-PERPETUAL\"," +
            "\"ticker.BTC-PERPETUAL.100ms\"]}}"),
            frames(deribit, sub("BTC-PERPETUAL", TRADE, BBO, TICKER, FUNDING, MARK_PRICE, INDEX_PRICE, OPEN_INTEREST)));
        assertEquals(List.of(heartbeat, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"public/subscribe\"," +
            "\"params\":{\"channels\":[\"deribit_volatility_index.btc_usd\"]}}"),
            frames(deribit, sub("BTC_USD-DVOL", VOLATILITY_INDEX)));
        final SubscriptionBuilder raw = new DeribitSubscriptionBuilder(
            DeribitSubscriptionBuilder.PRODUCTION_BASE_URL, true, 10);
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/set_heartbeat\"," +
            "\"params\":{\"interval\":10}}", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"public/subscribe\"," +
            "\"params\":{\"channels\":[\"book.BTC-PERPETUAL.raw\",\"trades.BTC-PERPETUAL.raw\"," +
            "\"ticker.BTC-PERPETUAL.raw\"]}}"), frames(raw, sub("BTC-PERPETUAL", BOOK, TRADE, TICKER)));
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/unsubscribe\"," +
            "\"params\":{\"channels\":[\"book.BTC-PERPETUAL.100ms\"]}}"),
            frames(deribit, SubscriptionRequest.unsubscribe(List.of("BTC-PERPETUAL"), List.of(BOOK))),
            "no heartbeat request when unsubscribing");
        assertEquals("wss://www.deribit.com/ws/api/v2", deribit.plan(sub("BTC-PERPETUAL", BOOK)).get(0).url());
        assertEquals(1, deribit.plan(sub("BTC-PERPETUAL", BOOK)).get(0).frames().get(0).id());
        assertEquals(List.of(), deribit.plan(sub("BTC-PERPETUAL", BOOK)).get(0).frames().get(0).streams());

        assertRefused(deribit, sub("BTC-PERPETUAL", LIQUIDATION), "deribit", "LIQUIDATION");
        assertRefused(deribit, sub("BTC-PERPETUAL", VOLATILITY_INDEX), "BTC_USD-DVOL");
        assertRefused(deribit, sub("BTC_USD-DVOL", BOOK), "VOLATILITY_INDEX");
        assertRefused(deribit, sub("BTC-PERPETUAL", BOOK).bookDepth(5), "depth 5");
        assertThrows(IllegalArgumentException.class, () -> new DeribitSubscriptionBuilder("ws://h", false, 9));
    }

    @Test
    void shouldWriteKrakenChannelRequestsWithTheirSymbols()
    {
        final SubscriptionBuilder kraken = new KrakenSubscriptionBuilder();
        assertEquals(List.of("{\"method\":\"subscribe\",\"params\":{\"channel\":\"book\",\"symbol\":[\"BTC/USD\"," +
            "\"ETH/USD\"],\"depth\":1000},\"req_id\":1}",
            "{\"method\":\"subscribe\",\"params\":{\"channel\":\"trade\",\"symbol\":[\"BTC/USD\",\"ETH/USD\"]}," +
            "\"req_id\":2}"),
            frames(kraken, SubscriptionRequest.subscribe(List.of("BTC/USD", "ETH/USD"), List.of(BOOK, TRADE))));
        assertEquals(List.of("{\"method\":\"subscribe\",\"params\":{\"channel\":\"book\",\"symbol\":[\"BTC/USD\"]," +
            "\"depth\":1000},\"req_id\":1}"), frames(kraken, sub("BTC/USD", BOOK).bookDepth(1000)));
        assertEquals(List.of("{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\"]}," +
            "\"req_id\":1}"), frames(kraken, sub("BTC/USD", TICKER, BBO)));
        assertEquals(List.of("{\"method\":\"unsubscribe\",\"params\":{\"channel\":\"book\",\"symbol\":[\"BTC/USD\"]," +
            "\"depth\":1000},\"req_id\":1}"),
            frames(kraken, SubscriptionRequest.unsubscribe(List.of("BTC/USD"), List.of(BOOK))));
        assertEquals("wss://ws.kraken.com/v2", kraken.plan(sub("BTC/USD", TRADE)).get(0).url());
        assertEquals(List.of("book:BTC/USD"), kraken.plan(sub("BTC/USD", BOOK)).get(0).streams());

        assertRefused(kraken, sub("BTC/USD", BOOK).bookDepth(50), "kraken", "depth 50");
        // the engine keeps Kraken books to 1000 levels: a shallower subscription would leave levels Kraken drops
        assertRefused(kraken, sub("BTC/USD", BOOK).bookDepth(10), "kraken", "depth 10");
        assertRefused(kraken, sub("BTC/USD", FUNDING), "kraken", "FUNDING");
    }

    @Test
    void shouldWriteKrakenFuturesFeedRequests()
    {
        final SubscriptionBuilder futures = new KrakenFuturesSubscriptionBuilder();
        assertEquals(List.of("{\"event\":\"subscribe\",\"feed\":\"book\",\"product_ids\":[\"PI_XBTUSD\"," +
            "\"PF_ETHUSD\"]}"), frames(futures, SubscriptionRequest.subscribe(List.of("PI_XBTUSD", "PF_ETHUSD"),
            List.of(BOOK))));
        assertEquals(List.of("{\"event\":\"subscribe\",\"feed\":\"trade\",\"product_ids\":[\"PI_XBTUSD\"]}",
            "{\"event\":\"subscribe\",\"feed\":\"ticker\",\"product_ids\":[\"PI_XBTUSD\"]}"),
            frames(futures, sub("PI_XBTUSD", TRADE, TICKER, BBO, FUNDING, MARK_PRICE, INDEX_PRICE, OPEN_INTEREST)));
        assertEquals(List.of("{\"event\":\"unsubscribe\",\"feed\":\"book\",\"product_ids\":[\"PI_XBTUSD\"]}"),
            frames(futures, SubscriptionRequest.unsubscribe(List.of("PI_XBTUSD"), List.of(BOOK))));
        assertEquals("wss://futures.kraken.com/ws/v1", futures.plan(sub("PI_XBTUSD", BOOK)).get(0).url());
        assertEquals(RequestFrame.NO_ID, futures.plan(sub("PI_XBTUSD", BOOK)).get(0).frames().get(0).id());

        assertRefused(futures, sub("PI_XBTUSD", LIQUIDATION), "kraken-futures", "LIQUIDATION");
        assertRefused(futures, sub("PI_XBTUSD", BOOK).bookDepth(10), "depth 10");
    }

    @Test
    void shouldWriteCoinbaseOneChannelPerRequestAfterHeartbeats()
    {
        final SubscriptionBuilder coinbase = new CoinbaseSubscriptionBuilder();
        final String heartbeats = "{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}";
        assertEquals(List.of(heartbeats, "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]," +
            "\"channel\":\"level2\"}", "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]," +
            "\"channel\":\"market_trades\"}", "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]," +
            "\"channel\":\"ticker\"}"), frames(coinbase, SubscriptionRequest.subscribe(List.of("BTC-USD", "ETH-USD"),
            List.of(BOOK, TRADE, TICKER, BBO))));
        assertEquals(List.of("{\"type\":\"unsubscribe\",\"product_ids\":[\"BTC-USD\"],\"channel\":\"level2\"}"),
            frames(coinbase, SubscriptionRequest.unsubscribe(List.of("BTC-USD"), List.of(BOOK))));
        assertEquals("wss://advanced-trade-ws.coinbase.com", coinbase.plan(sub("BTC-USD", BOOK)).get(0).url());
        assertEquals(List.of("heartbeats", "level2:BTC-USD"), coinbase.plan(sub("BTC-USD", BOOK)).get(0).streams());
        assertEquals(125_000_000L, coinbase.minFrameIntervalNs(), "8 messages per second per IP");

        assertRefused(coinbase, sub("BTC-USD", FUNDING), "coinbase", "FUNDING");
        assertRefused(coinbase, sub("BTC-USD", BOOK).bookDepth(50), "depth 50");
    }

    @Test
    void shouldRefuseRequestsThatCannotBeWritten()
    {
        assertThrows(IllegalArgumentException.class, () -> sub("BTC\"USDT", TRADE));
        assertThrows(IllegalArgumentException.class, () -> sub("BTC USDT", TRADE));
        assertThrows(IllegalArgumentException.class, () -> sub("", TRADE));
        assertThrows(IllegalArgumentException.class,
            () -> SubscriptionRequest.subscribe(List.of(), List.of(TRADE)));
        assertThrows(IllegalArgumentException.class,
            () -> SubscriptionRequest.subscribe(List.of("BTCUSDT"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> sub("BTCUSDT", BOOK).bookDepth(-1));
        assertThrows(IllegalArgumentException.class, () -> new BybitSubscriptionBuilder("ws://127.0.0.1:9000/"));
        assertThrows(IllegalArgumentException.class,
            () -> new BinanceSubscriptionBuilder(Venue.OKX, "ws://127.0.0.1:9000"));
    }

    static SubscriptionRequest sub(final String instrument, final DataType... types)
    {
        return SubscriptionRequest.subscribe(List.of(instrument), List.of(types));
    }

    /**
     * @return the text of every frame of every connection, in order.
     */
    static List<String> frames(final SubscriptionBuilder builder, final SubscriptionRequest request)
    {
        final List<String> texts = new ArrayList<>();
        for (final ConnectionPlan connection : builder.plan(request))
        {
            for (final RequestFrame frame : connection.frames())
            {
                texts.add(frame.text());
            }
        }
        return texts;
    }

    private static void assertRefused(
        final SubscriptionBuilder builder, final SubscriptionRequest request, final String... messageParts)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> builder.plan(request));
        for (final String part : messageParts)
        {
            assertTrue(ex.getMessage().contains(part), ex.getMessage() + " should name " + part);
        }
    }
}
