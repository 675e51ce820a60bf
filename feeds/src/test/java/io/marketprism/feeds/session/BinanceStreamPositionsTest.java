/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class BinanceStreamPositionsTest
{
    private final BinanceStreamPositions positions = new BinanceStreamPositions();

    @Test
    void shouldReadEachStreamKindsOwnPosition()
    {
        assertEquals(50093239407L, position("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\"," +
            "\"E\":1723161255208,\"s\":\"BTCUSDT\",\"U\":50093239400,\"u\":50093239407," +
            "\"b\":[[\"56000.01\",\"0.5\"]],\"a\":[[\"56000.02\",\"1.0\"]]}}"));
        assertEquals(400900217L, position("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":400900217," +
            "\"s\":\"BTCUSDT\",\"b\":\"25.35\",\"B\":\"31.21\",\"a\":\"25.36\",\"A\":\"40.66\"}}"));
        assertEquals(3712345678L, position("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\"," +
            "\"E\":1723161255210,\"s\":\"BTCUSDT\",\"t\":3712345678,\"p\":\"56000.01\",\"q\":\"0.001\"," +
            "\"T\":1723161255209,\"m\":true,\"M\":true}}"));
        assertEquals(26129L, position("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1," +
            "\"s\":\"BTCUSDT\",\"a\":26129,\"p\":\"0.01\",\"q\":\"100\",\"f\":100,\"l\":105,\"T\":1,\"m\":true}}"));
        assertEquals(1562305380000L, position("{\"stream\":\"btcusdt@markPrice@1s\",\"data\":{" +
            "\"e\":\"markPriceUpdate\",\"E\":1562305380000,\"s\":\"BTCUSDT\",\"p\":\"11794.15\"," +
            "\"r\":\"0.00038167\",\"T\":1562306400000}}"));
        // an ask array under "a" is not a position: the event time is
        assertEquals(7L, position("{\"stream\":\"btcusdt@depth\",\"data\":{\"a\":[[\"1\",\"2\"]],\"E\":7}}"));
    }

    @Test
    void shouldKeyEachStreamByItsName()
    {
        position("{\"stream\":\"btcusdt@trade\",\"data\":{\"t\":1}}");
        final long trade = positions.streamKey();
        position("{\"stream\":\"btcusdt@trade\",\"data\":{\"t\":2}}");
        assertEquals(trade, positions.streamKey());
        position("{\"stream\":\"ethusdt@trade\",\"data\":{\"t\":2}}");
        assertNotEquals(trade, positions.streamKey());
        position("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":2}}");
        assertNotEquals(trade, positions.streamKey());
    }

    @Test
    void shouldReadNothingFromRepliesAndBrokenFrames()
    {
        assertFalse(read("{\"result\":null,\"id\":1}"), "a subscription reply");
        assertFalse(read("{\"stream\":\"btcusdt@trade"), "cut inside the stream name");
        assertFalse(read("{\"stream\":\"btcusdt@trade\",\"data\":{\"p\":\"1\"}}"), "no position");
        assertFalse(read("{\"stream\":\"btcusdt@trade\",\"data\":{\"t\":99999999999999999999}}"), "beyond a long");
        assertFalse(read(""), "empty");
    }

    private long position(final String frame)
    {
        assertTrue(read(frame), frame);
        return positions.position();
    }

    private boolean read(final String frame)
    {
        final byte[] bytes = ("xx" + frame + "yy").getBytes(StandardCharsets.US_ASCII);
        return positions.read(new UnsafeBuffer(bytes), 2, bytes.length - 4);
    }
}
