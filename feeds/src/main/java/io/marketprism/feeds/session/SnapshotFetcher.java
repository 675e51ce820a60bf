/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.engine.EngineCounters;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Fetches REST bodies (depth snapshots) off the hot path, on one thread of its own: HTTP/1.1 with the JDK's client
 * (TLS with verification; a trust store may be given for a simulator, for the feed or per venue), a timeout per
 * request, retries with exponential backoff and jitter while the caller still wants the answer, a 429 or 418
 * answer retried after the venue's {@code Retry-After}, and a circuit breaker per host: after {@code circuitFailures}
 * failures in a row from one host no request is sent to it until {@code circuitOpenNs} has passed (then one tries),
 * while other hosts (other venues) are asked as usual. Requests sent together (a snapshot per book after a
 * reconnect) that fail together count as one failure: a row is of attempts, each sent after the previous one failed.
 * Counts requests, retries, rate limits and failures in {@link EngineCounters}.
 */
public final class SnapshotFetcher implements AutoCloseable
{
    /** Name of its thread. */
    public static final String THREAD_NAME = "marketprism-rest";

    private final LiveFeed.Context context;
    private final EngineCounters counters;
    private final FeedEventListener listener;
    private final ScheduledThreadPoolExecutor executor;
    private final HttpClient http;
    private final Map<KeyStore, HttpClient> httpByTrustStore = new IdentityHashMap<>();
    private final Map<String, Breaker> breakers = new HashMap<>();

