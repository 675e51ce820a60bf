/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Kraken Futures product ids, turned into the canonical symbols of {@code JSONL.md}, whatever their case
 * ({@code pi_xbtusd} and {@code PI_XBTUSD} are one product):
 * <pre>
 *   PI_XBTUSD          BTC-USD-PERP            perpetual, inverse (settled in BTC)
 *   FI_XBTUSD_210924   BTC-USD-20210924        future, inverse; expires 16:00 London time that day
 *   PF_XBTUSD          BTC-USD-PERP-USD        perpetual, linear (multi-collateral, settled in USD)
 *   FF_XBTUSD_210924   BTC-USD-20210924-USD    future, linear
 *   anything else      the id in upper case    (indices IN_, RR_, legacy PV_/FV_ vanilla contracts, ...)
 * </pre>
 * The inverse and the linear USD contracts of one pair would both be {@code BTC-USD-PERP}; the inverse ones keep the
 * plain form, which across venues means the coin-settled USD contract (Binance COIN-M {@code BTCUSD_PERP}, Deribit
 * {@code BTC-PERPETUAL}), and the linear ones carry their settlement currency as a suffix, so every product has its
 * own symbol. {@code XBT} is written {@code BTC} and {@code XDG} {@code DOGE}, as everywhere else.
 */
public final class KrakenFuturesSymbols implements SymbolCanonicalizer
{
    private static final String[] QUOTES = { "USDT", "USDC", "USD", "EUR", "GBP", "XBT" };
    private static final LocalTime EXPIRY_TIME = LocalTime.of(16, 0);
    private static final ZoneId EXPIRY_ZONE = ZoneId.of("Europe/London");
    private static final long NS_PER_SECOND = 1_000_000_000L;

    @Override
    public InstrumentDefinition define(final int instrumentId, final Venue venue, final String venueSymbol)
    {
        final String id = venueSymbol.toUpperCase(Locale.ROOT);
        final String[] parts = id.split("_", -1);
        if (parts.length < 2 || parts.length > 3)
        {
            return fallback(instrumentId, venue, venueSymbol, id);
        }
        final String prefix = parts[0];
        final String pair = parts[1];
        String quote = "";
        for (final String candidate : QUOTES)
        {
            if (quote.isEmpty() && pair.length() > candidate.length() && pair.endsWith(candidate))
            {
                quote = candidate;
            }
        }
        if (quote.isEmpty())
        {
            return fallback(instrumentId, venue, venueSymbol, id);
        }
        final String base = asset(pair.substring(0, pair.length() - quote.length()));
        final String stem = base + "-" + asset(quote);
        final boolean inverse = prefix.equals("PI") || prefix.equals("FI");
        final boolean linear = prefix.equals("PF") || prefix.equals("FF");
        final boolean perpetual = prefix.charAt(0) == 'P';
        if ((!inverse && !linear) || perpetual != (parts.length == 2))
        {
            return fallback(instrumentId, venue, venueSymbol, id);
        }
        final String suffix = linear ? "-" + asset(quote) : "";
        if (perpetual)
        {
            return InstrumentDefinition.of(instrumentId, venue, venueSymbol, stem + "-PERP" + suffix, base,
                asset(quote), InstrumentKind.PERPETUAL);
        }
        final LocalDate expiry = expiry(parts[2]);
        if (expiry == null)
        {
            return fallback(instrumentId, venue, venueSymbol, id);
        }
        final long expiryNs = expiry.atTime(EXPIRY_TIME).atZone(EXPIRY_ZONE).toEpochSecond() * NS_PER_SECOND;
        return new InstrumentDefinition(instrumentId, venue, venueSymbol,
            stem + "-" + expiry.toString().replace("-", "") + suffix, base, asset(quote), InstrumentKind.FUTURE,
            expiryNs, Long.MIN_VALUE, 0, OptionType.NULL_VAL);
    }

    private static InstrumentDefinition fallback(
        final int instrumentId, final Venue venue, final String venueSymbol, final String id)
    {
        final InstrumentKind kind = id.startsWith("F") ? InstrumentKind.FUTURE :
            id.startsWith("P") ? InstrumentKind.PERPETUAL : InstrumentKind.SPOT;
        return InstrumentDefinition.of(instrumentId, venue, venueSymbol, id, "", "", kind);
    }

    private static String asset(final String code)
    {
        switch (code)
        {
            case "XBT":
                return "BTC";
            case "XDG":
                return "DOGE";
            default:
                return code;
        }
    }

    /**
     * @param yymmdd e.g. {@code 210924}.
     * @return the date, or null.
     */
    private static LocalDate expiry(final String yymmdd)
    {
        if (yymmdd.length() != 6)
        {
            return null;
        }
        for (int i = 0; i < 6; i++)
        {
            if (yymmdd.charAt(i) < '0' || yymmdd.charAt(i) > '9')
            {
                return null;
            }
        }
        try
        {
            return LocalDate.of(2000 + Integer.parseInt(yymmdd.substring(0, 2)),
                Integer.parseInt(yymmdd.substring(2, 4)), Integer.parseInt(yymmdd.substring(4, 6)));
        }
        catch (final DateTimeException ex)
        {
            return null;
        }
    }
}
