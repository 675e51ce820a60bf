/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import io.marketprism.sbe.Venue;

/**
 * Answers a resync request with a depth snapshot: the body of the venue's REST response. A live feed fetches it from
 * the venue; a replay has none unless one is derived from the recording (as tests do). Called on the feed thread,
 * off the hot path; may allocate.
 */
@FunctionalInterface
public interface SnapshotSource
{
    /**
     * A source that never has a snapshot: books stay resyncing until the capture itself carries one.
     */
    SnapshotSource NONE = (venue, venueSymbol) -> null;

    /**
     * @param venue       the venue.
     * @param venueSymbol the venue's symbol of the book.
     * @return the REST body of a depth snapshot, or null when none can be had now.
     */
    byte[] snapshot(Venue venue, String venueSymbol);
}
