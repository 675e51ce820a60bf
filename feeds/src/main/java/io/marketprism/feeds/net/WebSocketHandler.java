/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.net;

import org.agrona.DirectBuffer;

/**
 * Receives what a {@link WebSocketConnection} reads. Every method runs on the connection's event-loop thread; the
 * buffer is valid only during the call (it views the socket's read buffer or a reused aggregation buffer), so a
 * handler decodes or copies what it needs before returning. {@link #onFrame} is the data path: it must not block.
 */
@FunctionalInterface
public interface WebSocketHandler
{
    /**
     * A whole text or binary message (fragments already joined).
     *
     * @param buffer   holds the payload.
     * @param offset   first payload byte.
     * @param length   payload bytes.
     * @param recvTsNs when the socket read that completed the message returned, ns since the epoch.
     */
    void onFrame(DirectBuffer buffer, int offset, int length, long recvTsNs);

    /**
     * The upgrade completed: the connection can send (e.g. its subscribe frames).
     *
     * @param connection the connection.
     */
    default void onOpen(final WebSocketConnection connection)
    {
    }

    /**
     * The connection ended or could not be opened. Called once; every resource of the connection is released by then.
     *
     * @param connection the connection.
     * @param reason     why.
     * @param detail     a sentence for logs and status lines.
     */
    default void onClose(final WebSocketConnection connection, final CloseReason reason, final String detail)
    {
    }
}
