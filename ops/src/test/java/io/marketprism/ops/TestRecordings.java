/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recordings bundled in the project, as the build passes them to tests.
 */
final class TestRecordings
{
    private TestRecordings()
    {
    }

    static Path directory()
    {
        final String property = System.getProperty("marketprism.recordings");
        final Path directory = property != null && !property.isEmpty() ?
            Path.of(property) : Path.of("..", "feeds", "src", "test", "resources", "recordings");
        if (!Files.isDirectory(directory))
        {
            throw new IllegalStateException("recordings not found at " + directory.toAbsolutePath());
        }
        return directory;
    }

    static Path file(final String relative)
    {
        return directory().resolve(relative);
    }
}
