/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * OKX instrument ids to canonical symbols ({@code JSONL.md}). OKX ids already name base and quote:
 * <pre>
 *   BTC-USDT                 BTC-USDT                   spot
 *   BTC-USDT-SWAP            BTC-USDT-PERP              perpetual (linear; BTC-USD-SWAP is the inverse one)
 *   BTC-USD-220527           BTC-USD-20220527           future, expires 08:00 UTC that day
 *   BTC-USD-220527-30000-C   BTC-USD-20220527-30000-C   option (call; -P put)
 * </pre>
 * An id of any other shape is kept as its own canonical symbol, kind spot, until the instrument metadata says more.
 * Cold path: called once per instrument.
 */
public final class OkxSymbols implements SymbolCanonicalizer
{
    private static final LocalTime EXPIRY_TIME_UTC = LocalTime.of(8, 0);
    private static final long NS_PER_S = 1_000_000_000L;

    @Override
    public InstrumentDefinition define(final int instrumentId, final Venue venue, final String venueSymbol)
    {
        final String[] parts = venueSymbol.split("-", -1);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty())
        {
            return InstrumentDefinition.of(instrumentId, venue, venueSymbol, venueSymbol, "", "", InstrumentKind.SPOT);
        }
        final String base = parts[0];
        final String quote = parts[1];
        final String stem = base + "-" + quote;
        if (parts.length == 2)
        {
            return InstrumentDefinition.of(instrumentId, venue, venueSymbol, stem, base, quote, InstrumentKind.SPOT);
        }
        if (parts.length == 3 && "SWAP".equals(parts[2]))
        {
            return InstrumentDefinition.of(
                instrumentId, venue, venueSymbol, stem + "-PERP", base, quote, InstrumentKind.PERPETUAL);
        }
        final LocalDate expiry = expiryOf(parts[2]);
        if (expiry == null)
        {
            return InstrumentDefinition.of(instrumentId, venue, venueSymbol, venueSymbol, base, quote,
                InstrumentKind.SPOT);
        }
        final String date = expiry.toString().replace("-", "");
        final long expiryNs = expiry.atTime(EXPIRY_TIME_UTC).toEpochSecond(ZoneOffset.UTC) * NS_PER_S;
        if (parts.length == 3)
        {
            return new InstrumentDefinition(instrumentId, venue, venueSymbol, stem + "-" + date, base, quote,
                InstrumentKind.FUTURE, expiryNs, Long.MIN_VALUE, 0, OptionType.NULL_VAL);
        }
        final OptionType optionType = parts.length == 5 ? optionTypeOf(parts[4]) : null;
        final BigDecimal strike = optionType != null ? strikeOf(parts[3]) : null;
        if (strike == null)
        {
            return InstrumentDefinition.of(instrumentId, venue, venueSymbol, venueSymbol, base, quote,
                InstrumentKind.SPOT);
        }
        return new InstrumentDefinition(instrumentId, venue, venueSymbol,
            stem + "-" + date + "-" + strike.toPlainString() + "-" + parts[4], base, quote, InstrumentKind.OPTION,
            expiryNs, strike.unscaledValue().longValueExact(), -strike.scale(), optionType);
    }

    private static OptionType optionTypeOf(final String letter)
    {
        return "C".equals(letter) ? OptionType.CALL : "P".equals(letter) ? OptionType.PUT : null;
    }

    private static BigDecimal strikeOf(final String text)
    {
        try
        {
            final BigDecimal strike = new BigDecimal(text);
            if (strike.signum() <= 0 || strike.scale() > 18 || strike.scale() < -18 || strike.precision() > 18)
            {
                return null;
            }
            return strike;
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
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
