/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.instrument;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.feeds.binance.BinanceInstruments;
import io.marketprism.feeds.binance.BinanceSymbols;
import io.marketprism.feeds.coinbase.CoinbaseInstruments;
import io.marketprism.feeds.coinbase.CoinbaseSymbols;
import io.marketprism.feeds.deribit.DeribitInstruments;
import io.marketprism.feeds.deribit.DeribitSymbols;
import io.marketprism.feeds.kraken.KrakenInstruments;
import io.marketprism.feeds.kraken.KrakenSymbols;
import io.marketprism.feeds.krakenfutures.KrakenFuturesInstruments;
import io.marketprism.feeds.krakenfutures.KrakenFuturesSymbols;
import io.marketprism.feeds.okx.OkxInstruments;
import io.marketprism.feeds.okx.OkxSymbols;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
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
    void shouldGiveEveryDeribitInstrumentAUniqueCanonicalSymbol() throws IOException
    {
        final InstrumentCatalog catalog = load(Venue.DERIBIT, "DERIBIT.0.gz", new DeribitSymbols(),
            new DeribitInstruments());
        assertEquals(Map.of(InstrumentKind.OPTION, 980, InstrumentKind.FUTURE, 18, InstrumentKind.PERPETUAL, 19),
            kinds(catalog), "BTC 398, ETH 426, SOL 177, USDC 16 instruments");
        assertUniqueAndAgreeing(catalog, new DeribitSymbols(), List.of());
        assertEquals(998, expiriesAgreeingWithTheName(catalog, new DeribitSymbols()),
            "expiration_timestamp is 08:00 UTC of the name's date for every future and option");

        final InstrumentDefinition put = define(catalog, "BTC-24SEP21-8000-P");
        assertEquals("BTC-USD-20210924-8000-P", put.symbol(), "quote_currency BTC, struck in USD");
        assertEquals("USD", put.quote());
        assertEquals(InstrumentKind.OPTION, put.kind());
        assertEquals(OptionType.PUT, put.optionType(), "option_type put");
        assertEquals(new BigDecimal("8000"), strike(put), "strike 8000.0");
        assertEquals(1632470400_000_000_000L, put.expiryTsNs(), "expiration_timestamp 1632470400000");
        assertEquals(new BigDecimal("0.0005"), tick(put), "tick_size 0.0005");
        assertEquals(new BigDecimal("0.1"), lot(put), "min_trade_amount 0.1");
        assertEquals(new BigDecimal("1"), contract(put), "contract_size 1.0");

        final InstrumentDefinition perpetual = define(catalog, "BTC-PERPETUAL");
        assertEquals("BTC-USD-PERP", perpetual.symbol());
        assertEquals(InstrumentKind.PERPETUAL, perpetual.kind(), "settlement_period perpetual");
        assertEquals(InstrumentDefinition.NO_EXPIRY, perpetual.expiryTsNs(), "not the year 3000 the venue gives");
        assertEquals(new BigDecimal("0.5"), tick(perpetual), "tick_size 0.5");
        assertEquals(new BigDecimal("10"), lot(perpetual), "min_trade_amount 10.0");
        assertEquals(new BigDecimal("10"), contract(perpetual), "contract_size 10.0 (USD)");

        final InstrumentDefinition sol = define(catalog, "SOL-24JUN22");
        assertEquals("SOL-USD-20220624", sol.symbol(), "counter_currency USD");
        assertEquals(InstrumentKind.FUTURE, sol.kind());
        assertEquals(1656057600_000_000_000L, sol.expiryTsNs());
        assertEquals(new BigDecimal("0.01"), tick(sol), "tick_size 0.01");

        final InstrumentDefinition linear = define(catalog, "UNI_USDC-PERPETUAL");
        assertEquals("UNI-USDC-PERP", linear.symbol());
        assertEquals(new BigDecimal("0.001"), tick(linear), "tick_size 0.001");
        assertEquals(new BigDecimal("1"), lot(linear), "min_trade_amount 1");
        assertEquals("ETH-USD-20210723-2050-P", define(catalog, "ETH-23JUL21-2050-P").symbol());
    }

    @Test
    void shouldReadTheDeribitKindsTheRecordingLacksAsTheNamesDo() throws IOException
    {
        // not recorded: get_instruments entries written for this test in the documented shape, trimmed
        final String response = "{\"jsonrpc\":\"2.0\",\"result\":[" +
            "{\"instrument_name\":\"BTC_USDC\",\"kind\":\"spot\",\"base_currency\":\"BTC\"," +
            "\"quote_currency\":\"USDC\",\"counter_currency\":\"USDC\",\"tick_size\":1,\"min_trade_amount\":0.0001," +
            "\"contract_size\":0.0001,\"expiration_timestamp\":32503708800000}," +
            "{\"instrument_name\":\"XRP_USDC-26JUL24-0d625-C\",\"kind\":\"option\",\"base_currency\":\"XRP\"," +
            "\"quote_currency\":\"USDC\",\"counter_currency\":\"USDC\",\"strike\":0.625,\"option_type\":\"call\"," +
            "\"tick_size\":0.0001,\"min_trade_amount\":1,\"contract_size\":1," +
            "\"expiration_timestamp\":1721980800000,\"settlement_period\":\"week\"}," +
            "{\"instrument_name\":\"BTC-FS-27SEP24_PERP\",\"kind\":\"future_combo\",\"base_currency\":\"BTC\"," +
            "\"quote_currency\":\"USD\",\"counter_currency\":\"USD\",\"tick_size\":0.5,\"min_trade_amount\":10," +
            "\"contract_size\":10,\"expiration_timestamp\":1727424000000}," +
            "{\"instrument_name\":\"BTC-CS-26JUL24-60000_65000\",\"kind\":\"option_combo\"," +
            "\"base_currency\":\"BTC\",\"quote_currency\":\"BTC\",\"counter_currency\":\"USD\"," +
            "\"tick_size\":0.0001,\"min_trade_amount\":0.1,\"contract_size\":1," +
            "\"expiration_timestamp\":1721980800000}]}";
        final InstrumentCatalog catalog = new InstrumentCatalog(Venue.DERIBIT, new DeribitSymbols())
            .addAll(new DeribitInstruments().parse(InstrumentCatalog.MAPPER.readTree(response)));
        assertUniqueAndAgreeing(catalog, new DeribitSymbols(), List.of());

        assertEquals("BTC-USDC", define(catalog, "BTC_USDC").symbol());
        assertEquals(InstrumentKind.SPOT, define(catalog, "BTC_USDC").kind());
        final InstrumentDefinition option = define(catalog, "XRP_USDC-26JUL24-0d625-C");
        assertEquals("XRP-USDC-20240726-0.625-C", option.symbol(), "a strike point written d in the name");
        assertEquals(new BigDecimal("0.625"), strike(option));
        assertEquals(OptionType.CALL, option.optionType());
        assertEquals("BTC-FS-27SEP24_PERP", define(catalog, "BTC-FS-27SEP24_PERP").symbol(), "combos keep the name");
        assertEquals(InstrumentKind.FUTURE, define(catalog, "BTC-FS-27SEP24_PERP").kind());
        assertEquals(InstrumentKind.OPTION, define(catalog, "BTC-CS-26JUL24-60000_65000").kind());

        assertThrows(IllegalArgumentException.class, () -> new DeribitInstruments().parse(InstrumentCatalog.MAPPER
            .readTree("{\"result\":[{\"instrument_name\":\"X\",\"kind\":\"swap\",\"base_currency\":\"BTC\"," +
            "\"quote_currency\":\"USD\"}]}")), "an unknown kind is refused, not guessed");
    }

    @Test
    void shouldGiveEveryKrakenPairWithAWebSocketNameAUniqueCanonicalSymbol() throws IOException
    {
        final InstrumentCatalog catalog = load(Venue.KRAKEN, "KRAKEN.0.gz", new KrakenSymbols(),
            new KrakenInstruments());
        assertEquals(293, catalog.instruments().size(), "304 pairs less the 11 .d ones without wsname");
        assertTrue(catalog.instruments().stream().allMatch(definition -> definition.venueSymbol().contains("/")),
            "every venue symbol is a wsname, never a REST key");
        assertEquals("ETH2.S-ETH", define(catalog, "ETH2.S/ETH").symbol(), "the one asset with a point");
        assertUniqueAndAgreeing(catalog, new KrakenSymbols(), List.of());

        final InstrumentDefinition btc = define(catalog, "XBT/USD");
        assertEquals("BTC-USD", btc.symbol());
        assertEquals(new BigDecimal("0.1"), tick(btc), "pair_decimals 1");
        assertEquals(new BigDecimal("0.00000001"), lot(btc), "lot_decimals 8");
        assertEquals(Long.MIN_VALUE, encoded(btc).contractSize().mantissa(), "spot: no contract size");
        assertEquals("DOGE-EUR", define(catalog, "XDG/EUR").symbol());
        assertEquals(new BigDecimal("0.0000001"), tick(define(catalog, "XDG/EUR")), "pair_decimals 7");
        // the book stream prices XBT/CHF at 5 decimals (VENUES.md): the metadata's tick is what it says, no more
        assertEquals(new BigDecimal("0.1"), tick(define(catalog, "XBT/CHF")), "pair_decimals 1");
        assertEquals(new BigDecimal("0.01"), tick(define(catalog, "XMR/USD")), "pair_decimals 2");
        assertEquals(new BigDecimal("0.00000001"), tick(define(catalog, "ADA/XBT")), "pair_decimals 8");
    }

    @Test
    void shouldPreferAKrakenTickSizeOverPairDecimals() throws IOException
    {
        // not recorded: newer AssetPairs responses carry tick_size; this entry is written for the test
        final String response = "{\"error\":[],\"result\":{\"XXBTZUSD\":{\"altname\":\"XBTUSD\"," +
            "\"wsname\":\"XBT/USD\",\"pair_decimals\":1,\"lot_decimals\":8,\"tick_size\":\"0.5\"}}}";
        final InstrumentDefinition btc = new KrakenInstruments().parse(InstrumentCatalog.MAPPER.readTree(response))
            .get(0);
        assertEquals(new BigDecimal("0.5"), tick(btc), "tick_size 0.5, pair_decimals 1");
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new KrakenInstruments().parse(InstrumentCatalog.MAPPER.readTree(
            "{\"error\":[\"EGeneral:Too many requests\"]}")));
        assertTrue(error.getMessage().contains("EGeneral:Too many requests"), error.getMessage());
    }

    @Test
    void shouldGiveEveryKrakenFuturesContractAUniqueCanonicalSymbol() throws IOException
    {
        final InstrumentCatalog catalog = load(Venue.KRAKEN_FUTURES, "KRAKEN_FUTURES.0.gz",
            new KrakenFuturesSymbols(), new KrakenFuturesInstruments());
        assertEquals(Map.of(InstrumentKind.PERPETUAL, 5, InstrumentKind.FUTURE, 12), kinds(catalog),
            "27 entries less the 10 spot indices");
        assertUniqueAndAgreeing(catalog, new KrakenFuturesSymbols(), List.of());
        assertEquals(12, expiriesAgreeingWithTheName(catalog, new KrakenFuturesSymbols()),
            "lastTradingTime is 16:00 London time of the name's date, summer (15:00Z) and winter (16:00Z)");

        final InstrumentDefinition perpetual = define(catalog, "PI_XBTUSD");
        assertEquals("BTC-USD-PERP", perpetual.symbol());
        assertEquals(InstrumentKind.PERPETUAL, perpetual.kind());
        assertEquals(new BigDecimal("0.5"), tick(perpetual), "tickSize 0.5");
        assertEquals(new BigDecimal("1"), contract(perpetual), "contractSize 1 (USD)");
        assertEquals(Long.MIN_VALUE, encoded(perpetual).lotSize().mantissa(),
            "no contractValueTradePrecision in 2021");

        final InstrumentDefinition september = define(catalog, "FI_XBTUSD_210924");
        assertEquals("BTC-USD-20210924", september.symbol());
        assertEquals(1632495600_000_000_000L, september.expiryTsNs(), "lastTradingTime 2021-09-24T15:00:00.000Z");
        assertEquals(1640966400_000_000_000L, define(catalog, "fi_ethusd_211231").expiryTsNs(),
            "lastTradingTime 2021-12-31T16:00:00.000Z");
        assertEquals(new BigDecimal("0.0001"), tick(define(catalog, "PI_XRPUSD")), "tickSize 0.0001");
        assertEquals(Long.MIN_VALUE, define(catalog, "IN_XBTUSD").tickSizeMantissa(), "indices are not listed");
    }

    @Test
    void shouldNameLinearKrakenFuturesWithTheirSettlementCurrency() throws IOException
    {
        // not recorded (the 2021 list has no multi-collateral contracts): entries written for the test, trimmed
        final String response = "{\"result\":\"success\",\"instruments\":[" +
            "{\"symbol\":\"PF_XBTUSD\",\"type\":\"flexible_futures\",\"tickSize\":1,\"contractSize\":1," +
            "\"contractValueTradePrecision\":4,\"tradeable\":true}," +
            "{\"symbol\":\"FF_XBTUSD_230929\",\"type\":\"flexible_futures\"," +
            "\"lastTradingTime\":\"2023-09-29T15:00:00.000Z\",\"tickSize\":1,\"contractSize\":1," +
            "\"contractValueTradePrecision\":-1,\"tradeable\":true}," +
            "{\"symbol\":\"PI_XBTUSD\",\"type\":\"futures_inverse\",\"tickSize\":0.5,\"contractSize\":1}]}";
        final InstrumentCatalog catalog = new InstrumentCatalog(Venue.KRAKEN_FUTURES, new KrakenFuturesSymbols())
            .addAll(new KrakenFuturesInstruments().parse(InstrumentCatalog.MAPPER.readTree(response)));
        assertUniqueAndAgreeing(catalog, new KrakenFuturesSymbols(), List.of());
        assertEquals("BTC-USD-PERP-USD", define(catalog, "PF_XBTUSD").symbol());
        assertEquals("BTC-USD-PERP", define(catalog, "PI_XBTUSD").symbol(), "inverse and linear differ");
        assertEquals(new BigDecimal("0.0001"), lot(define(catalog, "PF_XBTUSD")), "contractValueTradePrecision 4");
        final InstrumentDefinition future = define(catalog, "FF_XBTUSD_230929");
        assertEquals("BTC-USD-20230929-USD", future.symbol());
        assertEquals(new BigDecimal("10"), lot(future), "contractValueTradePrecision -1");
        assertEquals(1695999600_000_000_000L, future.expiryTsNs(), "lastTradingTime 2023-09-29T15:00:00.000Z");
        assertEquals(InstrumentKind.FUTURE, future.kind());
    }

    @Test
    void shouldGiveEveryCoinbaseProductAUniqueCanonicalSymbol() throws IOException
    {
        final InstrumentCatalog catalog = load(Venue.COINBASE, "COINBASE.0.gz", new CoinbaseSymbols(),
            new CoinbaseInstruments());
        assertEquals(162, catalog.instruments().size());
        assertUniqueAndAgreeing(catalog, new CoinbaseSymbols(), List.of());

        final InstrumentDefinition skl = define(catalog, "SKL-EUR");
        assertEquals("SKL-EUR", skl.symbol());
        assertEquals(InstrumentKind.SPOT, skl.kind());
        assertEquals(new BigDecimal("0.0001"), tick(skl), "quote_increment 0.0001");
        assertEquals(new BigDecimal("0.1"), lot(skl), "base_increment 0.1");
        assertEquals(new BigDecimal("0.01"), tick(define(catalog, "BTC-GBP")), "quote_increment 0.01");
        assertEquals(new BigDecimal("0.00000001"), lot(define(catalog, "BTC-GBP")), "base_increment 0.00000001");
        assertEquals(new BigDecimal("0.000001"), tick(define(catalog, "CVC-USDC")), "quote_increment 0.000001");
        assertEquals(new BigDecimal("1"), lot(define(catalog, "CVC-USDC")), "base_increment 1");
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

    private static Map<InstrumentKind, Integer> kinds(final InstrumentCatalog catalog)
    {
        final Map<InstrumentKind, Integer> kinds = new HashMap<>();
        catalog.instruments().forEach(definition -> kinds.merge(definition.kind(), 1, Integer::sum));
        return kinds;
    }

    /**
     * @return how many dated instruments the name alone gives the metadata's expiry; fails on any that differ.
     */
    private static int expiriesAgreeingWithTheName(final InstrumentCatalog catalog, final SymbolCanonicalizer byName)
    {
        int agreeing = 0;
        for (final InstrumentDefinition definition : catalog.instruments())
        {
            if (definition.expiryTsNs() != InstrumentDefinition.NO_EXPIRY)
            {
                assertEquals(definition.expiryTsNs(),
                    byName.define(1, catalog.venue(), definition.venueSymbol()).expiryTsNs(), definition.toString());
                agreeing++;
            }
        }
        return agreeing;
    }

    /**
     * @return the definition as the engine publishes it (the SBE {@code Instrument} message), to read its sizes.
     */
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

    private static BigDecimal strike(final InstrumentDefinition definition)
    {
        return decimal(encoded(definition).strike());
    }

    private static BigDecimal tick(final InstrumentDefinition definition)
    {
        return decimal(encoded(definition).tickSize());
    }

    private static BigDecimal lot(final InstrumentDefinition definition)
    {
        return decimal(encoded(definition).lotSize());
    }

    private static BigDecimal contract(final InstrumentDefinition definition)
    {
        return decimal(encoded(definition).contractSize());
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
