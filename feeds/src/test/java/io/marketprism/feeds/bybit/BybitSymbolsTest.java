/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class BybitSymbolsTest
{
    private final BybitSymbols symbols = new BybitSymbols();

    @Test
    void shouldMapEachCategorysSymbolsToCanonicalOnes()
    {
        assertDefinition("spot:BTCUSDT", "BTC-USDT", "BTC", "USDT", InstrumentKind.SPOT);
        assertDefinition("spot:ETHBTC", "ETH-BTC", "ETH", "BTC", InstrumentKind.SPOT);
        assertDefinition("spot:BTCUSDC", "BTC-USDC", "BTC", "USDC", InstrumentKind.SPOT);
        assertDefinition("linear:BTCUSDT", "BTC-USDT-PERP", "BTC", "USDT", InstrumentKind.PERPETUAL);
        assertDefinition("linear:1000PEPEUSDT", "1000PEPE-USDT-PERP", "1000PEPE", "USDT", InstrumentKind.PERPETUAL);
        assertDefinition("linear:XRPUSDT", "XRP-USDT-PERP", "XRP", "USDT", InstrumentKind.PERPETUAL);
        assertDefinition("linear:BTCPERP", "BTC-USDC-PERP", "BTC", "USDC", InstrumentKind.PERPETUAL);
        assertDefinition("inverse:BTCUSD", "BTC-USD-PERP", "BTC", "USD", InstrumentKind.PERPETUAL);
        assertDefinition("linear:EOSUSD", "EOS-USD-PERP", "EOS", "USD", InstrumentKind.PERPETUAL);
    }

    @Test
    void shouldDateFuturesAndOptionsAtEightUtc()
    {
        final InstrumentDefinition usdc = assertDefinition(
            "linear:BTC-28MAR25", "BTC-USDC-20250328", "BTC", "USDC", InstrumentKind.FUTURE);
        assertEquals(at8(2025, 3, 28), usdc.expiryTsNs());
        assertDefinition("linear:BTCUSDT-26DEC25", "BTC-USDT-20251226", "BTC", "USDT", InstrumentKind.FUTURE);
        final InstrumentDefinition inverse = assertDefinition(
            "inverse:BTCUSDH25", "BTC-USD-20250328", "BTC", "USD", InstrumentKind.FUTURE);
        assertEquals(at8(2025, 3, 28), inverse.expiryTsNs(), "the last Friday of March 2025");
        assertDefinition("inverse:ETHUSDZ24", "ETH-USD-20241227", "ETH", "USD", InstrumentKind.FUTURE);

        final InstrumentDefinition option = assertDefinition(
            "option:BTC-6JAN23-17500-C", "BTC-USDC-20230106-17500-C", "BTC", "USDC", InstrumentKind.OPTION);
        assertEquals(at8(2023, 1, 6), option.expiryTsNs());
        assertDefinition("option:BTC-30AUG24-50000-P-USDT", "BTC-USDT-20240830-50000-P", "BTC", "USDT",
            InstrumentKind.OPTION);
        assertDefinition("option:XRP-27DEC24-0.6-C", "XRP-USDC-20241227-0.6-C", "XRP", "USDC",
            InstrumentKind.OPTION);
    }

    @Test
    void shouldTellASpotPairFromTheLinearPerpetualOfTheSameSymbol()
    {
        final InstrumentDefinition spot = symbols.define(1, Venue.BYBIT, venueSymbolOf(BybitCategory.SPOT));
        final InstrumentDefinition perpetual = symbols.define(2, Venue.BYBIT, venueSymbolOf(BybitCategory.LINEAR));
        assertEquals("spot:BTCUSDT", spot.venueSymbol());
        assertEquals("linear:BTCUSDT", perpetual.venueSymbol());
        assertEquals("BTC-USDT", spot.symbol());
        assertEquals("BTC-USDT-PERP", perpetual.symbol());
        assertNotEquals(spot.symbol(), perpetual.symbol());
    }

    @Test
    void shouldKeepSymbolsOfNoKnownShapeUniqueByCategory()
    {
        assertDefinition("linear:WEIRD", "LINEAR:WEIRD", "", "", InstrumentKind.PERPETUAL);
        assertDefinition("spot:WEIRD", "SPOT:WEIRD", "", "", InstrumentKind.SPOT);
        assertDefinition("option:BTC-99XYZ24-1-C", "OPTION:BTC-99XYZ24-1-C", "", "", InstrumentKind.OPTION);
        assertDefinition("BTCUSDT", "BTCUSDT", "", "", InstrumentKind.SPOT);
        assertDefinition("futures:BTCUSDT", "FUTURES:BTCUSDT", "", "", InstrumentKind.SPOT);
    }

    @Test
    void shouldParseCategoriesAsBybitWritesThem()
    {
        assertEquals(BybitCategory.INVERSE, BybitCategory.parse("inverse"));
        assertEquals(BybitCategory.SPOT, BybitCategory.parse("SPOT"));
        assertEquals("option:", BybitCategory.OPTION.prefix());
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BybitCategory.parse("futures"));
        assertEquals("unknown Bybit category 'futures'; expected spot, linear, inverse or option", ex.getMessage());
    }

    /**
     * The venue symbol the decoder of a connection of that category commits for {@code BTCUSDT}.
     */
    private static String venueSymbolOf(final BybitCategory category)
    {
        final String frame = "{\"topic\":\"orderbook.1.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":{\"s\":" +
            "\"BTCUSDT\",\"b\":[[\"1\",\"1\"]],\"a\":[[\"2\",\"1\"]],\"u\":1,\"seq\":1}}";
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        final DecodedSink sink = new DecodedSink();
        assertEquals(1, new BybitDecoder(category).decode(new UnsafeBuffer(bytes), 0, bytes.length, 1, sink));
        return sink.only().symbol();
    }

    private InstrumentDefinition assertDefinition(
        final String venueSymbol, final String symbol, final String base, final String quote, final InstrumentKind kind)
    {
        final InstrumentDefinition definition = symbols.define(7, Venue.BYBIT, venueSymbol);
        assertEquals(7, definition.id());
        assertEquals(Venue.BYBIT, definition.venue());
        assertEquals(venueSymbol, definition.venueSymbol());
        assertEquals(symbol, definition.symbol(), venueSymbol);
        assertEquals(base, definition.base(), venueSymbol);
        assertEquals(quote, definition.quote(), venueSymbol);
        assertEquals(kind, definition.kind(), venueSymbol);
        return definition;
    }

    private static long at8(final int year, final int month, final int day)
    {
        return LocalDate.of(year, month, day).atTime(8, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    }
}
