/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops.config;

import io.marketprism.engine.EngineConfiguration;

import java.util.Map;

/**
 * A configuration that passed validation: the engine's concluded context, the venues and, for {@code config show},
 * every effective value with where it came from.
 */
public final class LoadedConfiguration
{
    private final EngineConfiguration.Context engine;
    private final VenuesConfiguration venues;
    private final Map<String, String[]> effective;

    LoadedConfiguration(
        final EngineConfiguration.Context engine,
        final VenuesConfiguration venues,
        final Map<String, String[]> effective)
    {
        this.engine = engine;
        this.venues = venues;
        this.effective = effective;
    }

    /**
     * @return the engine's settings, concluded.
     */
    public EngineConfiguration.Context engine()
    {
        return engine;
    }

    /**
     * @return the venues section.
     */
    public VenuesConfiguration venues()
    {
        return venues;
    }

    /**
     * @return every effective key, sorted, mapped to its value (HOCON, concise) and its origin.
     */
    public Map<String, String[]> effectiveValues()
    {
        return effective;
    }
}
