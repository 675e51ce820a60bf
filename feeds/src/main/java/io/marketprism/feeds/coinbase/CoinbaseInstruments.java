/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.instrument.MetadataParser;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.Venue;

import java.util.ArrayList;
import java.util.List;

import static io.marketprism.feeds.instrument.MetadataValues.decimal;
import static io.marketprism.feeds.instrument.MetadataValues.required;
import static io.marketprism.feeds.instrument.MetadataValues.withSizes;

/**
 * Coinbase Exchange (formerly Pro) {@code /products} to instrument definitions: a JSON array of spot products, each
 * {@code id} ({@code BTC-USD}, the symbol the WebSocket uses), {@code base_currency}, {@code quote_currency}; the
 * canonical symbol is {@code <base>-<quote>}. Tick size is {@code quote_increment}, lot size {@code base_increment}.
 * Advanced Trade's {@code /api/v3/brokerage/market/products} (an object with a {@code products} array, with futures
 * and INTX perpetuals) is a different response and is refused here.
 */
public final class CoinbaseInstruments implements MetadataParser
{
    @Override
    public List<InstrumentDefinition> parse(final JsonNode response)
    {
        if (!response.isArray())
        {
            throw new IllegalArgumentException("not a products response: not an array of products");
        }
        final List<InstrumentDefinition> definitions = new ArrayList<>(response.size());
        for (final JsonNode product : response)
        {
            final String id = required(product.get("id"), "id");
            final String base = required(product.get("base_currency"), "base_currency");
            final String quote = required(product.get("quote_currency"), "quote_currency");
            definitions.add(withSizes(
                InstrumentDefinition.of(0, Venue.COINBASE, id, base + "-" + quote, base, quote, InstrumentKind.SPOT),
                decimal(product.get("quote_increment")), decimal(product.get("base_increment")), null));
        }
        return definitions;
    }
}
