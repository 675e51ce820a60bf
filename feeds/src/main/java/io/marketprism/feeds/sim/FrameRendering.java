/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

/**
 * A recorded message as the venue's current protocol writes it, for a venue whose recordings here are of an older
 * protocol version (Kraken's v1, Coinbase's Exchange feed): applied to each received message as the recording is
 * loaded. Cold path.
 */
@FunctionalInterface
interface FrameRendering
{
    /** Every message as it was recorded. */
    FrameRendering AS_RECORDED = (recorded, recvTsNs) -> recorded;

    /**
     * @param recorded the recorded message.
     * @param recvTsNs when it was received, ns since the epoch.
     * @return the message in the current protocol, or null when it has no place there (the older protocol's own
     *         control messages: the simulator answers the client's requests itself).
     */
    byte[] render(byte[] recorded, long recvTsNs);
}
