/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.engine.RingProducer;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A feed the test controls: a thread that owns the pipeline's producer and decodes a Binance spot trade frame,
 * stamped with the current time, every {@code periodNs} (0: flat out) while not paused.
 */
final class TradeFeed implements AutoCloseable
{
    private final Thread thread;
    private final AtomicLong frames = new AtomicLong();
    private volatile boolean paused;
    private volatile boolean running = true;

    TradeFeed(final MarketDataPipeline pipeline, final long periodNs)
    {
        thread = new Thread(() -> feed(pipeline, periodNs), "test-trade-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void feed(final MarketDataPipeline pipeline, final long periodNs)
    {
        final FrameDecoder decoder = Venues.newDecoder(Venue.BINANCE_SPOT);
        final RingProducer producer = pipeline.producer();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        long tradeId = 1;
        // flat out, the frame is built once and only its 12-digit trade id is rewritten in place: the feed must not
        // allocate, or the collections it causes would be measured as the scrapes' latency
        final long startMs = System.currentTimeMillis();
        final byte[] fixed = ("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":" + startMs +
            ",\"s\":\"BTCUSDT\",\"t\":100000000000,\"p\":\"50000.10\",\"q\":\"0.250\",\"T\":" + startMs +
            ",\"m\":true}}").getBytes(StandardCharsets.US_ASCII);
        final int idOffset = new String(fixed, StandardCharsets.US_ASCII).indexOf("100000000000");
        buffer.putBytes(0, fixed);
        while (running && periodNs == 0)
        {
            long id = 100_000_000_000L + tradeId++;
            for (int i = idOffset + 11; i >= idOffset; i--)
            {
                buffer.putByte(i, (byte)('0' + id % 10));
                id /= 10;
            }
            producer.frameReceived(System.nanoTime());
            decoder.decode(buffer, 0, fixed.length, startMs * 1_000_000L, producer);
            frames.incrementAndGet();
        }
        while (running)
        {
            if (!paused)
            {
                final long nowMs = System.currentTimeMillis();
                final byte[] frame = ("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":" + nowMs +
                    ",\"s\":\"BTCUSDT\",\"t\":" + tradeId++ + ",\"p\":\"50000.10\",\"q\":\"0.250\",\"T\":" + nowMs +
                    ",\"m\":true}}").getBytes(StandardCharsets.US_ASCII);
                buffer.putBytes(0, frame);
                producer.frameReceived(System.nanoTime());
                decoder.decode(buffer, 0, frame.length, nowMs * 1_000_000L, producer);
                frames.incrementAndGet();
            }
            if (periodNs > 0 || paused)
            {
                LockSupport.parkNanos(periodNs > 0 ? periodNs : 1_000_000L);
            }
        }
    }

    void paused(final boolean paused)
    {
        this.paused = paused;
    }

    long frames()
    {
        return frames.get();
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        thread.join(10_000);
    }
}
