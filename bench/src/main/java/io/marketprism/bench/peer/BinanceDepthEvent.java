/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench.peer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A Binance {@code depthUpdate} event (diff depth stream) bound by Jackson: update ids and the changed levels of
 * each side, in the order the frame lists them.
 */
public final class BinanceDepthEvent
{
    private final String eventType;
    private final long eventTimeMs;
    private final String symbol;
    private final long firstUpdateId;
    private final long lastUpdateId;
    private final List<BinanceLevel> bids;
    private final List<BinanceLevel> asks;

    /**
     * @param eventType     {@code e}.
     * @param eventTimeMs   {@code E}, ms since the epoch.
     * @param symbol        {@code s}.
     * @param firstUpdateId {@code U}.
     * @param lastUpdateId  {@code u}.
     * @param bids          {@code b}.
     * @param asks          {@code a}.
     */
    @JsonCreator
    public BinanceDepthEvent(
        @JsonProperty("e") final String eventType,
        @JsonProperty("E") final long eventTimeMs,
        @JsonProperty("s") final String symbol,
        @JsonProperty("U") final long firstUpdateId,
        @JsonProperty("u") final long lastUpdateId,
        @JsonProperty("b") final List<BinanceLevel> bids,
        @JsonProperty("a") final List<BinanceLevel> asks)
    {
        this.eventType = eventType;
        this.eventTimeMs = eventTimeMs;
        this.symbol = symbol;
        this.firstUpdateId = firstUpdateId;
        this.lastUpdateId = lastUpdateId;
        this.bids = bids;
        this.asks = asks;
    }

    /**
     * @return {@code e}, {@code depthUpdate}.
     */
    public String eventType()
    {
        return eventType;
    }

    /**
     * @return {@code E}, ms since the epoch.
     */
    public long eventTimeMs()
    {
        return eventTimeMs;
    }

    /**
     * @return {@code s}, e.g. {@code BTCUSDT}.
     */
    public String symbol()
    {
        return symbol;
    }

    /**
     * @return {@code U}, the first update id in the event.
     */
    public long firstUpdateId()
    {
        return firstUpdateId;
    }

    /**
     * @return {@code u}, the last update id in the event.
     */
    public long lastUpdateId()
    {
        return lastUpdateId;
    }

    /**
     * @return {@code b}, the changed bid levels.
     */
    public List<BinanceLevel> bids()
    {
        return bids;
    }

    /**
     * @return {@code a}, the changed ask levels.
     */
    public List<BinanceLevel> asks()
    {
        return asks;
    }
}
