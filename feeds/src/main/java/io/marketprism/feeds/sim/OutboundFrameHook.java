/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import org.agrona.DirectBuffer;

/**
 * Sees every recorded frame before the {@link VenueSimulator} sends it to a client, and says what happens to it:
 * where faults (drop, disconnect after N, ...) act. Called on the client's event-loop thread, in send order.
 */
@FunctionalInterface
public interface OutboundFrameHook
{
    /** Send the frame. */
    int SEND = 0;
    /** Do not send this frame (a gap); go on with the next. */
    int DROP = 1;
    /** Do not send it; close the client's connection without a close frame (a disconnect). */
    int DISCONNECT = 2;

    /** Sends every frame. */
    OutboundFrameHook SEND_ALL = (clientId, frameIndex, buffer, offset, length) -> SEND;

    /**
     * @param clientId   the client connection, numbered from 0 in accept order.
     * @param frameIndex the frame's index in this client's replay, from 0.
     * @param buffer     holds the frame.
     * @param offset     first byte.
     * @param length     bytes.
     * @return {@link #SEND}, {@link #DROP} or {@link #DISCONNECT}.
     */
    int onFrame(int clientId, long frameIndex, DirectBuffer buffer, int offset, int length);
}
