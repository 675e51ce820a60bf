/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import java.util.ArrayList;
import java.util.List;

/**
 * One WebSocket connection of a plan: the URL to open and the request frames to send on it, in order.
 */
public final class ConnectionPlan
{
    private final String url;
    private final List<RequestFrame> frames;

    ConnectionPlan(final String url, final List<RequestFrame> frames)
    {
        this.url = url;
        this.frames = List.copyOf(frames);
    }

    /**
     * @return the WebSocket URL, on the builder's base URL (production unless overridden).
     */
    public String url()
    {
        return url;
    }

    /**
     * @return the frames to send after the connection opens, in order (ids ascending where the venue has ids).
     */
    public List<RequestFrame> frames()
    {
        return frames;
    }

    /**
     * @return every stream the frames name, in order: Binance stream names ({@code btcusdt@depth@100ms}), Bybit
     *         topics ({@code orderbook.50.BTCUSDT}), Deribit channels ({@code book.BTC-PERPETUAL.100ms}), and
     *         {@code channel:instrument} for OKX ({@code books:BTC-USDT}, {@code liquidation-orders:SWAP}), Kraken
     *         ({@code book:BTC/USD}), Kraken Futures ({@code book:PI_XBTUSD}) and Coinbase ({@code level2:BTC-USD},
     *         and {@code heartbeats}).
     */
    public List<String> streams()
    {
        final List<String> streams = new ArrayList<>();
        for (final RequestFrame frame : frames)
        {
            streams.addAll(frame.streams());
        }
        return streams;
    }

    @Override
    public String toString()
    {
        return url + " " + frames;
    }
}
