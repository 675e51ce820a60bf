/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 disconnect/reconnect rounds against the simulator (a disconnect every 20 frames of the venue's timeline,
 * replayed flat out, reconnect backoff 1-2 ms): open file descriptors, live threads and heap used after a full GC,
 * taken after the first round and after the last, must stay within {@link #FD_BOUND} descriptors,
 * {@link #THREAD_BOUND} threads and {@link #HEAP_BOUND_BYTES} bytes of each other: nothing leaks per connection.
 */
@Timeout(value = 120)
class FeedSoakTest
{
    static final int ROUNDS = 1_000;
    /** A leak of one descriptor per round would be 1,000; REST connections in flight and journal files vary. */
    static final int FD_BOUND = 32;
    static final int THREAD_BOUND = 2;
    static final long HEAP_BOUND_BYTES = 32L << 20;

    @Test
    void shouldNotLeakOverAThousandReconnects() throws Exception
    {
        final LiveFeed.Context context = FeedHarness.fastFeed()
            .reconnectBackoffInitialNs(TimeUnit.MILLISECONDS.toNanos(2))
            .reconnectBackoffMaxNs(TimeUnit.MILLISECONDS.toNanos(2));
        final long startNs = System.nanoTime();
        try (FeedHarness harness = new FeedHarness(List.of("disconnect:every=20"), "max", context))
        {
            assertTrue(FeedHarness.await(() -> harness.counters.feedReconnects.get() >= 1 &&
                harness.session.state() == FeedSession.OPEN, TimeUnit.SECONDS.toNanos(30)), "first round");
            final Sample first = Sample.take();
            assertTrue(FeedHarness.await(() -> harness.counters.feedReconnects.get() >= ROUNDS &&
                harness.session.state() == FeedSession.OPEN, TimeUnit.SECONDS.toNanos(90)),
                "rounds done: " + harness.counters.feedReconnects.get());
            final Sample last = Sample.take();
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            System.out.printf("soak: %d rounds in %d ms; fds %d -> %d, threads %d -> %d, heap %d -> %d KiB%n",
                harness.counters.feedReconnects.get(), elapsedMs, first.fds, last.fds, first.threads, last.threads,
                first.heapBytes >> 10, last.heapBytes >> 10);
            last.assertWithinBoundsOf(first);
            assertEquals(0, harness.counters.feedConnectFailures.get(), "connect failures");
            assertTrue(harness.counters.feedDisconnects.get() >= ROUNDS, "disconnects");
        }
    }

    /**
     * 200 planned rotations (one every 40 ms, 10 ms of overlap) against the live simulator at 5,000 frames/s: the
     * same bounds, and no gap, no resync and no failed rotation throughout.
     */
    @Test
    void shouldNotLeakOverTwoHundredRotations() throws Exception
    {
        final int rotations = 200;
        final LiveFeed.Context context = FeedHarness.fastFeed().rotateAfterNs(TimeUnit.MILLISECONDS.toNanos(40));
        final long startNs = System.nanoTime();
        try (FeedHarness harness = new FeedHarness(List.of(), "5000", context))
        {
            assertTrue(FeedHarness.await(() -> harness.counters.feedRotations.get() >= 1,
                TimeUnit.SECONDS.toNanos(30)), "first rotation");
            final Sample first = Sample.take();
            assertTrue(FeedHarness.await(() -> harness.counters.feedRotations.get() >= rotations,
                TimeUnit.SECONDS.toNanos(90)), "rotations done: " + harness.counters.feedRotations.get());
            final Sample last = Sample.take();
            harness.stopFeed();
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            System.out.printf("rotation soak: %d rotations in %d ms, %d repeats dropped; fds %d -> %d, threads %d -> " +
                "%d, heap %d -> %d KiB%n", harness.counters.feedRotations.get(), elapsedMs,
                harness.counters.feedRotationRepeats.get(), first.fds, last.fds, first.threads, last.threads,
                first.heapBytes >> 10, last.heapBytes >> 10);
            last.assertWithinBoundsOf(first);
            assertEquals(0, harness.counters.feedRotationFailures.get(), "failed rotations");
            assertEquals(0, harness.counters.feedDisconnects.get(), "lost connections");
            assertEquals(0, harness.counters.gaps.get(), "gaps");
            assertEquals(1, harness.counters.resyncs.get(), "the first sync only");
            // skips right after the first snapshot are updates it already held (Binance's procedure); any other is
            // a repeat that passed the switch
            final long[] skips = FeedFaultAcceptanceTest.skippedUpdates(harness.journal());
            assertEquals(0, skips[1], "repeated depth updates; " + skips[0] + " covered by the first snapshot");
        }
    }

    private static final class Sample
    {
        final int fds;
        final int threads;
        final long heapBytes;

        private Sample(final int fds, final int threads, final long heapBytes)
        {
            this.fds = fds;
            this.threads = threads;
            this.heapBytes = heapBytes;
        }

        /**
         * Descriptors, threads and heap within the stated bounds of an earlier sample's.
         */
        void assertWithinBoundsOf(final Sample first)
        {
            assertTrue(fds - first.fds <= FD_BOUND, "fds " + first.fds + " -> " + fds);
            assertTrue(threads - first.threads <= THREAD_BOUND, "threads " + first.threads + " -> " + threads);
            assertTrue(heapBytes - first.heapBytes <= HEAP_BOUND_BYTES, "heap " + first.heapBytes + " -> " + heapBytes);
        }

        static Sample take()
        {
            System.gc();
            final String[] fds = new File("/proc/self/fd").list();
            return new Sample(fds == null ? -1 : fds.length, ManagementFactory.getThreadMXBean().getThreadCount(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
    }
}
