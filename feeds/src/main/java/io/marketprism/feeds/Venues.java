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
import io.marketprism.feeds.bybit.BybitBookRule;
import io.marketprism.feeds.bybit.BybitCategory;
import io.marketprism.feeds.bybit.BybitDecoder;
import io.marketprism.feeds.bybit.BybitSymbols;
import io.marketprism.sbe.Venue;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The venues this build supports: their rules for normalize and their frame decoders. Each venue is wired here, in
 * one line per venue in {@link #rules()} and one in the decoder table.
 */
public final class Venues
{
    private static final Map<Venue, Function<Venue, FrameDecoder>> DECODERS = new EnumMap<>(Venue.class);

    static
    {
        DECODERS.put(Venue.BINANCE_SPOT, BinanceDecoder::new);
        DECODERS.put(Venue.BINANCE_USDM, BinanceDecoder::new);
        DECODERS.put(Venue.BINANCE_COINM, BinanceDecoder::new);
        DECODERS.put(Venue.BYBIT, venue -> new BybitDecoder(BybitCategory.LINEAR)); // captures: see BybitDecoder
    }

    private Venues()
    {
    }

    /**
     * @return rules of every supported venue.
     */
    public static VenueRules rules()
    {
        final BinanceSymbols binanceSymbols = new BinanceSymbols();
        final BinanceFuturesBookRule binanceFuturesRule = new BinanceFuturesBookRule();
        return new VenueRules()
            .register(Venue.BINANCE_SPOT, binanceSymbols, new BinanceSpotBookRule())
            .register(Venue.BINANCE_USDM, binanceSymbols, binanceFuturesRule)
            .register(Venue.BINANCE_COINM, binanceSymbols, binanceFuturesRule)
            .register(Venue.BYBIT, new BybitSymbols(), new BybitBookRule());
    }

    /**
     * @param venue a venue.
     * @return true when this build can decode it.
     */
    public static boolean isSupported(final Venue venue)
    {
        return DECODERS.containsKey(venue);
    }

    /**
     * @param venue a supported venue.
     * @return a new decoder for one connection (or one capture) of that venue.
     * @throws IllegalArgumentException naming the supported venues otherwise.
     */
    public static FrameDecoder newDecoder(final Venue venue)
    {
        final Function<Venue, FrameDecoder> factory = DECODERS.get(venue);
        if (factory == null)
        {
            final StringJoiner supported = new StringJoiner(", ");
            DECODERS.keySet().forEach(v -> supported.add(VenueNames.name(v)));
            throw new IllegalArgumentException("venue " + VenueNames.name(venue) +
                " is not supported yet; supported: " + supported);
        }
        return factory.apply(venue);
    }
}
