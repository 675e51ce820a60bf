/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops.config;

/**
 * One invalid setting: where it was set, its key, its value and what would have been accepted.
 */
public final class ConfigProblem
{
    private final String origin;
    private final String key;
    private final String value;
    private final String expected;

    /**
     * @param origin   where the value was set ({@code file:line}, {@code environment variable X} ...), or null.
     * @param key      the full key, e.g. {@code marketprism.ring.size}; null for a problem of the file itself.
     * @param value    the value as written, or null when the key itself is the problem and has no scalar value.
     * @param expected what would have been accepted (or, without a key, what is wrong with the file).
     */
    public ConfigProblem(final String origin, final String key, final String value, final String expected)
    {
        this.origin = origin;
        this.key = key;
        this.value = value;
        this.expected = expected;
    }

    /**
     * @return where the value was set, or null.
     */
    public String origin()
    {
        return origin;
    }

    /**
     * @return the full key.
     */
    public String key()
    {
        return key;
    }

    /**
     * @return the value as written, or null.
     */
    public String value()
    {
        return value;
    }

    /**
     * @return what would have been accepted.
     */
    public String expected()
    {
        return expected;
    }

    @Override
    public String toString()
    {
        if (key == null)
        {
            return (origin != null ? origin + ": " : "") + expected;
        }
        return (origin != null ? origin + ": " : "") + "invalid configuration: " + key +
            (value != null ? "=" + value : "") + " (expected " + expected + ")";
    }
}