    SnapshotFetcher(final LiveFeed.Context context, final EngineCounters counters, final FeedEventListener listener)
    {
        this.context = context;
        this.counters = counters;
        this.listener = listener;
        executor = new ScheduledThreadPoolExecutor(1, runnable ->
        {
            final Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        http = newClient(context.trustStore());
    }

    private HttpClient newClient(final KeyStore trustStore)
    {
        final HttpClient.Builder builder = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofNanos(context.restTimeoutNs()))
            .executor(executor);
        if (trustStore != null)
        {
            builder.sslContext(sslContext(trustStore));
        }
        return builder.build();
    }

    /**
     * Fetches a body; retries until it has one or {@code wanted} says false. Any thread.
     *
     * @param session for events.
     * @param url     the URL.
     * @param trust   certificates to trust instead of the feed's (a venue's own trust store), or null.
     * @param wanted  read before every attempt: false to give up (e.g. the connection it was for was lost).
     * @param done    receives the body (200 answers only), on the fetcher's thread.
     */
    void fetch(
        final String session, final String url, final KeyStore trust, final BooleanSupplier wanted, final Done done)
    {
        fetch(session, url, trust, wanted, done, null);
    }

    /**
     * Fetches a body, as {@link #fetch(String, String, KeyStore, BooleanSupplier, Done)}, and tells the caller when
     * the venue answers {@code 429} or {@code 418}.
     *
     * @param session     for events.
     * @param url         the URL.
     * @param trust       certificates to trust instead of the feed's, or null.
     * @param wanted      read before every attempt: false to give up.
     * @param done        receives the body (200 answers only), on the fetcher's thread.
     * @param rateLimited told the venue's wait (its {@code Retry-After}, at least the backoff), on the fetcher's
     *                    thread; or null.
     */
    void fetch(
        final String session,
        final String url,
        final KeyStore trust,
        final BooleanSupplier wanted,
        final Done done,
        final RateLimited rateLimited)
    {
        executor.execute(() -> attempt(session, url, client(trust), wanted, done, rateLimited, 1));
    }

    /**
     * Runs a task on the REST thread after a delay (pollers schedule their requests this way).
     *
     * @param task    the task.
     * @param delayNs the delay; 0 or less for at once.
     */
    void schedule(final Runnable task, final long delayNs)
    {
        try
        {
            executor.schedule(task, Math.max(0, delayNs), TimeUnit.NANOSECONDS);
        }
        catch (final java.util.concurrent.RejectedExecutionException ignored)
        {
            // closed
        }
    }

    /**
     * @return the client for a trust store (the feed's for null); one per trust store, made on first use. Fetcher
     *         thread.
     */
    private HttpClient client(final KeyStore trust)
    {
        return trust == null ? http : httpByTrustStore.computeIfAbsent(trust, this::newClient);
    }

    private void attempt(
        final String session,
        final String url,
        final HttpClient httpClient,
        final BooleanSupplier wanted,
        final Done done,
        final RateLimited rateLimited,
        final int attempt)
    {
        if (!wanted.getAsBoolean())
        {
            return;
        }
        final Breaker breaker = breaker(url);
        final long now = System.nanoTime();
        if (breaker.open && now - breaker.openUntilNs < 0)
        {
            executor.schedule(() -> attempt(session, url, httpClient, wanted, done, rateLimited, attempt),
                breaker.openUntilNs - now, TimeUnit.NANOSECONDS);
            return;
        }
        breaker.open = false;
        counters.restRequests.increment();
        final long sentNs = System.nanoTime();
        final HttpRequest request = HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofNanos(context.restTimeoutNs()))
            .GET()
            .build();
        httpClient.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenCompleteAsync((response, error) ->
        {
            if (error == null && response.statusCode() == 200)
            {
                breaker.consecutiveFailures = 0;
                done.onBody(response.body());
                return;
            }
            counters.restFailures.increment();
            long delayNs = backoffNs(attempt);
            final String why;
            if (error != null)
            {
                why = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : " " + error.getMessage());
            }
            else if (response.statusCode() == 429 || response.statusCode() == 418)
            {
                counters.restRateLimited.increment();
                final long retryAfterS = response.headers().firstValueAsLong("Retry-After").orElse(-1);
                if (retryAfterS >= 0)
                {
                    delayNs = Math.max(delayNs, TimeUnit.SECONDS.toNanos(retryAfterS));
                }
                why = "HTTP " + response.statusCode() + ", Retry-After " + retryAfterS + " s";
                if (rateLimited != null)
                {
                    rateLimited.onRateLimited(delayNs);
                }
            }
            else
            {
                why = "HTTP " + response.statusCode();
            }
            // requests that were already in flight when the host's last failure was seen fail of the same cause (a
            // dead keep-alive connection, a host gone): one failure in a row, not one per request
            final boolean sameBurst = breaker.failed && sentNs - breaker.lastFailureNs < 0;
            breaker.failed = true;
            breaker.lastFailureNs = System.nanoTime();
            if (!sameBurst && ++breaker.consecutiveFailures >= context.circuitFailures())
            {
                breaker.open = true;
                breaker.openUntilNs = System.nanoTime() + context.circuitOpenNs();
                breaker.consecutiveFailures = 0;
                listener.onEvent(session, FeedEvent.CIRCUIT_OPEN, "REST " + why + "; no request to " + breaker.host +
                    " for " +
                    TimeUnit.NANOSECONDS.toMillis(context.circuitOpenNs()) + " ms");
            }
            if (!wanted.getAsBoolean())
            {
                return;
            }
            counters.restRetries.increment();
            listener.onEvent(session, FeedEvent.REST_RETRY, url + ": " + why + "; attempt " + (attempt + 1) +
                " in " + TimeUnit.NANOSECONDS.toMillis(delayNs) + " ms");
            executor.schedule(() -> attempt(session, url, httpClient, wanted, done, rateLimited, attempt + 1),
                delayNs, TimeUnit.NANOSECONDS);
        }, executor);
    }

    private long backoffNs(final int attempt)
    {
        return LiveFeed.jittered(context.restBackoffInitialNs(), context.restBackoffMaxNs(), attempt,
            ThreadLocalRandom.current());
    }

    /**
     * Stops its thread (pending retries are dropped) and waits for it.
     */
    @Override
    public void close()
    {
        executor.shutdownNow();
        try
        {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static SSLContext sslContext(final KeyStore trustStore)
    {
        try
        {
            final TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            final SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            return ssl;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("cannot set up TLS for REST: " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the breaker of the URL's host (scheme, host and port), made on first use. Fetcher thread.
     */
    private Breaker breaker(final String url)
    {
        final URI uri = URI.create(url);
        final String host = uri.getScheme() + "://" + uri.getRawAuthority();
        return breakers.computeIfAbsent(host, Breaker::new);
    }

    /**
     * One host's circuit breaker. Fetcher thread.
     */
    private static final class Breaker
    {
        final String host;
        int consecutiveFailures;
        boolean open;
        long openUntilNs;
        boolean failed;
        long lastFailureNs;

        Breaker(final String host)
        {
            this.host = host;
        }
    }

    /**
     * Told that the venue asked to slow down.
     */
    @FunctionalInterface
    interface RateLimited
    {
        /**
         * @param waitNs how long the venue asked to wait (its Retry-After, at least the backoff).
         */
        void onRateLimited(long waitNs);
    }

    /**
     * Receives a fetched body.
     */
    @FunctionalInterface
    interface Done
    {
        /**
         * @param body the response body.
         */
        void onBody(byte[] body);
    }
}
