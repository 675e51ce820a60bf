/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The configuration file (HOCON): loading in layers (shipped defaults, profile, {@code --config} file, environment,
 * {@code -D}, command options), validation that reports every problem with its origin, and the typed results
 * ({@link io.marketprism.engine.EngineConfiguration.Context} for the engine, {@link
 * io.marketprism.ops.config.VenuesConfiguration} for {@code run}). Cold path only.
 */
package io.marketprism.ops.config;
