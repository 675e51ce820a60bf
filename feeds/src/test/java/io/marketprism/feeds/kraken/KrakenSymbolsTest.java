/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class KrakenSymbolsTest
{
    /** Kraken's REST AssetPairs as cryptofeed recorded it in the same session as the WebSocket captures. */
    private static final Path ASSET_PAIRS = Path.of("src/test/resources/recordings/cryptofeed/KRAKEN.0.gz");
    private static final Pattern WSNAME = Pattern.compile("\"wsname\":\"([^\"]+)\"");
    private static final Pattern CANONICAL = Pattern.compile("[A-Z0-9.]+-[A-Z0-9.]+");

    private final KrakenSymbols symbols = new KrakenSymbols();

    @Test
    void shouldNameBitcoinAndDogecoinByTheirCommonNames()
    {
        assertDefinition("XBT/USD", "BTC-USD", "BTC", "USD");
        assertDefinition("ADA/XBT", "ADA-BTC", "ADA", "BTC");
        assertDefinition("XDG/EUR", "DOGE-EUR", "DOGE", "EUR");
        assertDefinition("BTC/USD", "BTC-USD", "BTC", "USD");
        assertDefinition("WAVES/EUR", "WAVES-EUR", "WAVES", "EUR");
        assertDefinition("ETH2.S/ETH", "ETH2.S-ETH", "ETH2.S", "ETH");
    }

    @Test
    void shouldKeepASymbolWithoutBaseAndQuoteAsItIs()
    {
        assertDefinition("XXBTZUSD", "XXBTZUSD", "", "");
        assertDefinition("/USD", "/USD", "", "");
        assertDefinition("XBT/", "XBT/", "", "");
    }

    @Test
    void shouldMapEveryWebSocketPairOfAssetPairsToAUniqueCanonicalSymbol() throws Exception
    {
        final String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ASSET_PAIRS)))
        {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final Map<String, String> byCanonical = new HashMap<>();
        final Matcher matcher = WSNAME.matcher(text);
        int pairs = 0;
        while (matcher.find())
        {
            final String wsname = matcher.group(1).replace("\\/", "/");
            final InstrumentDefinition definition = symbols.define(pairs + 1, Venue.KRAKEN, wsname);
            assertTrue(CANONICAL.matcher(definition.symbol()).matches(), wsname + " -> " + definition.symbol());
            assertEquals(InstrumentKind.SPOT, definition.kind());
            final String earlier = byCanonical.put(definition.symbol(), wsname);
            assertNull(earlier, definition.symbol() + " from two pairs, " + wsname + " and " + earlier);
            pairs++;
        }
        assertEquals(293, pairs, "AssetPairs lists 304 pairs, 11 of them dark-pool .d pairs without a wsname");
        assertEquals("XBT/USD", byCanonical.get("BTC-USD"));
        assertEquals("XDG/USD", byCanonical.get("DOGE-USD"));
    }

    private void assertDefinition(
        final String venueSymbol, final String symbol, final String base, final String quote)
    {
        final InstrumentDefinition definition = symbols.define(7, Venue.KRAKEN, venueSymbol);
        assertEquals(7, definition.id());
        assertEquals(Venue.KRAKEN, definition.venue());
        assertEquals(venueSymbol, definition.venueSymbol());
        assertEquals(symbol, definition.symbol(), venueSymbol);
        assertEquals(base, definition.base(), venueSymbol);
        assertEquals(quote, definition.quote(), venueSymbol);
        assertEquals(InstrumentKind.SPOT, definition.kind());
        assertEquals(InstrumentDefinition.NO_EXPIRY, definition.expiryTsNs());
    }
}
