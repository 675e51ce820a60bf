/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

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
import static io.marketprism.feeds.instrument.MetadataValues.exponent;
import static io.marketprism.feeds.instrument.MetadataValues.mantissa;
import static io.marketprism.feeds.instrument.MetadataValues.ns;
import static io.marketprism.feeds.instrument.MetadataValues.required;
import static io.marketprism.feeds.instrument.MetadataValues.text;
import static io.marketprism.feeds.instrument.MetadataValues.withSizes;

/**
 * OKX {@code /api/v5/public/instruments} (SPOT, SWAP, FUTURES, OPTION) to instrument definitions. Spot takes
 * {@code baseCcy}/{@code quoteCcy}; derivatives take base and quote from the underlying {@code uly}
 * ({@code BTC-USD} for inverse, {@code BTC-USDT} for linear contracts, so the two never collide): a swap is
 * {@code <uly>-PERP}, a future {@code <uly>-<expiry date>}, an option {@code <uly>-<expiry date>-<stk>-<C|P>}, the
 * date being the UTC date of {@code expTime}. Tick size {@code tickSz}, lot size {@code lotSz}, contract size
 * {@code ctVal} times {@code ctMult}.
 */
public final class OkxInstruments implements MetadataParser
{
    @Override
    public List<InstrumentDefinition> parse(final JsonNode response)
    {
        final JsonNode data = response.get("data");
        if (data == null || !data.isArray())
        {
            throw new IllegalArgumentException("not an instruments response: no data array");
        }
        final List<InstrumentDefinition> definitions = new ArrayList<>(data.size());
        for (final JsonNode instrument : data)
        {
            definitions.add(definition(instrument));
        }
        return definitions;
    }

    private static InstrumentDefinition definition(final JsonNode node)
    {
        final String instId = required(node.get("instId"), "instId");
        final String type = required(node.get("instType"), "instType");
        final BigDecimal tick = decimal(node.get("tickSz"));
        final BigDecimal lot = decimal(node.get("lotSz"));
        final BigDecimal ctVal = decimal(node.get("ctVal"));
        final BigDecimal ctMult = decimal(node.get("ctMult"));
        final BigDecimal contract = ctVal == null ? null : ctMult == null ? ctVal : ctVal.multiply(ctMult);

        final InstrumentDefinition definition;
        if ("SPOT".equals(type) || "MARGIN".equals(type))
        {
            final String base = required(node.get("baseCcy"), "baseCcy");
            final String quote = required(node.get("quoteCcy"), "quoteCcy");
            definition = InstrumentDefinition.of(0, Venue.OKX, instId, base + "-" + quote, base, quote,
                InstrumentKind.SPOT);
        }
        else
        {
            final String uly = required(node.get("uly"), "uly");
            final int dash = uly.indexOf('-');
            if (dash <= 0 || dash == uly.length() - 1)
            {
                throw new IllegalArgumentException(instId + ": underlying is not BASE-QUOTE: " + uly);
            }
            final String base = uly.substring(0, dash);
            final String quote = uly.substring(dash + 1);
            if ("SWAP".equals(type))
            {
                definition = InstrumentDefinition.of(0, Venue.OKX, instId, uly + "-PERP", base, quote,
                    InstrumentKind.PERPETUAL);
            }
            else
            {
                final long expiryMs = Long.parseLong(required(node.get("expTime"), "expTime"));
                final String dated = uly + "-" + date(expiryMs);
                if ("FUTURES".equals(type))
                {
                    definition = new InstrumentDefinition(0, Venue.OKX, instId, dated, base, quote,
                        InstrumentKind.FUTURE, ns(expiryMs), Long.MIN_VALUE, 0, OptionType.NULL_VAL);
                }
                else if ("OPTION".equals(type))
                {
                    final BigDecimal strike = decimal(node.get("stk"));
                    final String optType = text(node.get("optType"));
                    if (strike == null || !("C".equals(optType) || "P".equals(optType)))
                    {
                        throw new IllegalArgumentException(instId + ": an option without stk or optType");
                    }
                    definition = new InstrumentDefinition(0, Venue.OKX, instId,
                        dated + "-" + strike.toPlainString() + "-" + optType, base, quote, InstrumentKind.OPTION,
                        ns(expiryMs), mantissa(strike), exponent(strike),
                        "C".equals(optType) ? OptionType.CALL : OptionType.PUT);
                }
                else
                {
                    throw new IllegalArgumentException(instId + ": unknown instType " + type);
                }
            }
        }
        return withSizes(definition, tick, lot, contract);
    }
}
