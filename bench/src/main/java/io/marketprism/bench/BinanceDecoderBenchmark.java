/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.StatusDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The Binance decoder on real recorded frames (spot BTCUSDT, 2024-08-08), one frame per operation, cycling through
 * every frame of the chosen kind. Run with {@code -prof gc} for allocation per operation. Checks at tear-down that
 * every frame decoded into a market-data message, none into a malformed status.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true" })
public class BinanceDecoderBenchmark
{
    @Param({ "trade", "bookTicker", "depthUpdate" })
    private String kind;

    private FrameDecoder decoder;
    private NullSink sink;
    private UnsafeBuffer buffer;
    private int[] offsets;
    private int[] lengths;
    private long[] recvTs;
    private int next;
    private long operations;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    /**
     * Loads the frames.
     *
     * @throws Exception when the recording cannot be read.
     */
    @Setup
    public void setup() throws Exception
    {
        final FrameSet frames = FrameSet.load(PipelineBenchmark.defaultRecordings(),
            new String[][]{ { "binance-spot", "hftbacktest/spot/btcusdt_20240808.gz" } });
        final int[] selected = frames.select(text -> text.contains("@" + kind) || text.contains("\"" + kind + "\""));
        if (selected.length == 0)
        {
            throw new IllegalStateException("no " + kind + " frames");
        }
        buffer = frames.buffer();
        offsets = new int[selected.length];
        lengths = new int[selected.length];
        recvTs = new long[selected.length];
        for (int i = 0; i < selected.length; i++)
        {
            offsets[i] = frames.offset(selected[i]);
            lengths[i] = frames.length(selected[i]);
            recvTs[i] = frames.recvTsNs(selected[i]);
        }
        decoder = Venues.newDecoder(frames.venues()[0]);
        decoder.contextSymbol(frames.contextSymbols()[0]);
        sink = new NullSink();
    }

    /**
     * Decodes the next frame.
     *
     * @return messages committed, consumed by JMH.
     */
    @Benchmark
    public int decode()
    {
        final int i = next;
        next = i + 1 == offsets.length ? 0 : i + 1;
        operations++;
        final int committed = decoder.decode(buffer, offsets[i], lengths[i], recvTs[i], sink);
        header.wrap(sink.buffer(), 0);
        if (header.templateId() == StatusDecoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("frame " + i + " decoded as a malformed status");
        }
        return committed;
    }

    /**
     * Checks that every operation committed exactly one message.
     */
    @TearDown
    public void check()
    {
        if (sink.committed() != operations)
        {
            throw new IllegalStateException("committed " + sink.committed() + " of " + operations);
        }
    }
}
