/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.client;

/**
 * The contract of the engine's Aeron streams, beyond the SBE schema.
 * <p>
 * <b>Live stream</b> ({@link #LIVE_STREAM_ID_DEFAULT}): every normalized message, one SBE message per Aeron message,
 * byte for byte as the journal holds it. The Aeron data frame's 64-bit <i>reserved value</i> carries the message's
 * <b>stream sequence</b>: 1 for the engine's first message, then one more for every message the engine handed to
 * the stream, whether or not it could be delivered. A consumer that sees a sequence jump has lost the messages in
 * between (the engine drops messages under back pressure beyond a bound, and counts them); the sequence never
 * appears in the SBE payload, so the printed form (JSONL.md) is unchanged.
 * <p>
 * <b>Snapshot stream</b> ({@link #SNAPSHOT_STREAM_ID_DEFAULT}, same channel): at a configured interval, for every
 * instrument, its {@code Instrument} definition, and for every maintained book a {@code BookUpdate} with
 * {@code snapshot=true}, the book's health and its top levels (up to the configured depth; none unless valid). The
 * reserved value of both carries the live stream sequence the book state is current at: the state after applying
 * every live message up to and including that sequence. A consumer splices by taking the snapshot and applying the
 * live messages after that sequence, provided it received every live message after it.
 */
public final class MarketDataStreams
{
    /** Default stream id of the live stream. */
    public static final int LIVE_STREAM_ID_DEFAULT = 1001;

    /** Default stream id of the book snapshot stream. */
    public static final int SNAPSHOT_STREAM_ID_DEFAULT = 1002;

    /** Reserved value of a message published without a sequence (an engine older than this contract). */
    public static final long NO_SEQUENCE = 0;

    private MarketDataStreams()
    {
    }
}
