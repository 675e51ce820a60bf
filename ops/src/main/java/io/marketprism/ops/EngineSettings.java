/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.EngineConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Loads the engine's settings in layers: the shipped {@code marketprism-default.properties}, then a
 * {@code --config} file, then {@code -D} system properties, then the command's own options. One path for all, so
 * every value is validated the same way by {@link EngineConfiguration.Context#conclude()}.
 */
public final class EngineSettings
{
    private static final String DEFAULTS = "/marketprism-default.properties";

    private EngineSettings()
    {
    }

    /**
     * @param configFile optional file overriding the defaults.
     * @param overrides  the command's own settings, applied last.
     * @return a concluded context.
     * @throws EngineConfiguration.ConfigurationException naming the offending key.
     * @throws IllegalArgumentException when the config file cannot be read.
     */
    public static EngineConfiguration.Context load(final Path configFile, final Map<String, String> overrides)
    {
        final Properties properties = new Properties();
        try (InputStream in = EngineSettings.class.getResourceAsStream(DEFAULTS))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing " + DEFAULTS + " on the class path");
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + DEFAULTS + ": " + ex.getMessage(), ex);
        }

        if (configFile != null)
        {
            try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8))
            {
                properties.load(reader);
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("cannot read config file " + configFile + ": " + ex.getMessage());
            }
        }

        for (final String key : System.getProperties().stringPropertyNames())
        {
            if (key.startsWith(EngineConfiguration.PREFIX))
            {
                properties.setProperty(key, System.getProperty(key));
            }
        }
        properties.putAll(overrides);
        return EngineConfiguration.Context.fromProperties(properties).conclude();
    }
}
