/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

/**
 * What a subscription asks a venue for, in venue-neutral terms. Each venue's {@link SubscriptionBuilder} maps a data
 * type of an instrument to the venue's stream, channel or topic; several types may map to one stream (Bybit's
 * {@code tickers} carries funding, mark, index and open interest), which is then subscribed once. A type a venue
 * does not stream, or whose stream no decoder of this project reads, is refused with an exception naming both.
 */
public enum DataType
{
    /** Every trade (Binance futures: the aggregate-trade stream, the one Binance documents for futures). */
    TRADE,
    /** Binance's aggregate trades ({@code @aggTrade}), also on spot. Binance only. */
    AGGREGATED_TRADE,
    /** The order book: incremental updates after a snapshot, or snapshots of the top levels where a depth says so. */
    BOOK,
    /** The best bid and offer. */
    BBO,
    /** The venue's ticker channel as such. */
    TICKER,
    /** The funding rate of a perpetual. */
    FUNDING,
    /** The mark price. */
    MARK_PRICE,
    /** The index price (OKX: the instrument is the index, e.g. {@code BTC-USDT}). */
    INDEX_PRICE,
    /** Open interest. */
    OPEN_INTEREST,
    /** Liquidations (OKX: all liquidations of the instrument's type). */
    LIQUIDATION,
    /** A volatility index (Deribit DVOL, the instrument being the decoder's {@code BTC_USD-DVOL}). */
    VOLATILITY_INDEX
}
