/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class CoinbaseSymbolsTest
{
    private final CoinbaseSymbols symbols = new CoinbaseSymbols();

    @Test
    void shouldKeepSpotProductIds()
    {
        final InstrumentDefinition definition = symbols.define(7, Venue.COINBASE, "BTC-USD");
        assertEquals("BTC-USD", definition.symbol());
        assertEquals("BTC", definition.base());
        assertEquals("USD", definition.quote());
        assertEquals(InstrumentKind.SPOT, definition.kind());
        assertEquals("BTC-USD", definition.venueSymbol());
        assertEquals(7, definition.id());
    }

    @Test
    void shouldMapIntxPerpetualsToUsdcLinearPerpetuals()
    {
        final InstrumentDefinition definition = symbols.define(1, Venue.COINBASE, "BTC-PERP-INTX");
        assertEquals("BTC-USDC-PERP", definition.symbol());
        assertEquals("BTC", definition.base());
        assertEquals("USDC", definition.quote());
        assertEquals(InstrumentKind.PERPETUAL, definition.kind());
        assertEquals("1000SHIB-USDC-PERP", symbols.define(2, Venue.COINBASE, "1000SHIB-PERP-INTX").symbol());
    }

    @Test
    void shouldKeepOtherShapesAsTheyAre()
    {
        final InstrumentDefinition future = symbols.define(1, Venue.COINBASE, "BIT-27DEC24-CDE");
        assertEquals("BIT-27DEC24-CDE", future.symbol());
        assertEquals("", future.base());
        assertEquals(InstrumentKind.FUTURE, future.kind());
        assertEquals("odd", symbols.define(2, Venue.COINBASE, "odd").symbol());
        assertEquals("-PERP-INTX", symbols.define(3, Venue.COINBASE, "-PERP-INTX").symbol());
    }

    @Test
    void shouldGiveEveryProductOfTheRecordingAUniqueSpotSymbol()
    {
        final Set<String> seen = new HashSet<>();
        for (final String product : new String[]{ "SKL-USD", "SKL-BTC", "BAND-GBP", "NMR-EUR", "BAND-BTC", "YFI-BTC",
            "DASH-BTC", "NU-GBP", "CRV-EUR", "SKL-GBP" })
        {
            final InstrumentDefinition definition = symbols.define(1, Venue.COINBASE, product);
            assertEquals(InstrumentKind.SPOT, definition.kind(), product);
            assertTrue(seen.add(definition.symbol()), product);
        }
    }
}
