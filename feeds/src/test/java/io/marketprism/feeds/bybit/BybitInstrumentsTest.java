/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.instrument.InstrumentCatalog;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BybitInstruments} on {@code /v5/market/instruments-info} responses of the four categories. Not recorded:
 * the project holds no v5 instruments response (cryptofeed's {@code BYBIT.0} is the retired v2 {@code symbols}), so
 * the bodies below were written for this test in the shape of Bybit's v5 documentation (Get Instruments Info: linear
 * and inverse, spot, option), trimmed; the values are plausible, not real.
 */
final class BybitInstrumentsTest
{
    static final String LINEAR = body("linear",
        contract("BTCUSDT", "LinearPerpetual", "BTC", "USDT", "0", "0.10", "0.001"),
        contract("BTCPERP", "LinearPerpetual", "BTC", "USDC", "0", "0.5", "0.001"),
        contract("1000PEPEUSDT", "LinearPerpetual", "1000PEPE", "USDT", "0", "0.0000001", "100"),
        contract("BTC-27DEC24", "LinearFutures", "BTC", "USDC", "1735286400000", "0.5", "0.001"),
        contract("BTCUSDT-27DEC24", "LinearFutures", "BTC", "USDT", "1735286400000", "0.5", "0.001"));
    static final String INVERSE = body("inverse",
        contract("BTCUSD", "InversePerpetual", "BTC", "USD", "0", "0.50", "1"),
        contract("BTCUSDH25", "InverseFutures", "BTC", "USD", "1743148800000", "0.50", "1"));
    static final String SPOT = body("spot",
        "{\"symbol\":\"BTCUSDT\",\"baseCoin\":\"BTC\",\"quoteCoin\":\"USDT\",\"innovation\":\"0\"," +
            "\"status\":\"Trading\",\"marginTrading\":\"both\",\"lotSizeFilter\":{\"basePrecision\":\"0.000001\"," +
            "\"quotePrecision\":\"0.00000001\",\"minOrderQty\":\"0.000048\",\"maxOrderQty\":\"71.73956243\"," +
            "\"minOrderAmt\":\"1\",\"maxOrderAmt\":\"2000000\"},\"priceFilter\":{\"tickSize\":\"0.01\"}}",
        "{\"symbol\":\"ETHBTC\",\"baseCoin\":\"ETH\",\"quoteCoin\":\"BTC\",\"status\":\"Trading\"," +
            "\"lotSizeFilter\":{\"basePrecision\":\"0.0001\",\"minOrderQty\":\"0.0001\"}," +
            "\"priceFilter\":{\"tickSize\":\"0.000001\"}}");
    static final String OPTION = body("option",
        option("BTC-27DEC24-100000-C", "Call", "USDC", "1735286400000"),
        option("ETH-3JAN23-1250-P", "Put", "USDC", "1672732800000"),
        option("BTC-30AUG24-50000-C-USDT", "Call", "USDT", "1725004800000"));

    private final BybitInstruments parser = new BybitInstruments();

