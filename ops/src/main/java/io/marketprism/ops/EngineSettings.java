/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.EngineConfiguration;
import io.marketprism.ops.config.ConfigurationLoader;
import io.marketprism.ops.config.InvalidConfigurationException;

import java.nio.file.Path;
import java.util.Map;

/**
 * The engine's settings for a command: the configuration loaded in layers by {@link ConfigurationLoader} (shipped
 * {@code marketprism-default.conf}, profile, {@code --config} file, environment, {@code -D}, then the command's own
 * options) and validated as a whole, so every command that takes {@code --config} checks it the same way.
 */
public final class EngineSettings
{
    private EngineSettings()
    {
    }

    /**
     * @param configFile optional file overriding the defaults (HOCON; {@code .properties} and {@code .json} by
     *                   their extension).
     * @param overrides  the command's own settings, applied last.
     * @return a concluded context.
     * @throws InvalidConfigurationException listing every problem, each naming its key, value, origin and the
     *                                       allowed values; or naming a file that cannot be read or parsed.
     */
    public static EngineConfiguration.Context load(final Path configFile, final Map<String, String> overrides)
    {
        return ConfigurationLoader.load(configFile, overrides).engine();
    }
}
