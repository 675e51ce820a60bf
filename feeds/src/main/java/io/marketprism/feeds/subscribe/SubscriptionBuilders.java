/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.codecs.VenueNames;
import io.marketprism.sbe.Venue;

/**
 * The subscription builder of each venue, on its production endpoint or on another base URL (a simulator on
 * loopback), with each venue's defaults.
 */
public final class SubscriptionBuilders
{
    private SubscriptionBuilders()
    {
    }

    /**
     * @param venue a venue.
     * @return its builder on its production endpoint.
     */
    public static SubscriptionBuilder production(final Venue venue)
    {
        return forVenue(venue, null);
    }

    /**
     * @param venue   a venue.
     * @param baseUrl the base URL, {@code scheme://host[:port]}, or null for the venue's production endpoint.
     * @return its builder.
     * @throws IllegalArgumentException for a venue without one.
     */
    public static SubscriptionBuilder forVenue(final Venue venue, final String baseUrl)
    {
        switch (venue)
        {
            case BINANCE_SPOT:
            case BINANCE_USDM:
            case BINANCE_COINM:
                return new BinanceSubscriptionBuilder(
                    venue, baseUrl != null ? baseUrl : BinanceSubscriptionBuilder.productionBaseUrl(venue));
            case OKX:
                return new OkxSubscriptionBuilder(
                    baseUrl != null ? baseUrl : OkxSubscriptionBuilder.PRODUCTION_BASE_URL, false);
            case BYBIT:
                return new BybitSubscriptionBuilder(
                    baseUrl != null ? baseUrl : BybitSubscriptionBuilder.PRODUCTION_BASE_URL);
            case DERIBIT:
                return new DeribitSubscriptionBuilder(
                    baseUrl != null ? baseUrl : DeribitSubscriptionBuilder.PRODUCTION_BASE_URL, false,
                    DeribitSubscriptionBuilder.DEFAULT_HEARTBEAT_INTERVAL_S);
            case KRAKEN:
                return new KrakenSubscriptionBuilder(
                    baseUrl != null ? baseUrl : KrakenSubscriptionBuilder.PRODUCTION_BASE_URL);
            case KRAKEN_FUTURES:
                return new KrakenFuturesSubscriptionBuilder(
                    baseUrl != null ? baseUrl : KrakenFuturesSubscriptionBuilder.PRODUCTION_BASE_URL);
            case COINBASE:
                return new CoinbaseSubscriptionBuilder(
                    baseUrl != null ? baseUrl : CoinbaseSubscriptionBuilder.PRODUCTION_BASE_URL);
            default:
                throw new IllegalArgumentException("no subscription builder for " + VenueNames.name(venue));
        }
    }
}
