/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Binance symbol conventions, turned into the canonical ones of {@code JSONL.md}:
 * <pre>
 *   binance-spot   BTCUSDT         BTC-USDT            spot
 *   binance-usdm   BTCUSDT         BTC-USDT-PERP       perpetual
 *   binance-usdm   BTCUSDT_240927  BTC-USDT-20240927   future, expires 08:00 UTC that day
 *   binance-coinm  BTCUSD_PERP     BTC-USD-PERP        perpetual
 *   binance-coinm  BTCUSD_240927   BTC-USD-20240927    future
 * </pre>
 * Base and quote are split by the longest known quote asset that ends the symbol (COIN-M: always USD); a symbol that
 * ends in none is kept as the canonical symbol itself, with base and quote left empty. The name alone is ambiguous
 * for a few pairs ({@code ADAEUR} reads as ADA-EUR or AD-AEUR): the venue's instrument metadata
 * ({@link BinanceInstruments}), when loaded, decides.
 */
public final class BinanceSymbols implements SymbolCanonicalizer
{
    private static final String[] QUOTES = {
        "FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USDP", "AEUR", "EURI", "BIDR", "IDRT",
        "USD", "DAI", "BTC", "ETH", "BNB", "EUR", "GBP", "TRY", "BRL", "AUD", "JPY", "RUB", "UAH", "NGN", "ZAR",
        "PLN", "RON", "ARS", "MXN", "COP", "CZK", "PAX", "XRP", "TRX", "DOT", "VAI", "DOGE" };

    private static final LocalTime DELIVERY_TIME_UTC = LocalTime.of(8, 0);

    /** By unsigned byte value: letters, digits and {@code - _ . / :}. */
    @Override
    public InstrumentDefinition define(final int instrumentId, final Venue venue, final String venueSymbol)
    {
        final int underscore = venueSymbol.indexOf('_');
        final String pair = underscore < 0 ? venueSymbol : venueSymbol.substring(0, underscore);
        final String suffix = underscore < 0 ? "" : venueSymbol.substring(underscore + 1);
        // COIN-M contracts are all quoted in USD: BNBUSD is BNB-USD, not BN-BUSD
        final String quote = venue == Venue.BINANCE_COINM && pair.length() > 3 && pair.endsWith("USD") ?
            "USD" : quoteOf(pair);
        final String base = quote.isEmpty() ? "" : pair.substring(0, pair.length() - quote.length());
        final String stem = quote.isEmpty() ? pair : base + "-" + quote;

        if (venue == Venue.BINANCE_SPOT)
        {
            return InstrumentDefinition.of(
                instrumentId, venue, venueSymbol, quote.isEmpty() ? venueSymbol : stem, base, quote,
                InstrumentKind.SPOT);
        }

        if (suffix.isEmpty() || "PERP".equals(suffix))
        {
            return InstrumentDefinition.of(
                instrumentId, venue, venueSymbol, stem + "-PERP", base, quote, InstrumentKind.PERPETUAL);
        }

        final LocalDate expiry = expiryOf(suffix);
        if (expiry == null)
        {
            return InstrumentDefinition.of(
                instrumentId, venue, venueSymbol, venueSymbol, base, quote, InstrumentKind.FUTURE);
        }
        final long expiryNs = expiry.atTime(DELIVERY_TIME_UTC).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
        return new InstrumentDefinition(
            instrumentId, venue, venueSymbol, stem + "-" + expiry.toString().replace("-", ""), base, quote,
            InstrumentKind.FUTURE, expiryNs, Long.MIN_VALUE, 0, OptionType.NULL_VAL);
    }

    /**
     * @param pair e.g. {@code BTCUSDT}.
     * @return the quote asset it ends with, or empty.
     */
    static String quoteOf(final String pair)
    {
        String best = "";
        for (final String quote : QUOTES)
        {
            if (pair.length() > quote.length() && pair.endsWith(quote) && quote.length() > best.length())
            {
                best = quote;
            }
        }
        return best;
    }

    private static LocalDate expiryOf(final String yymmdd)
    {
        if (yymmdd.length() != 6)
        {
            return null;
        }
        try
        {
            return LocalDate.of(
                2000 + Integer.parseInt(yymmdd.substring(0, 2)),
                Integer.parseInt(yymmdd.substring(2, 4)),
                Integer.parseInt(yymmdd.substring(4, 6)));
        }
        catch (final NumberFormatException | DateTimeException ex)
        {
            return null;
        }
    }
}
