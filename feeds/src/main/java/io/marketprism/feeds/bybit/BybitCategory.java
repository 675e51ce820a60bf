/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The product category of a Bybit v5 public connection: each has its own endpoint ({@code /v5/public/spot},
 * {@code /v5/public/linear}, ...) and the frames never say which one they came from. A symbol alone is ambiguous
 * ({@code BTCUSDT} is both a spot pair and a linear perpetual), so the decoder of a connection prefixes every venue
 * symbol with the category's name and a colon, {@code linear:BTCUSDT}, and {@link BybitSymbols} reads it back.
 */
public enum BybitCategory
{
    /** Spot pairs. */
    SPOT,
    /** USDT and USDC perpetuals and futures. */
    LINEAR,
    /** Inverse perpetuals and futures, margined in the base coin. */
    INVERSE,
    /** USDC and USDT options. */
    OPTION;

    private final String wireName = name().toLowerCase(Locale.ROOT);
    private final byte[] prefix = (wireName + ':').getBytes(StandardCharsets.US_ASCII);

    /**
     * @return the category as Bybit writes it ({@code spot}, {@code linear}, {@code inverse}, {@code option}).
     */
    public String wireName()
    {
        return wireName;
    }

    /**
     * @return the venue symbol prefix, e.g. {@code linear:}.
     */
    public String prefix()
    {
        return wireName + ':';
    }

    /**
     * @param text a category as Bybit writes it, any case.
     * @return the category.
     * @throws IllegalArgumentException naming the categories otherwise.
     */
    public static BybitCategory parse(final String text)
    {
        for (final BybitCategory category : values())
        {
            if (category.wireName.equalsIgnoreCase(text))
            {
                return category;
            }
        }
        throw new IllegalArgumentException(
            "unknown Bybit category '" + text + "'; expected spot, linear, inverse or option");
    }

    byte[] prefixBytes()
    {
        return prefix;
    }
}
