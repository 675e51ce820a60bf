/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.engine.book.BookSynchronizer;
import io.marketprism.engine.book.OrderBook;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.binance.BinanceSpotBookRule;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Book apply on real traffic: every depth update of Binance spot BTCUSDT 2024-08-08 (decoded once at set-up) applied
 * through the engine's {@link BookSynchronizer} on top of the recording's snapshot, as normalize does. One operation
 * is one pass over the recording; set-up prints how many book levels a pass applies, for the time per level. Each
 * pass checks that the book ends valid at the recording's last update id.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true" })
public class BookApplyBenchmark
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookUpdateDecoder decoder = new BookUpdateDecoder();
    private final ExpandableArrayBuffer messages = new ExpandableArrayBuffer(64 << 20);
    private int[] offsets;
    private int[] lengths;
    private int snapshot;
    private long levelsPerPass;
    private long lastSeq;
    private BookSynchronizer book;

    /**
     * Decodes the recording into SBE book messages.
     *
     * @throws Exception when the recording cannot be read.
     */
    @Setup
    public void setup() throws Exception
    {
        final FrameSet frames = FrameSet.load(PipelineBenchmark.defaultRecordings(),
            new String[][]{ { "binance-spot", "hftbacktest/spot/btcusdt_20240808.gz" } });
        final FrameDecoder frameDecoder = Venues.newDecoder(frames.venues()[0]);
        frameDecoder.contextSymbol(frames.contextSymbols()[0]);
        final NullSink sink = new NullSink();
        final List<int[]> kept = new ArrayList<>();
        int position = 0;
        snapshot = -1;
        for (int i = 0; i < frames.size(); i++)
        {
            frameDecoder.decode(frames.buffer(), frames.offset(i), frames.length(i), frames.recvTsNs(i), sink);
            header.wrap(sink.buffer(), 0);
            if (header.templateId() != BookUpdateDecoder.TEMPLATE_ID)
            {
                continue;
            }
            decoder.wrap(sink.buffer(), MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            final boolean isSnapshot = decoder.snapshotRaw() == 1;
            final int length = sink.lastLength();
            messages.putBytes(position, sink.buffer(), 0, length);
            if (isSnapshot)
            {
                snapshot = kept.size();
            }
            else if (snapshot >= 0)
            {
                for (final BookUpdateDecoder.BidsDecoder ignored : decoder.bids())
                {
                    levelsPerPass++;
                }
                for (final BookUpdateDecoder.AsksDecoder ignored : decoder.asks())
                {
                    levelsPerPass++;
                }
                lastSeq = decoder.seq();
            }
            kept.add(new int[]{ position, length });
            position += length;
        }
        System.out.println("BookApplyBenchmark: " + kept.size() + " book messages, " + levelsPerPass +
            " levels applied per pass");
        offsets = kept.stream().mapToInt(k -> k[0]).toArray();
        lengths = kept.stream().mapToInt(k -> k[1]).toArray();
        book = new BookSynchronizer(
            new BinanceSpotBookRule(), 2048, OrderBook.DEFAULT_LADDER_SLOTS, 64 * 1024, 8 << 20);
    }

    /**
     * Applies the snapshot, the updates buffered before it, and every update after it.
     *
     * @return the book's final sequence.
     */
    @Benchmark
    public long applyRecording()
    {
        book.reset();
        for (int i = 0; i < offsets.length; i++)
        {
            header.wrap(messages, offsets[i]);
            decoder.wrap(messages, offsets[i] + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                header.version());
            if (i == snapshot)
            {
                book.onSnapshot(decoder);
            }
            else
            {
                book.onUpdate(decoder, messages, offsets[i], lengths[i]);
            }
        }
        if (!book.isValid() || book.seq() != lastSeq)
        {
            throw new IllegalStateException("book ended " + (book.isValid() ? "valid" : "invalid") + " at " +
                book.seq() + ", expected valid at " + lastSeq);
        }
        return book.seq();
    }

}
