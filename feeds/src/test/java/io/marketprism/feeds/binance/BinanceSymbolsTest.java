/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.SymbolBytes;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class BinanceSymbolsTest
{
    private final BinanceSymbols symbols = new BinanceSymbols();

    @Test
    void shouldSplitSpotSymbolIntoBaseAndQuote()
    {
        final InstrumentDefinition definition = symbols.define(7, Venue.BINANCE_SPOT, "BTCUSDT");

        assertEquals(7, definition.id());
        assertEquals(Venue.BINANCE_SPOT, definition.venue());
        assertEquals("BTCUSDT", definition.venueSymbol());
        assertEquals("BTC-USDT", definition.symbol());
        assertEquals("BTC", definition.base());
        assertEquals("USDT", definition.quote());
        assertEquals(InstrumentKind.SPOT, definition.kind());
        assertEquals(InstrumentDefinition.NO_EXPIRY, definition.expiryTsNs());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "BINANCE_SPOT, ETHUSDT, ETH-USDT, ETH, USDT, SPOT",
        "BINANCE_SPOT, NKNUSDT, NKN-USDT, NKN, USDT, SPOT",
        "BINANCE_SPOT, BLZETH, BLZ-ETH, BLZ, ETH, SPOT",
        "BINANCE_SPOT, LRCBTC, LRC-BTC, LRC, BTC, SPOT",
        "BINANCE_SPOT, RUNEEUR, RUNE-EUR, RUNE, EUR, SPOT",
        "BINANCE_SPOT, BTCFDUSD, BTC-FDUSD, BTC, FDUSD, SPOT",
        "BINANCE_SPOT, BTCTUSD, BTC-TUSD, BTC, TUSD, SPOT",
        "BINANCE_SPOT, DOGEUSDT, DOGE-USDT, DOGE, USDT, SPOT",
        "BINANCE_USDM, BTCUSDT, BTC-USDT-PERP, BTC, USDT, PERPETUAL",
        "BINANCE_USDM, SUSHIUSDT, SUSHI-USDT-PERP, SUSHI, USDT, PERPETUAL",
        "BINANCE_COINM, BTCUSD_PERP, BTC-USD-PERP, BTC, USD, PERPETUAL",
        "BINANCE_COINM, BCHUSD_PERP, BCH-USD-PERP, BCH, USD, PERPETUAL" })
    void shouldCanonicaliseSpotAndPerpetualSymbols(
        final Venue venue,
        final String venueSymbol,
        final String symbol,
        final String base,
        final String quote,
        final InstrumentKind kind)
    {
        final InstrumentDefinition definition = symbols.define(1, venue, venueSymbol);

        assertEquals(symbol, definition.symbol());
        assertEquals(base, definition.base());
        assertEquals(quote, definition.quote());
        assertEquals(kind, definition.kind());
        assertEquals(venueSymbol, definition.venueSymbol());
        assertEquals(InstrumentDefinition.NO_EXPIRY, definition.expiryTsNs());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "BINANCE_USDM, BTCUSDT_240927, BTC-USDT-20240927, BTC, USDT, 2024-09-27T08:00:00Z",
        "BINANCE_COINM, ETHUSD_210924, ETH-USD-20210924, ETH, USD, 2021-09-24T08:00:00Z",
        "BINANCE_COINM, LINKUSD_211231, LINK-USD-20211231, LINK, USD, 2021-12-31T08:00:00Z",
        "BINANCE_COINM, BTCUSD_240927, BTC-USD-20240927, BTC, USD, 2024-09-27T08:00:00Z" })
    void shouldCanonicaliseDatedFuturesWithTheirDeliveryTime(
        final Venue venue,
        final String venueSymbol,
        final String symbol,
        final String base,
        final String quote,
        final String expiry)
    {
        final InstrumentDefinition definition = symbols.define(3, venue, venueSymbol);

        assertEquals(symbol, definition.symbol());
        assertEquals(base, definition.base());
        assertEquals(quote, definition.quote());
        assertEquals(InstrumentKind.FUTURE, definition.kind());
        assertEquals(TimeUnit.SECONDS.toNanos(Instant.parse(expiry).getEpochSecond()), definition.expiryTsNs());
    }

    @Test
    void shouldKeepTheVenueSymbolWhenNoKnownQuoteEndsIt()
    {
        final InstrumentDefinition unknown = symbols.define(1, Venue.BINANCE_SPOT, "ABCXYZ");
        assertEquals("ABCXYZ", unknown.symbol());
        assertEquals("", unknown.base());
        assertEquals("", unknown.quote());
        assertEquals(InstrumentKind.SPOT, unknown.kind());

        final InstrumentDefinition quoteOnly = symbols.define(1, Venue.BINANCE_SPOT, "USDT");
        assertEquals("USDT", quoteOnly.symbol());
        assertEquals("", quoteOnly.base());
        assertEquals("", quoteOnly.quote());
    }

    @Test
    void shouldKeepTheVenueSymbolOfAFutureWithoutAValidDate()
    {
        for (final String venueSymbol : new String[]{ "BTCUSD_211399", "BTCUSD_2409", "BTCUSD_24092A" })
        {
            final InstrumentDefinition definition = symbols.define(1, Venue.BINANCE_COINM, venueSymbol);
            assertEquals(venueSymbol, definition.symbol());
            assertEquals(InstrumentKind.FUTURE, definition.kind());
        }
    }

    @Test
    void shouldAcceptExactlyLettersDigitsAndSeparatorsAsSymbolBytes()
    {
        final String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:";
        for (int b = 0; b < 256; b++)
        {
            final boolean expected = allowed.indexOf(b) >= 0;
            assertEquals(expected, SymbolBytes.isSymbolByte((byte)b), "byte " + b);
        }
    }

    @Test
    void shouldValidateWholeSymbols()
    {
        assertTrue(SymbolBytes.isValidSymbol(ascii("BTCUSDT")));
        assertTrue(SymbolBytes.isValidSymbol(ascii("BTCUSD_PERP")));
        assertTrue(SymbolBytes.isValidSymbol(ascii("BTC-USD-20240927")));
        assertTrue(SymbolBytes.isValidSymbol(ascii("a/b:c.d_e-1")));
        assertFalse(SymbolBytes.isValidSymbol(ascii("")));
        assertFalse(SymbolBytes.isValidSymbol(ascii("BTC USDT")));
        assertFalse(SymbolBytes.isValidSymbol(ascii("BTCUSDT\n")));
        assertFalse(SymbolBytes.isValidSymbol(ascii("BTC\"USDT")));
        assertFalse(SymbolBytes.isValidSymbol("BTC\u00dcSDT".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
