/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench.peer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/**
 * A Binance {@code trade} event bound by Jackson, prices and quantities as {@code BigDecimal}. Immutable, filled
 * through its creator as XChange's stream DTOs are; fields a frame lacks keep Java's default.
 */
public final class BinanceTradeEvent
{
    private final String eventType;
    private final long eventTimeMs;
    private final String symbol;
    private final long tradeId;
    private final BigDecimal price;
    private final BigDecimal qty;
    private final long tradeTimeMs;
    private final boolean buyerMaker;

    /**
     * @param eventType   {@code e}.
     * @param eventTimeMs {@code E}, ms since the epoch.
     * @param symbol      {@code s}.
     * @param tradeId     {@code t}.
     * @param price       {@code p}.
     * @param qty         {@code q}.
     * @param tradeTimeMs {@code T}, ms since the epoch.
     * @param buyerMaker  {@code m}: the buyer was the maker, so the taker sold.
     */
    @JsonCreator
    public BinanceTradeEvent(
        @JsonProperty("e") final String eventType,
        @JsonProperty("E") final long eventTimeMs,
        @JsonProperty("s") final String symbol,
        @JsonProperty("t") final long tradeId,
        @JsonProperty("p") final BigDecimal price,
        @JsonProperty("q") final BigDecimal qty,
        @JsonProperty("T") final long tradeTimeMs,
        @JsonProperty("m") final boolean buyerMaker)
    {
        this.eventType = eventType;
        this.eventTimeMs = eventTimeMs;
        this.symbol = symbol;
        this.tradeId = tradeId;
        this.price = price;
        this.qty = qty;
        this.tradeTimeMs = tradeTimeMs;
        this.buyerMaker = buyerMaker;
    }

    /**
     * @return {@code e}, {@code trade}.
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
     * @return {@code t}.
     */
    public long tradeId()
    {
        return tradeId;
    }

    /**
     * @return {@code p}.
     */
    public BigDecimal price()
    {
        return price;
    }

    /**
     * @return {@code q}.
     */
    public BigDecimal qty()
    {
        return qty;
    }

    /**
     * @return {@code T}, ms since the epoch.
     */
    public long tradeTimeMs()
    {
        return tradeTimeMs;
    }

    /**
     * @return {@code m}: the buyer was the maker, so the taker sold.
     */
    public boolean buyerMaker()
    {
        return buyerMaker;
    }
}
