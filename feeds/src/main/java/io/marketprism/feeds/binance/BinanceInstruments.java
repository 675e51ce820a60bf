/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.instrument.MetadataParser;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.marketprism.feeds.instrument.MetadataValues.date;
import static io.marketprism.feeds.instrument.MetadataValues.decimal;
import static io.marketprism.feeds.instrument.MetadataValues.ns;
import static io.marketprism.feeds.instrument.MetadataValues.required;
import static io.marketprism.feeds.instrument.MetadataValues.text;
import static io.marketprism.feeds.instrument.MetadataValues.withSizes;

/**
 * Binance {@code exchangeInfo} (spot {@code /api/v3}, USD-M {@code /fapi/v1}, COIN-M {@code /dapi/v1}) to
 * instrument definitions. Base and quote come from {@code baseAsset}/{@code quoteAsset}, so every symbol splits
 * exactly; a futures contract is a perpetual when {@code contractType} is {@code PERPETUAL} (or empty, for a
 * symbol without a delivery suffix: Binance lists contracts not yet trading that way) and otherwise a future
 * delivered on {@code deliveryDate}: {@code BTCUSDT_210924} is {@code BTC-USDT-20210924}. Tick size is
 * {@code PRICE_FILTER.tickSize}, lot size {@code LOT_SIZE.stepSize}, contract size COIN-M's {@code contractSize}.
 */
public final class BinanceInstruments implements MetadataParser
{
    private final Venue venue;

    /**
     * @param venue which Binance market the responses are from.
     */
    public BinanceInstruments(final Venue venue)
    {
        if (venue != Venue.BINANCE_SPOT && venue != Venue.BINANCE_USDM && venue != Venue.BINANCE_COINM)
        {
            throw new IllegalArgumentException("not a Binance venue: " + venue);
        }
        this.venue = venue;
    }

    @Override
    public List<InstrumentDefinition> parse(final JsonNode response)
    {
        final JsonNode symbols = response.get("symbols");
        if (symbols == null || !symbols.isArray())
        {
            throw new IllegalArgumentException("not an exchangeInfo response: no symbols array");
        }
        final List<InstrumentDefinition> definitions = new ArrayList<>(symbols.size());
        for (final JsonNode symbol : symbols)
        {
            definitions.add(definition(symbol));
        }
        return definitions;
    }

    private InstrumentDefinition definition(final JsonNode node)
    {
        final String venueSymbol = required(node.get("symbol"), "symbol");
        final String base = required(node.get("baseAsset"), "baseAsset");
        final String quote = required(node.get("quoteAsset"), "quote");
        final String stem = base + "-" + quote;
        final BigDecimal tick = filter(node, "PRICE_FILTER", "tickSize");
        final BigDecimal lot = filter(node, "LOT_SIZE", "stepSize");
        final BigDecimal contract = decimal(node.get("contractSize"));

        final InstrumentDefinition definition;
        final String contractType = text(node.get("contractType"));
        if (venue == Venue.BINANCE_SPOT)
        {
            definition = InstrumentDefinition.of(0, venue, venueSymbol, stem, base, quote, InstrumentKind.SPOT);
        }
        else if ("PERPETUAL".equals(contractType) || (contractType.isEmpty() && venueSymbol.indexOf('_') < 0) ||
            venueSymbol.endsWith("_PERP"))
        {
            definition = InstrumentDefinition.of(
                0, venue, venueSymbol, stem + "-PERP", base, quote, InstrumentKind.PERPETUAL);
        }
        else
        {
            final long deliveryMs = node.path("deliveryDate").asLong(0);
            if (deliveryMs <= 0)
            {
                throw new IllegalArgumentException(venueSymbol + ": a delivery contract without deliveryDate");
            }
            definition = new InstrumentDefinition(0, venue, venueSymbol, stem + "-" + date(deliveryMs), base, quote,
                InstrumentKind.FUTURE, ns(deliveryMs), Long.MIN_VALUE, 0, OptionType.NULL_VAL);
        }
        return withSizes(definition, tick, lot, contract);
    }

    private static BigDecimal filter(final JsonNode symbol, final String type, final String field)
    {
        for (final JsonNode filter : symbol.path("filters"))
        {
            if (type.equals(filter.path("filterType").asText()))
            {
                return decimal(filter.get(field));
            }
        }
        return null;
    }
}
