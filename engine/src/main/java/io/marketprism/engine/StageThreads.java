/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import java.util.Locale;

/**
 * How the ring's consumer stages are mapped onto threads. The topology (normalize, then journal and publish in
 * parallel) is the same in every mode; only the number of threads running it changes.
 */
public enum StageThreads
{
    /**
     * Every stage on its own thread: most parallelism, needs a core per stage (with {@code low-latency}).
     */
    DEDICATED("dedicated"),

    /**
     * One thread for normalize, one for journal, publish and any sink.
     */
    PER_STAGE("per-stage"),

    /**
     * One thread runs every stage in order for each batch: on a 2-core machine the feed and the consumers each keep
     * a core instead of five threads time-sharing two.
     */
    SHARED("shared");

    private final String printedName;

    StageThreads(final String printedName)
    {
        this.printedName = printedName;
    }

    /**
     * @return name as written in configuration.
     */
    public String printedName()
    {
        return printedName;
    }

    /**
     * @param name {@code auto}, {@code dedicated}, {@code per-stage} or {@code shared}.
     * @param profile the threading profile, which decides {@code auto}.
     * @return the mode.
     * @throws IllegalArgumentException naming the allowed values.
     */
    public static StageThreads parse(final String name, final ThreadingProfile profile)
    {
        final String normalized = name.trim().toLowerCase(Locale.ROOT);
        if ("auto".equals(normalized))
        {
            return profile == ThreadingProfile.DEV ? SHARED : DEDICATED;
        }
        for (final StageThreads mode : values())
        {
            if (mode.printedName.equals(normalized))
            {
                return mode;
            }
        }
        throw new IllegalArgumentException(
            "unknown stage threads '" + name + "'; expected auto, dedicated, per-stage or shared");
    }
}
