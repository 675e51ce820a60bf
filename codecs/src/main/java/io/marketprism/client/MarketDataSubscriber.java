/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.client;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.marketprism.codecs.InstrumentCatalog;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * Subscribes to the engine's live stream and, optionally, its book snapshot stream (see {@link MarketDataStreams}),
 * and calls a {@link MarketDataListener} with decoded flyweights. Polling does not allocate in steady state (new
 * instruments and larger books than seen before grow arrays once).
 * <p>
 * Loss: the live stream sequence must go up by one per message; a jump is a gap, counted ({@link #gaps()},
 * {@link #lostMessages()}) and reported ({@link MarketDataListener#onGap}), never silent, and every book is
 * unsynced until a snapshot repairs it.
 * <p>
 * Late joiners: while a book is not synced, its live messages are held (up to {@link #MAX_HELD_BYTES} a book; past
 * that they are dropped, counted in {@link #heldOverflows()}, and only a newer snapshot can sync the book). A snapshot
 * current at live sequence {@code T} is held until it can be spliced: it becomes the book, and the held live messages
 * after {@code T} are applied to it, when the subscriber has every live message after {@code T} (no gap since) and
 * has held every message of that book after {@code T}; messages up to {@code T} are already in it. Otherwise it is
 * dropped as stale ({@link #staleSnapshots()}) and the next one is awaited. A valid {@code snapshot=true} message on
 * the live stream (the engine's resync) syncs a book too.
 * <p>
 * Not thread safe: one thread polls and reads the books.
 * <pre>{@code
 * try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir));
 *      MarketDataSubscriber subscriber = new MarketDataSubscriber(aeron, "aeron:ipc", 1001, 1002, listener))
 * {
 *     while (running)
 *     {
 *         idle.idle(subscriber.poll(256));
 *     }
 * }
 * }</pre>
 */
public final class MarketDataSubscriber implements AutoCloseable
{
    /** Bytes of live messages held for a book that is not synced, waiting for its snapshot: 8 MiB. */
    public static final int MAX_HELD_BYTES = 8 * 1024 * 1024;

    private final Subscription live;
    private final Subscription snapshots;
    private final MarketDataListener listener;
    private final FragmentAssembler liveAssembler;
    private final FragmentAssembler snapshotAssembler;
    private final InstrumentCatalog catalog = new InstrumentCatalog();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final StatusDecoder status = new StatusDecoder();
    private final InstrumentDecoder instrument = new InstrumentDecoder();

    private SubscriberBook[] books = new SubscriberBook[64];
    private long lastSeq;
    private long contiguousFrom;
    private long messages;
    private long gaps;
    private long lostMessages;
    private long sequenceResets;
    private long unsequenced;
    private long snapshotsReceived;
    private long snapshotsApplied;
    private long staleSnapshots;
    private long heldOverflows;
    /** Whether a book may hold a snapshot waiting for the live stream to pass its sequence. */
    private boolean pendingSnapshots;
    private long topMismatches;
    private long unknownTemplates;

    /**
     * @param aeron            a connected client; not closed by this.
     * @param channel          the engine's channel, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=host:port}.
     * @param streamId         the live stream id.
     * @param snapshotStreamId the snapshot stream id on the same channel, or 0 for none (no late-joiner books).
     * @param listener         what to call.
     */
    public MarketDataSubscriber(
        final Aeron aeron,
        final String channel,
        final int streamId,
        final int snapshotStreamId,
        final MarketDataListener listener)
    {
        this.listener = listener;
        this.liveAssembler = new FragmentAssembler(this::onLive);
        this.snapshotAssembler = new FragmentAssembler(this::onSnapshot);
        this.live = aeron.addSubscription(channel, streamId);
        Subscription snapshotSubscription = null;
        try
        {
            snapshotSubscription = snapshotStreamId == 0 ? null : aeron.addSubscription(channel, snapshotStreamId);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(live);
            throw ex;
        }
        this.snapshots = snapshotSubscription;
    }

    /**
     * Polls the snapshot stream, then the live stream.
     *
     * @param fragmentLimit most fragments to read from each.
     * @return fragments read.
     */
    public int poll(final int fragmentLimit)
    {
        int work = 0;
        if (snapshots != null)
        {
            work += snapshots.poll(snapshotAssembler, fragmentLimit);
        }
        return work + live.poll(liveAssembler, fragmentLimit);
    }

    /**
     * @return true when the live stream has a publisher connected.
     */
    public boolean isConnected()
    {
        return live.isConnected();
    }

    /**
     * @return true when the snapshot stream (if any) has a publisher connected.
     */
    public boolean isSnapshotStreamConnected()
    {
        return snapshots != null && snapshots.isConnected();
    }

    /**
     * The subscriber's book of an instrument; a held snapshot that can now be spliced is installed first.
     *
     * @param instrumentId the instrument.
     * @return its book, or null when no book message or snapshot for it was received.
     */
    public SubscriberBook book(final int instrumentId)
    {
        final SubscriberBook subscriberBook = instrumentId > 0 && instrumentId < books.length ?
            books[instrumentId] : null;
        if (subscriberBook != null)
        {
            trySplice(subscriberBook);
        }
        return subscriberBook;
    }

    /**
     * @return instruments defined on either stream so far (symbols by id).
     */
    public InstrumentCatalog catalog()
    {
        return catalog;
    }

    /**
     * @return the last live stream sequence received, 0 before any.
     */
    public long lastSequence()
    {
        return lastSeq;
    }

    /**
     * @return live messages received.
     */
    public long messages()
    {
        return messages;
    }

    /**
     * @return sequence jumps seen (each one or more lost messages).
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * @return live messages lost, by the sequence.
     */
    public long lostMessages()
    {
        return lostMessages;
    }

    /**
     * @return times the sequence went back (a restarted engine): counted, books unsynced, not a gap.
     */
    public long sequenceResets()
    {
        return sequenceResets;
    }

    /**
     * @return live messages without a sequence (not checked for loss).
     */
    public long unsequenced()
    {
        return unsequenced;
    }

    /**
     * @return book snapshots received on the snapshot stream.
     */
    public long snapshotsReceived()
    {
        return snapshotsReceived;
    }

    /**
     * @return snapshots that became a book.
     */
    public long snapshotsApplied()
    {
        return snapshotsApplied;
    }

    /**
     * @return snapshots dropped because they could not be spliced (older than what the subscriber had passed).
     */
    public long staleSnapshots()
    {
        return staleSnapshots;
    }

    /**
     * @return times a book's held live messages reached {@link #MAX_HELD_BYTES} and were dropped.
     */
    public long heldOverflows()
    {
        return heldOverflows;
    }

    /**
     * @return live book updates after which a synced book's top differed from the top the engine wrote, where the
     * book knows its top: an error, of the engine or of this subscriber.
     */
    public long topMismatches()
    {
        return topMismatches;
    }

    /**
     * @return live book updates after which a synced book's top differed from the engine's while a side of the book
     * was past the depth its snapshot held (deletes had removed every level the snapshot gave it there), so that
     * the engine's top was a level the book never received: not an error.
     */
    public long topsPastSnapshot()
    {
        long tops = 0;
        for (final SubscriberBook subscriberBook : books)
        {
            tops += subscriberBook == null ? 0 : subscriberBook.topsPastSnapshot();
        }
        return tops;
    }

    /**
     * @return messages of other schemas or unknown templates, skipped.
     */
    public long unknownTemplates()
    {
        return unknownTemplates;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(snapshots, live);
    }

    private void onLive(final DirectBuffer buffer, final int offset, final int length, final Header frame)
    {
        final long seq = frame.reservedValue();
        messages++;
        if (seq == MarketDataStreams.NO_SEQUENCE)
        {
            unsequenced++;
        }
        else
        {
            sequence(seq);
        }
        listener.onMessage(seq, buffer, offset, length);

        header.wrap(buffer, offset);
        if (header.schemaId() != TradeDecoder.SCHEMA_ID)
        {
            unknownTemplates++;
            return;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case TradeDecoder.TEMPLATE_ID:
                listener.onTrade(seq, trade.wrap(buffer, bodyOffset, blockLength, version));
                break;

            case BookUpdateDecoder.TEMPLATE_ID:
                book.wrap(buffer, bodyOffset, blockLength, version);
                final SubscriberBook subscriberBook = onLiveBook(seq, buffer, offset, length);
                listener.onBookUpdate(seq, book.wrap(buffer, bodyOffset, blockLength, version), subscriberBook);
                break;

            case StatusDecoder.TEMPLATE_ID:
                status.wrap(buffer, bodyOffset, blockLength, version);
                onStatus();
                listener.onStatus(seq, status.wrap(buffer, bodyOffset, blockLength, version));
                break;

            case InstrumentDecoder.TEMPLATE_ID:
                onInstrument(buffer, bodyOffset, blockLength, version);
                break;

            default:
                break;
        }
        if (pendingSnapshots)
        {
            spliceAllPending();
        }
    }

    /**
     * A snapshot held for a book is installed as soon as the live stream has passed its sequence, whichever book the
     * message that passed it was of: the book's own next update may be far off (a depth stream every 100 ms), and
     * every message of the book since the snapshot is held already. Runs only while a snapshot is held (a late
     * joiner's first round), over the books it knows.
     */
    private void spliceAllPending()
    {
        boolean stillPending = false;
        for (final SubscriberBook subscriberBook : books)
        {
            if (subscriberBook != null && subscriberBook.hasPending())
            {
                trySplice(subscriberBook);
                stillPending |= subscriberBook.hasPending() && !subscriberBook.isSynced();
            }
        }
        pendingSnapshots = stillPending;
    }

    /**
     * A book's staleness follows the engine's {@code stale} and {@code recovered} statuses.
     */
    private void onStatus()
    {
        final short event = status.eventTypeRaw();
        if (event == StatusEvent.STALE.value() || event == StatusEvent.RECOVERED.value())
        {
            final SubscriberBook subscriberBook = book(status.instrumentId());
            if (subscriberBook != null)
            {
                subscriberBook.stale(event == StatusEvent.STALE.value());
            }
        }
    }

    private void sequence(final long seq)
    {
        if (lastSeq == 0)
        {
            contiguousFrom = seq;
        }
        else if (seq != lastSeq + 1)
        {
            if (seq > lastSeq)
            {
                gaps++;
                lostMessages += seq - lastSeq - 1;
                listener.onGap(lastSeq + 1, seq);
            }
            else
            {
                sequenceResets++;
            }
            contiguousFrom = seq;
            unsyncAll();
        }
        lastSeq = seq;
    }

    private SubscriberBook onLiveBook(final long seq, final DirectBuffer buffer, final int offset, final int length)
    {
        final SubscriberBook subscriberBook = bookFor(book.instrumentId());
        if (subscriberBook == null)
        {
            return null;
        }
        final boolean valid = book.healthRaw() == BookHealth.VALID.value();
        if (book.snapshotRaw() == 1 && valid)
        {
            subscriberBook.dropPending();
            subscriberBook.clearHeld(seq + 1);
            if (subscriberBook.replace(book, seq))
            {
                listener.onBookSynced(seq, subscriberBook);
            }
            return subscriberBook;
        }
        if (subscriberBook.isSynced())
        {
            if (!valid)
            {
                subscriberBook.unsync();
            }
            else if (subscriberBook.applyDelta(book) &&
                subscriberBook.checkTop(book) == SubscriberBook.TOP_DIFFERS)
            {
                topMismatches++;
            }
            if (!subscriberBook.isSynced())
            {
                subscriberBook.clearHeld(seq + 1);
            }
            return subscriberBook;
        }
        if (snapshots != null && !subscriberBook.hold(seq, buffer, offset, length, MAX_HELD_BYTES))
        {
            heldOverflows++;
        }
        trySplice(subscriberBook);
        return subscriberBook;
    }

    private void onSnapshot(final DirectBuffer buffer, final int offset, final int length, final Header frame)
    {
        final long stampSeq = frame.reservedValue();
        header.wrap(buffer, offset);
        if (header.schemaId() != TradeDecoder.SCHEMA_ID)
        {
            return;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        if (header.templateId() == InstrumentDecoder.TEMPLATE_ID)
        {
            onInstrument(buffer, bodyOffset, blockLength, version);
        }
        else if (header.templateId() == BookUpdateDecoder.TEMPLATE_ID)
        {
            snapshotsReceived++;
            book.wrap(buffer, bodyOffset, blockLength, version);
            final SubscriberBook subscriberBook = bookFor(book.instrumentId());
            if (subscriberBook != null && !subscriberBook.isSynced() && book.healthRaw() == BookHealth.VALID.value())
            {
                subscriberBook.holdPending(stampSeq, buffer, offset, length);
                trySplice(subscriberBook);
                pendingSnapshots |= subscriberBook.hasPending() && !subscriberBook.isSynced();
            }
        }
    }

    private void onInstrument(final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        instrument.wrap(buffer, bodyOffset, blockLength, version);
        if (!catalog.isKnown(instrument.instrumentId()))
        {
            catalog.onInstrument(instrument);
            listener.onInstrument(instrument.wrap(buffer, bodyOffset, blockLength, version));
        }
    }

    /**
     * Installs a held snapshot current at T, and applies the held live messages of its book after T, when the
     * subscriber has every live message after T and has held every message of the book after T; drops it when it can
     * never be spliced.
     */
    private void trySplice(final SubscriberBook subscriberBook)
    {
        if (!subscriberBook.hasPending() || subscriberBook.isSynced() || lastSeq == 0)
        {
            return;
        }
        final long pendingSeq = subscriberBook.pendingSeq();
        if (pendingSeq + 1 < Math.max(contiguousFrom, subscriberBook.heldFrom()))
        {
            staleSnapshots++;
            subscriberBook.dropPending();
            return;
        }
        if (pendingSeq <= lastSeq)
        {
            final int mismatches = subscriberBook.installPending();
            if (mismatches >= 0)
            {
                topMismatches += mismatches;
                snapshotsApplied++;
                listener.onBookSynced(pendingSeq, subscriberBook);
            }
        }
    }

    private void unsyncAll()
    {
        for (final SubscriberBook subscriberBook : books)
        {
            if (subscriberBook != null)
            {
                subscriberBook.unsync();
                subscriberBook.clearHeld(0);
            }
        }
    }

    private SubscriberBook bookFor(final int instrumentId)
    {
        if (instrumentId <= 0)
        {
            return null;
        }
        if (instrumentId >= books.length)
        {
            books = Arrays.copyOf(books, Math.max(instrumentId + 1, books.length * 2));
        }
        SubscriberBook subscriberBook = books[instrumentId];
        if (subscriberBook == null)
        {
            subscriberBook = new SubscriberBook(instrumentId);
            books[instrumentId] = subscriberBook;
        }
        return subscriberBook;
    }
}
