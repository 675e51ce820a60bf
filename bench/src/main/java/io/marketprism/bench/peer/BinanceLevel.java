/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench.peer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;

/**
 * One book level as Binance sends it, a two-element array {@code ["61837.63000000","3.78826000"]}, bound by Jackson
 * into {@code BigDecimal}s.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({ "price", "qty" })
public final class BinanceLevel
{
    private final BigDecimal price;
    private final BigDecimal qty;

    /**
     * @param price the level's price.
     * @param qty   the quantity at that price; zero removes the level.
     */
    @JsonCreator
    public BinanceLevel(@JsonProperty("price") final BigDecimal price, @JsonProperty("qty") final BigDecimal qty)
    {
        this.price = price;
        this.qty = qty;
    }

    /**
     * @return the level's price.
     */
    public BigDecimal price()
    {
        return price;
    }

    /**
     * @return the quantity at that price; zero removes the level.
     */
    public BigDecimal qty()
    {
        return qty;
    }
}
