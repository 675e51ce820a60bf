/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.sim.VenueSimulator;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.feeds.subscribe.DataType;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A venue that misbehaves beside one that does not, on one feed: a venue whose server accepts connections and never
 * completes the WebSocket handshake, and a venue that refuses a subscription. Each gets a clear event or status, its
 * retries are bounded (backoff, then the circuit breaker), and the other venue's connection and books are untouched:
 * Kraken, from its simulator, streams its whole recording with every book valid and no disconnect.
 */
@Timeout(120)
class FeedBadVenueTest
{
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @Test
    void shouldRetryAHandshakeThatNeverCompletesWithinBoundsAndLeaveAnotherVenueAlone() throws Exception
    {
        try (SilentServer silent = new SilentServer(); Feed feed = new Feed())
        {
            final ConnectionPlan okx = SubscriptionBuilders.forVenue(Venue.OKX, "ws://127.0.0.1:" + silent.port())
                .plan(SubscriptionRequest.subscribe(List.of("BTC-USDT"), List.of(DataType.BOOK))).get(0);
            feed.live.open(StreamFeedVenue.okx(null), okx);

            assertTrue(FeedHarness.await(() -> feed.count(FeedEvent.CIRCUIT_OPEN) >= 1 &&
                feed.kraken.counter(VenueSimulator.FRAMES_SENT) >= feed.kraken.timeline().size(), WAIT_NS),
                "events " + feed.details);
            final long accepted = silent.accepted.get();
            final long failures = feed.counters.feedConnectFailures.get();
            // the breaker is open for 2 s: half a second of it watched for attempts (a window, not a wait for an event)
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            final long acceptedWhileOpen = silent.accepted.get() - accepted;
            feed.stop();

            assertTrue(feed.details.stream().anyMatch(detail -> detail.startsWith("okx#1 CONNECT_FAILED") &&
                detail.contains("HANDSHAKE_TIMEOUT")), "a clear reason: " + feed.details);
            assertTrue(failures >= 3, "failures before the breaker opened: " + failures);
            assertEquals(failures, accepted, "one attempt per failure, none in between");
            assertEquals(0, acceptedWhileOpen, "no attempt while the breaker is open");
            assertEquals(0, feed.counters.feedDisconnects.get(), "kraken's connection was never lost");
            feed.assertKrakenBooksValid();
        }
    }

    @Test
    void shouldReportARefusedSubscriptionAndKeepItsConnection() throws Exception
    {
        try (Feed feed = new Feed())
        {
            // Kraken names a pair BASE/QUOTE: the simulator refuses "XMRUSD" as Kraken does
            final ConnectionPlan refused = SubscriptionBuilders.forVenue(Venue.KRAKEN, feed.kraken.baseUrl())
                .plan(SubscriptionRequest.subscribe(List.of("XMRUSD"), List.of(DataType.TRADE))).get(0);
            feed.live.open(StreamFeedVenue.kraken(null), refused);

            assertTrue(FeedHarness.await(() -> feed.kraken.counter(VenueSimulator.FRAMES_SENT) >=
                feed.kraken.timeline().size() && feed.counters.malformed.get() >= 1, WAIT_NS),
                "events " + feed.details);
            feed.stop();

            final long venueErrors = feed.journal().stream().filter(entry -> entry.event == StatusEvent.MALFORMED &&
                entry.reason == StatusReason.VENUE_ERROR).count();
            assertEquals(1, venueErrors, "the refusal, as a status");
            assertEquals(0, feed.counters.feedReconnects.get(), "a refusal is not retried by reconnecting");
            assertEquals(0, feed.counters.feedDisconnects.get(), "both connections stayed up");
            feed.assertKrakenBooksValid();
        }
    }

    /**
     * The engine with its journal, a feed, and a Kraken session streaming from its simulator.
     */
    private final class Feed implements AutoCloseable
    {
        final EngineCounters counters = new EngineCounters();
        final Queue<String> details = new ConcurrentLinkedQueue<>();
        final VenueSimulator kraken;
        final MarketDataPipeline pipeline;
        final LiveFeed live;
        private boolean stopped;

