/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.instrument;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.feeds.binance.BinanceInstruments;
import io.marketprism.feeds.binance.BinanceSymbols;
import io.marketprism.feeds.okx.OkxInstruments;
import io.marketprism.feeds.okx.OkxSymbols;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every instrument in the venues' recorded metadata responses maps to one canonical symbol that no other instrument
 * of the venue has, agrees with what the venue's symbol conventions make of its name, and carries its sizes.
 */
final class InstrumentMetadataTest
{
    private static final Path DIR = Path.of("src/test/resources/recordings/cryptofeed");

    @Test
    void shouldGiveEveryBinanceSpotInstrumentAUniqueCanonicalSymbol() throws IOException
    {
        final InstrumentCatalog catalog = load(Venue.BINANCE_SPOT, "BINANCE.0.gz", new BinanceSymbols(),
            new BinanceInstruments(Venue.BINANCE_SPOT));
        assertEquals(1695, catalog.instruments().size());
        // the name alone cannot tell the EUR pairs of assets ending in A from pairs quoted in AEUR: metadata decides
        assertUniqueAndAgreeing(catalog, new BinanceSymbols(), List.of(
            "ADAEUR: metadata ADA-EUR, name AD-AEUR", "LUNAEUR: metadata LUNA-EUR, name LUN-AEUR",
            "THETAEUR: metadata THETA-EUR, name THET-AEUR"));

        final InstrumentDefinition btc = define(catalog, "BTCUSDT");
        assertEquals("BTC-USDT", btc.symbol());
        assertEquals(InstrumentKind.SPOT, btc.kind());
        assertEquals(1, btc.tickSizeMantissa(), "tickSize 0.01000000");
        assertEquals(-2, btc.tickSizeExponent());
    }

    @Test
    void shouldGiveEveryBinanceFuturesInstrumentAUniqueCanonicalSymbol() throws IOException
    {
        final InstrumentCatalog usdm = load(Venue.BINANCE_USDM, "BINANCE_FUTURES.0.gz", new BinanceSymbols(),
            new BinanceInstruments(Venue.BINANCE_USDM));
        assertEquals(122, usdm.instruments().size());
        assertUniqueAndAgreeing(usdm, new BinanceSymbols(), List.of());
        assertEquals("BTC-USDT-20210924", define(usdm, "BTCUSDT_210924").symbol());
        assertEquals(InstrumentKind.FUTURE, define(usdm, "BTCUSDT_210924").kind());
        assertEquals(1632470400_000_000_000L, define(usdm, "BTCUSDT_210924").expiryTsNs(), "deliveryDate");
        assertEquals("BTCST-USDT-PERP", define(usdm, "BTCSTUSDT").symbol(), "empty contractType, no suffix");

        final InstrumentCatalog coinm = load(Venue.BINANCE_COINM, "BINANCE_DELIVERY.0.gz", new BinanceSymbols(),
            new BinanceInstruments(Venue.BINANCE_COINM));
        assertEquals(36, coinm.instruments().size());
        assertUniqueAndAgreeing(coinm, new BinanceSymbols(), List.of());
        assertEquals("BTC-USD-PERP", define(coinm, "BTCUSD_PERP").symbol());
        assertEquals("BTC-USD-20211231", define(coinm, "BTCUSD_211231").symbol());
    }

    @Test
    void shouldGiveEveryOkxInstrumentAUniqueCanonicalSymbol() throws IOException
    {
        final InstrumentCatalog catalog = load(Venue.OKX, "OKX.0.gz", new OkxSymbols(), new OkxInstruments());
        final Map<InstrumentKind, Integer> kinds = new HashMap<>();
        catalog.instruments().forEach(definition -> kinds.merge(definition.kind(), 1, Integer::sum));
        assertEquals(Map.of(InstrumentKind.SPOT, 513, InstrumentKind.PERPETUAL, 166, InstrumentKind.FUTURE, 104,
            InstrumentKind.OPTION, 696), kinds, "the five refreshes of the session hold the same instruments");
        assertUniqueAndAgreeing(catalog, new OkxSymbols(), List.of());

        final InstrumentDefinition option = define(catalog, "BTC-USD-220514-22000-C");
        assertEquals("BTC-USD-20220514-22000-C", option.symbol());
        assertEquals(OptionType.CALL, option.optionType());
        assertEquals(1652515200_000_000_000L, option.expiryTsNs(), "expTime");
        assertEquals("BTC-USD-PERP", define(catalog, "BTC-USD-SWAP").symbol());
        assertEquals("BTC-USDT-PERP", define(catalog, "BTC-USDT-SWAP").symbol(), "linear and inverse differ");
    }

