/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * Bybit v5 symbol conventions, turned into the canonical ones of {@code JSONL.md}. The venue symbol is the one
 * {@link BybitDecoder} builds: the connection's category, a colon, and Bybit's symbol.
 * <pre>
 *   spot:BTCUSDT                  BTC-USDT                    spot
 *   linear:BTCUSDT                BTC-USDT-PERP               USDT perpetual
 *   linear:BTCPERP                BTC-USDC-PERP               USDC perpetual
 *   linear:BTC-28MAR25            BTC-USDC-20250328           USDC future
 *   linear:BTCUSDT-28MAR25        BTC-USDT-20250328           USDT future
 *   inverse:BTCUSD                BTC-USD-PERP                inverse perpetual
 *   inverse:BTCUSDH25             BTC-USD-20250328            inverse future: month code, year; last Friday
 *   option:BTC-6JAN23-17500-C     BTC-USDC-20230106-17500-C   USDC option
 *   option:BTC-30AUG24-50000-C-USDT  BTC-USDT-20240830-50000-C  USDT option
 * </pre>
 * Futures and options expire at 08:00 UTC. Linear and inverse symbols are read by their shape, not by the category:
 * Bybit never gives a linear and an inverse contract the same symbol, so a capture decoded with the wrong one of the
 * two still gets the right instrument. A symbol of no known shape keeps a canonical symbol made of the category and
 * the symbol ({@code LINEAR:XYZ}), which stays unique, with base and quote left empty and the kind the category
 * implies (perpetual for linear and inverse); a venue symbol without a category is kept as it is, upper case, as spot.
 */
public final class BybitSymbols implements SymbolCanonicalizer
{
    private static final String[] QUOTES = {
        "USDT", "USDC", "USDE", "USD1", "FDUSD", "PYUSD", "DAI", "EUR", "BRL", "PLN", "TRY", "BTC", "ETH", "MNT",
        "USD" };

    private static final String MONTH_CODES = "FGHJKMNQUVXZ";
    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
    private static final LocalTime EXPIRY_TIME_UTC = LocalTime.of(8, 0);
    private static final long NS_PER_SECOND = 1_000_000_000L;

    @Override
    public InstrumentDefinition define(final int instrumentId, final Venue venue, final String venueSymbol)
    {
        final int colon = venueSymbol.indexOf(':');
        BybitCategory category = null;
        if (colon > 0)
        {
            try
            {
                category = BybitCategory.parse(venueSymbol.substring(0, colon));
            }
            catch (final IllegalArgumentException ex)
            {
                category = null;
            }
        }
        if (category == null)
        {
            return InstrumentDefinition.of(instrumentId, venue, venueSymbol, venueSymbol.toUpperCase(Locale.ROOT), "",
                "", InstrumentKind.SPOT);
        }
        final String symbol = venueSymbol.substring(colon + 1);
        final InstrumentDefinition definition;
        switch (category)
        {
            case SPOT:
                definition = spot(instrumentId, venue, venueSymbol, symbol);
                break;
            case OPTION:
                definition = option(instrumentId, venue, venueSymbol, symbol);
                break;
            default:
                definition = contract(instrumentId, venue, venueSymbol, symbol);
                break;
        }
        if (definition != null)
        {
            return definition;
        }
        final InstrumentKind kind = category == BybitCategory.SPOT ? InstrumentKind.SPOT :
            category == BybitCategory.OPTION ? InstrumentKind.OPTION : InstrumentKind.PERPETUAL;
        return InstrumentDefinition.of(
            instrumentId, venue, venueSymbol, category.name() + ':' + symbol, "", "", kind);
    }

    private static InstrumentDefinition spot(
        final int id, final Venue venue, final String venueSymbol, final String symbol)
    {
        final String quote = quoteOf(symbol);
        if (quote.isEmpty())
        {
            return null;
        }
        final String base = symbol.substring(0, symbol.length() - quote.length());
        return InstrumentDefinition.of(id, venue, venueSymbol, base + '-' + quote, base, quote, InstrumentKind.SPOT);
    }

