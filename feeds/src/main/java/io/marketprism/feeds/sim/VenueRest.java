/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

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
