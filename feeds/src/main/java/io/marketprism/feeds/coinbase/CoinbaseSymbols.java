/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.Venue;

/**
 * Coinbase product ids, turned into the canonical symbols of {@code JSONL.md}:
 * <pre>
 *   BTC-USD         BTC-USD         spot (base-quote, as Coinbase writes it)
 *   BTC-PERP-INTX   BTC-USDC-PERP   perpetual: Coinbase International's linear perpetuals, quoted, margined and
 *                                   settled in USDC (INTX contract specification), listed on Advanced Trade with
 *                                   the -INTX suffix
 * </pre>
 * Any other shape (the US derivatives exchange's futures such as {@code BIT-27DEC24-CDE}, whose contract codes need
 * the products endpoint to be tied to an asset) keeps the product id as the canonical symbol, kind future, with base
 * and quote left empty until the venue's instrument metadata says more.
 */
public final class CoinbaseSymbols implements SymbolCanonicalizer
{
    private static final String INTX_PERPETUAL_SUFFIX = "-PERP-INTX";
    private static final String INTX_SETTLEMENT = "USDC";

    @Override
    public InstrumentDefinition define(final int instrumentId, final Venue venue, final String venueSymbol)
    {
        if (venueSymbol.endsWith(INTX_PERPETUAL_SUFFIX))
        {
            final String base = venueSymbol.substring(0, venueSymbol.length() - INTX_PERPETUAL_SUFFIX.length());
            if (isAsset(base))
            {
                return InstrumentDefinition.of(instrumentId, venue, venueSymbol,
                    base + "-" + INTX_SETTLEMENT + "-PERP", base, INTX_SETTLEMENT, InstrumentKind.PERPETUAL);
            }
        }
        final int dash = venueSymbol.indexOf('-');
        if (dash > 0 && venueSymbol.indexOf('-', dash + 1) < 0)
        {
            final String base = venueSymbol.substring(0, dash);
            final String quote = venueSymbol.substring(dash + 1);
            if (isAsset(base) && isAsset(quote))
            {
                return InstrumentDefinition.of(
                    instrumentId, venue, venueSymbol, venueSymbol, base, quote, InstrumentKind.SPOT);
            }
        }
        return InstrumentDefinition.of(instrumentId, venue, venueSymbol, venueSymbol, "", "", InstrumentKind.FUTURE);
    }

    /**
     * @return true for a plausible asset code: 1 to 16 upper-case letters and digits.
     */
    private static boolean isAsset(final String code)
    {
        if (code.isEmpty() || code.length() > 16)
        {
            return false;
        }
        for (int i = 0; i < code.length(); i++)
        {
            final char c = code.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }
        return true;
    }
}
