/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.instrument.MetadataParser;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.marketprism.feeds.instrument.MetadataValues.decimal;
import static io.marketprism.feeds.instrument.MetadataValues.exponent;
import static io.marketprism.feeds.instrument.MetadataValues.mantissa;
import static io.marketprism.feeds.instrument.MetadataValues.ns;
import static io.marketprism.feeds.instrument.MetadataValues.required;
import static io.marketprism.feeds.instrument.MetadataValues.text;
import static io.marketprism.feeds.instrument.MetadataValues.withSizes;

/**
 * Bybit v5 {@code /v5/market/instruments-info} to instrument definitions: {@code {"retCode":0,"result":{"category":..,
 * "list":[..]}}}, one category per response. The venue symbol is the category, a colon and {@code symbol}
 * ({@code linear:BTCUSDT}), as {@link BybitDecoder} writes it; the canonical symbol, base, quote and kind are what
 * {@link BybitSymbols} makes of it, so metadata renames nothing, and the metadata adds:
 * <ul>
 *   <li>tick size {@code priceFilter.tickSize};</li>
 *   <li>lot size {@code lotSizeFilter.qtyStep} (linear, inverse, option), else {@code lotSizeFilter.basePrecision}
 *       (spot);</li>
 *   <li>the exact expiry {@code deliveryTime} (ms) of a future ({@code contractType} {@code LinearFutures} or
 *       {@code InverseFutures}) and of an option; a perpetual's {@code deliveryTime} is a delisting time, not an
 *       expiry, and is not read;</li>
 *   <li>for an option, the type {@code optionsType} ({@code Call}/{@code Put}), which must agree with the symbol's,
 *       and the strike read from the symbol ({@code BTC-27DEC24-100000-C}), which is the only place Bybit gives
 *       it.</li>
 * </ul>
 * Bybit gives no contract size (linear contracts are quoted in the base coin, inverse ones are 1 USD): it is left
 * unknown. A symbol whose shape {@link BybitSymbols} does not know keeps its fallback name ({@code LINEAR:XYZ}), with
 * the base and quote from {@code baseCoin} and {@code quoteCoin}. A response with a {@code retCode} other than 0, or
 * without a known category, is refused.
 */
public final class BybitInstruments implements MetadataParser
{
    private final BybitSymbols byName = new BybitSymbols();

    @Override
    public List<InstrumentDefinition> parse(final JsonNode response)
    {
        final JsonNode retCode = response.get("retCode");
        if (retCode != null && retCode.asLong(-1) != 0)
        {
            throw new IllegalArgumentException("an error response: retCode " + retCode + " " +
                text(response.get("retMsg")));
        }
        final JsonNode result = response.get("result");
        if (result == null || !result.isObject() || !result.has("list") || !result.get("list").isArray())
        {
            throw new IllegalArgumentException("not an instruments-info response: no result.list array");
        }
        final BybitCategory category = BybitCategory.parse(required(result.get("category"), "result.category"));
        final JsonNode list = result.get("list");
        final List<InstrumentDefinition> definitions = new ArrayList<>(list.size());
        for (final JsonNode instrument : list)
        {
            definitions.add(definition(category, instrument));
        }
        return definitions;
    }

    private InstrumentDefinition definition(final BybitCategory category, final JsonNode node)
    {
        final String symbol = required(node.get("symbol"), "symbol");
        final String venueSymbol = category.prefix() + symbol;
        final JsonNode priceFilter = node.path("priceFilter");
        final JsonNode lotSizeFilter = node.path("lotSizeFilter");
        final BigDecimal tick = decimal(priceFilter.get("tickSize"));
        final BigDecimal qtyStep = decimal(lotSizeFilter.get("qtyStep"));
        final BigDecimal lot = qtyStep != null ? qtyStep : decimal(lotSizeFilter.get("basePrecision"));

        InstrumentDefinition named = byName.define(0, Venue.BYBIT, venueSymbol);
        if (named.base().isEmpty())
        {
            // a shape the names do not know: keep its (unique) fallback name, take the assets from the metadata
            named = new InstrumentDefinition(0, Venue.BYBIT, venueSymbol, named.symbol(),
                text(node.get("baseCoin")), text(node.get("quoteCoin")), named.kind(), named.expiryTsNs(),
                Long.MIN_VALUE, 0, OptionType.NULL_VAL);
        }
        final String contractType = text(node.get("contractType"));
        final boolean dated = category == BybitCategory.OPTION || "LinearFutures".equals(contractType) ||
            "InverseFutures".equals(contractType);
        if (!dated)
        {
            return withSizes(named, tick, lot, null);
        }
        final long deliveryMs = Long.parseLong(required(node.get("deliveryTime"), "deliveryTime"));
        OptionType optionType = named.optionType();
        if (category == BybitCategory.OPTION)
        {
            final String type = text(node.get("optionsType"));
            final OptionType given = "Call".equals(type) ? OptionType.CALL : "Put".equals(type) ? OptionType.PUT :
                null;
            if (given == null || (optionType != OptionType.NULL_VAL && optionType != given))
            {
                throw new IllegalArgumentException(symbol + ": optionsType '" + type + "' is not the symbol's");
            }
            optionType = given;
        }
        final BigDecimal strike = named.kind() == InstrumentKind.OPTION ? strike(symbol) : null;
        final InstrumentDefinition exact = new InstrumentDefinition(0, Venue.BYBIT, venueSymbol, named.symbol(),
            named.base(), named.quote(), named.kind(), deliveryMs > 0 ? ns(deliveryMs) : named.expiryTsNs(),
            mantissa(strike), exponent(strike), optionType);
        return withSizes(exact, tick, lot, null);
    }

    /**
     * @param symbol an option symbol, {@code BASE-DMMMYY-STRIKE-C|P[-QUOTE]}.
     * @return its strike, or null when the third part is not a number.
     */
    private static BigDecimal strike(final String symbol)
    {
        final String[] parts = symbol.split("-", -1);
        if (parts.length < 4 || !parts[2].matches("[0-9]+(\\.[0-9]+)?"))
        {
            return null;
        }
        final BigDecimal strike = new BigDecimal(parts[2]).stripTrailingZeros();
        return strike.scale() < 0 ? strike.setScale(0) : strike;
    }
}
