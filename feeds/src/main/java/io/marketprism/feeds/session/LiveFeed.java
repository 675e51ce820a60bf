/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.ResyncRequests;
import io.marketprism.engine.RingProducer;
import io.marketprism.feeds.net.WebSocketClient;
import io.marketprism.feeds.net.WebSocketConnection;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.sbe.Venue;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.security.KeyStore;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The live feed role: {@link FeedSession}s (one per connection plan, of any venues) on one WebSocket event-loop
 * thread, which is the single producer of the engine's ring: every frame, snapshot and connection status is decoded
 * into the ring there. The same thread polls the engine's {@link ResyncRequests} on a timer and hands each to the
 * session that carries the book; snapshots are fetched by a {@link SnapshotFetcher} on its own thread and come back
 * to this one to be decoded. A run command makes one per engine and opens a session per plan from its configuration
 * ({@link #open(FeedVenue, ConnectionPlan)}). A timer on the same thread asks every session to check its connection
 * and books for staleness ({@link Context#staleAfterNs(long)}) every quarter of the stale-after time (at most 1 s).
 * <p>
 * Threads: the event loop ({@link WebSocketClient#THREAD_NAME_PREFIX}) and the REST thread
 * ({@link SnapshotFetcher#THREAD_NAME}), both ended by {@link #close()}.
 */
public final class LiveFeed implements AutoCloseable
{
    private static final int RESYNC_LIMIT = 16;

    private final Context context;
    private final RingProducer producer;
    private final ResyncRequests resyncRequests;
    private final EngineCounters counters;
    private final FeedEventListener listener;
    private final WebSocketClient client;
    private final EventLoop eventLoop;
    /** Connection ids of pollers' raw frames start here, apart from every session's. */
    static final int POLLER_CONNECTION_BASE = 1 << 16;

    private final List<RestPoller> pollers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SnapshotFetcher fetcher;
    private final List<FeedSession> sessions = new CopyOnWriteArrayList<>();
    private final ResyncRequests.Handler resyncHandler = this::onResync;
    private final ScheduledFuture<?> resyncPoll;
    private final ScheduledFuture<?> staleCheck;
    private volatile boolean closed;

    private LiveFeed(
        final Context context,
        final RingProducer producer,
        final ResyncRequests resyncRequests,
        final EngineCounters counters,
        final FeedEventListener listener)
    {
        this.context = context;
        this.producer = producer;
        this.resyncRequests = resyncRequests;
        this.counters = counters;
        this.listener = listener;
        client = new WebSocketClient(1);
        eventLoop = client.eventLoop();
        fetcher = new SnapshotFetcher(context, counters, listener);
        resyncPoll = eventLoop.scheduleWithFixedDelay(
            this::pollResyncs, context.resyncPollNs(), context.resyncPollNs(), TimeUnit.NANOSECONDS);
        final long checkNs = context.staleCheckIntervalNs();
        staleCheck = checkNs > 0 ?
            eventLoop.scheduleWithFixedDelay(this::checkStale, checkNs, checkNs, TimeUnit.NANOSECONDS) : null;
    }

    /**
     * Starts the feed's threads; no session yet. Cold path.
     *
     * @param context        settings (concluded here).
     * @param producer       the ring's producer: used on the feed's thread only from now on.
     * @param resyncRequests the engine's resync requests: polled on the feed's thread only from now on.
     * @param counters       where connection and REST events are counted.
     * @param listener       status events, one per change (e.g. {@link FeedEventListener#LOG}).
     * @return the feed.
     */
    public static LiveFeed start(
        final Context context,
        final RingProducer producer,
        final ResyncRequests resyncRequests,
        final EngineCounters counters,
        final FeedEventListener listener)
    {
        return new LiveFeed(context.conclude(), producer, resyncRequests, counters, listener);
    }

    /**
     * Opens a session for a connection plan; it connects at once and stays connected until {@link #close()}.
     *
     * @param venue the venue's feed parts (decoder, books, snapshot URLs).
     * @param plan  the connection plan (URL and subscribe frames), e.g. from a {@code SubscriptionBuilder}.
     * @return the session.
     */
    public FeedSession open(final FeedVenue venue, final ConnectionPlan plan)
    {
        if (closed)
        {
            throw new IllegalStateException("the feed is closed");
        }
        final int connectionId = sessions.size();
        final FeedSession session = new FeedSession(this,
            io.marketprism.codecs.VenueNames.name(venue.venue()) + "#" + connectionId, connectionId, venue, plan);
        sessions.add(session);
        onFeedThread(session::start);
        return session;
    }

    /**
     * Starts polling a venue's REST endpoints ({@link RestPoller}): each poll's first request now, then every interval,
     * within the venue's weight budget, until {@link #close()}.
     *
     * @param venue  the venue (its decoder reads the bodies, its trust store is used).
     * @param polls  what to poll.
     * @param budget the venue's request weight budget, shared by these polls.
     * @return the poller, for its counts.
     */
    public RestPoller poll(final FeedVenue venue, final List<RestPoll> polls, final RestWeightBudget budget)
    {
        if (closed)
        {
            throw new IllegalStateException("the feed is closed");
        }
        final RestPoller poller = new RestPoller(this, venue, polls, budget, POLLER_CONNECTION_BASE + pollers.size());
        pollers.add(poller);
        poller.start();
        return poller;
    }

    /**
     * @return the sessions, in the order opened.
     */
    public List<FeedSession> sessions()
    {
        return List.copyOf(sessions);
    }

    /**
     * Runs a task on the feed's thread and waits for it (tests and tools read feed-thread state this way).
     *
     * @param task      the task.
     * @param timeoutNs how long to wait.
     * @throws TimeoutException     when it did not run in time.
     * @throws InterruptedException when interrupted.
     */
    public void runOnFeedThread(final Runnable task, final long timeoutNs) throws TimeoutException, InterruptedException
    {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        eventLoop.execute(() ->
        {
            task.run();
            done.complete(null);
        });
        try
        {
            done.get(timeoutNs, TimeUnit.NANOSECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException(ex.getCause());
        }
    }

    /**
     * Closes every session and connection, stops the REST thread and the event loop, and waits for them. After this
     * the producer may be used by another thread. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            runOnFeedThread(() ->
            {
                resyncPoll.cancel(false);
                if (staleCheck != null)
                {
                    staleCheck.cancel(false);
                }
                for (final FeedSession session : sessions)
                {
                    session.close();
                }
            }, TimeUnit.SECONDS.toNanos(5));
        }
        catch (final TimeoutException | InterruptedException | java.util.concurrent.RejectedExecutionException ex)
        {
            // the client's close below ends whatever is left
        }
        for (final RestPoller poller : pollers)
        {
            poller.close();
        }
        client.close();
        fetcher.close();
    }

    /**
     * @param initialNs first delay.
     * @param maxNs     bound.
     * @param attempt   failures so far, from 1.
     * @param random    jitter source.
     * @return {@code min(max, initial * 2^(attempt-1))} less up to half of it at random ("equal jitter").
     */
    static long jittered(final long initialNs, final long maxNs, final int attempt, final Random random)
    {
        final long delay = Math.min(maxNs, initialNs << Math.min(Math.max(0, attempt - 1), 30));
        final long half = delay / 2;
        return delay - (half > 0 ? (long)(random.nextDouble() * half) : 0);
    }

    Context context()
    {
        return context;
    }

    RingProducer producer()
    {
        return producer;
    }

    EngineCounters counters()
    {
        return counters;
    }

    FeedEventListener listener()
    {
        return listener;
    }

    WebSocketClient client()
    {
        return client;
    }

    SnapshotFetcher fetcher()
    {
        return fetcher;
    }

    WebSocketConnection.Context connectionContext(final String url, final FeedVenue venue)
    {
        final KeyStore trust = venue.trustStore() != null ? venue.trustStore() : context.trustStore();
        final WebSocketConnection.Context connection = new WebSocketConnection.Context()
            .uri(url)
            .keepAlive(venue.keepAlive())
            .connectTimeoutNs(context.connectTimeoutNs())
            .handshakeTimeoutNs(context.connectTimeoutNs())
            .pingIntervalNs(context.pingIntervalNs())
            .pongTimeoutNs(context.pongTimeoutNs())
            .clock(context.clock());
        if (trust != null)
        {
            connection.trustStore(trust);
        }
        return connection;
    }

    void onFeedThread(final Runnable task)
    {
        if (!closed)
        {
            try
            {
                eventLoop.execute(task);
            }
            catch (final java.util.concurrent.RejectedExecutionException ignored)
            {
                // closing: nothing more is decoded
            }
        }
    }

    void schedule(final Runnable task, final long delayNs)
    {
        if (!closed)
        {
            eventLoop.schedule(task, delayNs, TimeUnit.NANOSECONDS);
        }
    }

    private void checkStale()
    {
        final long nowNs = context.clock().nanoTime();
        for (final FeedSession session : sessions)
        {
            session.checkStale(nowNs, context.staleAfterNs());
        }
    }

    private void pollResyncs()
    {
        resyncRequests.poll(resyncHandler, RESYNC_LIMIT);
    }

    private void onResync(
        final short rawVenue, final int instrumentId, final DirectBuffer symbol, final int offset, final int length)
    {
        final Venue venue = Venue.get(rawVenue);
        final String venueSymbol = symbol.getStringWithoutLengthAscii(offset, length);
        for (final FeedSession session : sessions)
        {
            if (session.venue() == venue && session.carries(venueSymbol))
            {
                session.requestSnapshot(venueSymbol);
                return;
            }
        }
    }

    /**
     * Settings, fluent; {@link #conclude()} validates them and names the setting that is wrong.
     */
    public static final class Context
    {
        /** Default {@link #reconnectBackoffInitialNs(long)}: 100 ms. */
        public static final long RECONNECT_BACKOFF_INITIAL_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(100);
        /** Default {@link #reconnectBackoffMaxNs(long)}: 30 s. */
        public static final long RECONNECT_BACKOFF_MAX_DEFAULT_NS = TimeUnit.SECONDS.toNanos(30);
        /** Default {@link #circuitFailures(int)}: 10 failures in a row. */
        public static final int CIRCUIT_FAILURES_DEFAULT = 10;
        /** Default {@link #circuitOpenNs(long)}: 60 s. */
        public static final long CIRCUIT_OPEN_DEFAULT_NS = TimeUnit.SECONDS.toNanos(60);
        /** Default {@link #restTimeoutNs(long)}: 10 s. */
        public static final long REST_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(10);
        /** Default {@link #restBackoffInitialNs(long)}: 250 ms. */
        public static final long REST_BACKOFF_INITIAL_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(250);
        /** Default {@link #restBackoffMaxNs(long)}: 30 s. */
        public static final long REST_BACKOFF_MAX_DEFAULT_NS = TimeUnit.SECONDS.toNanos(30);
        /** Default {@link #resyncPollNs(long)}: 1 ms. */
        public static final long RESYNC_POLL_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(1);
        /** Default {@link #staleAfterNs(long)}: 10 s. */
        public static final long STALE_AFTER_DEFAULT_NS = TimeUnit.SECONDS.toNanos(10);
        /** Longest time between two staleness checks. */
        public static final long STALE_CHECK_MAX_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
        /** Default {@link #rotateAfterNs(long)}: 23 hours, an hour before Binance closes a connection. */
        public static final long ROTATE_AFTER_DEFAULT_NS = TimeUnit.HOURS.toNanos(23);
        /** Longest overlap of the old and the new connection in a rotation. */
        public static final long ROTATION_OVERLAP_MAX_NS = TimeUnit.SECONDS.toNanos(1);

        private long reconnectBackoffInitialNs = RECONNECT_BACKOFF_INITIAL_DEFAULT_NS;
        private long reconnectBackoffMaxNs = RECONNECT_BACKOFF_MAX_DEFAULT_NS;
        private int circuitFailures = CIRCUIT_FAILURES_DEFAULT;
        private long circuitOpenNs = CIRCUIT_OPEN_DEFAULT_NS;
        private long restTimeoutNs = REST_TIMEOUT_DEFAULT_NS;
        private long restBackoffInitialNs = REST_BACKOFF_INITIAL_DEFAULT_NS;
        private long restBackoffMaxNs = REST_BACKOFF_MAX_DEFAULT_NS;
        private long resyncPollNs = RESYNC_POLL_DEFAULT_NS;
        private long staleAfterNs = STALE_AFTER_DEFAULT_NS;
        private long rotateAfterNs = ROTATE_AFTER_DEFAULT_NS;
        private long connectTimeoutNs = WebSocketConnection.Context.CONNECT_TIMEOUT_DEFAULT_NS;
        private long pingIntervalNs = WebSocketConnection.Context.PING_INTERVAL_DEFAULT_NS;
        private long pongTimeoutNs = WebSocketConnection.Context.PONG_TIMEOUT_DEFAULT_NS;
        private KeyStore trustStore;
        private EpochNanoClock clock = new SystemEpochNanoClock();

        /**
         * @param ns first reconnect delay; doubles per failure in a row up to the maximum, less up to half at random.
         * @return this.
         */
        public Context reconnectBackoffInitialNs(final long ns)
        {
            reconnectBackoffInitialNs = ns;
            return this;
        }

        /**
         * @return first reconnect delay, ns.
         */
        public long reconnectBackoffInitialNs()
        {
            return reconnectBackoffInitialNs;
        }

        /**
         * @param ns bound of the reconnect delay.
         * @return this.
         */
        public Context reconnectBackoffMaxNs(final long ns)
        {
            reconnectBackoffMaxNs = ns;
            return this;
        }

        /**
         * @return bound of the reconnect delay, ns.
         */
        public long reconnectBackoffMaxNs()
        {
            return reconnectBackoffMaxNs;
        }

        /**
         * @param failures failures in a row (connections that never delivered a frame, or REST requests) that open
         *                 the circuit breaker.
         * @return this.
         */
        public Context circuitFailures(final int failures)
        {
            circuitFailures = failures;
            return this;
        }

        /**
         * @return failures in a row that open the breaker.
         */
        public int circuitFailures()
        {
            return circuitFailures;
        }

        /**
         * @param ns how long an open breaker holds every attempt back.
         * @return this.
         */
        public Context circuitOpenNs(final long ns)
        {
            circuitOpenNs = ns;
            return this;
        }

        /**
         * @return how long an open breaker waits, ns.
         */
        public long circuitOpenNs()
        {
            return circuitOpenNs;
        }

        /**
         * @param ns timeout of one REST request (connect and answer).
         * @return this.
         */
        public Context restTimeoutNs(final long ns)
        {
            restTimeoutNs = ns;
            return this;
        }

        /**
         * @return timeout of one REST request, ns.
         */
        public long restTimeoutNs()
        {
            return restTimeoutNs;
        }

        /**
         * @param ns first delay before a REST retry (a 429's Retry-After wins when longer).
         * @return this.
         */
        public Context restBackoffInitialNs(final long ns)
        {
            restBackoffInitialNs = ns;
            return this;
        }

        /**
         * @return first REST retry delay, ns.
         */
        public long restBackoffInitialNs()
        {
            return restBackoffInitialNs;
        }

        /**
         * @param ns bound of the REST retry delay.
         * @return this.
         */
        public Context restBackoffMaxNs(final long ns)
        {
            restBackoffMaxNs = ns;
            return this;
        }

        /**
         * @return bound of the REST retry delay, ns.
         */
        public long restBackoffMaxNs()
        {
            return restBackoffMaxNs;
        }

        /**
         * @param ns how often the feed thread looks for normalize's resync requests.
         * @return this.
         */
        public Context resyncPollNs(final long ns)
        {
            resyncPollNs = ns;
            return this;
        }

        /**
         * @return resync poll period, ns.
         */
        public long resyncPollNs()
        {
            return resyncPollNs;
        }

        /**
         * @param ns a book with no message for this long is {@code stale} (status, and health in its snapshot) until
         *           its next update ({@code recovered}); an open connection without a frame for this long is reported
         *           stale (not closed). 0 turns the checks off.
         * @return this.
         */
        public Context staleAfterNs(final long ns)
        {
            staleAfterNs = ns;
            return this;
        }

        /**
         * @return the stale-after time, ns; 0 when off.
         */
        public long staleAfterNs()
        {
            return staleAfterNs;
        }

        /**
         * @return how often the checks run: a quarter of the stale-after time, at most
         *         {@link #STALE_CHECK_MAX_INTERVAL_NS} and at least 1 ms; 0 when off. A book is reported at most this
         *         long after it became stale.
         */
        public long staleCheckIntervalNs()
        {
            return staleAfterNs == 0 ? 0 :
                Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(staleAfterNs / 4, STALE_CHECK_MAX_INTERVAL_NS));
        }

        /**
         * @param ns a connection open this long is replaced, for venues that can
         *           ({@link FeedVenue#newStreamPositions()}): a new connection subscribes beside it, and once it has
         *           delivered for {@link #rotationOverlapNs()} the session switches to it and closes the old one;
         *           messages the new one repeats are dropped, so no book sees a gap and nothing is resynced. 0 turns
         *           rotation off.
         * @return this.
         */
        public Context rotateAfterNs(final long ns)
        {
            rotateAfterNs = ns;
            return this;
        }

        /**
         * @return how long a connection lives before it is rotated, ns; 0 when off.
         */
        public long rotateAfterNs()
        {
            return rotateAfterNs;
        }

        /**
         * @return how long the old and the new connection of a rotation both deliver before the switch: a quarter
         *         of {@link #rotateAfterNs()}, at most {@link #ROTATION_OVERLAP_MAX_NS}.
         */
        public long rotationOverlapNs()
        {
            return Math.min(ROTATION_OVERLAP_MAX_NS, rotateAfterNs / 4);
        }

        /**
         * @param ns timeout of the TCP connect, and separately of TLS plus the WebSocket upgrade.
         * @return this.
         */
        public Context connectTimeoutNs(final long ns)
        {
            connectTimeoutNs = ns;
            return this;
        }

        /**
         * @return connect timeout, ns.
         */
        public long connectTimeoutNs()
        {
            return connectTimeoutNs;
        }

        /**
         * @param ns WebSocket ping interval.
         * @return this.
         */
        public Context pingIntervalNs(final long ns)
        {
            pingIntervalNs = ns;
            return this;
        }

        /**
         * @return ping interval, ns.
         */
        public long pingIntervalNs()
        {
            return pingIntervalNs;
        }

        /**
         * @param ns how long a ping may go unanswered before the connection is dropped.
         * @return this.
         */
        public Context pongTimeoutNs(final long ns)
        {
            pongTimeoutNs = ns;
            return this;
        }

        /**
         * @return pong timeout, ns.
         */
        public long pongTimeoutNs()
        {
            return pongTimeoutNs;
        }

        /**
         * @param trustStore certificates to trust for WebSocket and REST TLS instead of the JDK's (e.g. a
         *                   simulator's); null for the JDK's.
         * @return this.
         */
        public Context trustStore(final KeyStore trustStore)
        {
            this.trustStore = trustStore;
            return this;
        }

        /**
         * @return the trust store, or null.
         */
        public KeyStore trustStore()
        {
            return trustStore;
        }

        /**
         * @param clock the epoch clock for receive times.
         * @return this.
         */
        public Context clock(final EpochNanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * @return the epoch clock.
         */
        public EpochNanoClock clock()
        {
            return clock;
        }

        /**
         * Validates the settings.
         *
         * @return this.
         * @throws IllegalArgumentException naming the setting.
         */
        public Context conclude()
        {
            positive("reconnectBackoffInitialNs", reconnectBackoffInitialNs);
            positive("reconnectBackoffMaxNs", reconnectBackoffMaxNs);
            if (reconnectBackoffMaxNs < reconnectBackoffInitialNs)
            {
                throw new IllegalArgumentException("reconnectBackoffMaxNs must be >= reconnectBackoffInitialNs");
            }
            positive("circuitFailures", circuitFailures);
            positive("circuitOpenNs", circuitOpenNs);
            positive("restTimeoutNs", restTimeoutNs);
            positive("restBackoffInitialNs", restBackoffInitialNs);
            positive("restBackoffMaxNs", restBackoffMaxNs);
            if (restBackoffMaxNs < restBackoffInitialNs)
            {
                throw new IllegalArgumentException("restBackoffMaxNs must be >= restBackoffInitialNs");
            }
            positive("resyncPollNs", resyncPollNs);
            if (staleAfterNs < 0)
            {
                throw new IllegalArgumentException("staleAfterNs must be 0 (off) or above: " + staleAfterNs);
            }
            if (rotateAfterNs < 0)
            {
                throw new IllegalArgumentException("rotateAfterNs must be 0 (off) or above: " + rotateAfterNs);
            }
            positive("connectTimeoutNs", connectTimeoutNs);
            positive("pingIntervalNs", pingIntervalNs);
            positive("pongTimeoutNs", pongTimeoutNs);
            if (clock == null)
            {
                throw new IllegalArgumentException("clock must not be null");
            }
            return this;
        }

        private static void positive(final String name, final long value)
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException(name + " must be above 0: " + value);
            }
        }
    }
}
