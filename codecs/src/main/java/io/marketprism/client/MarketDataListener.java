/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.client;

import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

/**
 * What a {@link MarketDataSubscriber} calls, on its polling thread. The decoders are the subscriber's own
 * flyweights, wrapped over the received message: valid only during the call, never to be kept. Every method has an
 * empty default; override the ones you need.
 */
public interface MarketDataListener
{
    /**
     * Every live message, before its typed callback: the raw SBE message (header first).
     *
     * @param streamSeq its live stream sequence.
     * @param buffer    holding it.
     * @param offset    of its SBE header.
     * @param length    of the message.
     */
    default void onMessage(final long streamSeq, final DirectBuffer buffer, final int offset, final int length)
    {
    }

    /**
     * @param streamSeq the live stream sequence.
     * @param trade     the trade.
     */
    default void onTrade(final long streamSeq, final TradeDecoder trade)
    {
    }

    /**
     * A live book message, after it was applied to the subscriber's book.
     *
     * @param streamSeq the live stream sequence.
     * @param update    the message, wrapped afresh (its groups unread).
     * @param book      the subscriber's book of the instrument: check {@link SubscriberBook#isSynced()}.
     */
    default void onBookUpdate(final long streamSeq, final BookUpdateDecoder update, final SubscriberBook book)
    {
    }

    /**
     * @param streamSeq the live stream sequence.
     * @param status    the status event.
     */
    default void onStatus(final long streamSeq, final StatusDecoder status)
    {
    }

    /**
     * An instrument definition, from either stream (the snapshot stream repeats them for late joiners; each id is
     * reported once).
     *
     * @param instrument the definition.
     */
    default void onInstrument(final InstrumentDecoder instrument)
    {
    }

    /**
     * A book became synced from a snapshot (of the snapshot stream, or a valid live snapshot). A snapshot-stream
     * snapshot older than the live stream has had the held live messages after it applied by now.
     *
     * @param streamSeq the live stream sequence the snapshot was current at.
     * @param book      the book.
     */
    default void onBookSynced(final long streamSeq, final SubscriberBook book)
    {
    }

    /**
     * Live messages were lost: the stream sequence jumped. Every book is unsynced until its next snapshot.
     *
     * @param expectedSeq the sequence that should have come.
     * @param receivedSeq the sequence that came.
     */
    default void onGap(final long expectedSeq, final long receivedSeq)
    {
    }
}
