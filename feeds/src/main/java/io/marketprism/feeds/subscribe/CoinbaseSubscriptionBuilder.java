/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.feeds.subscribe.SubscriptionRequest.Action;
import io.marketprism.sbe.Venue;

import java.util.List;

/**
 * Coinbase Advanced Trade market data, on {@code wss://advanced-trade-ws.coinbase.com}: one channel per request, for
 * a list of products; every subscribing connection first subscribes to {@code heartbeats}, without which Coinbase
 * closes quiet channels within 60 to 90 seconds.
 * <pre>
 *   {"type":"subscribe","channel":"heartbeats"}
 *   {"type":"subscribe","product_ids":["BTC-USD","ETH-USD"],"channel":"level2"}
 * </pre>
 * Channels, those {@code CoinbaseDecoder} reads: {@link DataType#BOOK} {@code level2} (depth 0 only);
 * {@link DataType#TRADE} {@code market_trades}; {@link DataType#TICKER} and {@link DataType#BBO} {@code ticker}.
 * Requests carry no id and no authentication (these channels need none).
 * <p>
 * Limits, as documented: 8 unauthenticated messages per second per IP ({@link #minFrameIntervalNs()}; the budget is
 * per IP, shared by all connections) and 8 connections per second per IP. No product count per request is
 * documented, so every product of a channel goes in one request.
 * <p>
 * Sources: https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-overview,
 * https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels,
 * https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-rate-limits.
 */
public final class CoinbaseSubscriptionBuilder extends SubscriptionBuilder
{
    /** Production base URL (the market-data endpoint). */
    public static final String PRODUCTION_BASE_URL = "wss://advanced-trade-ws.coinbase.com";
    /** The heartbeats channel, as {@link ConnectionPlan#streams()} names it. */
    public static final String HEARTBEATS = "heartbeats";

    private static final long FRAME_INTERVAL_NS = 1_000_000_000L / 8;

    /**
     * A builder on the production endpoint.
     */
    public CoinbaseSubscriptionBuilder()
    {
        this(PRODUCTION_BASE_URL);
    }

    /**
     * @param baseUrl the base URL, e.g. a simulator's {@code ws://127.0.0.1:9000}.
     */
    public CoinbaseSubscriptionBuilder(final String baseUrl)
    {
        super(Venue.COINBASE, baseUrl);
    }

    @Override
    public long minFrameIntervalNs()
    {
        return FRAME_INTERVAL_NS;
    }

    @Override
    Topic topic(final String instrument, final DataType type, final int bookDepth)
    {
        switch (type)
        {
            case BOOK:
                if (bookDepth != SubscriptionRequest.DEFAULT_DEPTH)
                {
                    throw unsupportedDepth(instrument, bookDepth, "only the full book (0)");
                }
                return Topic.ofChannel("level2", 0, instrument);
            case TRADE:
                return Topic.ofChannel("market_trades", 0, instrument);
            case TICKER:
            case BBO:
                return Topic.ofChannel("ticker", 0, instrument);
            default:
                throw unsupported(instrument, type, null);
        }
    }

    @Override
    String json(final Action action, final Topic first, final String list, final long id)
    {
        return "{\"type\":\"" + (action == Action.SUBSCRIBE ? "subscribe" : "unsubscribe") + "\",\"product_ids\":" +
            list + ",\"channel\":\"" + first.channel() + "\"}";
    }

    @Override
    String preamble(final long id)
    {
        return "{\"type\":\"subscribe\",\"channel\":\"" + HEARTBEATS + "\"}";
    }

    @Override
    List<String> preambleStreams()
    {
        return List.of(HEARTBEATS);
    }

    @Override
    String path(final String connectionClass)
    {
        return "";
    }

    @Override
    boolean hasRequestIds()
    {
        return false;
    }
}
