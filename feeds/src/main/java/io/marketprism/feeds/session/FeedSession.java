/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.RingProducer;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.MessageWriter;
import io.marketprism.feeds.net.CloseReason;
import io.marketprism.feeds.net.WebSocketConnection;
import io.marketprism.feeds.net.WebSocketHandler;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.feeds.subscribe.RequestFrame;
import io.marketprism.sbe.StatusEvent;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One connection plan kept alive: connect, send the plan's subscribe frames, decode every frame into the ring (and,
 * when the engine journals raw frames, record each frame and snapshot body ahead of its messages, under the session's
 * connection id, so {@code replay --redecode} gives each session a decoder of its own), and when the connection is
 * lost mark its books for resync ({@code DISCONNECTED} status per book, so normalize holds them {@code resyncing}),
 * reconnect after an exponential backoff with jitter (a circuit breaker after repeated failures), resubscribe and
 * fetch a fresh depth snapshot per book. Snapshots are fetched on the REST thread and decoded here; one fetched for a
 * connection that has been lost since is dropped, because its book is resynced by the next connection's own.
 * <p>
 * Staleness, on the {@link LiveFeed}'s timer ({@link #checkStale(long, long)}): a connection open without a frame for
 * the stale-after time is reported {@link FeedEvent#STALE} (counted) and pinged at once, so that a half-open one is
 * closed by the pong timeout and reconnected, while one whose venue answers stays open; it is reported
 * {@link FeedEvent#RECOVERED} at its next frame; and every book gets a staleness check on the ring, which normalize
 * answers against the book's own latest message ({@code stale} status, then {@code recovered} at its next update).
 * <p>
 * Rotation ({@link LiveFeed.Context#rotateAfterNs(long)}, for venues with {@link FeedVenue#newStreamPositions()}):
 * a connection open for the rotation time gets a standby connection with the same plan. While the standby
 * subscribes, the session goes on decoding the old connection and notes, per stream, the position of the last message
 * it delivered; the standby's frames are held. Once the standby has delivered for the overlap time and the old
 * connection has delivered, on every stream, what came before the standby's first message (or the old connection is
 * lost meanwhile, or the held frames reach {@link #MAX_HELD_BYTES}), the session switches: the old
 * connection is closed, and the held frames and everything after them are decoded from the standby, less the messages
 * at or below a stream's noted position, which the old connection already delivered (checked until each stream has
 * passed its noted position, at most {@link #REPEAT_CHECK_MAX_NS}; a rotation due meanwhile waits for it). So every
 * stream goes on without a message lost or repeated, the books stay valid and nothing is resynced. A standby that
 * fails is given up (counted) and tried again after the reconnect backoff's maximum.
 * <p>
 * Every method runs on the {@link LiveFeed}'s event-loop thread, the ring's single producer.
 */
public final class FeedSession
{
    /** Bytes of standby frames held during a rotation beyond which the session switches at once. */
    public static final int MAX_HELD_BYTES = 16 << 20;
    /**
     * Longest time after a switch that the new connection's frames are checked for repeats of a stream that has not
     * yet passed the old connection's last position (a stream that stays quiet).
     */
    public static final long REPEAT_CHECK_MAX_NS = TimeUnit.SECONDS.toNanos(5);
    private static final int HELD_HEADER = Integer.BYTES + Long.BYTES;

    /** Status: not started, or closed. */
    public static final int IDLE = 0;
    /** Status: connecting. */
    public static final int CONNECTING = 1;
    /** Status: open and subscribed. */
    public static final int OPEN = 2;
    /** Status: waiting to reconnect. */
    public static final int BACKOFF = 3;
    /** Status: waiting for the circuit breaker. */
    public static final int CIRCUIT_OPEN = 4;
    /** Status: closed for good. */
    public static final int CLOSED = 5;

    private final LiveFeed feed;
    private final String name;
    private final int connectionId;
    private final FeedVenue venue;
    private final ConnectionPlan plan;
    private final FrameDecoder decoder;
    private final RingProducer producer;
    private final EngineCounters counters;
    private final FeedEventListener listener;
    private final MessageWriter writer;
    private final List<String> bookSymbols;
    private final UnsafeBuffer[] bookSymbolBytes;
    private final UnsafeBuffer snapshotBuffer = new UnsafeBuffer(0, 0);
    private final Map<String, Integer> snapshotInFlight = new HashMap<>();
    private final EpochNanoClock clock;
    private final StreamPositions positions;
    private static final long CAUGHT_UP = Long.MIN_VALUE + 1;
    private final Long2LongHashMap delivered = new Long2LongHashMap(Long.MIN_VALUE);
    private final Long2LongHashMap firstHeld = new Long2LongHashMap(Long.MIN_VALUE);
    private int streamsBehind;
    private boolean overlapDone;
    private ExpandableDirectByteBuffer held;
    private int heldBytes;
    private int heldFrames;

    private Link active;
    private Link standby;
    private boolean filtering;
    private long filterUntilNs;
    private int rotationEpoch;
    private volatile int generation;
    private volatile int state = IDLE;
    private int failures;
    private boolean receivedSinceOpen;
    private boolean connectionStale;
    private long lastFrameNs;
    private long frames;

    FeedSession(
        final LiveFeed feed,
        final String name,
        final int connectionId,
        final FeedVenue venue,
        final ConnectionPlan plan)
    {
        this.feed = feed;
        this.name = name;
        this.connectionId = connectionId;
        this.venue = venue;
        this.plan = plan;
        this.decoder = venue.newDecoder();
        this.producer = feed.producer();
        this.counters = feed.counters();
        this.listener = feed.listener();
        this.clock = feed.context().clock();
        this.writer = new MessageWriter(venue.venue(), 0);
        this.positions = venue.newStreamPositions();
        this.bookSymbols = List.copyOf(venue.bookSymbols(plan));
        this.bookSymbolBytes = new UnsafeBuffer[bookSymbols.size()];
        for (int i = 0; i < bookSymbols.size(); i++)
        {
            bookSymbolBytes[i] = new UnsafeBuffer(bookSymbols.get(i).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * @return the session's name, e.g. {@code binance-spot#0}.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return {@link #IDLE}, {@link #CONNECTING}, {@link #OPEN}, {@link #BACKOFF}, {@link #CIRCUIT_OPEN} or
     *         {@link #CLOSED}; any thread.
     */
    public int state()
    {
        return state;
    }

    /**
     * @return the connection plan.
     */
    public ConnectionPlan plan()
    {
        return plan;
    }

    /**
     * @return the venue symbols of the books this session carries.
     */
    public List<String> bookSymbols()
    {
        return bookSymbols;
    }

    /**
     * @return connections opened so far; any thread.
     */
    public int generation()
    {
        return generation;
    }

    void start()
    {
        connect(false);
    }

    void close()
    {
        state = CLOSED;
        closeLink(active);
        closeLink(standby);
        standby = null;
        listener.onEvent(name, FeedEvent.CLOSED, "");
    }

    private static void closeLink(final Link link)
    {
        if (link != null && link.connection != null)
        {
            link.connection.close();
        }
    }

    io.marketprism.sbe.Venue venue()
    {
        return venue.venue();
    }

    boolean carries(final String venueSymbol)
    {
        return bookSymbols.contains(venueSymbol);
    }

    /**
     * Normalize asked for this book to be resynced: fetch a snapshot, unless one is already on its way for the
     * current connection.
     *
     * @param venueSymbol the book.
     */
    void requestSnapshot(final String venueSymbol)
    {
        if (state != OPEN)
        {
            return;
        }
        final int forGeneration = generation;
        final Integer inFlight = snapshotInFlight.get(venueSymbol);
        if (inFlight != null && inFlight == forGeneration)
        {
            return;
        }
        snapshotInFlight.put(venueSymbol, forGeneration);
        if (!venue.booksFromRest())
        {
            // the venue sends a book's snapshot when it is subscribed: subscribe again, on a new connection
            listener.onEvent(name, FeedEvent.SNAPSHOT_REQUESTED, venueSymbol + ": resubscribing on a new connection");
            if (active != null && active.connection != null)
            {
                active.connection.close();
            }
            return;
        }
        final String url = venue.snapshotUrl(venueSymbol);
        listener.onEvent(name, FeedEvent.SNAPSHOT_REQUESTED, url);
        feed.fetcher().fetch(name, url, venue.trustStore(), () -> generation == forGeneration && state == OPEN,
            body -> feed.onFeedThread(() -> onSnapshot(venueSymbol, forGeneration, body)));
    }

    private void onOpen(final Link link, final WebSocketConnection connection)
    {
        if (link == standby && state == OPEN)
        {
            for (final RequestFrame frame : plan.frames())
            {
                connection.send(frame);
            }
            listener.onEvent(name, FeedEvent.ROTATION_STARTED, "standby subscribed: " + plan.url());
            return;
        }
        if (link != active || state == CLOSED)
        {
            connection.close();
            return;
        }
        state = OPEN;
        receivedSinceOpen = false;
        connectionStale = false;
        lastFrameNs = clock.nanoTime();
        generation++;
        for (final RequestFrame frame : plan.frames())
        {
            connection.send(frame);
        }
        listener.onEvent(name, FeedEvent.SUBSCRIBED, plan.url() + " " + plan.streams().size() + " streams");
        if (venue.booksFromRest())
        {
            for (final String symbol : bookSymbols)
            {
                requestSnapshot(symbol);
            }
        }
        scheduleRotation(feed.context().rotateAfterNs());
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length, final long recvTsNs)
    {
        if (filtering)
        {
            if (recvTsNs - filterUntilNs > 0)
            {
                filtering = false;
                delivered.clear();
            }
            else if (positions.read(buffer, offset, length))
            {
                final long key = positions.streamKey();
                final long last = delivered.get(key);
                if (positions.position() <= last)
                {
                    // the old connection delivered it before the switch
                    counters.feedRotationRepeats.increment();
                    return;
                }
                if (last != delivered.missingValue())
                {
                    // this stream has passed the old connection: nothing after it can be a repeat
                    delivered.remove(key);
                    filtering = !delivered.isEmpty();
                }
            }
        }
        else if (standby != null && positions.read(buffer, offset, length))
        {
            final long key = positions.streamKey();
            final long position = positions.position();
            delivered.put(key, position);
            final long first = firstHeld.get(key);
            if (first != firstHeld.missingValue() && first != CAUGHT_UP && position >= first)
            {
                // the old connection has now delivered everything of this stream before the standby's first message
                firstHeld.put(key, CAUGHT_UP);
                streamsBehind--;
            }
        }
        if (!receivedSinceOpen)
        {
            receivedSinceOpen = true;
            failures = 0;
        }
        if (connectionStale)
        {
            connectionStale = false;
            listener.onEvent(name, FeedEvent.RECOVERED, "a frame after " +
                TimeUnit.NANOSECONDS.toMillis(recvTsNs - lastFrameNs) + " ms without one");
        }
        lastFrameNs = recvTsNs;
        frames++;
        producer.frameReceived(System.nanoTime());
        producer.recordFrame(venue.venue().value(), connectionId, recvTsNs, null, null, buffer, offset, length);
        decoder.decode(buffer, offset, length, recvTsNs, producer);
        if (overlapDone && streamsBehind == 0 && standby != null)
        {
            switchToStandby();
        }
    }

    private void onClose(final Link link, final CloseReason reason, final String detail)
    {
        if (link == standby)
        {
            standby = null;
            heldBytes = 0;
            heldFrames = 0;
            if (state == OPEN)
            {
                counters.feedRotationFailures.increment();
                final long retryNs = feed.context().reconnectBackoffMaxNs();
                listener.onEvent(name, FeedEvent.ROTATION_FAILED, reason + ": " + detail + "; the old connection " +
                    "goes on, next attempt in " + TimeUnit.NANOSECONDS.toMillis(retryNs) + " ms");
                scheduleRotation(retryNs);
            }
            return;
        }
        if (link != active)
        {
            // a connection replaced by a rotation, closing
            return;
        }
        if (state == OPEN && standby != null && standby.opened)
        {
            // lost during a rotation: the standby carries every stream on
            counters.feedDisconnects.increment();
            listener.onEvent(name, FeedEvent.DISCONNECTED, reason + ": " + detail + "; switching to the standby");
            switchToStandby();
            return;
        }
        closeLink(standby);
        standby = null;
        final boolean wasOpen = state == OPEN;
        active = null;
        if (wasOpen)
        {
            counters.feedDisconnects.increment();
            markBooksForResync();
            listener.onEvent(name, FeedEvent.DISCONNECTED, reason + ": " + detail + "; " + bookSymbols.size() +
                " books resyncing");
        }
        else if (state != CLOSED)
        {
            counters.feedConnectFailures.increment();
            listener.onEvent(name, FeedEvent.CONNECT_FAILED, reason + ": " + detail);
        }
        if (state == CLOSED)
        {
            return;
        }
        if (!wasOpen || !receivedSinceOpen)
        {
            failures++;
        }
        final LiveFeed.Context context = feed.context();
        final long delayNs;
        if (failures >= context.circuitFailures())
        {
            state = CIRCUIT_OPEN;
            failures = 0;
            delayNs = context.circuitOpenNs();
            counters.feedCircuitOpens.increment();
            listener.onEvent(name, FeedEvent.CIRCUIT_OPEN, context.circuitFailures() + " failures in a row; next " +
                "attempt in " + TimeUnit.NANOSECONDS.toMillis(delayNs) + " ms");
        }
        else
        {
            state = BACKOFF;
            delayNs = LiveFeed.jittered(context.reconnectBackoffInitialNs(), context.reconnectBackoffMaxNs(),
                Math.max(1, failures), ThreadLocalRandom.current());
            listener.onEvent(name, FeedEvent.RECONNECT_SCHEDULED, "in " + TimeUnit.NANOSECONDS.toMicros(delayNs) +
                " us (failures in a row: " + failures + ")");
        }
        feed.schedule(() -> connect(true), delayNs);
    }

    private void connect(final boolean reconnect)
    {
        if (state == CLOSED)
        {
            return;
        }
        if (reconnect)
        {
            counters.feedReconnects.increment();
            counters.reconnects(venue.venue()).increment();
        }
        state = CONNECTING;
        listener.onEvent(name, FeedEvent.CONNECTING, plan.url());
        final WebSocketConnection.Context context = feed.connectionContext(plan.url(), venue);
        final Link link = new Link();
        active = link;
        try
        {
            link.connection = feed.client().connect(context, link);
        }
        catch (final IllegalStateException ex)
        {
            state = CLOSED;
        }
    }

    private void scheduleRotation(final long delayNs)
    {
        if (positions == null || delayNs <= 0)
        {
            return;
        }
        final int epoch = ++rotationEpoch;
        feed.schedule(() -> rotate(epoch), delayNs);
    }

    private void rotate(final int epoch)
    {
        if (epoch != rotationEpoch || state != OPEN || standby != null)
        {
            return;
        }
        if (filtering && clock.nanoTime() - filterUntilNs <= 0)
        {
            // the last switch's repeat check is still running: the new connection lags the old one's last positions
            scheduleRotation(feed.context().rotationOverlapNs());
            return;
        }
        delivered.clear();
        firstHeld.clear();
        streamsBehind = 0;
        overlapDone = false;
        filtering = false;
        heldBytes = 0;
        heldFrames = 0;
        final Link link = new Link();
        standby = link;
        listener.onEvent(name, FeedEvent.CONNECTING, plan.url() + " (rotation standby)");
        try
        {
            link.connection = feed.client().connect(feed.connectionContext(plan.url(), venue), link);
        }
        catch (final IllegalStateException ex)
        {
            standby = null;
        }
    }

    /**
     * Holds a standby frame until the switch; the first one starts the overlap.
     */
    private void hold(
        final Link link, final DirectBuffer buffer, final int offset, final int length, final long recvTsNs)
    {
        if (heldFrames == 0)
        {
            feed.schedule(() -> onOverlapDone(link), feed.context().rotationOverlapNs());
        }
        if (positions.read(buffer, offset, length) && !firstHeld.containsKey(positions.streamKey()))
        {
            final long key = positions.streamKey();
            if (delivered.get(key) >= positions.position())
            {
                firstHeld.put(key, CAUGHT_UP);
            }
            else
            {
                firstHeld.put(key, positions.position());
                streamsBehind++;
            }
        }
        if (held == null)
        {
            held = new ExpandableDirectByteBuffer(64 * 1024);
        }
        held.putInt(heldBytes, length);
        held.putLong(heldBytes + Integer.BYTES, recvTsNs);
        held.putBytes(heldBytes + HELD_HEADER, buffer, offset, length);
        heldBytes += HELD_HEADER + length;
        heldFrames++;
        if (heldBytes >= MAX_HELD_BYTES)
        {
            switchToStandby();
        }
    }

    /**
     * The overlap is over: switch once the old connection has delivered, for every stream the standby carries, what
     * came before the standby's first message (it may still be reading frames the venue sent it earlier); if it has
     * not caught up within {@link #REPEAT_CHECK_MAX_NS}, switch anyway (a book then sees the gap and resyncs).
     */
    private void onOverlapDone(final Link link)
    {
        if (standby != link || state != OPEN)
        {
            return;
        }
        overlapDone = true;
        if (streamsBehind == 0)
        {
            switchToStandby();
            return;
        }
        feed.schedule(() ->
        {
            if (standby == link && state == OPEN)
            {
                listener.onEvent(name, FeedEvent.ROTATION_FAILED, "the old connection did not catch up with the " +
                    "standby on " + streamsBehind + " streams within " +
                    TimeUnit.NANOSECONDS.toMillis(REPEAT_CHECK_MAX_NS) + " ms; switching anyway");
                counters.feedRotationFailures.increment();
                switchToStandby();
            }
        }, REPEAT_CHECK_MAX_NS);
    }

    /**
     * Makes the standby the session's connection: closes the old one, then decodes the held frames and what follows,
     * less the messages the old one already delivered (see the class documentation).
     */
    private void switchToStandby()
    {
        final Link old = active;
        final Link next = standby;
        active = next;
        standby = null;
        closeLink(old);
        filtering = !delivered.isEmpty();
        filterUntilNs = clock.nanoTime() + REPEAT_CHECK_MAX_NS;
        final long repeatsBefore = counters.feedRotationRepeats.get();
        final int frames = heldFrames;
        int position = 0;
        while (position < heldBytes)
        {
            final int length = held.getInt(position);
            onFrame(held, position + HELD_HEADER, length, held.getLong(position + Integer.BYTES));
            position += HELD_HEADER + length;
        }
        heldBytes = 0;
        heldFrames = 0;
        counters.feedRotations.increment();
        listener.onEvent(name, FeedEvent.ROTATED, frames + " standby frames held, " +
            (counters.feedRotationRepeats.get() - repeatsBefore) + " repeats of the old connection dropped so far");
        scheduleRotation(feed.context().rotateAfterNs());
    }

    /**
     * Checks the connection for staleness and puts a staleness check for every book on the ring. Feed thread.
     *
     * @param nowNs        now, on the clock of the receive times.
     * @param staleAfterNs the stale-after time, ns.
     */
    void checkStale(final long nowNs, final long staleAfterNs)
    {
        if (state == IDLE || state == CLOSED)
        {
            return;
        }
        if (state == OPEN && !connectionStale && nowNs - lastFrameNs >= staleAfterNs)
        {
            connectionStale = true;
            counters.feedStaleConnections.increment();
            listener.onEvent(name, FeedEvent.STALE, "no frame for " +
                TimeUnit.NANOSECONDS.toMillis(nowNs - lastFrameNs) + " ms; pinged: the connection stays open " +
                "while the venue answers");
            if (active != null && active.connection != null)
            {
                // a silent connection may be half-open (the venue gone without closing it): a ping finds out
                active.connection.probe();
            }
        }
        producer.frameReceived(System.nanoTime());
        for (final UnsafeBuffer symbol : bookSymbolBytes)
        {
            writer.symbol(symbol, 0, symbol.capacity());
            writer.staleCheck(producer, staleAfterNs, nowNs);
        }
        writer.symbol(null, 0, 0);
    }

    private void markBooksForResync()
    {
        final long nowNs = clock.nanoTime();
        // the statuses are this moment's events: without this they would carry the last frame's receipt time
        producer.frameReceived(System.nanoTime());
        for (final UnsafeBuffer symbol : bookSymbolBytes)
        {
            writer.symbol(symbol, 0, symbol.capacity());
            writer.connectionStatus(producer, StatusEvent.DISCONNECTED, nowNs);
        }
        writer.symbol(null, 0, 0);
    }

    private void onSnapshot(final String venueSymbol, final int forGeneration, final byte[] body)
    {
        final Integer inFlight = snapshotInFlight.get(venueSymbol);
        if (inFlight != null && inFlight == forGeneration)
        {
            snapshotInFlight.remove(venueSymbol);
        }
        if (forGeneration != generation || state != OPEN)
        {
            counters.snapshotsDiscarded.increment();
            listener.onEvent(name, FeedEvent.SNAPSHOT_DISCARDED, venueSymbol + ": its connection was lost");
            return;
        }
        snapshotBuffer.wrap(body);
        decoder.contextSymbol(venueSymbol);
        producer.frameReceived(System.nanoTime());
        final long recvTsNs = clock.nanoTime();
        if (producer.isRecordingRawFrames())
        {
            producer.recordFrame(venue.venue().value(), connectionId, recvTsNs, venueSymbol,
                venue.snapshotUrl(venueSymbol), snapshotBuffer, 0, body.length);
        }
        decoder.decode(snapshotBuffer, 0, body.length, recvTsNs, producer);
        decoder.contextSymbol(null);
        counters.snapshotsDelivered.increment();
        listener.onEvent(name, FeedEvent.SNAPSHOT_DELIVERED, venueSymbol + " (" + body.length + " bytes)");
    }

    /**
     * @return frames decoded so far (feed thread).
     */
    long frames()
    {
        return frames;
    }

    @Override
    public String toString()
    {
        return name + " " + plan.url();
    }

    /**
     * One WebSocket connection of the session: the active one, a rotation's standby, or one being replaced.
     */
    private final class Link implements WebSocketHandler
    {
        private WebSocketConnection connection;
        private boolean opened;

        @Override
        public void onOpen(final WebSocketConnection connection)
        {
            this.connection = connection;
            opened = true;
            FeedSession.this.onOpen(this, connection);
        }

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long recvTsNs)
        {
            if (this == active)
            {
                FeedSession.this.onFrame(buffer, offset, length, recvTsNs);
            }
            else if (this == standby)
            {
                hold(this, buffer, offset, length, recvTsNs);
            }
        }

        @Override
        public void onClose(final WebSocketConnection connection, final CloseReason reason, final String detail)
        {
            FeedSession.this.onClose(this, reason, detail);
        }
    }
}
