/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import io.marketprism.feeds.net.CloseReason;
import io.marketprism.feeds.net.WebSocketClient;
import io.marketprism.feeds.net.WebSocketConnection;
import io.marketprism.feeds.net.WebSocketException;
import io.marketprism.feeds.net.WebSocketHandler;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.feeds.subscribe.RequestFrame;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the client's receive path allocates per frame, measured with ThreadMXBean on the event-loop thread itself,
 * over the last frames of a replay of four real Binance captures (179k frames) sent flat out by the simulator.
 * Figures on the 2-core build machine (epoll): plain about 0.05 B/frame, most windows of 10,000 frames 0 B; TLS
 * (BoringSSL) about 0.5 B/frame, some KB per window, from the TLS layer's per-read work, not per frame.
 */
@Timeout(value = 300)
class ReceivePathAllocationTest
{
    private static final int WARMUP_FRAMES = 60_000;
    private static final int WINDOW_FRAMES = 10_000;
    private static final List<String> CAPTURES = List.of(
        "hftbacktest/spot/btcusdt_20240808.gz", "hftbacktest/spot/btcusdt_20240809.gz",
        "hftbacktest/spot/ethusdt_20240808.gz", "hftbacktest/spot/ethusdt_20240809.gz");

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = { false, true })
    void shouldNotAllocatePerFrameOnTheEventLoop(final boolean tls) throws Exception
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final List<Path> files = CAPTURES.stream().map(SimulatorLoopbackTest::recording).toList();
        // the depth snapshots hftbacktest keeps inline are the simulator's REST answers, not stream frames
        final int frameCount = (int)SimulatorLoopbackTest.recordedMessages("hftbacktest", files).stream()
            .filter(message -> !new String(message, 0, Math.min(16, message.length),
                java.nio.charset.StandardCharsets.US_ASCII).startsWith("{\"lastUpdateId\""))
            .count();
        assertTrue(frameCount - WARMUP_FRAMES >= 100_000, "frames measured: " + (frameCount - WARMUP_FRAMES));

        try (VenueSimulator simulator = VenueSimulator.start(new VenueSimulator.Context()
            .venue(Venue.BINANCE_SPOT).recording(files).recordingFormat("hftbacktest").tls(tls).rate("max"));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = SubscriptionBuilders.forVenue(Venue.BINANCE_SPOT, simulator.baseUrl())
                .plan(SubscriptionRequest.subscribe(List.of("BTCUSDT", "ETHUSDT"),
                    List.of(DataType.TRADE, DataType.BOOK, DataType.BBO))).get(0);
            final Meter meter = new Meter(threads, plan.frames(), 1 + frameCount);
            final WebSocketConnection.Context context = new WebSocketConnection.Context().uri(plan.url());
            if (tls)
            {
                context.trustStore(simulator.certificate().trustStore());
            }
            final WebSocketConnection connection = client.connect(context, meter);
            meter.done.get(120, TimeUnit.SECONDS);

            final long frames = meter.frames - meter.framesAtMark;
            final double bytesPerFrame = (double)(meter.allocatedAtEnd - meter.allocatedAtMark) / frames;
            final double seconds = (meter.endNanoTime - meter.startNanoTime) / 1e9;
            System.out.printf(Locale.ROOT, "receive path (%s, %s): %d frames measured, %d bytes allocated on the " +
                "event loop = %.4f B/frame; %d frames in %.2f s = %.0f frames/s at max rate%n",
                tls ? "TLS" : "plain", client.isEpoll() ? "epoll" : "nio", frames,
                meter.allocatedAtEnd - meter.allocatedAtMark, bytesPerFrame, meter.frames, seconds,
                meter.frames / seconds);
            final long[] windows = java.util.Arrays.copyOf(meter.windowBytes, meter.windows);
            System.out.println("bytes allocated per window of " + WINDOW_FRAMES + " frames: " +
                java.util.Arrays.toString(windows));
            assertEquals(1 + frameCount, connection.counter(WebSocketConnection.MESSAGES_RECEIVED));
            assertTrue(meter.checksum != 0);
            // one object per frame would be at least 16 B/frame, and at least 160 KB in every window of 10,000
            // frames; what is left (a few KB at most per window) comes in occasional lumps from Netty's event loop
            // and, with TLS, its per-read work, not from each frame
            assertTrue(bytesPerFrame < 1, "bytes per frame " + bytesPerFrame);
            assertTrue(java.util.Arrays.stream(windows).allMatch(b -> b < 16 * 1024), "bytes per window");
        }
    }

    /**
     * Touches every frame's bytes, and reads the thread's allocation counter at the mark and at the last frame.
     */
    private static final class Meter implements WebSocketHandler
    {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final com.sun.management.ThreadMXBean threads;
        private final List<RequestFrame> requests;
        private final long expected;
        long frames;
        long framesAtMark;
        long allocatedAtMark;
        long allocatedAtEnd;
        long startNanoTime;
        long endNanoTime;
        long checksum;
        final long[] windowBytes = new long[64];
        int windows;
        long windowStartBytes;

        Meter(final com.sun.management.ThreadMXBean threads, final List<RequestFrame> requests, final long expected)
        {
            this.threads = threads;
            this.requests = requests;
            this.expected = expected;
        }

        @Override
        public void onOpen(final WebSocketConnection connection)
        {
            for (final RequestFrame request : requests)
            {
                connection.send(request);
            }
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long recvTsNs)
        {
            frames++;
            checksum += buffer.getByte(offset) + buffer.getByte(offset + length - 1) + length + (recvTsNs & 1);
            if (frames == 1)
            {
                startNanoTime = System.nanoTime();
            }
            if (frames == WARMUP_FRAMES)
            {
                framesAtMark = frames;
                allocatedAtMark = threads.getCurrentThreadAllocatedBytes();
                windowStartBytes = allocatedAtMark;
            }
            else if (frames > WARMUP_FRAMES && (frames - WARMUP_FRAMES) % WINDOW_FRAMES == 0)
            {
                final long now = threads.getCurrentThreadAllocatedBytes();
                windowBytes[windows++] = now - windowStartBytes;
                windowStartBytes = now;
            }
            if (frames == expected)
            {
                allocatedAtEnd = threads.getCurrentThreadAllocatedBytes();
                endNanoTime = System.nanoTime();
                done.complete(null);
            }
        }

        @Override
        public void onClose(final WebSocketConnection connection, final CloseReason reason, final String detail)
        {
            done.completeExceptionally(new WebSocketException(reason, detail));
        }
    }
}
