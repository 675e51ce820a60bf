/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.sbe.RatioKind;

/**
 * The Binance futures REST endpoints whose responses {@link BinanceRestDecoder} decodes. A response body does not say
 * which endpoint it answers (the four long/short ratio endpoints answer with the same fields), so the caller, which
 * made the request, names it: directly with {@link BinanceRestDecoder#expect(BinanceRestEndpoint)}, or by the request
 * URL through {@link #ofUrl(String)}.
 * <p>
 * The depth snapshot ({@code /api/v3/depth}, {@code /fapi/v1/depth}, {@code /dapi/v1/depth}) is not among them: its
 * body says what it is ({@code lastUpdateId}) and {@link BinanceDecoder} decodes it. Instrument metadata
 * ({@code exchangeInfo}) is parsed off the data path by {@link BinanceInstruments}.
 */
public enum BinanceRestEndpoint
{
    /** {@code /fapi/v1/premiumIndex}, {@code /dapi/v1/premiumIndex}: mark, index, last funding rate; one or all. */
    PREMIUM_INDEX(null, "/fapi/v1/premiumIndex", "/dapi/v1/premiumIndex"),

    /** {@code /fapi/v1/fundingRate}, {@code /dapi/v1/fundingRate}: funding rate history. */
    FUNDING_RATE(null, "/fapi/v1/fundingRate", "/dapi/v1/fundingRate"),

    /** {@code /fapi/v1/openInterest}, {@code /dapi/v1/openInterest}: present open interest of one symbol. */
    OPEN_INTEREST(null, "/fapi/v1/openInterest", "/dapi/v1/openInterest"),

    /** {@code /futures/data/openInterestHist}: open interest and its value per period. */
    OPEN_INTEREST_HIST(null, "/futures/data/openInterestHist"),

    /** {@code /futures/data/globalLongShortAccountRatio}: long/short ratio of all accounts. */
    GLOBAL_LONG_SHORT_ACCOUNT_RATIO(RatioKind.GLOBAL_ACCOUNTS, "/futures/data/globalLongShortAccountRatio"),

    /** {@code /futures/data/topLongShortAccountRatio}: long/short ratio of the top traders' accounts. */
    TOP_LONG_SHORT_ACCOUNT_RATIO(RatioKind.TOP_TRADER_ACCOUNTS, "/futures/data/topLongShortAccountRatio"),

    /** {@code /futures/data/topLongShortPositionRatio}: long/short ratio of the top traders' positions. */
    TOP_LONG_SHORT_POSITION_RATIO(RatioKind.TOP_TRADER_POSITIONS, "/futures/data/topLongShortPositionRatio"),

    /** {@code /futures/data/takerlongshortRatio}: taker buy/sell volume ratio (USD-M). */
    TAKER_LONG_SHORT_RATIO(RatioKind.TAKER_BUY_SELL_VOLUME, "/futures/data/takerlongshortRatio");

    private static final BinanceRestEndpoint[] VALUES = values();

    private final RatioKind ratioKind;
    private final String[] paths;

    BinanceRestEndpoint(final RatioKind ratioKind, final String... paths)
    {
        this.ratioKind = ratioKind;
        this.paths = paths;
    }

    /**
     * @param venue a Binance venue.
     * @return the endpoint's path on that venue's REST host, or null when the venue has none (spot; COIN-M's
     *         statistics, which take a pair rather than a symbol, are not asked).
     */
    public String path(final io.marketprism.sbe.Venue venue)
    {
        switch (venue)
        {
            case BINANCE_USDM:
                return paths[0];
            case BINANCE_COINM:
                return paths.length > 1 ? paths[1] : null;
            default:
                return null;
        }
    }

    /**
     * @return its name in configuration, e.g. {@code open_interest}: the constant's name in lower case.
     */
    public String configName()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param configName a name as {@link #configName()} gives it.
     * @return the endpoint, or null for another name.
     */
    public static BinanceRestEndpoint ofConfigName(final String configName)
    {
        for (final BinanceRestEndpoint endpoint : VALUES)
        {
            if (endpoint.configName().equals(configName))
            {
                return endpoint;
            }
        }
        return null;
    }

    /**
     * @return the ratio the endpoint gives, or null when it is not a ratio endpoint.
     */
    public RatioKind ratioKind()
    {
        return ratioKind;
    }

    /**
     * Finds the endpoint a request URL asks. Cold path.
     *
     * @param url an absolute URL ({@code https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT}) or a path
     *            with or without its query string; null is allowed.
     * @return the endpoint, or null for any other URL (including depth snapshots, which need none).
     */
    public static BinanceRestEndpoint ofUrl(final String url)
    {
        if (url == null)
        {
            return null;
        }
        int start = 0;
        final int scheme = url.indexOf("://");
        if (scheme >= 0)
        {
            start = url.indexOf('/', scheme + 3);
            if (start < 0)
            {
                return null;
            }
        }
        int end = url.indexOf('?', start);
        if (end < 0)
        {
            end = url.length();
        }
        final int length = end - start;
        for (final BinanceRestEndpoint endpoint : VALUES)
        {
            for (final String path : endpoint.paths)
            {
                if (path.length() == length && url.startsWith(path, start))
                {
                    return endpoint;
                }
            }
        }
        return null;
    }
}
