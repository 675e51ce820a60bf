/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.binance.BinanceRestEndpoint;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.sbe.Venue;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binance spot, USD-M and COIN-M: books are the {@code <symbol>@depth...} streams of a plan, synced from
 * {@code GET /api/v3/depth} (spot), {@code /fapi/v1/depth} or {@code /dapi/v1/depth} with {@code limit=1000}.
 */
public final class BinanceFeedVenue implements FeedVenue
{
    /** Depth levels asked for per snapshot. */
    public static final int SNAPSHOT_LIMIT = 1000;

    private final Venue venue;
    private final String restBaseUrl;
    private final String depthPath;
    private final KeyStore trustStore;

    /**
     * @param venue       a Binance venue.
     * @param restBaseUrl the REST base URL, e.g. {@code https://api.binance.com}, or null for production.
     */
    public BinanceFeedVenue(final Venue venue, final String restBaseUrl)
    {
        this(venue, restBaseUrl, null);
    }

    /**
     * @param venue       a Binance venue.
     * @param restBaseUrl the REST base URL, e.g. {@code https://api.binance.com}, or null for production.
     * @param trustStore  certificates this venue's TLS trusts instead of the feed's, or null for the feed's.
     */
    public BinanceFeedVenue(final Venue venue, final String restBaseUrl, final KeyStore trustStore)
    {
        this.venue = venue;
        this.trustStore = trustStore;
        switch (venue)
        {
            case BINANCE_SPOT:
                depthPath = "/api/v3/depth";
                this.restBaseUrl = restBaseUrl != null ? restBaseUrl : "https://api.binance.com";
                break;
            case BINANCE_USDM:
                depthPath = "/fapi/v1/depth";
                this.restBaseUrl = restBaseUrl != null ? restBaseUrl : "https://fapi.binance.com";
                break;
            case BINANCE_COINM:
                depthPath = "/dapi/v1/depth";
                this.restBaseUrl = restBaseUrl != null ? restBaseUrl : "https://dapi.binance.com";
                break;
            default:
                throw new IllegalArgumentException("not a Binance venue: " + venue);
        }
    }

    @Override
    public Venue venue()
    {
        return venue;
    }

    @Override
    public FrameDecoder newDecoder()
    {
        return Venues.newDecoder(venue);
    }

    @Override
    public List<String> bookSymbols(final ConnectionPlan plan)
    {
        final List<String> symbols = new ArrayList<>();
        for (final String stream : plan.streams())
        {
            final int at = stream.indexOf('@');
            if (at > 0 && stream.startsWith("@depth", at))
            {
                final String symbol = stream.substring(0, at).toUpperCase(Locale.ROOT);
                if (!symbols.contains(symbol))
                {
                    symbols.add(symbol);
                }
            }
        }
        return symbols;
    }

    @Override
    public KeyStore trustStore()
    {
        return trustStore;
    }

    @Override
    public String snapshotUrl(final String venueSymbol)
    {
        return restBaseUrl + depthPath + "?symbol=" + venueSymbol + "&limit=" + SNAPSHOT_LIMIT;
    }

    /**
     * A REST poll of a futures endpoint, for data Binance does not stream: funding ({@code premiumIndex},
     * {@code fundingRate}), open interest ({@code openInterest}, and on USD-M {@code openInterestHist}) and the
     * long/short ratios (USD-M). The history and ratio endpoints are asked for their latest 5-minute period. Each
     * weighs 1 (Binance's documented weight of these requests with a symbol).
     *
     * @param endpoint   the endpoint.
     * @param symbol     the symbol, e.g. {@code BTCUSDT}.
     * @param intervalNs time between two requests.
     * @return the poll.
     * @throws IllegalArgumentException when this venue has no such endpoint (spot has none of them; COIN-M's
     *                                  statistics take a pair, which is not supported).
     */
    public RestPoll poll(final BinanceRestEndpoint endpoint, final String symbol, final long intervalNs)
    {
        final String path = endpoint.path(venue);
        if (path == null)
        {
            throw new IllegalArgumentException(io.marketprism.codecs.VenueNames.name(venue) + " is not polled for " +
                endpoint.configName() + " (USD-M has every polled endpoint, COIN-M premium_index, funding_rate and " +
                "open_interest, spot none)");
        }
        final String query = path.startsWith("/futures/data/") ? "?symbol=" + symbol + "&period=5m&limit=1" :
            endpoint == BinanceRestEndpoint.FUNDING_RATE ? "?symbol=" + symbol + "&limit=1" : "?symbol=" + symbol;
        return new RestPoll(endpoint.configName(), symbol, restBaseUrl + path + query, 1, intervalNs);
    }

    /**
     * Binance closes every connection after 24 hours: its sessions rotate before that.
     */
    @Override
    public StreamPositions newStreamPositions()
    {
        return new BinanceStreamPositions();
    }
}
