/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The consumer library: {@link io.marketprism.client.MarketDataSubscriber} reads the engine's Aeron streams (live
 * and book snapshots), hands decoded SBE flyweights to a {@link io.marketprism.client.MarketDataListener} without
 * allocating per message, detects lost messages by the stream sequence and keeps late-joiner books. It needs only
 * this module (the schema's codecs) and {@code aeron-client}.
 */
package io.marketprism.client;
