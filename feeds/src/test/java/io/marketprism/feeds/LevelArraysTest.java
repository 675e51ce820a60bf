/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.json.JsonCursor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LevelArraysTest
{
    private final JsonCursor cursor = new JsonCursor();
    private final LevelBuffer levels = new LevelBuffer(4);

    @Test
    void levelsOfEveryShapeAreReadExactly()
    {
        assertEquals(JsonCursor.OK, parse("[[\"65000.5\",\"0.25\"], [\"64999\", \"1\"], [64998.25, 3]]", false));
        assertEquals(3, levels.count());
        assertEquals(650_005L, levels.priceMantissa(0));
        assertEquals(-1, levels.priceExponent(0));
        assertEquals(25L, levels.qtyMantissa(0));
        assertEquals(-2, levels.qtyExponent(0));
        assertEquals(6_499_825L, levels.priceMantissa(2));
        assertEquals(3L, levels.qtyMantissa(2));
    }

    @Test
    void extraElementsAreSkippedUnlessTheVenueSendsPairsOnly()
    {
        final String okxShape = "[[\"8476.98\",\"415\",\"0\",\"13\"]]";
        assertEquals(JsonCursor.OK, parse(okxShape, false));
        assertEquals(1, levels.count());
        assertEquals(415L, levels.qtyMantissa(0));
        assertEquals(JsonCursor.BAD_VALUE, parse(okxShape, true));
        assertEquals(JsonCursor.OK, parse("[[\"1\",\"2\"]]", true));
    }

    @Test
    void badLevelsAreRefusedAndTheBufferStartsEmptyEachTime()
    {
        assertEquals(JsonCursor.BAD_VALUE, parse("[[\"0\",\"1\"]]", false), "price zero");
        assertEquals(JsonCursor.BAD_VALUE, parse("[[\"1\",\"-1\"]]", false), "negative quantity");
        assertEquals(JsonCursor.BAD_VALUE, parse("[[\"1\"]]", false), "no quantity");
        assertEquals(JsonCursor.OK, parse("[]", false));
        assertEquals(0, levels.count());
        assertEquals(LevelArrays.TOO_MANY_LEVELS, parse("[[\"1\",\"1\"],[\"2\",\"1\"],[\"3\",\"1\"]]", 2));
    }

    private int parse(final String json, final boolean pairsOnly)
    {
        wrap(json);
        return pairsOnly ? LevelArrays.parsePairs(cursor, levels, 100) : LevelArrays.parse(cursor, levels, 100);
    }

    private int parse(final String json, final int maxLevels)
    {
        wrap(json);
        return LevelArrays.parse(cursor, levels, maxLevels);
    }

    private void wrap(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        cursor.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
