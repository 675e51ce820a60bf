/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.instrument.InstrumentCatalog;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CoinbaseInstruments} on Advanced Trade's products list. Not recorded: the body below was written for this
 * test in the shape Coinbase documents for {@code GET /api/v3/brokerage/market/products} (List Public Products),
 * trimmed to the members the parser reads plus a few it must skip; the values are plausible, not real.
 */
final class CoinbaseInstrumentsTest
{
    static final String PRODUCTS = "{\"products\":[" +
        product("BTC-USD", "SPOT", "BTC", "USD", "0.00000001", "0.01", "0.01", "null") + "," +
        product("BTC-USDC", "SPOT", "BTC", "USDC", "0.00000001", "0.01", "0.01", "null") + "," +
        product("SHIB-USD", "SPOT", "SHIB", "USD", "1", "0.00000001", "", "null") + "," +
        product("ETH-EUR", "SPOT", "ETH", "EUR", "0.00000001", "0.01", "0.05", "null") + "," +
        product("BIT-27DEC24-CDE", "FUTURE", "", "USD", "1", "5", "5",
            details("EXPIRING", "2024-12-27T16:00:00Z", "0.01", "BTC")) + "," +
        product("BIP-20DEC30-CDE", "FUTURE", "", "USD", "1", "5", "5",
            details("EXPIRING", "2030-12-20T16:00:00Z", "0.01", "BTC")) + "," +
        product("BTC-PERP-INTX", "FUTURE", "BTC", "USDC", "0.0001", "0.1", "0.1",
            details("PERPETUAL", "", "1", "BTC")) + "," +
        product("ETH-PERP-INTX", "FUTURE", "ETH", "USDC", "0.001", "0.01", "0.01",
            details("PERPETUAL", "", "1", "ETH")) +
        "],\"num_products\":8}";

    private final CoinbaseInstruments parser = new CoinbaseInstruments();

    @Test
    void shouldReadEveryAdvancedTradeProductWithAUniqueCanonicalSymbolAgreeingWithItsName() throws IOException
    {
        final InstrumentCatalog catalog = new InstrumentCatalog(Venue.COINBASE, new CoinbaseSymbols())
            .addAll(parser.parse(InstrumentCatalog.MAPPER.readTree(PRODUCTS)));
        assertEquals(8, catalog.instruments().size());
        final Set<String> symbols = new HashSet<>();
        final CoinbaseSymbols byName = new CoinbaseSymbols();
        for (final InstrumentDefinition definition : catalog.instruments())
        {
            assertTrue(symbols.add(definition.symbol()), "unique: " + definition);
            assertEquals(byName.define(1, Venue.COINBASE, definition.venueSymbol()).symbol(), definition.symbol(),
                "metadata renames nothing: " + definition);
        }

        final InstrumentDefinition btc = define(catalog, "BTC-USD");
        assertEquals("BTC-USD", btc.symbol());
        assertEquals(InstrumentKind.SPOT, btc.kind(), "product_type SPOT");
        assertEquals("BTC", btc.base());
        assertEquals("USD", btc.quote());
        assertEquals(new BigDecimal("0.01"), decimal(encoded(btc).tickSize()), "price_increment 0.01");
        assertEquals(new BigDecimal("0.00000001"), decimal(encoded(btc).lotSize()), "base_increment 0.00000001");
        assertEquals(Long.MIN_VALUE, encoded(btc).contractSize().mantissa(), "spot: no contract size");
        assertEquals("BTC-USDC", define(catalog, "BTC-USDC").symbol());
        assertEquals(new BigDecimal("0.00000001"), decimal(encoded(define(catalog, "SHIB-USD")).tickSize()),
            "no price_increment: quote_increment 0.00000001");
        assertEquals(new BigDecimal("0.05"), decimal(encoded(define(catalog, "ETH-EUR")).tickSize()),
            "price_increment 0.05 over quote_increment 0.01");

        final InstrumentDefinition future = define(catalog, "BIT-27DEC24-CDE");
        assertEquals("BIT-27DEC24-CDE", future.symbol(), "the contract code does not say the asset: the id stays");
        assertEquals(InstrumentKind.FUTURE, future.kind(), "contract_expiry_type EXPIRING");
        assertEquals("BTC", future.base(), "contract_root_unit");
        assertEquals("USD", future.quote(), "quote_currency_id");
        assertEquals(1735315200_000_000_000L, future.expiryTsNs(), "contract_expiry 2024-12-27T16:00:00Z");
        assertEquals(new BigDecimal("5"), decimal(encoded(future).tickSize()), "price_increment 5");
        assertEquals(new BigDecimal("1"), decimal(encoded(future).lotSize()), "base_increment 1");
        assertEquals(new BigDecimal("0.01"), decimal(encoded(future).contractSize()), "contract_size 0.01");
        assertEquals(1924012800_000_000_000L, define(catalog, "BIP-20DEC30-CDE").expiryTsNs(),
            "contract_expiry 2030-12-20T16:00:00Z");

        final InstrumentDefinition perpetual = define(catalog, "BTC-PERP-INTX");
        assertEquals("BTC-USDC-PERP", perpetual.symbol());
        assertEquals(InstrumentKind.PERPETUAL, perpetual.kind(), "contract_expiry_type PERPETUAL");
        assertEquals(InstrumentDefinition.NO_EXPIRY, perpetual.expiryTsNs());
        assertEquals(new BigDecimal("0.1"), decimal(encoded(perpetual).tickSize()), "price_increment 0.1");
        assertEquals(new BigDecimal("0.0001"), decimal(encoded(perpetual).lotSize()), "base_increment 0.0001");
        assertEquals(new BigDecimal("1"), decimal(encoded(perpetual).contractSize()), "contract_size 1");
    }

