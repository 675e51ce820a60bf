/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import java.util.List;

/**
 * One venue's REST endpoints as the {@link VenueSimulator} serves them, kept consistent with its stream: the venue's
 * books are maintained from the timeline's messages as the venue's position advances ({@link #onMessage}), so a depth
 * snapshot carries the id of the last update the venue has sent and the updates that follow continue it. One instance
 * per simulator; every call runs on the simulator's event-loop thread. Cold path (may allocate).
 */
public interface VenueRest
{
    /**
     * @param message a recorded message.
     * @return true when it is a REST body recorded inline with the stream (not to be replayed, but to seed).
     */
    boolean isRestBody(byte[] message);

    /**
     * Seeds the books from the recording's own REST snapshots, before any message is replayed.
     *
     * @param timeline the recording.
     */
    void seed(RecordedTimeline timeline);

    /**
     * The venue's position moved past a message: apply it to the books it updates.
     *
     * @param data   holds the message.
     * @param offset first byte.
     * @param length bytes.
     */
    void onMessage(byte[] data, int offset, int length);

    /**
     * @param path  the request path.
     * @param query the raw query, or null.
     * @return the answer.
     */
    Answer answer(String path, String query);

    /**
     * For a venue that sends a book's snapshot on the stream when a client subscribes (Bybit): the messages a client
     * that subscribes to a live timeline ({@code VenueSimulator.Context#live}) gets first, before the stream goes on
     * from the venue's position. None (the default) for a venue whose books are snapshotted over REST.
     *
     * @return text messages, in order.
     */
    default List<String> subscribedSnapshots()
    {
        return List.of();
    }

    /**
     * An HTTP answer: status and JSON body.
     */
    final class Answer
    {
        private final int status;
        private final String body;

        /**
         * @param status HTTP status.
         * @param body   JSON body.
         */
        public Answer(final int status, final String body)
        {
            this.status = status;
            this.body = body;
        }

        /**
         * @return HTTP status.
         */
        public int status()
        {
            return status;
        }

        /**
         * @return JSON body.
         */
        public String body()
        {
            return body;
        }
    }
}
