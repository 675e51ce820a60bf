/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.net;

/**
 * Why a {@link WebSocketConnection} ended (or never opened). The detail string that travels with it says more: the
 * venue's close code, the TLS error and its cause, the length of a frame that was too large.
 */
public enum CloseReason
{
    /** {@link WebSocketConnection#close()} was called. */
    CLIENT_CLOSED,
    /** The venue sent a close frame; the detail carries its status code and reason. */
    VENUE_CLOSED,
    /** The TCP connection ended or failed without a close frame. */
    CONNECTION_LOST,
    /** The TCP connection could not be made (refused, unreachable, timed out). */
    CONNECT_FAILED,
    /** The TLS handshake failed: certificate not trusted, host name mismatch, protocol error. */
    TLS_FAILED,
    /** The server did not accept the WebSocket upgrade (an HTTP error, or a wrong accept key). */
    HANDSHAKE_FAILED,
    /** TLS and the upgrade did not complete within the configured time. */
    HANDSHAKE_TIMEOUT,
    /** A ping went unanswered for longer than the configured pong timeout. */
    PONG_TIMEOUT,
    /** A message was longer than the configured maximum; the connection was closed with status 1009. */
    FRAME_TOO_LARGE,
    /** The venue broke the WebSocket framing rules; the connection was closed with status 1002. */
    PROTOCOL_ERROR,
    /** An unexpected exception on the connection's thread (e.g. thrown by the frame handler). */
    ERROR
}
