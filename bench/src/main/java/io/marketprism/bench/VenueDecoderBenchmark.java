/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.feeds.FrameDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * Every venue's decoder on real recorded frames of that venue (see {@link VenueFrames} for the recordings), one
 * frame per operation, cycling through every received frame of the chosen kind in recorded order. Run with
 * {@code -prof gc} for allocation per operation. Set-up prints the frames used ({@code FRAMES venue=.. kind=..
 * frames=.. bytes_per_frame=..}); after every iteration it checks that every operation committed exactly the
 * messages its frame decoded into at set-up and that none was a status (malformed) message, and at the end prints
 * {@code CHECK venue=.. kind=.. messages=.. PASS}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true" })
public class VenueDecoderBenchmark
{
    @Param({ "binance-spot", "okx", "bybit", "deribit", "kraken", "kraken-futures", "coinbase" })
    String venue;

    @Param({ "book", "all" })
    String kind;

    private FrameDecoder decoder;
    private NullSink sink;
    private UnsafeBuffer buffer;
    private int[] offsets;
    int[] lengths; // package-private for the test that cuts a frame short
    private long[] recvTs;
    private int[] messages;
    private int next;
    private long expectedMessages;
    private String passLine;
    private com.sun.management.ThreadMXBean threads;
    private final long[] iterationBytes = new long[1024];
    private int iterations;
    private long iterationStart;

    /**
     * Loads and classifies the venue's frames.
     *
     * @throws Exception when a recording cannot be read, or holds no frame of the kind, or a received frame does
     *                   not decode into market data or nothing.
     */
    @Setup
    public void setup() throws Exception
    {
        final VenueFrames frames = VenueFrames.load(PipelineBenchmark.defaultRecordings(), venue, kind);
        System.out.println();
        System.out.println(frames.summary());
        final int size = frames.size();
        offsets = new int[size];
        lengths = new int[size];
        recvTs = new long[size];
        messages = new int[size];
        for (int i = 0; i < size; i++)
        {
            offsets[i] = frames.offset(i);
            lengths[i] = frames.length(i);
            recvTs[i] = frames.recvTsNs(i);
            messages[i] = frames.messages(i);
        }
        buffer = frames.buffer();
        decoder = frames.decoder();
        sink = new NullSink();
        passLine = System.lineSeparator() + "CHECK venue=" + venue + " kind=" + kind + " messages=";
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean &&
            ((com.sun.management.ThreadMXBean)bean).isThreadAllocatedMemorySupported())
        {
            threads = (com.sun.management.ThreadMXBean)bean;
            threads.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /**
     * Notes the bytes this thread has allocated so far, for the count of each iteration.
     */
    @Setup(Level.Iteration)
    public void startIteration()
    {
        iterationStart = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
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
        expectedMessages += messages[i];
        return decoder.decode(buffer, offsets[i], lengths[i], recvTs[i], sink);
    }

    /**
     * Checks, after every iteration, that every operation so far decoded its frame into the messages it decoded into
     * at set-up, none a status. Allocates nothing unless it fails: JMH's GC profiler counts what a tear-down
     * allocates in the iteration's bytes per operation.
     */
    @TearDown(Level.Iteration)
    public void check()
    {
        if (threads != null && iterations < iterationBytes.length)
        {
            iterationBytes[iterations++] = threads.getCurrentThreadAllocatedBytes() - iterationStart;
        }
        if (expectedMessages == 0 || sink.committed() != expectedMessages || sink.statuses() != 0)
        {
            throw new IllegalStateException(venue + " " + kind + ": committed " + sink.committed() + " messages (" +
                sink.statuses() + " status) where the frames decoded into " + expectedMessages + " at set-up");
        }
    }

    /**
     * Prints that the checks passed, with a line built at set-up (a string built here would show in the last
     * iteration's bytes per operation), and the bytes the benchmark thread allocated in each iteration, warm-up ones
     * first ({@code ThreadMXBean}: the decoder's own allocation, without JMH's other threads that
     * {@code gc.alloc.rate.norm} also counts).
     */
    @TearDown(Level.Trial)
    public void report()
    {
        System.out.print(passLine);
        System.out.print(expectedMessages);
        System.out.println(" PASS");
        System.out.print("THREAD_ALLOC bytes per iteration:");
        for (int i = 0; i < iterations; i++)
        {
            System.out.print(' ');
            System.out.print(iterationBytes[i]);
        }
        System.out.println();
    }
}
