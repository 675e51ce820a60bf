/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.instrument;

import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class InstrumentRegistryTest
{
    private static final Venue[] VENUES = {
        Venue.BINANCE_SPOT, Venue.BINANCE_USDM, Venue.BINANCE_COINM, Venue.OKX, Venue.BYBIT, Venue.DERIBIT,
        Venue.KRAKEN, Venue.KRAKEN_FUTURES, Venue.COINBASE };

    private final TestCanonicalizer canonicalizer = new TestCanonicalizer();

    @Test
    void shouldAssignIdsInOrderOfRegistrationAndFindEveryInstrument()
    {
        final int count = 5000;
        final InstrumentRegistry registry = new InstrumentRegistry(100_000);
        final List<String> symbols = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final String symbol = symbol(i);
            symbols.add(symbol);
            final InstrumentDefinition definition = registry.register(
                VENUES[i % VENUES.length], slot(symbol), symbol.length(), canonicalizer);
            assertNotNull(definition, "registration " + i);
            assertEquals(i + 1, definition.id());
            assertEquals(i + 1, registry.count());
        }

        for (int i = 0; i < count; i++)
        {
            final String symbol = symbols.get(i);
            final Venue venue = VENUES[i % VENUES.length];
            assertEquals(i + 1, registry.lookup(venue.value(), slot(symbol), symbol.length()), symbol);
            final InstrumentDefinition definition = registry.definition(i + 1);
            assertEquals(symbol, definition.venueSymbol());
            assertEquals(venue, definition.venue());
            assertEquals(symbol + "-CANON", definition.symbol());
        }
        assertNull(registry.definition(0));
        assertNull(registry.definition(count + 1));
        assertEquals(count, canonicalizer.calls);
    }

    @Test
    void shouldNotFindUnknownSymbolsOtherVenuesOrOtherLengths()
    {
        final InstrumentRegistry registry = new InstrumentRegistry(100);
        register(registry, Venue.BINANCE_SPOT, "BTCUSDT");
        register(registry, Venue.OKX, "BTC-USDT");
        register(registry, Venue.BINANCE_USDM, "BTCUSDT");
        register(registry, Venue.BINANCE_SPOT, "A".repeat(InstrumentRegistry.SYMBOL_SLOT_LENGTH));

        assertEquals(1, registry.lookup(Venue.BINANCE_SPOT.value(), slot("BTCUSDT"), 7));
        assertEquals(2, registry.lookup(Venue.OKX.value(), slot("BTC-USDT"), 8));
        assertEquals(3, registry.lookup(Venue.BINANCE_USDM.value(), slot("BTCUSDT"), 7));
        assertEquals(4, registry.lookup(Venue.BINANCE_SPOT.value(), slot("A".repeat(32)), 32));

        assertEquals(InstrumentRegistry.NOT_FOUND, registry.lookup(Venue.BINANCE_SPOT.value(), slot("ETHUSDT"), 7));
        assertEquals(InstrumentRegistry.NOT_FOUND, registry.lookup(Venue.BYBIT.value(), slot("BTCUSDT"), 7));
        assertEquals(InstrumentRegistry.NOT_FOUND, registry.lookup(Venue.OKX.value(), slot("BTCUSDT"), 7));
        assertEquals(InstrumentRegistry.NOT_FOUND, registry.lookup(Venue.BINANCE_SPOT.value(), slot("BTCUSDT"), 8));
        assertEquals(InstrumentRegistry.NOT_FOUND, registry.lookup(Venue.BINANCE_SPOT.value(), slot("BTCUSDT"), 6));
        assertEquals(InstrumentRegistry.NOT_FOUND, registry.lookup(Venue.BINANCE_SPOT.value(), slot("BTCUSD"), 6));
        assertEquals(InstrumentRegistry.NOT_FOUND, registry.lookup(Venue.BINANCE_SPOT.value(), slot(""), 0));
        assertEquals(InstrumentRegistry.NOT_FOUND,
            registry.lookup(Venue.BINANCE_SPOT.value(), new UnsafeBuffer(new byte[64]), 33));
    }

    @Test
    void shouldRefuseSymbolsThatDoNotFitASlot()
    {
        final InstrumentRegistry registry = new InstrumentRegistry(100);
        final UnsafeBuffer longSymbol = new UnsafeBuffer(new byte[64]);
        longSymbol.setMemory(0, 64, (byte)'X');

        assertNull(registry.register(Venue.DERIBIT, longSymbol, 33, canonicalizer));
        assertNull(registry.register(Venue.DERIBIT, slot(""), 0, canonicalizer));
        assertEquals(0, registry.count());
        assertEquals(0, canonicalizer.calls);
    }

    @Test
    void shouldStopRegisteringAtTheLimit()
    {
        final InstrumentRegistry registry = new InstrumentRegistry(3);
        assertEquals(1, register(registry, Venue.KRAKEN, "XBT/USD").id());
        assertEquals(2, register(registry, Venue.KRAKEN, "ETH/USD").id());
        assertEquals(3, register(registry, Venue.KRAKEN, "SOL/USD").id());

        assertNull(registry.register(Venue.KRAKEN, slot("ADA/USD"), 7, canonicalizer));
        assertEquals(3, registry.count());
        assertEquals(3, canonicalizer.calls, "no definition is made beyond the limit");
        assertEquals(2, registry.lookup(Venue.KRAKEN.value(), slot("ETH/USD"), 7));
        assertEquals(InstrumentRegistry.NOT_FOUND, registry.lookup(Venue.KRAKEN.value(), slot("ADA/USD"), 7));
    }

    @Test
    void shouldRefuseACanonicalizerThatChangesTheId()
    {
        final InstrumentRegistry registry = new InstrumentRegistry(10);
        final SymbolCanonicalizer wrong = (id, venue, venueSymbol) ->
            InstrumentDefinition.of(id + 1, venue, venueSymbol, venueSymbol, "", "", InstrumentKind.SPOT);

        assertThrows(IllegalStateException.class, () -> registry.register(Venue.OKX, slot("BTC-USDT"), 8, wrong));
        assertEquals(0, registry.count());
    }

    @Test
    void shouldLookUpWithoutAllocating()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final InstrumentRegistry registry = new InstrumentRegistry(10_000);
        final int count = 2000;
        final UnsafeBuffer[] slots = new UnsafeBuffer[count + 1];
        final int[] lengths = new int[count + 1];
        for (int i = 0; i < count; i++)
        {
            final String symbol = symbol(i);
            registry.register(VENUES[i % VENUES.length], slot(symbol), symbol.length(), canonicalizer);
            slots[i] = slot(symbol);
            lengths[i] = symbol.length();
        }
        slots[count] = slot("NOT-REGISTERED");
        lengths[count] = 14;

        long found = lookUpAll(registry, slots, lengths, 50);
        final long before = threads.getCurrentThreadAllocatedBytes();
        found += lookUpAll(registry, slots, lengths, 100);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(150L * count * (count + 1) / 2, found, "every lookup found its id");
        assertTrue(allocated < 1024, allocated + " bytes allocated by " + 100 * (count + 1) + " lookups");
    }

    private static long lookUpAll(
        final InstrumentRegistry registry, final UnsafeBuffer[] slots, final int[] lengths, final int rounds)
    {
        long sum = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < slots.length; i++)
            {
                sum += registry.lookup(VENUES[i % VENUES.length].value(), slots[i], lengths[i]);
            }
        }
        return sum;
    }

    private InstrumentDefinition register(final InstrumentRegistry registry, final Venue venue, final String symbol)
    {
        final InstrumentDefinition definition =
            registry.register(venue, slot(symbol), symbol.length(), canonicalizer);
        assertNotNull(definition);
        return definition;
    }

    /**
     * Symbols of every length from 1 to 32, unique per index: the index in base 36, then a dot and padding.
     */
    private static String symbol(final int index)
    {
        final String base = Integer.toString(index, 36).toUpperCase(Locale.ROOT);
        final int length = Math.max(base.length(), 1 + index % InstrumentRegistry.SYMBOL_SLOT_LENGTH);
        return length == base.length() ? base : base + "." + "x".repeat(length - base.length() - 1);
    }

    private static UnsafeBuffer slot(final String symbol)
    {
        final UnsafeBuffer slot = new UnsafeBuffer(new byte[InstrumentRegistry.SYMBOL_SLOT_LENGTH]);
        slot.putBytes(0, symbol.getBytes(StandardCharsets.US_ASCII));
        return slot;
    }

    /**
     * A venue convention that needs no venue: the canonical symbol is the venue's with a suffix.
     */
    private static final class TestCanonicalizer implements SymbolCanonicalizer
    {
        int calls;

        @Override
        public InstrumentDefinition define(final int instrumentId, final Venue venue, final String venueSymbol)
        {
            calls++;
            return InstrumentDefinition.of(
                instrumentId, venue, venueSymbol, venueSymbol + "-CANON", "", "", InstrumentKind.SPOT);
        }
    }
}
