/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The venue decoder benchmark, run by hand: for every venue its recordings hold book frames, every received frame
 * decodes into market data or nothing, and a benchmark pass over the frames passes its own tear-down check. The
 * timings themselves are measured with JMH (see bench/README.md).
 */
final class VenueDecoderBenchmarkTest
{
    @Test
    void shouldListEveryVenueOfTheBenchmark()
    {
        assertEquals(List.of("binance-spot", "okx", "bybit", "deribit", "kraken", "kraken-futures", "coinbase"),
            VenueFrames.venues());
    }

    @ParameterizedTest
    @ValueSource(strings = { "binance-spot", "okx", "bybit", "deribit", "kraken", "kraken-futures", "coinbase" })
    void shouldDecodeEveryBookAndEveryFrameOfTheVenueAndPassItsCheck(final String venue) throws Exception
    {
        for (final String kind : new String[]{ "book", "all" })
        {
            final VenueDecoderBenchmark benchmark = new VenueDecoderBenchmark();
            benchmark.venue = venue;
            benchmark.kind = kind;
            benchmark.setup();
            final VenueFrames frames = VenueFrames.load(PipelineBenchmark.defaultRecordings(), venue, kind);
            assertTrue(frames.size() > 0, venue + " " + kind);
            assertTrue(frames.summary().contains("frames=" + frames.size() + " "), frames.summary());

            long committed = 0;
            for (int i = 0; i < frames.size() + 3; i++)
            {
                committed += benchmark.decode();
            }
            assertTrue(committed >= frames.size() + 3, venue + " " + kind + " committed " + committed);
            benchmark.check();
        }
    }

    @Test
    void shouldKeepOnlyFramesOfTheKind() throws Exception
    {
        final VenueFrames all = VenueFrames.load(PipelineBenchmark.defaultRecordings(), "kraken", "all");
        final VenueFrames book = VenueFrames.load(PipelineBenchmark.defaultRecordings(), "kraken", "book");
        final VenueFrames trade = VenueFrames.load(PipelineBenchmark.defaultRecordings(), "kraken", "trade");
        final VenueFrames bbo = VenueFrames.load(PipelineBenchmark.defaultRecordings(), "kraken", "bbo");
        // KRAKEN.ws.50.0: 10 snapshots + 4,269 updates; ws.48.0: 10 trades in 8 frames; ws.49.0: 18 tickers
        assertEquals(4_279, book.size(), book.summary());
        assertEquals(8, trade.size(), trade.summary());
        assertEquals(10, trade.messages(0) + trade.messages(1) + trade.messages(2) + trade.messages(3) +
            trade.messages(4) + trade.messages(5) + trade.messages(6) + trade.messages(7), trade.summary());
        assertEquals(18, bbo.size(), bbo.summary());
        assertEquals(book.size() + trade.size() + bbo.size(), all.size(), all.summary());
        assertTrue(book.summary().contains("10 book snapshots"), book.summary());
        assertTrue(book.buffer().getStringWithoutLengthAscii(book.offset(0), book.length(0)).contains("book-1000"));
    }

    @Test
    void shouldFailOnAKindTheRecordingsDoNotHold()
    {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> VenueFrames.load(PipelineBenchmark.defaultRecordings(), "bybit", "trade"));
        assertTrue(failure.getMessage().contains("no 'trade' frames in the bybit recordings; kinds there: book"),
            failure.getMessage());
    }

    @Test
    void shouldFailTheCheckWhenAFrameDecodesIntoAStatus() throws Exception
    {
        final VenueDecoderBenchmark benchmark = new VenueDecoderBenchmark();
        benchmark.venue = "bybit";
        benchmark.kind = "book";
        benchmark.setup();
        benchmark.decode();
        // a frame cut short decodes into a malformed status, which the check must refuse
        benchmark.lengths[1] = 12;
        benchmark.decode();
        final IllegalStateException failure = assertThrows(IllegalStateException.class, benchmark::check);
        assertTrue(failure.getMessage().contains("(1 status)"), failure.getMessage());
    }
}
