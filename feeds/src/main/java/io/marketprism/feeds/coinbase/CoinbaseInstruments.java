/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.instrument.MetadataParser;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import static io.marketprism.feeds.instrument.MetadataValues.decimal;
import static io.marketprism.feeds.instrument.MetadataValues.required;
import static io.marketprism.feeds.instrument.MetadataValues.text;
import static io.marketprism.feeds.instrument.MetadataValues.withSizes;

/**
 * Coinbase product lists to instrument definitions, in both shapes:
 * <ul>
 *   <li>Coinbase Exchange (formerly Pro) {@code /products}: a JSON array of spot products, each {@code id}
 *       ({@code BTC-USD}, the symbol the WebSocket uses), {@code base_currency}, {@code quote_currency}; the canonical
 *       symbol is {@code <base>-<quote>}. Tick size is {@code quote_increment}, lot size {@code base_increment}.</li>
 *   <li>Advanced Trade {@code /api/v3/brokerage/market/products} (and {@code /api/v3/brokerage/products}): an object
 *       whose {@code products} array holds, per {@code product_id}, {@code product_type} {@code SPOT} or
 *       {@code FUTURE}, {@code base_currency_id}, {@code quote_currency_id}, {@code price_increment} (else
 *       {@code quote_increment}) as tick size, {@code base_increment} as lot size and, for futures,
 *       {@code future_product_details} with {@code contract_expiry_type} ({@code EXPIRING} or {@code PERPETUAL}),
 *       {@code contract_expiry} (RFC 3339), {@code contract_size} and {@code contract_root_unit}.</li>
 * </ul>
 * Every product keeps the canonical symbol {@link CoinbaseSymbols} gives its id, so metadata adds sizes, assets and
 * expiries without renaming anything: a spot pair {@code BASE-QUOTE}, an INTX perpetual {@code BTC-USDC-PERP}, and a
 * US derivatives future (whose contract codes, {@code BIT-27DEC24-CDE}, do not say the asset) its product id, which is
 * unique where {@code <root>-<quote>-<date>} would not be (nano and full-size contracts on one asset share both). The
 * metadata then gives such a future its base ({@code contract_root_unit}), quote and exact expiry. A
 * {@code product_type} other than these is refused, not guessed.
 */
public final class CoinbaseInstruments implements MetadataParser
{
    private static final long NS_PER_SECOND = 1_000_000_000L;

    private final CoinbaseSymbols byName = new CoinbaseSymbols();

    @Override
    public List<InstrumentDefinition> parse(final JsonNode response)
    {
        if (response.isObject() && response.has("products"))
        {
            return advancedTrade(response.get("products"));
        }
        if (!response.isArray())
        {
            throw new IllegalArgumentException(
                "not a products response: neither an array of products nor an object with a products array");
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

    private List<InstrumentDefinition> advancedTrade(final JsonNode products)
    {
        if (!products.isArray())
        {
            throw new IllegalArgumentException("not a products response: products is not an array");
        }
        final List<InstrumentDefinition> definitions = new ArrayList<>(products.size());
        for (final JsonNode product : products)
        {
            definitions.add(advancedTradeProduct(product));
        }
        return definitions;
    }

    private InstrumentDefinition advancedTradeProduct(final JsonNode product)
    {
        final String id = required(product.get("product_id"), "product_id");
        final String type = required(product.get("product_type"), "product_type");
        final BigDecimal priceIncrement = decimal(product.get("price_increment"));
        final BigDecimal tick = priceIncrement != null ? priceIncrement : decimal(product.get("quote_increment"));
        final BigDecimal lot = decimal(product.get("base_increment"));
        final InstrumentDefinition named = byName.define(0, Venue.COINBASE, id);
        final String quote = text(product.get("quote_currency_id"));

        if ("SPOT".equals(type))
        {
            final InstrumentDefinition spot = named.kind() == InstrumentKind.SPOT ? named :
                InstrumentDefinition.of(0, Venue.COINBASE, id, id, text(product.get("base_currency_id")), quote,
                InstrumentKind.SPOT);
            return withSizes(spot, tick, lot, null);
        }
        if (!"FUTURE".equals(type))
        {
            throw new IllegalArgumentException(id + ": unknown product_type " + type);
        }
        final JsonNode details = product.get("future_product_details");
        if (details == null || !details.isObject())
        {
            throw new IllegalArgumentException(id + ": a future without future_product_details");
        }
        final BigDecimal contract = decimal(details.get("contract_size"));
        final String root = text(details.get("contract_root_unit"));
        final String base = root.isEmpty() ? text(product.get("base_currency_id")) : root;
        final String expiryType = text(details.get("contract_expiry_type"));
        if ("PERPETUAL".equals(expiryType))
        {
            final InstrumentDefinition perpetual = named.kind() == InstrumentKind.PERPETUAL ? named :
                InstrumentDefinition.of(0, Venue.COINBASE, id, id, base, quote, InstrumentKind.PERPETUAL);
            return withSizes(perpetual, tick, lot, contract);
        }
        if (!"EXPIRING".equals(expiryType))
        {
            throw new IllegalArgumentException(id + ": unknown contract_expiry_type " + expiryType);
        }
        final String expiry = required(details.get("contract_expiry"), "contract_expiry");
        final long expiryNs;
        try
        {
            final Instant instant = Instant.parse(expiry);
            expiryNs = instant.getEpochSecond() * NS_PER_SECOND + instant.getNano();
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(id + ": contract_expiry is not a time: " + expiry, ex);
        }
        return withSizes(new InstrumentDefinition(0, Venue.COINBASE, id, named.symbol(), base, quote,
            InstrumentKind.FUTURE, expiryNs, Long.MIN_VALUE, 0, OptionType.NULL_VAL), tick, lot, contract);
    }
}
