/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.Venue;

/**
 * Kraken spot symbol conventions, turned into the canonical ones of {@code JSONL.md}:
 * <pre>
 *   XBT/USD    BTC-USD     (WebSocket v1 and AssetPairs {@code wsname})
 *   BTC/USD    BTC-USD     (WebSocket v2)
 *   XDG/EUR    DOGE-EUR
 *   ADA/XBT    ADA-BTC
 * </pre>
 * The WebSocket names base and quote around a {@code /}; Kraken's own asset names {@code XBT} and {@code XDG} become
 * the common {@code BTC} and {@code DOGE}, every other asset is kept as sent (upper case). A symbol without a
 * {@code /} is kept as the canonical symbol itself, with base and quote left empty. Every symbol is spot.
 */
public final class KrakenSymbols implements SymbolCanonicalizer
{
    @Override
    public InstrumentDefinition define(final int instrumentId, final Venue venue, final String venueSymbol)
    {
        final int slash = venueSymbol.indexOf('/');
        if (slash <= 0 || slash == venueSymbol.length() - 1 || venueSymbol.indexOf('/', slash + 1) >= 0)
        {
            return InstrumentDefinition.of(
                instrumentId, venue, venueSymbol, venueSymbol, "", "", InstrumentKind.SPOT);
        }
        final String base = asset(venueSymbol.substring(0, slash));
        final String quote = asset(venueSymbol.substring(slash + 1));
        return InstrumentDefinition.of(
            instrumentId, venue, venueSymbol, base + "-" + quote, base, quote, InstrumentKind.SPOT);
    }

    /**
     * @param krakenAsset an asset as Kraken's WebSocket names it.
     * @return its common name.
     */
    static String asset(final String krakenAsset)
    {
        final String upper = krakenAsset.toUpperCase(java.util.Locale.ROOT);
        switch (upper)
        {
            case "XBT":
                return "BTC";
            case "XDG":
                return "DOGE";
            default:
                return upper;
        }
    }
}
