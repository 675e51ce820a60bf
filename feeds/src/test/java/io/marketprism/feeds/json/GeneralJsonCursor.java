/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.json;

/**
 * Gives tests outside this package a {@link JsonCursor} without fast paths, the reference they are checked against.
 */
public final class GeneralJsonCursor
{
    private GeneralJsonCursor()
    {
    }

    /**
     * @return a new cursor that parses everything the general way.
     */
    public static JsonCursor create()
    {
        return new JsonCursor(false);
    }
}
