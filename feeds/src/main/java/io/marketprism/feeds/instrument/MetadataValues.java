/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.instrument.InstrumentDefinition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Reading values out of metadata responses: decimals given as strings or numbers, absent or empty meaning unknown.
 */
public final class MetadataValues
{
    private static final long NS_PER_MS = 1_000_000L;

    private MetadataValues()
    {
    }

    /**
     * @param node a JSON value, or null.
     * @return its exact decimal without trailing zeros, or null when absent or empty. Exact for JSON numbers when
     * the response was read with {@link InstrumentCatalog#MAPPER}.
     * @throws IllegalArgumentException when it is not a number.
     */
    public static BigDecimal decimal(final JsonNode node)
    {
        if (node == null || node.isNull() || node.isMissingNode())
        {
            return null;
        }
        final String text = node.isNumber() ? node.decimalValue().toPlainString() : node.asText();
        if (text.isEmpty())
        {
            return null;
        }
        try
        {
            final BigDecimal value = new BigDecimal(text).stripTrailingZeros();
            return value.scale() < 0 ? value.setScale(0) : value;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a number: " + node, ex);
        }
    }

    /**
     * @param node a JSON value, or null.
     * @return its text, empty when absent or null.
     */
    public static String text(final JsonNode node)
    {
        return node == null || node.isNull() || node.isMissingNode() ? "" : node.asText();
    }

    /**
     * @param node a field that must be present.
     * @param name its name, for the error.
     * @return its text.
     */
    public static String required(final JsonNode node, final String name)
    {
        final String text = text(node);
        if (text.isEmpty())
        {
            throw new IllegalArgumentException("instrument metadata without " + name);
        }
        return text;
    }

    /**
     * @param ms milliseconds since epoch.
     * @return the UTC date as {@code yyyyMMdd}.
     */
    public static String date(final long ms)
    {
        final java.time.LocalDate day = Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate();
        return String.format("%04d%02d%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /**
     * @param ms milliseconds since epoch.
     * @return ns since epoch.
     */
    public static long ns(final long ms)
    {
        return ms * NS_PER_MS;
    }

    /**
     * @return the definition with the given sizes (each may be null: unknown).
     */
    public static InstrumentDefinition withSizes(
        final InstrumentDefinition definition, final BigDecimal tick, final BigDecimal lot, final BigDecimal contract)
    {
        return definition.withSizes(
            mantissa(tick), exponent(tick), mantissa(lot), exponent(lot), mantissa(contract), exponent(contract));
    }

    /**
     * @param value a decimal, or null.
     * @return its mantissa at its own scale, or Long.MIN_VALUE for null.
     */
    public static long mantissa(final BigDecimal value)
    {
        return value == null ? Long.MIN_VALUE : value.unscaledValue().longValueExact();
    }

    /**
     * @param value a decimal, or null.
     * @return its exponent (minus its scale), or 0 for null.
     */
    public static int exponent(final BigDecimal value)
    {
        return value == null ? 0 : -value.scale();
    }
}