    @Test
    void shouldGiveEveryInstrumentOfEveryCategoryAUniqueCanonicalSymbolAgreeingWithItsName() throws IOException
    {
        final InstrumentCatalog catalog = new InstrumentCatalog(Venue.BYBIT, new BybitSymbols());
        for (final String response : new String[]{ LINEAR, INVERSE, SPOT, OPTION })
        {
            catalog.addAll(parser.parse(InstrumentCatalog.MAPPER.readTree(response)));
        }
        assertEquals(12, catalog.instruments().size());
        final Map<InstrumentKind, Integer> kinds = new HashMap<>();
        final Set<String> symbols = new HashSet<>();
        final BybitSymbols byName = new BybitSymbols();
        for (final InstrumentDefinition definition : catalog.instruments())
        {
            kinds.merge(definition.kind(), 1, Integer::sum);
            assertTrue(symbols.add(definition.symbol()), "unique: " + definition);
            final InstrumentDefinition named = byName.define(1, Venue.BYBIT, definition.venueSymbol());
            assertEquals(named.symbol(), definition.symbol(), "metadata renames nothing: " + definition);
            assertEquals(named.expiryTsNs(), definition.expiryTsNs(), "deliveryTime is 08:00 UTC of the name's date");
            assertTrue(definition.tickSizeMantissa() != Long.MIN_VALUE, "a tick size: " + definition);
        }
        assertEquals(Map.of(InstrumentKind.PERPETUAL, 4, InstrumentKind.FUTURE, 3, InstrumentKind.SPOT, 2,
            InstrumentKind.OPTION, 3), kinds);

        final InstrumentDefinition perpetual = define(catalog, "linear:BTCUSDT");
        assertEquals("BTC-USDT-PERP", perpetual.symbol());
        assertEquals(InstrumentKind.PERPETUAL, perpetual.kind(), "contractType LinearPerpetual");
        assertEquals(InstrumentDefinition.NO_EXPIRY, perpetual.expiryTsNs(), "deliveryTime 0");
        assertEquals(new BigDecimal("0.1"), decimal(encoded(perpetual).tickSize()), "priceFilter.tickSize 0.10");
        assertEquals(new BigDecimal("0.001"), decimal(encoded(perpetual).lotSize()), "lotSizeFilter.qtyStep 0.001");
        assertEquals(Long.MIN_VALUE, encoded(perpetual).contractSize().mantissa(), "Bybit gives no contract size");
        assertEquals("BTC-USDC-PERP", define(catalog, "linear:BTCPERP").symbol());
        assertEquals(new BigDecimal("100"), decimal(encoded(define(catalog, "linear:1000PEPEUSDT")).lotSize()),
            "qtyStep 100");

        final InstrumentDefinition spot = define(catalog, "spot:BTCUSDT");
        assertEquals("BTC-USDT", spot.symbol(), "not the linear perpetual of the same name");
        assertEquals(InstrumentKind.SPOT, spot.kind());
        assertEquals(new BigDecimal("0.01"), decimal(encoded(spot).tickSize()), "priceFilter.tickSize 0.01");
        assertEquals(new BigDecimal("0.000001"), decimal(encoded(spot).lotSize()), "basePrecision 0.000001");
        assertEquals("ETH-BTC", define(catalog, "spot:ETHBTC").symbol());

        final InstrumentDefinition future = define(catalog, "inverse:BTCUSDH25");
        assertEquals("BTC-USD-20250328", future.symbol());
        assertEquals(InstrumentKind.FUTURE, future.kind(), "contractType InverseFutures");
        assertEquals(1743148800_000_000_000L, future.expiryTsNs(), "deliveryTime 1743148800000");
        assertEquals(new BigDecimal("1"), decimal(encoded(future).lotSize()), "qtyStep 1 (USD contracts)");
        assertEquals(1735286400_000_000_000L, define(catalog, "linear:BTC-27DEC24").expiryTsNs());

        final InstrumentDefinition call = define(catalog, "option:BTC-27DEC24-100000-C");
        assertEquals("BTC-USDC-20241227-100000-C", call.symbol());
        assertEquals(OptionType.CALL, call.optionType(), "optionsType Call");
        assertEquals(new BigDecimal("100000"), decimal(encoded(call).strike()), "the strike of the symbol");
        assertEquals(1735286400_000_000_000L, call.expiryTsNs(), "deliveryTime");
        assertEquals(new BigDecimal("5"), decimal(encoded(call).tickSize()), "priceFilter.tickSize 5");
        assertEquals(new BigDecimal("0.01"), decimal(encoded(call).lotSize()), "qtyStep 0.01");
        final InstrumentDefinition put = define(catalog, "option:ETH-3JAN23-1250-P");
        assertEquals("ETH-USDC-20230103-1250-P", put.symbol());
        assertEquals(OptionType.PUT, put.optionType(), "optionsType Put");
        assertEquals(new BigDecimal("1250"), decimal(encoded(put).strike()));
        assertEquals("BTC-USDT-20240830-50000-C", define(catalog, "option:BTC-30AUG24-50000-C-USDT").symbol());
    }

    @Test
    void shouldLoadOneResponsePerCategoryFromACaptureFileAsDecodeInstrumentsDoes(@TempDir final Path tmp)
        throws IOException
    {
        final Path file = tmp.resolve("BYBIT.0");
        Files.writeString(file,
            "https://api.bybit.com/v5/market/instruments-info?category=linear -> 1700000000.1: " + LINEAR + "\n" +
            "https://api.bybit.com/v5/market/instruments-info?category=spot -> 1700000000.2: " + SPOT + "\n");
        final InstrumentCatalog catalog = new InstrumentCatalog(Venue.BYBIT, new BybitSymbols());
        assertEquals(7, catalog.load(file, parser));
        assertEquals("BTC-USDT-PERP", define(catalog, "linear:BTCUSDT").symbol());
        assertEquals("BTC-USDT", define(catalog, "spot:BTCUSDT").symbol());
    }

