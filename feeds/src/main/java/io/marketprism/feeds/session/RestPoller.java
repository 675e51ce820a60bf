/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.engine.RingProducer;
import io.marketprism.feeds.FrameDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Polls a venue's REST endpoints for the data it does not stream (Binance's funding, open interest, long/short
 * ratios), off the hot path: each {@link RestPoll} is requested every interval on the REST thread, within the venue's
 * {@link RestWeightBudget} (a request that does not fit waits for the next window; a {@code 429} or {@code 418} pauses
 * the venue's requests until its {@code Retry-After} has passed), and its body is decoded on the feed thread, the
 * ring's one producer, as any frame is: recorded raw with its URL, then decoded with the URL and symbol as context.
 * A failed request is not retried: the next interval's request is the retry. Requests, failures and rate limits are
 * counted with the feed's other REST requests; the circuit breaker is the REST thread's, shared with depth snapshots.
 */
public final class RestPoller
{
    private final LiveFeed feed;
    private final FeedVenue venue;
    private final List<RestPoll> polls;
    private final RestWeightBudget budget;
    private final String name;
    private final int connectionId;
    private final long[] rounds;
    private final FrameDecoder decoder;
    private final UnsafeBuffer body = new UnsafeBuffer(0, 0);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param feed         the feed: its REST thread, feed thread and producer.
     * @param venue        the venue (decoder, trust store).
     * @param polls        what to poll.
     * @param budget       the venue's weight budget.
     * @param connectionId the id its raw frames are recorded under, apart from every connection's.
     */
    RestPoller(
        final LiveFeed feed,
        final FeedVenue venue,
        final List<RestPoll> polls,
        final RestWeightBudget budget,
        final int connectionId)
    {
        this.feed = feed;
        this.venue = venue;
        this.polls = List.copyOf(polls);
        this.budget = budget;
        this.connectionId = connectionId;
        this.name = io.marketprism.codecs.VenueNames.name(venue.venue()) + "#rest";
        this.rounds = new long[polls.size()];
        this.decoder = venue.newDecoder();
    }

    /**
     * Schedules every poll's first request now. Any thread.
     */
    void start()
    {
        for (int i = 0; i < polls.size(); i++)
        {
            final int index = i;
            feed.fetcher().schedule(() -> due(index), 0);
        }
        for (final RestPoll poll : polls)
        {
            feed.listener().onEvent(name, FeedEvent.REST_POLL_STARTED, poll.toString());
        }
    }

    /**
     * Stops: no request is sent after this; a body already fetched may still be delivered. Any thread.
     */
    void close()
    {
        closed = true;
    }

    /**
     * @return bodies decoded onto the ring so far.
     */
    public long delivered()
    {
        return delivered.get();
    }

    /**
     * @return requests that waited for the weight budget (or a rate-limit pause) so far.
     */
    public long deferred()
    {
        return deferred.get();
    }

    /**
     * A poll's time has come. REST thread.
     */
    private void due(final int index)
    {
        if (closed)
        {
            return;
        }
        final RestPoll poll = polls.get(index);
        final long waitNs = budget.acquire(poll.weight(), System.nanoTime());
        if (waitNs > 0)
        {
            deferred.incrementAndGet();
            feed.fetcher().schedule(() -> due(index), waitNs);
            return;
        }
        final long round = ++rounds[index];
        final boolean[] first = {true};
        feed.fetcher().fetch(name, poll.url(), venue.trustStore(),
            () ->
            {
                // one attempt: the next interval's request is the retry, within the budget
                final boolean wanted = first[0] && !closed && rounds[index] == round;
                first[0] = false;
                return wanted;
            },
            bytes -> feed.onFeedThread(() -> deliver(poll, bytes)),
            retryAfterNs ->
            {
                budget.pause(System.nanoTime() + retryAfterNs);
                feed.listener().onEvent(name, FeedEvent.REST_RATE_LIMITED, poll.url() + ": no request to " +
                    "the venue for " + TimeUnit.NANOSECONDS.toMillis(retryAfterNs) + " ms");
            });
        feed.fetcher().schedule(() -> due(index), poll.intervalNs());
    }

    /**
     * Decodes a polled body onto the ring. Feed thread.
     */
    private void deliver(final RestPoll poll, final byte[] bytes)
    {
        final RingProducer producer = feed.producer();
        body.wrap(bytes);
        decoder.contextSymbol(poll.symbol());
        decoder.contextUrl(poll.url());
        producer.frameReceived(System.nanoTime());
        final long recvTsNs = feed.context().clock().nanoTime();
        if (producer.isRecordingRawFrames())
        {
            producer.recordFrame(venue.venue().value(), connectionId, recvTsNs, poll.symbol(), poll.url(), body, 0,
                bytes.length);
        }
        decoder.decode(body, 0, bytes.length, recvTsNs, producer);
        decoder.contextUrl(null);
        decoder.contextSymbol(null);
        delivered.incrementAndGet();
    }
}