    @Test
    void shouldFallBackToTheConventionsForASymbolTheMetadataDoesNotList() throws IOException
    {
        final InstrumentCatalog catalog = load(Venue.OKX, "OKX.0.gz", new OkxSymbols(), new OkxInstruments());
        final InstrumentDefinition unknown = catalog.define(7, Venue.OKX, "NEW-USDT");
        assertEquals("NEW-USDT", unknown.symbol());
        assertEquals(7, unknown.id());
        assertEquals(Long.MIN_VALUE, unknown.tickSizeMantissa(), "no sizes without metadata");
    }

    @Test
    void shouldNameTheLineOfAResponseThatIsNotMetadata(@org.junit.jupiter.api.io.TempDir final Path tmp)
        throws IOException
    {
        final Path file = tmp.resolve("OKX.0");
        Files.writeString(file, "https://www.okx.com/api/v5/public/instruments -> 1.5: {\"code\":\"0\"}\n");
        final InstrumentCatalog catalog = new InstrumentCatalog(Venue.OKX, new OkxSymbols());
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> catalog.load(file, new OkxInstruments()));
        assertTrue(error.getMessage().contains("OKX.0:1") && error.getMessage().contains("no data array"),
            error.getMessage());
    }

    private static InstrumentCatalog load(
        final Venue venue, final String file, final SymbolCanonicalizer fallback, final MetadataParser parser)
        throws IOException
    {
        final InstrumentCatalog catalog = new InstrumentCatalog(venue, fallback);
        assertTrue(catalog.load(DIR.resolve(file), parser) >= catalog.instruments().size());
        return catalog;
    }

    private static InstrumentDefinition define(final InstrumentCatalog catalog, final String venueSymbol)
    {
        return catalog.define(1, catalog.venue(), venueSymbol);
    }

    /**
     * Unique canonical symbols; and where the name alone splits into base and quote, it gives the same symbol, except
     * for the known ambiguous names.
     */
    private static void assertUniqueAndAgreeing(
        final InstrumentCatalog catalog, final SymbolCanonicalizer byName, final List<String> knownAmbiguous)
    {
        final Map<String, String> bySymbol = new HashMap<>();
        final List<String> duplicates = new ArrayList<>();
        final List<String> disagreements = new ArrayList<>();
        int agreeing = 0;
        for (final InstrumentDefinition definition : catalog.instruments())
        {
            final String previous = bySymbol.put(definition.symbol(), definition.venueSymbol());
            if (previous != null)
            {
                duplicates.add(definition.symbol() + ": " + previous + ", " + definition.venueSymbol());
            }
            final InstrumentDefinition named = byName.define(1, catalog.venue(), definition.venueSymbol());
            if (!named.base().isEmpty())
            {
                if (named.symbol().equals(definition.symbol()))
                {
                    agreeing++;
                }
                else
                {
                    disagreements.add(definition.venueSymbol() + ": metadata " + definition.symbol() + ", name " +
                        named.symbol());
                }
            }
            assertTrue(new BigDecimal(String.valueOf(definition.tickSizeMantissa())).signum() > 0,
                "every listed instrument has a tick size: " + definition);
        }
        assertEquals(List.of(), duplicates, "canonical symbols given to two instruments");
        assertEquals(knownAmbiguous, disagreements.subList(0, Math.min(10, disagreements.size())),
            disagreements.size() + " names read differently from their metadata");
        assertTrue(agreeing > catalog.instruments().size() / 2, "agreeing " + agreeing);
    }
}
