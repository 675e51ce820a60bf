/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.instrument.MetadataParser;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.marketprism.feeds.instrument.MetadataValues.date;
import static io.marketprism.feeds.instrument.MetadataValues.decimal;
import static io.marketprism.feeds.instrument.MetadataValues.ns;
import static io.marketprism.feeds.instrument.MetadataValues.required;
import static io.marketprism.feeds.instrument.MetadataValues.text;
import static io.marketprism.feeds.instrument.MetadataValues.withSizes;

/**
 * Kraken Futures {@code /derivatives/api/v3/instruments} to instrument definitions. The product id names the pair and
 * whether the contract is inverse ({@code PI_}, {@code FI_}) or linear ({@code PF_}, {@code FF_}), read as
 * {@link KrakenFuturesSymbols} reads it, so both give one canonical symbol: {@code PF_XBTUSD} is
 * {@code BTC-USD-PERP-USD}, the linear contracts carrying their settlement currency. The metadata adds what the name
 * cannot say for sure: a contract with {@code lastTradingTime} is a future expiring then (its UTC date in the symbol),
 * one without is perpetual; tick size {@code tickSize}, contract size {@code contractSize}, lot size one unit of
 * {@code contractValueTradePrecision} where given (newer responses; the 2021 ones have no lot size). Ids the
 * conventions do not read (legacy vanilla {@code PV_}/{@code FV_} contracts) keep the id, in upper case, as the
 * canonical symbol. Indices ({@code type} {@code spot index}: {@code in_xbtusd}, {@code rr_xbtusd}) have no book, no
 * tick size and no trades, and are skipped.
 */
public final class KrakenFuturesInstruments implements MetadataParser
{
    private final KrakenFuturesSymbols symbols = new KrakenFuturesSymbols();

    @Override
    public List<InstrumentDefinition> parse(final JsonNode response)
    {
        final JsonNode instruments = response.get("instruments");
        if (instruments == null || !instruments.isArray())
        {
            throw new IllegalArgumentException("not an instruments response: no instruments array" +
                (response.has("error") ? ", error " + response.get("error") : ""));
        }
        final List<InstrumentDefinition> definitions = new ArrayList<>(instruments.size());
        for (final JsonNode instrument : instruments)
        {
            if (!text(instrument.get("type")).toLowerCase(Locale.ROOT).contains("index"))
            {
                definitions.add(definition(instrument));
            }
        }
        return definitions;
    }

    private InstrumentDefinition definition(final JsonNode node)
    {
        final String symbol = required(node.get("symbol"), "symbol");
        final InstrumentDefinition named = symbols.define(0, Venue.KRAKEN_FUTURES, symbol);
        final String lastTradingTime = text(node.get("lastTradingTime"));
        final long expiryMs = lastTradingTime.isEmpty() ? 0 : epochMs(symbol, lastTradingTime);
        final InstrumentKind kind = expiryMs == 0 ? InstrumentKind.PERPETUAL : InstrumentKind.FUTURE;

        final String canonical;
        if (named.base().isEmpty())
        {
            canonical = named.symbol();
        }
        else
        {
            final String prefix = symbol.substring(0, 2).toUpperCase(Locale.ROOT);
            final boolean linear = "PF".equals(prefix) || "FF".equals(prefix);
            canonical = named.base() + "-" + named.quote() + (expiryMs == 0 ? "-PERP" : "-" + date(expiryMs)) +
                (linear ? "-" + named.quote() : "");
        }
        final InstrumentDefinition definition = new InstrumentDefinition(0, Venue.KRAKEN_FUTURES, symbol, canonical,
            named.base(), named.quote(), kind, expiryMs == 0 ? InstrumentDefinition.NO_EXPIRY : ns(expiryMs),
            Long.MIN_VALUE, 0, OptionType.NULL_VAL);
        return withSizes(
            definition, decimal(node.get("tickSize")), lot(node, symbol), decimal(node.get("contractSize")));
    }

    private static long epochMs(final String symbol, final String time)
    {
        try
        {
            return Instant.parse(time).toEpochMilli();
        }
        catch (final DateTimeException ex)
        {
            throw new IllegalArgumentException(symbol + ": lastTradingTime is not a time: " + time, ex);
        }
    }

    /**
     * @return 10^-contractValueTradePrecision, or null when absent.
     */
    private static BigDecimal lot(final JsonNode node, final String symbol)
    {
        final JsonNode precision = node.get("contractValueTradePrecision");
        if (precision == null || precision.isNull())
        {
            return null;
        }
        if (!precision.isIntegralNumber() || Math.abs(precision.asLong()) > 18)
        {
            throw new IllegalArgumentException(symbol + ": contractValueTradePrecision is not a number of decimals: " +
                precision);
        }
        return BigDecimal.ONE.movePointLeft(precision.asInt());
    }
}
