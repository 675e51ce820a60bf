/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.instrument.MetadataParser;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.marketprism.feeds.instrument.MetadataValues.date;
import static io.marketprism.feeds.instrument.MetadataValues.decimal;
import static io.marketprism.feeds.instrument.MetadataValues.exponent;
import static io.marketprism.feeds.instrument.MetadataValues.mantissa;
import static io.marketprism.feeds.instrument.MetadataValues.ns;
import static io.marketprism.feeds.instrument.MetadataValues.required;
import static io.marketprism.feeds.instrument.MetadataValues.text;
import static io.marketprism.feeds.instrument.MetadataValues.withSizes;

/**
 * Deribit {@code /api/v2/public/get_instruments} (one response per currency) to instrument definitions, with the
 * canonical symbols {@link DeribitSymbols} gives the same names. {@code kind} decides the shape: {@code future} with
 * {@code settlement_period} {@code perpetual} is {@code <base>-<quote>-PERP}, another {@code future} is
 * {@code <base>-<quote>-<expiry date>}, an {@code option} {@code <base>-<quote>-<expiry date>-<strike>-<C|P>},
 * {@code spot} {@code <base>-<quote>}; the combos ({@code future_combo}, {@code option_combo}) keep the venue's name.
 * The date is the UTC date of {@code expiration_timestamp} (08:00 UTC).
 * <p>
 * Base is {@code base_currency}. The quote is the currency prices are quoted or strikes are struck in, which is not
 * always {@code quote_currency}: the coin-settled options give the coin there (BTC options: {@code BTC}) while their
 * strikes are in USD. So the quote is {@code counter_currency} where the response has it (2022 and later), else
 * {@code quote_currency} unless that is the base itself, else {@code USD}, the index currency of every coin-settled
 * Deribit instrument. Tick size is {@code tick_size} (the coarser {@code tick_size_steps} some options use above a
 * price are not kept), lot size {@code min_trade_amount}, contract size {@code contract_size}.
 */
public final class DeribitInstruments implements MetadataParser
{
    private static final String COIN_SETTLED_QUOTE = "USD";

    @Override
    public List<InstrumentDefinition> parse(final JsonNode response)
    {
        final JsonNode result = response.get("result");
        if (result == null || !result.isArray())
        {
            throw new IllegalArgumentException("not a get_instruments response: no result array" +
                (response.has("error") ? ", error " + response.get("error") : ""));
        }
        final List<InstrumentDefinition> definitions = new ArrayList<>(result.size());
        for (final JsonNode instrument : result)
        {
            definitions.add(definition(instrument));
        }
        return definitions;
    }

    private static InstrumentDefinition definition(final JsonNode node)
    {
        final String name = required(node.get("instrument_name"), "instrument_name");
        final String kind = required(node.get("kind"), "kind");
        final String base = required(node.get("base_currency"), "base_currency");
        final String quote = quote(node, base);
        final String stem = base + "-" + quote;
        final BigDecimal tick = decimal(node.get("tick_size"));
        final BigDecimal lot = decimal(node.get("min_trade_amount"));
        final BigDecimal contract = decimal(node.get("contract_size"));

        final InstrumentDefinition definition;
        switch (kind)
        {
            case "spot":
                definition = InstrumentDefinition.of(0, Venue.DERIBIT, name, stem, base, quote, InstrumentKind.SPOT);
                break;
            case "future":
                if ("perpetual".equals(text(node.get("settlement_period"))))
                {
                    definition = InstrumentDefinition.of(
                        0, Venue.DERIBIT, name, stem + "-PERP", base, quote, InstrumentKind.PERPETUAL);
                }
                else
                {
                    final long expiryMs = expiryMs(node, name);
                    definition = new InstrumentDefinition(0, Venue.DERIBIT, name, stem + "-" + date(expiryMs),
                        base, quote, InstrumentKind.FUTURE, ns(expiryMs), Long.MIN_VALUE, 0, OptionType.NULL_VAL);
                }
                break;
            case "option":
                definition = option(node, name, stem, base, quote);
                break;
            case "future_combo":
            case "option_combo":
                definition = new InstrumentDefinition(0, Venue.DERIBIT, name, name.toUpperCase(Locale.ROOT), base,
                    quote, "future_combo".equals(kind) ? InstrumentKind.FUTURE : InstrumentKind.OPTION,
                    ns(expiryMs(node, name)), Long.MIN_VALUE, 0, OptionType.NULL_VAL);
                break;
            default:
                throw new IllegalArgumentException(name + ": unknown kind " + kind);
        }
        return withSizes(definition, tick, lot, contract);
    }

    private static InstrumentDefinition option(
        final JsonNode node, final String name, final String stem, final String base, final String quote)
    {
        final long expiryMs = expiryMs(node, name);
        final BigDecimal strike = decimal(node.get("strike"));
        final String optionType = text(node.get("option_type"));
        if (strike == null || strike.signum() <= 0 || !("call".equals(optionType) || "put".equals(optionType)))
        {
            throw new IllegalArgumentException(name + ": an option without strike or option_type");
        }
        final boolean call = "call".equals(optionType);
        return new InstrumentDefinition(0, Venue.DERIBIT, name,
            stem + "-" + date(expiryMs) + "-" + strike.toPlainString() + (call ? "-C" : "-P"), base, quote,
            InstrumentKind.OPTION, ns(expiryMs), mantissa(strike), exponent(strike),
            call ? OptionType.CALL : OptionType.PUT);
    }

    private static String quote(final JsonNode node, final String base)
    {
        final String counter = text(node.get("counter_currency"));
        if (!counter.isEmpty())
        {
            return counter;
        }
        final String quote = required(node.get("quote_currency"), "quote_currency");
        return quote.equals(base) ? COIN_SETTLED_QUOTE : quote;
    }

    private static long expiryMs(final JsonNode node, final String name)
    {
        final long expiryMs = node.path("expiration_timestamp").asLong(0);
        if (expiryMs <= 0)
        {
            throw new IllegalArgumentException(name + ": an expiring instrument without expiration_timestamp");
        }
        return expiryMs;
    }
}
