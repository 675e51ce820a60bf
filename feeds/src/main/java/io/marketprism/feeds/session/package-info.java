/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Live feed sessions: a {@link io.marketprism.feeds.session.LiveFeed} runs one
 * {@link io.marketprism.feeds.session.FeedSession} per connection plan on one event-loop thread (the ring's single
 * producer), reconnects with backoff, resubscribes, marks the books of a lost connection for resync and fetches depth
 * snapshots off the hot path ({@link io.marketprism.feeds.session.SnapshotFetcher}). Venue specifics are a
 * {@link io.marketprism.feeds.session.FeedVenue}.
 */
package io.marketprism.feeds.session;
