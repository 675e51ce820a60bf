/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.EngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped configuration file is the documentation of every setting: it must list exactly the keys the engine
 * understands, each with a comment, and load through the same validation as any other file.
 */
final class EngineSettingsTest
{
    @Test
    void shouldShipEveryEngineKeyDocumentedAndNothingElse() throws IOException
    {
        final Properties defaults = new Properties();
        try (InputStream in = EngineSettings.class.getResourceAsStream("/marketprism-default.properties"))
        {
            defaults.load(in);
        }
        assertEquals(EngineConfiguration.keys(), new TreeSet<>(defaults.stringPropertyNames()));

        final String text;
        try (InputStream in = EngineSettings.class.getResourceAsStream("/marketprism-default.properties"))
        {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        final String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++)
        {
            if (lines[i].startsWith("marketprism."))
            {
                int back = i - 1;
                while (back >= 0 && lines[back].startsWith("marketprism."))
                {
                    back--;
                }
                assertTrue(back >= 0 && lines[back].startsWith("#"), "no comment above " + lines[i]);
            }
        }
    }

    @Test
    void shouldLayerDefaultsFileAndOverrides(@TempDir final Path tmp) throws IOException
    {
        final Path config = Files.writeString(tmp.resolve("mine.properties"),
            "marketprism.ring.size=1024\nmarketprism.journal.enabled=false\n");
        final EngineConfiguration.Context context = EngineSettings.load(config,
            Map.of(EngineConfiguration.PUBLISH_STREAM_ID_PROP_NAME, "77"));
        assertEquals(1024, context.ringSize());
        assertEquals(77, context.publishStreamId());
        assertEquals(EngineConfiguration.LOG_CAPACITY_DEFAULT, context.logCapacityBytes());
    }

    @Test
    void shouldSayWhichConfigFileCannotBeRead(@TempDir final Path tmp)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> EngineSettings.load(tmp.resolve("missing.properties"), Map.of()));
        assertTrue(ex.getMessage().contains("missing.properties"), ex.getMessage());
    }
}
