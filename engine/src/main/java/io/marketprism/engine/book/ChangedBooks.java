/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import io.marketprism.sbe.BookHealth;

import java.util.Arrays;

/**
 * Normalize's side of {@link BookSnapshots}: the books whose state changed since their slot was last written, each
 * with what its slot needs (health, times and the live stream sequence of the message that changed it), written all
 * at once when the snapshot agent has asked for a round. A book that changes a thousand times between two rounds
 * costs one slot write instead of a thousand.
 * <p>
 * Normalize only; steady state does not allocate (the tables grow when a new instrument id is seen).
 */
public final class ChangedBooks
{
    private final BookSnapshots snapshots;
    private boolean[] changed = new boolean[64];
    private short[] venues = new short[64];
    private long[] streamSeqs = new long[64];
    private BookHealth[] healths = new BookHealth[64];
    private long[] exchTsNs = new long[64];
    private long[] recvTsNs = new long[64];
    private int[] changedIds = new int[64];
    private int changedCount;

    /**
     * @param snapshots the store whose slots this writes.
     */
    public ChangedBooks(final BookSnapshots snapshots)
    {
        this.snapshots = snapshots;
    }

    /**
     * @return the store this writes.
     */
    public BookSnapshots snapshots()
    {
        return snapshots;
    }

    /**
     * Notes that a message changed a book's state (levels or health).
     *
     * @param instrumentId the instrument, at least 1.
     * @param venue        its venue wire value.
     * @param streamSeq    live stream sequence of the message that changed it.
     * @param health       the book's health after that message.
     * @param exchTs       exchange time of that message.
     * @param recvTs       receive time of that message.
     */
    public void changed(
        final int instrumentId,
        final short venue,
        final long streamSeq,
        final BookHealth health,
        final long exchTs,
        final long recvTs)
    {
        if (instrumentId >= changed.length)
        {
            grow(instrumentId);
        }
        if (!changed[instrumentId])
        {
            changed[instrumentId] = true;
            changedIds[changedCount++] = instrumentId;
        }
        venues[instrumentId] = venue;
        streamSeqs[instrumentId] = streamSeq;
        healths[instrumentId] = health;
        exchTsNs[instrumentId] = exchTs;
        recvTsNs[instrumentId] = recvTs;
    }

    /**
     * @return books changed since their slot was last written.
     */
    public int changedCount()
    {
        return changedCount;
    }

    /**
     * When the snapshot agent has asked for a round, writes the slot of every changed book and marks the round
     * served: every slot is then current at {@code streamSeq}. Cheap otherwise (one volatile read).
     *
     * @param books     normalize's books by instrument id; every changed id has one.
     * @param streamSeq the live stream sequence of the last message normalize has finished.
     * @return slots written, or -1 when no round was asked for.
     */
    public int writeIfRequested(final BookSynchronizer[] books, final long streamSeq)
    {
        if (!snapshots.roundRequested())
        {
            return -1;
        }
        final int written = changedCount;
        for (int i = 0; i < written; i++)
        {
            final int id = changedIds[i];
            final BookSynchronizer sync = books[id];
            snapshots.writeBook(id, venues[id], streamSeqs[id], healths[id], sync.book(), sync.seq(), exchTsNs[id],
                recvTsNs[id]);
            changed[id] = false;
        }
        changedCount = 0;
        snapshots.roundServed(streamSeq);
        return written;
    }

    private void grow(final int instrumentId)
    {
        final int length = Math.max(instrumentId + 1, changed.length * 2);
        changed = Arrays.copyOf(changed, length);
        venues = Arrays.copyOf(venues, length);
        streamSeqs = Arrays.copyOf(streamSeqs, length);
        healths = Arrays.copyOf(healths, length);
        exchTsNs = Arrays.copyOf(exchTsNs, length);
        recvTsNs = Arrays.copyOf(recvTsNs, length);
        changedIds = Arrays.copyOf(changedIds, length);
    }
}
