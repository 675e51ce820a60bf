/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

/**
 * What happened to a feed session; each is one status change and one log line ({@link FeedEventListener}).
 */
public enum FeedEvent
{
    /** A connection attempt started (the first, or a reconnect). */
    CONNECTING,
    /** The WebSocket opened and the plan's subscribe frames were sent. */
    SUBSCRIBED,
    /** An open connection was lost; its books were marked for resync. */
    DISCONNECTED,
    /** A connection attempt failed before it opened. */
    CONNECT_FAILED,
    /** A reconnect is due after the backoff in the detail. */
    RECONNECT_SCHEDULED,
    /** Too many failures in a row: no attempt until the breaker's open time has passed. */
    CIRCUIT_OPEN,
    /** A depth snapshot was requested (connection opened, or normalize asked for a resync). */
    SNAPSHOT_REQUESTED,
    /** A depth snapshot reached the decoder. */
    SNAPSHOT_DELIVERED,
    /** A depth snapshot arrived for a connection that was lost meanwhile, and was dropped. */
    SNAPSHOT_DISCARDED,
    /** A REST request failed and will be retried (status, Retry-After or error in the detail). */
    REST_RETRY,
    /** A venue's REST polling started (what, for which symbol, how often, in the detail). */
    REST_POLL_STARTED,
    /** A venue answered a poll with {@code 429} or {@code 418}: none of its polls is sent until Retry-After. */
    REST_RATE_LIMITED,
    /** An open connection went the stale-after time without a frame (it is not closed for that). */
    STALE,
    /** A stale connection received a frame again. */
    RECOVERED,
    /** A rotation's standby connection opened and subscribed beside the old one. */
    ROTATION_STARTED,
    /** The session switched to the standby and closed the old connection, with no message lost or repeated. */
    ROTATED,
    /** A rotation's standby connection failed; the old one goes on and the rotation is tried again later. */
    ROTATION_FAILED,
    /** The session was closed. */
    CLOSED
}