    @Test
    void shouldRefuseWhatIsNotAnInstrumentsList()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> parser.parse(InstrumentCatalog.MAPPER.readTree(
            "{\"retCode\":10001,\"retMsg\":\"Illegal category\",\"result\":{},\"time\":1}")));
        assertTrue(error.getMessage().contains("10001"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parser.parse(InstrumentCatalog.MAPPER.readTree(
            body("futures", contract("BTCUSDT", "LinearPerpetual", "BTC", "USDT", "0", "0.1", "0.001")))),
            "an unknown category");
        assertThrows(IllegalArgumentException.class, () -> parser.parse(InstrumentCatalog.MAPPER.readTree(
            "{\"retCode\":0,\"result\":{\"category\":\"linear\"}}")), "no list");
        assertThrows(IllegalArgumentException.class, () -> parser.parse(InstrumentCatalog.MAPPER.readTree(
            body("option", option("BTC-27DEC24-100000-C", "Put", "USDC", "1735286400000")))),
            "optionsType Put for a C symbol");
    }

    private static String body(final String category, final String... instruments)
    {
        return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"" + category + "\",\"list\":[" +
            String.join(",", instruments) + "],\"nextPageCursor\":\"\"},\"retExtInfo\":{},\"time\":1700000000000}";
    }

    private static String contract(
        final String symbol,
        final String contractType,
        final String base,
        final String quote,
        final String deliveryTime,
        final String tickSize,
        final String qtyStep)
    {
        return "{\"symbol\":\"" + symbol + "\",\"contractType\":\"" + contractType + "\",\"status\":\"Trading\"," +
            "\"baseCoin\":\"" + base + "\",\"quoteCoin\":\"" + quote + "\",\"launchTime\":\"1585526400000\"," +
            "\"deliveryTime\":\"" + deliveryTime + "\",\"deliveryFeeRate\":\"\",\"priceScale\":\"2\"," +
            "\"leverageFilter\":{\"minLeverage\":\"1\",\"maxLeverage\":\"100.00\",\"leverageStep\":\"0.01\"}," +
            "\"priceFilter\":{\"minPrice\":\"0.10\",\"maxPrice\":\"199999.80\",\"tickSize\":\"" + tickSize + "\"}," +
            "\"lotSizeFilter\":{\"maxOrderQty\":\"100.000\",\"minOrderQty\":\"" + qtyStep + "\",\"qtyStep\":\"" +
            qtyStep + "\",\"postOnlyMaxOrderQty\":\"1000.000\"},\"unifiedMarginTrade\":true," +
            "\"fundingInterval\":480,\"settleCoin\":\"" + quote + "\"}";
    }

    private static String option(final String symbol, final String type, final String settle, final String delivery)
    {
        return "{\"symbol\":\"" + symbol + "\",\"optionsType\":\"" + type + "\",\"status\":\"Trading\"," +
            "\"baseCoin\":\"" + symbol.substring(0, 3) + "\",\"quoteCoin\":\"USD\",\"settleCoin\":\"" + settle +
            "\",\"launchTime\":\"1669363200000\",\"deliveryTime\":\"" + delivery + "\"," +
            "\"deliveryFeeRate\":\"0.00015\",\"priceFilter\":{\"minPrice\":\"5\",\"maxPrice\":\"10000000\"," +
            "\"tickSize\":\"5\"},\"lotSizeFilter\":{\"maxOrderQty\":\"500\",\"minOrderQty\":\"0.01\"," +
            "\"qtyStep\":\"0.01\"}}";
    }

    private static InstrumentDefinition define(final InstrumentCatalog catalog, final String venueSymbol)
    {
        return catalog.define(1, Venue.BYBIT, venueSymbol);
    }

    private static InstrumentDecoder encoded(final InstrumentDefinition definition)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[definition.maxEncodedLength()]);
        definition.encode(buffer, 0, 0);
        return new InstrumentDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
    }

    private static BigDecimal decimal(final Decimal64Decoder value)
    {
        assertTrue(value.mantissa() != Long.MIN_VALUE, "a value is given");
        return BigDecimal.valueOf(value.mantissa(), -value.exponent());
    }
}