    /**
     * Linear and inverse contracts.
     */
    private static InstrumentDefinition contract(
        final int id, final Venue venue, final String venueSymbol, final String symbol)
    {
        final int dash = symbol.indexOf('-');
        if (dash > 0)
        {
            // a dated future: BTC-28MAR25 (USDC) or BTCUSDT-28MAR25
            final LocalDate expiry = dayMonthYear(symbol.substring(dash + 1));
            final String pair = symbol.substring(0, dash);
            final String quote = quoteOf(pair);
            final String base = quote.isEmpty() ? pair : pair.substring(0, pair.length() - quote.length());
            if (expiry == null || !isAsset(base))
            {
                return null;
            }
            return future(id, venue, venueSymbol, base, quote.isEmpty() ? "USDC" : quote, expiry);
        }
        if (symbol.endsWith("PERP") && symbol.length() > 4)
        {
            final String base = symbol.substring(0, symbol.length() - 4);
            return isAsset(base) ? InstrumentDefinition.of(
                id, venue, venueSymbol, base + "-USDC-PERP", base, "USDC", InstrumentKind.PERPETUAL) : null;
        }
        final int usd = symbol.lastIndexOf("USD");
        if (usd > 0 && symbol.length() == usd + 6 && MONTH_CODES.indexOf(symbol.charAt(usd + 3)) >= 0 &&
            Character.isDigit(symbol.charAt(usd + 4)) && Character.isDigit(symbol.charAt(usd + 5)))
        {
            // an inverse future: BTCUSDH25, expiring on the last Friday of March 2025
            final int month = MONTH_CODES.indexOf(symbol.charAt(usd + 3)) + 1;
            final int year = 2000 + Integer.parseInt(symbol.substring(usd + 4));
            final LocalDate expiry = LocalDate.of(year, month, 1)
                .with(TemporalAdjusters.lastInMonth(DayOfWeek.FRIDAY));
            return future(id, venue, venueSymbol, symbol.substring(0, usd), "USD", expiry);
        }
        final String quote = quoteOf(symbol);
        if (quote.isEmpty())
        {
            return null;
        }
        final String base = symbol.substring(0, symbol.length() - quote.length());
        return InstrumentDefinition.of(
            id, venue, venueSymbol, base + '-' + quote + "-PERP", base, quote, InstrumentKind.PERPETUAL);
    }

    private static InstrumentDefinition option(
        final int id, final Venue venue, final String venueSymbol, final String symbol)
    {
        final String[] parts = symbol.split("-", -1);
        if (parts.length != 4 && parts.length != 5)
        {
            return null;
        }
        final String base = parts[0];
        final LocalDate expiry = dayMonthYear(parts[1]);
        final OptionType type = "C".equals(parts[3]) ? OptionType.CALL : "P".equals(parts[3]) ? OptionType.PUT : null;
        final String quote = parts.length == 5 ? parts[4] : "USDC";
        if (!isAsset(base) || expiry == null || type == null || !isAsset(quote) ||
            !parts[2].matches("[0-9]+(\\.[0-9]+)?"))
        {
            return null;
        }
        final BigDecimal strike = new BigDecimal(parts[2]).stripTrailingZeros();
        final BigDecimal whole = strike.scale() < 0 ? strike.setScale(0) : strike;
        final String canonical = base + '-' + quote + '-' + yyyymmdd(expiry) + '-' + whole.toPlainString() + '-' +
            parts[3];
        return new InstrumentDefinition(
            id, venue, venueSymbol, canonical, base, quote, InstrumentKind.OPTION, expiryNs(expiry),
            whole.unscaledValue().longValueExact(), -whole.scale(), type);
    }

    private static InstrumentDefinition future(
        final int id,
        final Venue venue,
        final String venueSymbol,
        final String base,
        final String quote,
        final LocalDate expiry)
    {
        return new InstrumentDefinition(
            id, venue, venueSymbol, base + '-' + quote + '-' + yyyymmdd(expiry), base, quote, InstrumentKind.FUTURE,
            expiryNs(expiry), Long.MIN_VALUE, 0, OptionType.NULL_VAL);
    }

    /**
     * @param pair e.g. {@code BTCUSDT}.
     * @return the longest known quote asset it ends with (leaving a base), or empty.
     */
    static String quoteOf(final String pair)
    {
        String best = "";
        for (final String quote : QUOTES)
        {
            if (pair.length() > quote.length() && pair.endsWith(quote) && quote.length() > best.length() &&
                isAsset(pair.substring(0, pair.length() - quote.length())))
            {
                best = quote;
            }
        }
        return best;
    }

    /**
     * @param text e.g. {@code 6JAN23} or {@code 28MAR25}.
     * @return the date, or null.
     */
    static LocalDate dayMonthYear(final String text)
    {
        if (text.length() < 6 || text.length() > 7)
        {
            return null;
        }
        final int monthStart = text.length() - 5;
        final String day = text.substring(0, monthStart);
        final String month = text.substring(monthStart, monthStart + 3);
        final String year = text.substring(monthStart + 3);
        if (!day.chars().allMatch(Character::isDigit) || !year.chars().allMatch(Character::isDigit))
        {
            return null;
        }
        for (int m = 0; m < MONTHS.length; m++)
        {
            if (MONTHS[m].equals(month))
            {
                try
                {
                    return LocalDate.of(2000 + Integer.parseInt(year), m + 1, Integer.parseInt(day));
                }
                catch (final DateTimeException ex)
                {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean isAsset(final String text)
    {
        if (text.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }
        return true;
    }

    private static String yyyymmdd(final LocalDate date)
    {
        return String.format(Locale.ROOT, "%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    private static long expiryNs(final LocalDate date)
    {
        return date.atTime(EXPIRY_TIME_UTC).toEpochSecond(ZoneOffset.UTC) * NS_PER_SECOND;
    }
}
