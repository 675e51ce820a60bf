/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.deribit;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Deribit instrument names, turned into the canonical symbols of {@code JSONL.md}:
 * <pre>
 *   BTC-PERPETUAL          BTC-USD-PERP               perpetual, inverse (settled in BTC, quoted in USD)
 *   ETH-30JUL21            ETH-USD-20210730           future, inverse; expires 08:00 UTC that day
 *   BTC-24SEP21-8000-P     BTC-USD-20210924-8000-P    option (priced in BTC, struck in USD)
 *   BTC_USDC-PERPETUAL     BTC-USDC-PERP              perpetual, linear (settled in USDC)
 *   XRP_USDC-26JUL24-0d625-C  XRP-USDC-20240726-0.625-C  linear option; Deribit writes a strike's point as d
 *   BTC_USDC               BTC-USDC                   spot
 *   BTC_USD-DVOL           BTC-USD-DVOL               volatility index btc_usd (DeribitDecoder's name for it)
 * </pre>
 * The quote is the currency the instrument is quoted or struck in, taken from the name: {@code USD} for the
 * coin-settled (inverse) instruments, whose API {@code quote_currency} is the coin for options, and the currency
 * after the underscore for the linear ones. Combos ({@code BTC-FS-...}, {@code BTC-CS-...}) and any other name keep
 * the venue's name as the canonical symbol, which stays unique. Case does not matter.
 */
public final class DeribitSymbols implements SymbolCanonicalizer
{
    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
    private static final long DELIVERY_SECOND_OF_DAY = 8 * 3600L;
    private static final long NS_PER_SECOND = 1_000_000_000L;

    @Override
    public InstrumentDefinition define(final int instrumentId, final Venue venue, final String venueSymbol)
    {
        final String name = venueSymbol.toUpperCase(Locale.ROOT);
        final String[] parts = name.split("-", -1);
        final int underscore = parts[0].indexOf('_');
        final String base = underscore < 0 ? parts[0] : parts[0].substring(0, underscore);
        final String quote = underscore < 0 ? "USD" : parts[0].substring(underscore + 1);
        if (!isAlphanumeric(base) || !isAlphanumeric(quote))
        {
            return fallback(instrumentId, venue, venueSymbol, name);
        }
        final String stem = base + "-" + quote;

        if (parts.length == 1)
        {
            return underscore < 0 ? fallback(instrumentId, venue, venueSymbol, name) :
                InstrumentDefinition.of(instrumentId, venue, venueSymbol, stem, base, quote, InstrumentKind.SPOT);
        }
        if (parts.length == 2 && "DVOL".equals(parts[1]) && underscore >= 0)
        {
            // a volatility index, named as DeribitDecoder names it: not traded, kept with the spot kind
            return InstrumentDefinition.of(
                instrumentId, venue, venueSymbol, stem + "-DVOL", base, quote, InstrumentKind.SPOT);
        }
        if (parts.length == 2 && "PERPETUAL".equals(parts[1]))
        {
            return InstrumentDefinition.of(
                instrumentId, venue, venueSymbol, stem + "-PERP", base, quote, InstrumentKind.PERPETUAL);
        }
        final LocalDate expiry = expiry(parts[1]);
        if (expiry == null)
        {
            return fallback(instrumentId, venue, venueSymbol, name);
        }
        final String dated = stem + "-" + expiry.toString().replace("-", "");
        final long expiryNs = (expiry.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + DELIVERY_SECOND_OF_DAY) *
            NS_PER_SECOND;
        if (parts.length == 2)
        {
            return new InstrumentDefinition(instrumentId, venue, venueSymbol, dated, base, quote,
                InstrumentKind.FUTURE, expiryNs, Long.MIN_VALUE, 0, OptionType.NULL_VAL);
        }
        if (parts.length == 4 && ("C".equals(parts[3]) || "P".equals(parts[3])))
        {
            final String strike = parts[2].replace('D', '.');
            final long[] strikeValue = strike(strike);
            if (strikeValue != null)
            {
                return new InstrumentDefinition(instrumentId, venue, venueSymbol,
                    dated + "-" + strike + "-" + parts[3], base, quote, InstrumentKind.OPTION, expiryNs,
                    strikeValue[0], (int)strikeValue[1], "C".equals(parts[3]) ? OptionType.CALL : OptionType.PUT);
            }
        }
        return fallback(instrumentId, venue, venueSymbol, name);
    }

    private static InstrumentDefinition fallback(
        final int instrumentId, final Venue venue, final String venueSymbol, final String name)
    {
        final int dash = name.indexOf('-');
        final String head = dash < 0 ? name : name.substring(0, dash);
        final int underscore = head.indexOf('_');
        final String base = underscore < 0 ? head : head.substring(0, underscore);
        // combos: a future spread (FS) trades futures, the others (CS, PS, STRD, ...) options
        final InstrumentKind kind = dash < 0 ? InstrumentKind.SPOT :
            name.contains("-FS-") ? InstrumentKind.FUTURE : InstrumentKind.OPTION;
        return InstrumentDefinition.of(instrumentId, venue, venueSymbol, name, isAlphanumeric(base) ? base : "", "",
            kind);
    }

    /**
     * @param text e.g. {@code 30JUL21} or {@code 6AUG21}.
     * @return the date, or null when the text is not one.
     */
    static LocalDate expiry(final String text)
    {
        final int length = text.length();
        if (length != 6 && length != 7)
        {
            return null;
        }
        final int dayDigits = length - 5;
        final String month = text.substring(dayDigits, dayDigits + 3);
        int monthNumber = 0;
        for (int m = 0; m < MONTHS.length; m++)
        {
            if (MONTHS[m].equals(month))
            {
                monthNumber = m + 1;
            }
        }
        final String day = text.substring(0, dayDigits);
        final String year = text.substring(dayDigits + 3);
        if (monthNumber == 0 || !isDigits(day) || !isDigits(year))
        {
            return null;
        }
        try
        {
            return LocalDate.of(2000 + Integer.parseInt(year), monthNumber, Integer.parseInt(day));
        }
        catch (final DateTimeException ex)
        {
            return null;
        }
    }

    /**
     * @return {mantissa, exponent} of a plain positive decimal such as {@code 8000} or {@code 0.625}, or null.
     */
    private static long[] strike(final String text)
    {
        final int point = text.indexOf('.');
        final String digits = point < 0 ? text : text.substring(0, point) + text.substring(point + 1);
        if (digits.isEmpty() || digits.length() > 18 || !isDigits(digits) || point == 0 ||
            point == text.length() - 1 || (point >= 0 && text.indexOf('.', point + 1) >= 0) ||
            (digits.length() > 1 && text.charAt(0) == '0' && point != 1))
        {
            return null;
        }
        return new long[]{ Long.parseLong(digits), point < 0 ? 0 : -(text.length() - point - 1) };
    }

    private static boolean isDigits(final String text)
    {
        if (text.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(final String text)
    {
        if (text.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9'))
            {
                return false;
            }
        }
        return true;
    }
}
