/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import com.sun.net.httpserver.HttpServer;
import io.marketprism.engine.EngineCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST circuit breaker is per host: one venue whose REST keeps failing stops being asked, and another venue's
 * requests go on at once.
 */
@Timeout(60)
class SnapshotFetcherBreakerTest
{
    @Test
    void shouldOpenTheBreakerOfTheFailingHostOnly() throws Exception
    {
        final AtomicInteger failingRequests = new AtomicInteger();
        final HttpServer failing = server(500, "{\"code\":-1001,\"msg\":\"Internal error\"}", failingRequests);
        final HttpServer healthy = server(200, "{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}", new AtomicInteger());
        final Queue<String> events = new ConcurrentLinkedQueue<>();
        try (EngineCounters counters = new EngineCounters();
            SnapshotFetcher fetcher = new SnapshotFetcher(new LiveFeed.Context()
                .restTimeoutNs(TimeUnit.SECONDS.toNanos(2))
                .restBackoffInitialNs(TimeUnit.MILLISECONDS.toNanos(10))
                .restBackoffMaxNs(TimeUnit.MILLISECONDS.toNanos(20))
                .circuitFailures(3)
                .circuitOpenNs(TimeUnit.SECONDS.toNanos(20))
                .conclude(), counters, (name, event, detail) -> events.add(event + " " + detail)))
        {
            fetcher.fetch("usdm", url(failing), null, () -> true, body -> events.add("unexpected body"));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (events.stream().noneMatch(event -> event.startsWith("CIRCUIT_OPEN")) && System.nanoTime() < deadline)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertTrue(events.stream().anyMatch(event -> event.startsWith("CIRCUIT_OPEN") &&
                event.contains("127.0.0.1:" + failing.getAddress().getPort())), "opened, naming the host: " + events);

            // another venue's host, asked while the first host's breaker is open for 20 s
            final CompletableFuture<String> body = new CompletableFuture<>();
            final long askedNs = System.nanoTime();
            fetcher.fetch("coinm", url(healthy), null, () -> true,
                bytes -> body.complete(new String(bytes, StandardCharsets.UTF_8)));
            assertEquals("{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}", body.get(5, TimeUnit.SECONDS));
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - askedNs);
            assertTrue(tookMs < 2_000, "answered at once, not after the other host's breaker: " + tookMs + " ms");
            assertEquals(3, failingRequests.get(), "the failing host is not asked while its breaker is open");
        }
        finally
        {
            failing.stop(0);
            healthy.stop(0);
        }
    }

    @Test
    void shouldCountRequestsThatFailTogetherAsOneFailure() throws Exception
    {
        // ten requests in flight at once (a snapshot per book after a reconnect), held until all ten have arrived
        final java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(10);
        final AtomicInteger requests = new AtomicInteger();
        final HttpServer failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        failing.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        failing.createContext("/", exchange ->
        {
            requests.incrementAndGet();
            arrived.countDown();
            try
            {
                arrived.await(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failing.start();
        final Queue<String> events = new ConcurrentLinkedQueue<>();
        try (EngineCounters counters = new EngineCounters();
            SnapshotFetcher fetcher = new SnapshotFetcher(new LiveFeed.Context()
                .restTimeoutNs(TimeUnit.SECONDS.toNanos(10))
                .circuitFailures(3)
                .circuitOpenNs(TimeUnit.SECONDS.toNanos(20))
                .conclude(), counters, (name, event, detail) -> events.add(event + " " + detail)))
        {
            // the fetcher counts a failure before it updates the host's breaker, and asks whether the request is
            // still wanted after: waiting for that question, not the count, waits for the breaker
            final AtomicInteger settled = new AtomicInteger();
            for (int i = 0; i < 10; i++)
            {
                fetcher.fetch("coinm", url(failing) + "&n=" + i, null, oneAttempt(settled), body -> events.add("body"));
            }
            awaitSettled(settled, 10);
            assertEquals(10, counters.restFailures.get(), "failures");
            assertTrue(events.stream().noneMatch(event -> event.startsWith("CIRCUIT_OPEN")),
                "ten requests that failed together are one failure: " + events);

            // then attempts one after another: the row reaches three
            for (int i = 0; i < 2; i++)
            {
                fetcher.fetch("coinm", url(failing), null, oneAttempt(settled), body -> events.add("body"));
                awaitSettled(settled, 11 + i);
            }
            assertTrue(events.stream().anyMatch(event -> event.startsWith("CIRCUIT_OPEN")), events.toString());
            assertEquals(12, requests.get());
        }
        finally
        {
            failing.stop(0);
        }
    }

    private static java.util.function.BooleanSupplier oneAttempt()
    {
        return oneAttempt(new AtomicInteger());
    }

    /**
     * Wanted for the first attempt only; the second question (after the first attempt failed and the fetcher has
     * dealt with the failure) is counted in {@code settled}.
     */
    private static java.util.function.BooleanSupplier oneAttempt(final AtomicInteger settled)
    {
        final boolean[] first = {true};
        return () ->
        {
            final boolean wanted = first[0];
            if (!wanted)
            {
                settled.incrementAndGet();
            }
            first[0] = false;
            return wanted;
        };
    }

    private static void awaitSettled(final AtomicInteger settled, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (settled.get() < count && System.nanoTime() < deadline)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertEquals(count, settled.get(), "failed requests the fetcher has dealt with");
    }

    private static HttpServer server(final int status, final String body, final AtomicInteger requests)
        throws IOException
    {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange ->
        {
            requests.incrementAndGet();
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String url(final HttpServer server)
    {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fapi/v1/depth?symbol=BTCUSDT&limit=1000";
    }
}
