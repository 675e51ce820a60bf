/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.StatusReason;

/**
 * How decoders name what went wrong: the status reason for a {@link JsonCursor} (or {@link LevelArrays}) error.
 */
public final class DecodeFailures
{
    private DecodeFailures()
    {
    }

    /**
     * @param cursorStatus a cursor error status, or {@link LevelArrays#TOO_MANY_LEVELS}.
     * @return the reason reported for it.
     */
    public static StatusReason reason(final int cursorStatus)
    {
        switch (cursorStatus)
        {
            case JsonCursor.TRUNCATED:
                return StatusReason.TRUNCATED;
            case JsonCursor.UNEXPECTED_CHARACTER:
            case JsonCursor.TOO_DEEP:
                return StatusReason.UNEXPECTED_CHARACTER;
            case JsonCursor.BAD_NUMBER:
            case JsonCursor.EMPTY:
                return StatusReason.BAD_NUMBER;
            case JsonCursor.NUMBER_OVERFLOW:
                return StatusReason.NUMBER_OVERFLOW;
            case LevelArrays.TOO_MANY_LEVELS:
                return StatusReason.TOO_MANY_LEVELS;
            default:
                return StatusReason.BAD_VALUE;
        }
    }
}