    @Test
    void shouldLoadTheProductsFromACaptureFileAsDecodeInstrumentsDoes(@TempDir final Path tmp) throws IOException
    {
        final Path file = tmp.resolve("COINBASE.0");
        Files.writeString(file,
            "https://api.coinbase.com/api/v3/brokerage/market/products -> 1775521740.1: " + PRODUCTS + "\n");
        final InstrumentCatalog catalog = new InstrumentCatalog(Venue.COINBASE, new CoinbaseSymbols());
        assertEquals(8, catalog.load(file, parser));
        assertEquals("ETH-USDC-PERP", define(catalog, "ETH-PERP-INTX").symbol());
    }

    @Test
    void shouldRefuseWhatIsNotAProductsList()
    {
        assertThrows(IllegalArgumentException.class, () -> parser.parse(InstrumentCatalog.MAPPER.readTree(
            "{\"products\":[" + product("BTC-USD-OPT", "OPTION", "BTC", "USD", "1", "1", "1", "null") + "]}")),
            "an unknown product_type is refused, not guessed");
        assertThrows(IllegalArgumentException.class, () -> parser.parse(InstrumentCatalog.MAPPER.readTree(
            "{\"products\":[" + product("BIT-27DEC24-CDE", "FUTURE", "", "USD", "1", "5", "5", "null") + "]}")),
            "a future without its details");
        assertThrows(IllegalArgumentException.class, () -> parser.parse(InstrumentCatalog.MAPPER.readTree(
            "{\"products\":[" + product("BIT-27DEC24-CDE", "FUTURE", "", "USD", "1", "5", "5",
            details("EXPIRING", "soon", "0.01", "BTC")) + "]}")), "an expiry that is not a time");
        assertThrows(IllegalArgumentException.class, () -> parser.parse(InstrumentCatalog.MAPPER.readTree(
            "{\"error\":\"UNAUTHENTICATED\",\"message\":\"\"}")), "an error reply");
    }

    private static String product(
        final String id,
        final String type,
        final String base,
        final String quote,
        final String baseIncrement,
        final String quoteIncrement,
        final String priceIncrement,
        final String details)
    {
        return "{\"product_id\":\"" + id + "\",\"price\":\"100\",\"price_percentage_change_24h\":\"1.5\"," +
            "\"base_increment\":\"" + baseIncrement + "\",\"quote_increment\":\"" + quoteIncrement + "\"," +
            "\"quote_min_size\":\"1\",\"base_min_size\":\"" + baseIncrement + "\",\"status\":\"online\"," +
            "\"trading_disabled\":false,\"product_type\":\"" + type + "\",\"quote_currency_id\":\"" + quote + "\"," +
            "\"base_currency_id\":\"" + base + "\",\"fcm_trading_session_details\":null,\"alias\":\"\"," +
            "\"alias_to\":[],\"price_increment\":\"" + priceIncrement + "\",\"display_name\":\"" + id + "\"," +
            "\"product_venue\":\"CBE\",\"future_product_details\":" + details + "}";
    }

    private static String details(
        final String expiryType, final String expiry, final String contractSize, final String root)
    {
        return "{\"venue\":\"cde\",\"contract_code\":\"X\",\"contract_expiry\":\"" + expiry + "\"," +
            "\"contract_size\":\"" + contractSize + "\",\"contract_root_unit\":\"" + root + "\"," +
            "\"group_description\":\"\",\"contract_expiry_timezone\":\"Europe/London\"," +
            "\"contract_expiry_type\":\"" + expiryType + "\",\"perpetual_details\":{\"funding_rate\":\"0.0001\"}}";
    }

    private static InstrumentDefinition define(final InstrumentCatalog catalog, final String venueSymbol)
    {
        return catalog.define(1, Venue.COINBASE, venueSymbol);
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
