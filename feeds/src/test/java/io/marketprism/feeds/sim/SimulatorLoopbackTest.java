/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import io.marketprism.feeds.DecodedMessages;
import io.marketprism.feeds.binance.BinanceDecoder;
import io.marketprism.feeds.capture.CaptureFrame;
import io.marketprism.feeds.capture.CaptureReader;
import io.marketprism.feeds.capture.Captures;
import io.marketprism.feeds.net.CloseReason;
import io.marketprism.feeds.net.TextKeepAlive;
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
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The client transport against the simulator on loopback, plain and TLS: the same code path a live feed uses.
 */
@Timeout(value = 120)
class SimulatorLoopbackTest
{
    private static final long WAIT_S = 60;
    private static final String SPOT_CAPTURE = "cryptofeed/BINANCE.ws.1.0.gz";

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = { false, true })
    void shouldDeliverEveryRecordedFrameOnceInOrderAndDecodeAlike(final boolean tls) throws Exception
    {
        final List<byte[]> recorded = recordedMessages("cryptofeed", List.of(recording(SPOT_CAPTURE)));
        try (VenueSimulator simulator = VenueSimulator.start(simulatorContext(SPOT_CAPTURE).tls(tls).rate("max"));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = spotPlan(simulator);
            final Collector collector = new Collector(plan.frames(), 1 + recorded.size());
            final WebSocketConnection.Context context = new WebSocketConnection.Context().uri(plan.url());
            if (tls)
            {
                context.trustStore(simulator.certificate().trustStore());
            }
            final WebSocketConnection connection = client.connect(context, collector);
            collector.await(connection);

            assertTrue(plan.url().startsWith(tls ? "wss://localhost:" : "ws://127.0.0.1:"), plan.url());
            assertEquals("{\"result\":null,\"id\":1}", new String(collector.frames.get(0), StandardCharsets.UTF_8));
            for (int i = 0; i < recorded.size(); i++)
            {
                assertArrayEquals(recorded.get(i), collector.frames.get(i + 1), "frame " + i);
            }
            assertEquals(recorded.size(), simulator.counter(VenueSimulator.FRAMES_SENT));
            assertEquals(1 + recorded.size(), connection.counter(WebSocketConnection.MESSAGES_RECEIVED));

            final DecodedMessages fromFile = decodeAll(recorded);
            final DecodedMessages fromSocket = decodeAll(collector.frames.subList(1, collector.frames.size()));
            assertTrue(fromFile.commits() > recorded.size() / 2, "messages decoded: " + fromFile.commits());
            assertEquals(fromFile.commits(), fromSocket.commits());
            for (int i = 0; i < fromFile.messages().size(); i++)
            {
                assertEquals(fromFile.templateId(i), fromSocket.templateId(i), "message " + i);
            }
            assertEquals(0, new BinanceDecoder(Venue.BINANCE_SPOT).decode(new UnsafeBuffer(collector.frames.get(0)), 0,
                collector.frames.get(0).length, 0, new DecodedMessages()), "the ack is a control frame");

            connection.close();
            assertEquals(CloseReason.CLIENT_CLOSED, connection.closeFuture().get(WAIT_S, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldRefuseASelfSignedCertificateWithVerificationOn() throws Exception
    {
        try (VenueSimulator simulator = VenueSimulator.start(simulatorContext(SPOT_CAPTURE).tls(true));
            WebSocketClient client = new WebSocketClient())
        {
            final WebSocketConnection connection = client.connect(
                new WebSocketConnection.Context().uri(simulator.url()), (buffer, offset, length, recvTsNs) -> { });
            final WebSocketException refused = assertThrows(WebSocketException.class,
                () -> connection.awaitOpen(TimeUnit.SECONDS.toNanos(WAIT_S)));
            System.out.println("self-signed, default trust: " + refused.getMessage());
            assertEquals(CloseReason.TLS_FAILED, refused.reason());
            assertTrue(refused.getMessage().contains("certification path") ||
                refused.getMessage().toLowerCase().contains("certificate"), refused.getMessage());
            assertEquals(CloseReason.TLS_FAILED, connection.closeFuture().get(WAIT_S, TimeUnit.SECONDS));
            assertEquals(0, simulator.counter(VenueSimulator.FRAMES_SENT));
        }
    }

    @Test
    void shouldRefuseATrustedCertificateForAnotherHostName() throws Exception
    {
        try (VenueSimulator simulator = VenueSimulator.start(simulatorContext(SPOT_CAPTURE).tls(true));
            WebSocketClient client = new WebSocketClient())
        {
            // the certificate names localhost only; 127.0.0.1 reaches the same server under another name
            final WebSocketConnection connection = client.connect(new WebSocketConnection.Context()
                .uri("wss://127.0.0.1:" + simulator.port() + "/stream")
                .trustStore(simulator.certificate().trustStore()), (buffer, offset, length, recvTsNs) -> { });
            final WebSocketException refused = assertThrows(WebSocketException.class,
                () -> connection.awaitOpen(TimeUnit.SECONDS.toNanos(WAIT_S)));
            System.out.println("trusted certificate, wrong host name: " + refused.getMessage());
            assertEquals(CloseReason.TLS_FAILED, refused.reason());
        }
    }

    @Test
    void shouldCloseAndCountAMessageLongerThanTheMaximum() throws Exception
    {
        final List<byte[]> recorded = recordedMessages("cryptofeed", List.of(recording(SPOT_CAPTURE)));
        final int maxFrameLength = recorded.get(0).length;
        int firstTooLong = 0;
        while (recorded.get(firstTooLong).length <= maxFrameLength)
        {
            firstTooLong++;
        }
        assertTrue(firstTooLong > 0);
        try (VenueSimulator simulator = VenueSimulator.start(simulatorContext(SPOT_CAPTURE).rate("max"));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = spotPlan(simulator);
            final Collector collector = new Collector(plan.frames(), Integer.MAX_VALUE);
            final WebSocketConnection connection = client.connect(
                new WebSocketConnection.Context().uri(plan.url()).maxFrameLength(maxFrameLength), collector);

            assertEquals(CloseReason.FRAME_TOO_LARGE, connection.closeFuture().get(WAIT_S, TimeUnit.SECONDS),
                connection::closeDetail);
            System.out.println("too large: " + connection.closeDetail());
            assertEquals(1, connection.counter(WebSocketConnection.FRAMES_TOO_LARGE));
            assertEquals(1 + firstTooLong, collector.frames.size(), "frames before the long one, and the ack");
            assertTrue(connection.closeDetail().contains(recorded.get(firstTooLong).length +
                " bytes is longer than maxFrameLength " + maxFrameLength), connection.closeDetail());
        }
    }

    @Test
    void shouldCloseWhenTheVenueStopsAnsweringPings() throws Exception
    {
        try (VenueSimulator simulator = VenueSimulator.start(simulatorContext(SPOT_CAPTURE).answerPings(false));
            WebSocketClient client = new WebSocketClient())
        {
            final WebSocketConnection connection = client.connect(new WebSocketConnection.Context()
                .uri(simulator.url())
                .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(50))
                .pongTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200)), (buffer, offset, length, recvTsNs) -> { });
            connection.awaitOpen(TimeUnit.SECONDS.toNanos(WAIT_S));
            final long openedNs = System.nanoTime();

            assertEquals(CloseReason.PONG_TIMEOUT, connection.closeFuture().get(WAIT_S, TimeUnit.SECONDS));
            final long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNs);
            System.out.println("pong timeout after " + closedAfterMs + " ms: " + connection.closeDetail());
            assertEquals("no pong within 200 ms of a ping", connection.closeDetail());
            assertTrue(closedAfterMs >= 200, "closed after " + closedAfterMs + " ms");
            assertEquals(1, connection.counter(WebSocketConnection.PINGS_SENT));
            assertEquals(0, connection.counter(WebSocketConnection.PONGS_RECEIVED));
            assertTrue(simulator.counter(VenueSimulator.PINGS_IGNORED) >= 1);
        }
    }

    @Test
    void shouldCloseAProbedConnectionWhoseVenueDoesNotAnswer() throws Exception
    {
        try (VenueSimulator simulator = VenueSimulator.start(simulatorContext(SPOT_CAPTURE).answerPings(false));
            WebSocketClient client = new WebSocketClient())
        {
            // periodic pings an hour apart: only the probe can find the venue gone
            final WebSocketConnection connection = client.connect(new WebSocketConnection.Context()
                .uri(simulator.url())
                .pingIntervalNs(TimeUnit.HOURS.toNanos(1))
                .pongTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200)), (buffer, offset, length, recvTsNs) -> { });
            connection.awaitOpen(TimeUnit.SECONDS.toNanos(WAIT_S));
            final long probedNs = System.nanoTime();
            connection.probe();
            connection.probe();

            assertEquals(CloseReason.PONG_TIMEOUT, connection.closeFuture().get(WAIT_S, TimeUnit.SECONDS));
            final long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - probedNs);
            System.out.println("probe: pong timeout after " + closedAfterMs + " ms: " + connection.closeDetail());
            assertTrue(closedAfterMs >= 200, "closed after " + closedAfterMs + " ms");
            assertEquals(1, connection.counter(WebSocketConnection.PINGS_SENT), "a second probe waits for the first");
        }
    }

    @Test
    void shouldStayOpenWhilePongsArrive() throws Exception
    {
        final List<byte[]> recorded = recordedMessages("cryptofeed", List.of(recording(SPOT_CAPTURE)));
        // at 400 frames/s the replay lasts about 0.7 s: many ping intervals. The pong timeout is generous so that a
        // pause of a loaded 2-core machine (a GC, the build's other JVM) is not taken for a missing pong; that pongs do
        // arrive is asserted by their count
        try (VenueSimulator simulator = VenueSimulator.start(simulatorContext(SPOT_CAPTURE).rate("400"));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = spotPlan(simulator);
            final Collector collector = new Collector(plan.frames(), 1 + recorded.size());
            final WebSocketConnection connection = client.connect(new WebSocketConnection.Context()
                .uri(plan.url())
                .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(20))
                .pongTimeoutNs(TimeUnit.MILLISECONDS.toNanos(1000)), collector);
            collector.await(connection);

            assertTrue(connection.isOpen(), String.valueOf(connection));
            assertTrue(connection.counter(WebSocketConnection.PONGS_RECEIVED) >= 5,
                "pongs: " + connection.counter(WebSocketConnection.PONGS_RECEIVED));
            assertTrue(connection.lastRoundTripNs() > 0);
        }
    }

    @Test
    void shouldReleaseEverySocketAndThreadOnClose() throws Exception
    {
        final Path fds = Paths.get("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd");
        runOneSession(true);
        final long fdsBefore = count(fds);

        for (int round = 0; round < 3; round++)
        {
            runOneSession(round % 2 == 0);
        }

        assertEquals(0, liveThreads(), "event-loop threads still alive");
        assertEquals(fdsBefore, count(fds), "open file descriptors");
    }

    private static void runOneSession(final boolean tls) throws Exception
    {
        final List<byte[]> recorded = recordedMessages("cryptofeed", List.of(recording(SPOT_CAPTURE)));
        try (VenueSimulator simulator = VenueSimulator.start(simulatorContext(SPOT_CAPTURE).tls(tls).rate("max"));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = spotPlan(simulator);
            final Collector collector = new Collector(plan.frames(), 1 + recorded.size());
            final WebSocketConnection.Context context = new WebSocketConnection.Context().uri(plan.url());
            if (tls)
            {
                context.trustStore(simulator.certificate().trustStore());
            }
            final WebSocketConnection connection = client.connect(context, collector);
            collector.await(connection);
            assertTrue(liveThreads() >= 2);
        }
    }

    static long liveThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith(WebSocketClient.THREAD_NAME_PREFIX) ||
                t.getName().startsWith(VenueSimulator.THREAD_NAME_PREFIX))
            .count();
    }

    private static long count(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.count();
        }
    }

    static VenueSimulator.Context simulatorContext(final String capture)
    {
        return new VenueSimulator.Context()
            .venue(Venue.BINANCE_SPOT)
            .recording(List.of(recording(capture)))
            .recordingFormat("cryptofeed");
    }

    /**
     * Connects with a venue's text keep-alive, pinging every 20 ms (pong timeout 5 s).
     */
    static WebSocketConnection connectPinging(
        final WebSocketClient client, final String url, final TextKeepAlive keepAlive, final WebSocketHandler handler)
    {
        return client.connect(new WebSocketConnection.Context()
            .uri(url)
            .keepAlive(keepAlive)
            .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(20))
            .pongTimeoutNs(TimeUnit.SECONDS.toNanos(5)), handler);
    }

    /**
     * Waits for five pongs to the venue's text pings, then checks the connection is open, the handler was given none
     * of them (it holds exactly the frames it awaited) and no protocol ping went out.
     */
    static void assertTextPongsKept(
        final VenueSimulator simulator, final WebSocketConnection connection, final Collector collector,
        final int frames)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (connection.counter(WebSocketConnection.PONGS_RECEIVED) < 5 && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertTrue(connection.counter(WebSocketConnection.PONGS_RECEIVED) >= 5,
            "pongs " + connection.counter(WebSocketConnection.PONGS_RECEIVED));
        assertTrue(connection.isOpen(), connection.closeDetail());
        assertEquals(frames, collector.frames.size(), "no pong was handed to the handler");
        assertEquals(0, simulator.counter(VenueSimulator.PINGS_ANSWERED), "no protocol ping was sent");
    }

    /**
     * A late subscriber on a live timeline: a first client is dropped by the venue at the {@code lost}-th message
     * (the venue's position moves past it), then a second client subscribes.
     *
     * @return the second client's first {@code frames} frames (the replay goes on after them; they are not awaited).
     */
    static List<byte[]> lateSubscriberFrames(
        final VenueSimulator.Context context,
        final java.util.function.Function<VenueSimulator, ConnectionPlan> plans,
        final int lost,
        final int frames) throws Exception
    {
        try (VenueSimulator simulator = VenueSimulator.start(
                context.rate("max").live(true).faults(FaultPlan.parse(List.of("disconnect:at=" + lost))));
            WebSocketClient client = new WebSocketClient())
        {
            final ConnectionPlan plan = plans.apply(simulator);
            final Collector first = new Collector(plan.frames(), Integer.MAX_VALUE);
            client.connect(new WebSocketConnection.Context().uri(plan.url()), first).closeFuture()
                .get(WAIT_S, TimeUnit.SECONDS);
            final Collector second = new Collector(plan.frames(), frames);
            client.connect(new WebSocketConnection.Context().uri(plan.url()), second)
                .awaitOpen(TimeUnit.SECONDS.toNanos(WAIT_S));
            second.done.get(WAIT_S, TimeUnit.SECONDS);
            // by index: the event loop may still be appending the replay's frames after the awaited ones
            final List<byte[]> awaited = new ArrayList<>(frames);
            for (int i = 0; i < frames; i++)
            {
                awaited.add(second.frames.get(i));
            }
            return awaited;
        }
    }

    static ConnectionPlan spotPlan(final VenueSimulator simulator)
    {
        final List<ConnectionPlan> plans = SubscriptionBuilders.forVenue(Venue.BINANCE_SPOT, simulator.baseUrl())
            .plan(SubscriptionRequest.subscribe(List.of("NKNUSDT"), List.of(DataType.BOOK, DataType.BBO)));
        assertEquals(1, plans.size());
        return plans.get(0);
    }

    static Path recording(final String relative)
    {
        final String property = System.getProperty("marketprism.recordings");
        final Path dir = property != null ? Paths.get(property) : Paths.get("src", "test", "resources", "recordings");
        final Path file = dir.resolve(relative);
        assertTrue(Files.isRegularFile(file), "recording not found: " + file.toAbsolutePath());
        return file;
    }

    static List<byte[]> recordedMessages(final String format, final List<Path> files) throws IOException
    {
        final List<byte[]> messages = new ArrayList<>();
        final CaptureFrame frame = new CaptureFrame();
        try (CaptureReader reader = Captures.open(format, files, 0))
        {
            while (reader.next(frame))
            {
                if (frame.kind() == CaptureFrame.MESSAGE)
                {
                    final byte[] bytes = new byte[frame.length()];
                    frame.buffer().getBytes(frame.offset(), bytes);
                    messages.add(bytes);
                }
            }
        }
        return messages;
    }

    private static DecodedMessages decodeAll(final List<byte[]> frames)
    {
        final DecodedMessages sink = new DecodedMessages();
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        long recvTsNs = 1;
        for (final byte[] frame : frames)
        {
            decoder.decode(new UnsafeBuffer(frame), 0, frame.length, recvTsNs++, sink);
        }
        assertEquals(0, sink.protocolErrors());
        return sink;
    }

    /**
     * Sends the plan's frames on open and copies every message; completes when the expected number arrived.
     */
    static final class Collector implements WebSocketHandler
    {
        final List<byte[]> frames = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final List<RequestFrame> requests;
        private final int expected;
        private volatile boolean opened;

        Collector(final List<RequestFrame> requests, final int expected)
        {
            this.requests = requests;
            this.expected = expected;
        }

        /**
         * Waits for every expected frame; a timeout names how far the session got (seen twice in CI, cause unknown).
         */
        void await(final WebSocketConnection connection) throws Exception
        {
            try
            {
                done.get(WAIT_S, TimeUnit.SECONDS);
            }
            catch (final TimeoutException ex)
            {
                throw new AssertionError("after " + WAIT_S + " s: " + frames.size() + " of " + expected +
                    " frames, opened " + opened + ", " + connection, ex);
            }
        }

        @Override
        public void onOpen(final WebSocketConnection connection)
        {
            opened = true;
            for (final RequestFrame request : requests)
            {
                assertEquals(request.length(), connection.send(request));
            }
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long recvTsNs)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            frames.add(bytes);
            if (frames.size() == expected)
            {
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
