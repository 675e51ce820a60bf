/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextSymbolTest
{
    @Test
    void aSymbolIsKeptAndAnythingNoMessageCanCarryClearsIt()
    {
        final ContextSymbol context = new ContextSymbol();
        assertTrue(context.set("BTC-USDT-SWAP"));
        assertEquals("BTC-USDT-SWAP", context.buffer().getStringWithoutLengthAscii(0, context.length()));
        for (final String bad : new String[]{ null, "", "BTC USDT", "BTC\"", "BTC\u00e9", "X".repeat(200) })
        {
            assertTrue(context.set("ETHUSDT"));
            assertFalse(context.set(bad), String.valueOf(bad));
            assertFalse(context.isSet());
            assertEquals(0, context.length());
        }
    }

    /**
     * The context symbol comes from recorded data (a captured request's query string): whatever it is, no decoder
     * throws, and a REST body that needs the symbol is then reported rather than attributed to nothing.
     */
    @Test
    void noDecoderThrowsOnABadContextSymbolAndBodiesThatNeedOneAreReported()
    {
        for (final Venue venue : Venue.values())
        {
            if (venue == Venue.NULL_VAL)
            {
                continue;
            }
            final FrameDecoder decoder = Venues.newDecoder(venue);
            for (final String bad : new String[]{ "BTC USDT", "", "X".repeat(200), "\u00e9" })
            {
                decoder.contextSymbol(bad);
            }
            decoder.contextSymbol(null);
        }
        final FrameDecoder binance = Venues.newDecoder(Venue.BINANCE_SPOT);
        binance.contextSymbol("BTC USDT");
        final byte[] depth = "{\"lastUpdateId\":1,\"bids\":[[\"1.0\",\"2.0\"]],\"asks\":[]}"
            .getBytes(StandardCharsets.US_ASCII);
        final RecordingSink sink = new RecordingSink();
        assertEquals(1, binance.decode(new UnsafeBuffer(depth), 0, depth.length, 1L, sink));
        assertEquals(StatusReason.MISSING_FIELD, new SbeView().status(sink.buffer(), sink.only()).reason());
    }
}
