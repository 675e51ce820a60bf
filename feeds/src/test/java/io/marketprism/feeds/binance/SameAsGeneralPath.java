/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.json.GeneralJsonCursor;
import io.marketprism.sbe.Venue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the tests that hold {@link BinanceDecoder}'s fast paths to its general paths share: the two decoders and the
 * comparison of what they committed.
 */
final class SameAsGeneralPath
{
    private SameAsGeneralPath()
    {
    }

    /**
     * @param venue a Binance venue.
     * @return a decoder over a cursor without fast paths, which takes only the general paths, with BTCUSDT as the
     * symbol of frames that name none.
     */
    static BinanceDecoder generalDecoder(final Venue venue)
    {
        final BinanceDecoder decoder = new BinanceDecoder(venue, BinanceDecoder.DEFAULT_MAX_FRAME_LENGTH,
            BinanceDecoder.DEFAULT_SNAPSHOT_HEADROOM, GeneralJsonCursor.create());
        decoder.contextSymbol("BTCUSDT");
        return decoder;
    }

    /**
     * @param venue a Binance venue.
     * @return a decoder with its fast paths, with BTCUSDT as the symbol of frames that name none.
     */
    static BinanceDecoder fastDecoder(final Venue venue)
    {
        final BinanceDecoder decoder = new BinanceDecoder(venue);
        decoder.contextSymbol("BTCUSDT");
        return decoder;
    }

    /**
     * Asserts that two sinks hold the same messages, byte for byte, with the same symbols and claim sizes.
     *
     * @param expected what the general path committed.
     * @param actual   what the fast path committed.
     * @param context  the frame, for the failure message.
     */
    static void assertSameMessages(final RecordingSink expected, final RecordingSink actual, final String context)
    {
        assertEquals(expected.messages().size(), actual.messages().size(), context);
        for (int i = 0; i < expected.messages().size(); i++)
        {
            final RecordingSink.Message e = expected.messages().get(i);
            final RecordingSink.Message a = actual.messages().get(i);
            assertArrayEquals(expected.bytes(e), actual.bytes(a), context);
            assertEquals(e.symbol(), a.symbol(), context);
            assertEquals(e.claimed(), a.claimed(), context);
        }
    }
}
