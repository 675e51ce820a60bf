/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.marketprism.feeds.subscribe.DataType.BBO;
import static io.marketprism.feeds.subscribe.DataType.BOOK;
import static io.marketprism.feeds.subscribe.DataType.FUNDING;
import static io.marketprism.feeds.subscribe.DataType.LIQUIDATION;
import static io.marketprism.feeds.subscribe.DataType.OPEN_INTEREST;
import static io.marketprism.feeds.subscribe.DataType.TICKER;
import static io.marketprism.feeds.subscribe.DataType.TRADE;
import static io.marketprism.feeds.subscribe.DataType.VOLATILITY_INDEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every frame a builder writes parses as JSON (Jackson, independent of the builders), has the venue's shape, and
 * names exactly the streams it claims; over the plan, exactly the streams requested.
 */
final class SubscriptionRoundTripTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldNameExactlyTheRequestedBinanceStreams() throws IOException
    {
        assertRoundTrip(new BinanceSubscriptionBuilder(Venue.BINANCE_USDM),
            SubscriptionRequest.subscribe(List.of("BTCUSDT", "ETHUSDT"), List.of(TRADE, BOOK, BBO, FUNDING,
            LIQUIDATION)),
            List.of("btcusdt@aggTrade", "btcusdt@depth@100ms", "btcusdt@bookTicker", "btcusdt@markPrice@1s",
                "btcusdt@forceOrder", "ethusdt@aggTrade", "ethusdt@depth@100ms", "ethusdt@bookTicker",
                "ethusdt@markPrice@1s", "ethusdt@forceOrder"));
    }

    @Test
    void shouldNameExactlyTheRequestedOkxChannels() throws IOException
    {
        assertRoundTrip(new OkxSubscriptionBuilder(),
            SubscriptionRequest.subscribe(List.of("BTC-USDT-SWAP", "ETH-USDT-SWAP"), List.of(BOOK, TRADE, FUNDING,
            OPEN_INTEREST, LIQUIDATION)),
            List.of("books:BTC-USDT-SWAP", "trades:BTC-USDT-SWAP", "funding-rate:BTC-USDT-SWAP",
                "open-interest:BTC-USDT-SWAP", "liquidation-orders:SWAP", "books:ETH-USDT-SWAP",
                "trades:ETH-USDT-SWAP", "funding-rate:ETH-USDT-SWAP", "open-interest:ETH-USDT-SWAP"));
    }

    @Test
    void shouldNameExactlyTheRequestedBybitTopics() throws IOException
    {
        assertRoundTrip(new BybitSubscriptionBuilder(),
            SubscriptionRequest.subscribe(List.of("linear:BTCUSDT", "inverse:BTCUSD"), List.of(BOOK, TRADE, TICKER)),
            List.of("orderbook.50.BTCUSDT", "publicTrade.BTCUSDT", "tickers.BTCUSDT", "orderbook.50.BTCUSD",
                "publicTrade.BTCUSD", "tickers.BTCUSD"));
        assertRoundTrip(new BybitSubscriptionBuilder(),
            SubscriptionRequest.subscribe(List.of("spot:BTCUSDT", "spot:ETHUSDT"), List.of(BOOK, TRADE)),
            List.of("orderbook.50.BTCUSDT", "publicTrade.BTCUSDT", "orderbook.50.ETHUSDT", "publicTrade.ETHUSDT"));
    }

    @Test
    void shouldNameExactlyTheRequestedDeribitChannels() throws IOException
    {
        final List<String> channels = new ArrayList<>(List.of("book.BTC-PERPETUAL.100ms",
            "trades.BTC-PERPETUAL.100ms", "quote.BTC-PERPETUAL", "ticker.BTC-PERPETUAL.100ms"));
        assertRoundTrip(new DeribitSubscriptionBuilder(),
            SubscriptionRequest.subscribe(List.of("BTC-PERPETUAL"), List.of(BOOK, TRADE, BBO, TICKER, FUNDING)),
            channels);
        assertRoundTrip(new DeribitSubscriptionBuilder(),
            SubscriptionRequest.subscribe(List.of("BTC_USD-DVOL", "ETH_USD-DVOL"), List.of(VOLATILITY_INDEX)),
            List.of("deribit_volatility_index.btc_usd", "deribit_volatility_index.eth_usd"));
    }

    @Test
    void shouldNameExactlyTheRequestedKrakenChannelsAndSymbols() throws IOException
    {
        assertRoundTrip(new KrakenSubscriptionBuilder(),
            SubscriptionRequest.subscribe(List.of("BTC/USD", "ETH/USD"), List.of(BOOK, TRADE, TICKER)).bookDepth(1000),
            List.of("book:BTC/USD", "book:ETH/USD", "trade:BTC/USD", "trade:ETH/USD", "ticker:BTC/USD",
                "ticker:ETH/USD"));
        assertRoundTrip(new KrakenFuturesSubscriptionBuilder(),
            SubscriptionRequest.subscribe(List.of("PI_XBTUSD", "PF_ETHUSD"), List.of(BOOK, TRADE, TICKER)),
            List.of("book:PI_XBTUSD", "book:PF_ETHUSD", "trade:PI_XBTUSD", "trade:PF_ETHUSD", "ticker:PI_XBTUSD",
                "ticker:PF_ETHUSD"));
    }

    @Test
    void shouldNameExactlyTheRequestedCoinbaseChannelsAndProducts() throws IOException
    {
        assertRoundTrip(new CoinbaseSubscriptionBuilder(),
            SubscriptionRequest.subscribe(List.of("BTC-USD", "ETH-USD"), List.of(BOOK, TRADE, BBO)),
            List.of("level2:BTC-USD", "level2:ETH-USD", "market_trades:BTC-USD", "market_trades:ETH-USD",
                "ticker:BTC-USD", "ticker:ETH-USD"));
    }

    /**
     * Parses every frame, reads the streams it names the venue's way, and checks them against the frame's claim;
     * then the plan's streams, in order and without the heartbeats channel, against the expected ones. Unsubscribing
     * names the same streams.
     */
    private static void assertRoundTrip(
        final SubscriptionBuilder builder, final SubscriptionRequest request, final List<String> expected)
        throws IOException
    {
        for (final SubscriptionRequest r : List.of(request,
            SubscriptionRequest.unsubscribe(request.instruments(), request.dataTypes()).bookDepth(request.bookDepth())))
        {
            final boolean subscribe = r.action() == SubscriptionRequest.Action.SUBSCRIBE;
            final List<String> named = new ArrayList<>();
            for (final ConnectionPlan connection : builder.plan(r))
            {
                for (final RequestFrame frame : connection.frames())
                {
                    final JsonNode json = MAPPER.readTree(frame.text());
                    final List<String> streams = streams(builder.venue(), json, subscribe);
                    assertEquals(frame.streams(), streams, frame.text());
                    if (frame.id() != RequestFrame.NO_ID)
                    {
                        assertEquals(frame.id(), id(builder.venue(), json), frame.text());
                    }
                    for (final String stream : streams)
                    {
                        if (!CoinbaseSubscriptionBuilder.HEARTBEATS.equals(stream))
                        {
                            named.add(stream);
                        }
                    }
                }
            }
            assertEquals(expected, named, r.action().name());
        }
    }

    private static long id(final Venue venue, final JsonNode json)
    {
        return venue == Venue.BYBIT ? Long.parseLong(json.get("req_id").asText()) :
            venue == Venue.KRAKEN ? json.get("req_id").asLong() : json.get("id").asLong();
    }

    private static List<String> streams(final Venue venue, final JsonNode json, final boolean subscribe)
    {
        final List<String> streams = new ArrayList<>();
        switch (venue)
        {
            case BINANCE_SPOT:
            case BINANCE_USDM:
            case BINANCE_COINM:
                assertEquals(subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE", json.get("method").asText());
                assertEquals(3, json.size(), "method, params, id");
                json.get("params").forEach(name -> streams.add(name.asText()));
                break;
            case OKX:
                assertEquals(subscribe ? "subscribe" : "unsubscribe", json.get("op").asText());
                json.get("args").forEach(arg -> streams.add(arg.get("channel").asText() + ':' +
                    (arg.has("instId") ? arg.get("instId").asText() : arg.get("instType").asText())));
                break;
            case BYBIT:
                assertEquals(subscribe ? "subscribe" : "unsubscribe", json.get("op").asText());
                json.get("args").forEach(topic -> streams.add(topic.asText()));
                break;
            case DERIBIT:
                assertEquals("2.0", json.get("jsonrpc").asText());
                final String method = json.get("method").asText();
                if ("public/set_heartbeat".equals(method))
                {
                    assertTrue(subscribe);
                    assertEquals(30, json.get("params").get("interval").asInt());
                    break;
                }
                assertEquals(subscribe ? "public/subscribe" : "public/unsubscribe", method);
                json.get("params").get("channels").forEach(channel -> streams.add(channel.asText()));
                break;
            case KRAKEN:
                assertEquals(subscribe ? "subscribe" : "unsubscribe", json.get("method").asText());
                final JsonNode params = json.get("params");
                final String channel = params.get("channel").asText();
                assertEquals("book".equals(channel), params.has("depth"), json.toString());
                params.get("symbol").forEach(symbol -> streams.add(channel + ':' + symbol.asText()));
                break;
            case KRAKEN_FUTURES:
                assertEquals(subscribe ? "subscribe" : "unsubscribe", json.get("event").asText());
                json.get("product_ids").forEach(product -> streams.add(json.get("feed").asText() + ':' +
                    product.asText()));
                break;
            case COINBASE:
                assertEquals(subscribe ? "subscribe" : "unsubscribe", json.get("type").asText());
                if (!json.has("product_ids"))
                {
                    streams.add(json.get("channel").asText());
                    break;
                }
                json.get("product_ids").forEach(product -> streams.add(json.get("channel").asText() + ':' +
                    product.asText()));
                break;
            default:
                throw new AssertionError(venue);
        }
        return streams;
    }
}
