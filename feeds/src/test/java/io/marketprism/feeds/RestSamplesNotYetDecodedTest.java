/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.kraken.KrakenDecoder;
import io.marketprism.feeds.krakenfutures.KrakenFuturesDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The nautilus REST samples of Kraken (spot and futures), for which no REST decoding exists yet: their
 * WebSocket decoders must not mistake such a body for a message. Each yields exactly one {@code malformed} status
 * (counted, never a book, trade or funding message made of a REST body). When REST decoding is added for one of
 * these endpoints, its test replaces the line here.
 */
final class RestSamplesNotYetDecodedTest
{
    private static final Path SAMPLES = Path.of("src/test/resources/recordings/nautilus");

    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    @Test
    void shouldReportEachKrakenFuturesRestBodyAsOneMalformedStatus() throws IOException
    {
        final KrakenFuturesDecoder decoder = new KrakenFuturesDecoder();
        for (final String name : new String[]{
            "http_futures_orderbook.json", "http_futures_tickers.json", "http_futures_public_executions.json" })
        {
            assertOneMalformedStatus(decoder, "kraken-futures/" + name);
        }
    }

    @Test
    void shouldReportEachKrakenSpotRestBodyAsOneMalformedStatus() throws IOException
    {
        final KrakenDecoder decoder = new KrakenDecoder();
        for (final String name : new String[]{ "http_order_book.json", "http_ticker.json", "http_trades.json.gz" })
        {
            assertOneMalformedStatus(decoder, "kraken/" + name);
        }
    }

    private void assertOneMalformedStatus(final FrameDecoder decoder, final String sample) throws IOException
    {
        sink.clear();
        final byte[] bytes = read(SAMPLES.resolve(sample));
        final int committed = decoder.decode(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length,
            1_000_000_000L, sink);
        assertEquals(1, committed, sample);
        final StatusDecoder status = view.status(sink.buffer(), sink.only());
        assertEquals(StatusEvent.MALFORMED, status.eventType(), sample);
        assertEquals(0, sink.protocolErrors(), sample);
    }

    private static byte[] read(final Path path) throws IOException
    {
        if (!path.toString().endsWith(".gz"))
        {
            return Files.readAllBytes(path);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path)))
        {
            return in.readAllBytes();
        }
    }
}
