/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.instrument.MetadataParser;
import io.marketprism.sbe.Venue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.marketprism.feeds.instrument.MetadataValues.decimal;
import static io.marketprism.feeds.instrument.MetadataValues.text;
import static io.marketprism.feeds.instrument.MetadataValues.withSizes;

/**
 * Kraken spot {@code /0/public/AssetPairs} to instrument definitions. The WebSocket (v1) names a pair by its
 * {@code wsname} ({@code XBT/USD}), so that is the venue symbol, and the canonical symbol is what {@link KrakenSymbols}
 * makes of it ({@code BTC-USD}); the REST keys ({@code XXBTZUSD}) and asset codes ({@code XXBT}, {@code ZUSD}) never
 * appear on the stream. Pairs without a {@code wsname} (the {@code .d} dark-pool duplicates such as
 * {@code XXBTZUSD.d}) cannot be subscribed to and are skipped.
 * <p>
 * Tick size is {@code tick_size} where the response has it (newer responses), else one unit of
 * {@code pair_decimals}; lot size one unit of {@code lot_decimals}. The book stream does not always price at
 * {@code pair_decimals}: in the 2021 recording XBT/CHF sends 5 decimals where {@code pair_decimals} is 1 (XMR/USD 8
 * vs 2, ETH/CHF 5 vs 2, ADA/XBT 9 vs 8), so the book checksum learns its decimals from the snapshot, not from here.
 */
public final class KrakenInstruments implements MetadataParser
{
    private final KrakenSymbols symbols = new KrakenSymbols();

    @Override
    public List<InstrumentDefinition> parse(final JsonNode response)
    {
        final JsonNode errors = response.path("error");
        if (errors.isArray() && !errors.isEmpty())
        {
            throw new IllegalArgumentException("AssetPairs error " + errors);
        }
        final JsonNode result = response.get("result");
        if (result == null || !result.isObject())
        {
            throw new IllegalArgumentException("not an AssetPairs response: no result object");
        }
        final List<InstrumentDefinition> definitions = new ArrayList<>(result.size());
        final Iterator<Map.Entry<String, JsonNode>> pairs = result.fields();
        while (pairs.hasNext())
        {
            final Map.Entry<String, JsonNode> pair = pairs.next();
            final String wsname = text(pair.getValue().get("wsname"));
            if (!wsname.isEmpty())
            {
                definitions.add(definition(pair.getKey(), wsname, pair.getValue()));
            }
        }
        return definitions;
    }

    private InstrumentDefinition definition(final String key, final String wsname, final JsonNode node)
    {
        final InstrumentDefinition named = symbols.define(0, Venue.KRAKEN, wsname);
        if (named.base().isEmpty())
        {
            throw new IllegalArgumentException(key + ": wsname is not BASE/QUOTE: " + wsname);
        }
        final BigDecimal tickSize = decimal(node.get("tick_size"));
        final BigDecimal tick = tickSize != null ? tickSize : unit(node, "pair_decimals", key);
        return withSizes(named, tick, unit(node, "lot_decimals", key), null);
    }

    /**
     * @return 10^-decimals, or null when the field is absent.
     */
    private static BigDecimal unit(final JsonNode node, final String field, final String key)
    {
        final JsonNode decimals = node.get(field);
        if (decimals == null || decimals.isNull())
        {
            return null;
        }
        if (!decimals.isIntegralNumber() || decimals.asLong() < 0 || decimals.asLong() > 18)
        {
            throw new IllegalArgumentException(key + ": " + field + " is not a number of decimals: " + decimals);
        }
        return BigDecimal.ONE.movePointLeft(decimals.asInt());
    }
}