        Feed() throws Exception
        {
            kraken = VenueSimulator.start(new VenueSimulator.Context()
                .venue(Venue.KRAKEN)
                .recording(List.of(FeedHarness.recording("cryptofeed/KRAKEN.ws.50.0")))
                .recordingFormat("cryptofeed")
                .rate("2000")
                .live(true));
            pipeline = MarketDataPipeline.start(new EngineConfiguration.Context()
                .journalEnabled(true)
                .journalDir(dir.resolve("journal"))
                .publishEnabled(false)
                .ringSize(4096), Venues.rules(), counters);
            live = LiveFeed.start(FeedHarness.fastFeed()
                    .connectTimeoutNs(TimeUnit.MILLISECONDS.toNanos(150))
                    .reconnectBackoffInitialNs(TimeUnit.MILLISECONDS.toNanos(20))
                    .reconnectBackoffMaxNs(TimeUnit.MILLISECONDS.toNanos(100))
                    .circuitFailures(3)
                    .circuitOpenNs(TimeUnit.SECONDS.toNanos(2)),
                pipeline.producer(), pipeline.resyncRequests(), counters,
                (name, event, detail) -> details.add(name + " " + event + " " + detail));
            live.open(StreamFeedVenue.kraken(null), SubscriptionBuilders.forVenue(Venue.KRAKEN, kraken.baseUrl())
                .plan(SubscriptionRequest.subscribe(List.of("XMR/USD"), List.of(DataType.BOOK))).get(0));
        }

        long count(final FeedEvent event)
        {
            return details.stream().filter(detail -> detail.contains(" " + event + " ")).count();
        }

        void stop()
        {
            stopped = true;
            live.close();
            pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30));
        }

        List<FeedHarness.Entry> journal()
        {
            return FeedHarness.journal(dir.resolve("journal"));
        }

        /**
         * Every book of the Kraken recording (ten) valid at the end, none ever invalid.
         */
        void assertKrakenBooksValid()
        {
            final Map<Integer, BookHealth> last = new HashMap<>();
            for (final FeedHarness.Entry entry : journal())
            {
                assertTrue(entry.event != StatusEvent.GAP && entry.event != StatusEvent.INVALID &&
                    entry.event != StatusEvent.DISCONNECTED, "kraken's books untouched: " + entry);
                if (entry.health != null)
                {
                    last.put(entry.instrumentId, entry.health);
                }
            }
            assertEquals(10, last.size(), "kraken's books: " + last);
            last.forEach((id, health) -> assertEquals(BookHealth.VALID, health, "book " + id));
        }

        @Override
        public void close()
        {
            if (!stopped)
            {
                live.close();
            }
            pipeline.close();
            kraken.close();
            counters.close();
        }
    }

    /**
     * A server that accepts connections and reads what they send, and never answers: a WebSocket handshake to it
     * never completes.
     */
    private static final class SilentServer implements AutoCloseable
    {
        final AtomicInteger accepted = new AtomicInteger();
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
        private final Thread thread = new Thread(this::run, "silent-server");

        SilentServer() throws IOException
        {
            thread.setDaemon(true);
            thread.start();
        }

        int port()
        {
            return server.getLocalPort();
        }

        private void run()
        {
            try
            {
                while (!server.isClosed())
                {
                    final Socket socket = server.accept();
                    accepted.incrementAndGet();
                    sockets.add(socket);
                    final InputStream in = socket.getInputStream();
                    final Thread reader = new Thread(() ->
                    {
                        try
                        {
                            while (in.read() >= 0)
                            {
                                // read and say nothing
                            }
                        }
                        catch (final IOException ignored)
                        {
                            // closed
                        }
                    }, "silent-reader");
                    reader.setDaemon(true);
                    reader.start();
                }
            }
            catch (final IOException ignored)
            {
                // closed
            }
        }

        @Override
        public void close() throws Exception
        {
            server.close();
            for (final Socket socket : sockets)
            {
                socket.close();
            }
            thread.join(5_000);
        }
    }
}
