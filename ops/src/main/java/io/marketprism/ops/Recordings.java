/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the recordings bundled with the project are: {@code -Dmarketprism.recordings}, else
 * {@code <marketprism.home>/feeds/src/test/resources/recordings} (the launcher sets {@code marketprism.home}), else
 * the same path under the working directory.
 */
public final class Recordings
{
    /** System property naming the recordings directory. */
    public static final String RECORDINGS_PROP_NAME = "marketprism.recordings";
    /** System property naming the project directory (set by bin/marketprism). */
    public static final String HOME_PROP_NAME = "marketprism.home";
    /** The recordings' path inside the project. */
    public static final String RELATIVE_PATH = "feeds/src/test/resources/recordings";

    private Recordings()
    {
    }

    /**
     * @return the recordings directory.
     * @throws IllegalArgumentException saying where it looked when none exists.
     */
    public static Path directory()
    {
        final String explicit = System.getProperty(RECORDINGS_PROP_NAME);
        if (explicit != null && !explicit.isEmpty())
        {
            return existing(Path.of(explicit));
        }
        final String home = System.getProperty(HOME_PROP_NAME);
        final Path base = home != null && !home.isEmpty() ? Path.of(home) : Path.of("");
        return existing(base.resolve(RELATIVE_PATH).toAbsolutePath());
    }

    private static Path existing(final Path directory)
    {
        if (!Files.isDirectory(directory.resolve("hftbacktest")))
        {
            throw new IllegalArgumentException("bundled recordings not found at " + directory +
                "; run from the project directory, use bin/marketprism, or set -D" + RECORDINGS_PROP_NAME);
        }
        return directory;
    }
}
