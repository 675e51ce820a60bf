/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.feeds.binance.BinanceDecoder;
import io.marketprism.feeds.binance.BinanceFuturesBookRule;
import io.marketprism.feeds.binance.BinanceSpotBookRule;
import io.marketprism.feeds.binance.BinanceSymbols;
import io.marketprism.sbe.Venue;

/**
 * The venues this build supports: their rules for normalize and their frame decoders.
 */
public final class Venues
{
    private Venues()
    {
    }

    /**
     * @return rules of every supported venue.
     */
    public static VenueRules rules()
    {
        final BinanceSymbols binanceSymbols = new BinanceSymbols();
        final BinanceFuturesBookRule futuresRule = new BinanceFuturesBookRule();
        return new VenueRules()
            .register(Venue.BINANCE_SPOT, binanceSymbols, new BinanceSpotBookRule())
            .register(Venue.BINANCE_USDM, binanceSymbols, futuresRule)
            .register(Venue.BINANCE_COINM, binanceSymbols, futuresRule);
    }

    /**
     * @param venue a venue.
     * @return true when this build can decode it.
     */
    public static boolean isSupported(final Venue venue)
    {
        return venue == Venue.BINANCE_SPOT || venue == Venue.BINANCE_USDM || venue == Venue.BINANCE_COINM;
    }

    /**
     * @param venue a supported venue.
     * @return a new decoder for one connection (or one capture) of that venue.
     * @throws IllegalArgumentException naming the supported venues otherwise.
     */
    public static FrameDecoder newDecoder(final Venue venue)
    {
        if (!isSupported(venue))
        {
            throw new IllegalArgumentException("venue " + VenueNames.name(venue) +
                " is not supported yet; supported: binance-spot, binance-usdm, binance-coinm");
        }
        return new BinanceDecoder(venue);
    }
}
