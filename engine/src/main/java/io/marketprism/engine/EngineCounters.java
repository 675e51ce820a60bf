/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import io.marketprism.codecs.VenueNames;
import io.marketprism.sbe.Venue;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The engine's counters: Agrona {@link AtomicCounter}s, each written by one thread with release semantics (no lock,
 * no allocation) and readable at any time by others. They live in a {@link CountersManager}; today its buffers are
 * in this process, and a reader in another process is a matter of placing them in a mapped file.
 */
public final class EngineCounters implements AutoCloseable
{
    /**
     * Number of message templates counted per venue (template ids 1 to this).
     */
    public static final int TEMPLATE_COUNT = 10;

    /** {@link #countQuality} kind: exchange time earlier than the instrument's previous message of the type. */
    public static final int QUALITY_TIME_BACKWARDS = 0;
    /** {@link #countQuality} kind: receive time too far from exchange time. */
    public static final int QUALITY_CLOCK_SKEW = 1;
    /** {@link #countQuality} kind: a trade id repeated among the instrument's recent trades. */
    public static final int QUALITY_DUPLICATE_TRADE_ID = 2;
    /** {@link #countQuality} kind: a trade or liquidation of quantity zero. */
    public static final int QUALITY_ZERO_QUANTITY = 3;
    private static final String[] QUALITY_NAMES = {
        "exch-time-backwards", "clock-skew", "duplicate-trade-id", "zero-quantity" };

    private static final int MAX_COUNTERS = 256;
    private static final String[] TEMPLATE_NAMES = {
        "", "trade", "book", "bbo", "funding", "status", "instrument", "open_interest", "liquidation", "ratio",
        "volatility_index" };

    private final CountersManager manager;
    private final AtomicCounter[][] messages = new AtomicCounter[256][];
    private final AtomicCounter[][] quality = new AtomicCounter[256][];

    /** Messages with a malformed status (decoder). Written by normalize. */
    public final AtomicCounter malformed;
    /** Sequence gaps detected. Written by normalize. */
    public final AtomicCounter gaps;
    /** Snapshots applied (book resynchronised). Written by normalize. */
    public final AtomicCounter resyncs;
    /** Book updates older than the book, not applied. Written by normalize. */
    public final AtomicCounter skippedUpdates;
    /** Books found crossed after an update. Written by normalize. */
    public final AtomicCounter crossedBooks;
    /** Books that did not match the checksum their venue sent. Written by normalize. */
    public final AtomicCounter checksumMismatches;
    /** Book messages whose venue checksum the maintained book matched. Written by normalize. */
    public final AtomicCounter checksumsVerified;
    /** Buffered updates discarded because the pending buffer was full. Written by normalize. */
    public final AtomicCounter pendingOverflows;
    /** Snapshots rewritten with fewer levels than the book holds (slot headroom). Written by normalize. */
    public final AtomicCounter snapshotTruncations;
    /** Order book arrays grown (allocation). Written by normalize. */
    public final AtomicCounter bookGrowths;
    /** Instruments registered. Written by normalize. */
    public final AtomicCounter instruments;
    /** Messages whose instrument could not be registered (limit reached). Written by normalize. */
    public final AtomicCounter unresolvedInstruments;
    /** Resync requests sent to feeds. Written by normalize. */
    public final AtomicCounter resyncRequests;
    /** Resync requests lost because the request queue was full. Written by normalize. */
    public final AtomicCounter resyncRequestsDropped;
    /** Times the producer waited for log space. Written by the feed thread. */
    public final AtomicCounter logWaits;
    /** Messages appended to the journal. Written by the journal thread. */
    public final AtomicCounter journaled;
    /** Messages too large for the journal's block size (configuration prevents it). Written by the journal thread. */
    public final AtomicCounter journalRejected;
    /** Messages offered successfully on Aeron. Written by the publish thread. */
    public final AtomicCounter published;
    /** Messages not published because no subscriber is connected. Written by the publish thread. */
    public final AtomicCounter publishNotConnected;
    /** Offers that met back pressure (each retry counts). Written by the publish thread. */
    public final AtomicCounter publishBackPressured;
    /** Messages dropped after the back-pressure timeout. Written by the publish thread. */
    public final AtomicCounter publishDropped;
    /** Book snapshots offered on the snapshot stream. Written by the snapshot agent. */
    public final AtomicCounter snapshotsPublished;
    /** Book snapshots not offered: back pressure or a closed publication (the next round sends newer ones). */
    public final AtomicCounter snapshotsDropped;
    /** Book snapshot copies skipped because normalize rewrote the book throughout. Written by the snapshot agent. */
    public final AtomicCounter snapshotsContended;
    /** Exceptions caught by the pipeline's error handler. Written by any stage thread. */
    public final AtomicCounter errors;

    /**
     * Counters in process memory.
     */
    public EngineCounters()
    {
        manager = new CountersManager(
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(MAX_COUNTERS * CountersReader.METADATA_LENGTH, 64)),
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(MAX_COUNTERS * CountersReader.COUNTER_LENGTH, 64)));

        malformed = manager.newCounter("malformed");
        gaps = manager.newCounter("gaps");
        resyncs = manager.newCounter("resyncs");
        skippedUpdates = manager.newCounter("skipped-updates");
        crossedBooks = manager.newCounter("crossed-books");
        checksumMismatches = manager.newCounter("checksum-mismatches");
        checksumsVerified = manager.newCounter("checksums-verified");
        pendingOverflows = manager.newCounter("pending-overflows");
        snapshotTruncations = manager.newCounter("snapshot-truncations");
        bookGrowths = manager.newCounter("book-growths");
        instruments = manager.newCounter("instruments");
        unresolvedInstruments = manager.newCounter("unresolved-instruments");
        resyncRequests = manager.newCounter("resync-requests");
        resyncRequestsDropped = manager.newCounter("resync-requests-dropped");
        logWaits = manager.newCounter("log-waits");
        journaled = manager.newCounter("journaled");
        journalRejected = manager.newCounter("journal-rejected");
        published = manager.newCounter("published");
        publishNotConnected = manager.newCounter("publish-not-connected");
        publishBackPressured = manager.newCounter("publish-back-pressured");
        publishDropped = manager.newCounter("publish-dropped");
        snapshotsPublished = manager.newCounter("snapshots-published");
        snapshotsDropped = manager.newCounter("snapshots-dropped");
        snapshotsContended = manager.newCounter("snapshots-contended");
        errors = manager.newCounter("errors");

        for (final Venue venue : VenueNames.venues())
        {
            final AtomicCounter[] byTemplate = new AtomicCounter[TEMPLATE_COUNT + 1];
            for (int template = 1; template <= TEMPLATE_COUNT; template++)
            {
                byTemplate[template] = manager.newCounter(
                    "messages " + VenueNames.name(venue) + " " + TEMPLATE_NAMES[template]);
            }
            messages[venue.value()] = byTemplate;
            final AtomicCounter[] byKind = new AtomicCounter[QUALITY_NAMES.length];
            for (int kind = 0; kind < QUALITY_NAMES.length; kind++)
            {
                byKind[kind] = manager.newCounter("quality " + VenueNames.name(venue) + " " + QUALITY_NAMES[kind]);
            }
            quality[venue.value()] = byKind;
        }
    }

    /**
     * Counts one normalized message. Called by normalize only.
     *
     * @param rawVenue   the message's venue wire value.
     * @param templateId its SBE template id.
     */
    public void countMessage(final short rawVenue, final int templateId)
    {
        final AtomicCounter[] byTemplate = messages[rawVenue & 0xFF];
        if (byTemplate != null && templateId > 0 && templateId <= TEMPLATE_COUNT)
        {
            byTemplate[templateId].incrementRelease();
        }
    }

    /**
     * Counts one data-quality finding. Called by normalize only.
     *
     * @param rawVenue the message's venue wire value.
     * @param kind     {@link #QUALITY_TIME_BACKWARDS}, {@link #QUALITY_CLOCK_SKEW}, {@link #QUALITY_DUPLICATE_TRADE_ID}
     *                 or {@link #QUALITY_ZERO_QUANTITY}.
     */
    public void countQuality(final short rawVenue, final int kind)
    {
        final AtomicCounter[] byKind = quality[rawVenue & 0xFF];
        if (byKind != null)
        {
            byKind[kind].incrementRelease();
        }
    }

    /**
     * @param kind a data-quality kind, see {@link #countQuality}.
     * @return findings of that kind over all venues so far.
     */
    public long quality(final int kind)
    {
        long total = 0;
        for (final AtomicCounter[] byKind : quality)
        {
            total += byKind == null ? 0 : byKind[kind].get();
        }
        return total;
    }

    /**
     * @return messages counted for a venue and template so far.
     */
    public long messages(final Venue venue, final int templateId)
    {
        final AtomicCounter[] byTemplate = messages[venue.value()];
        return byTemplate == null ? 0 : byTemplate[templateId].get();
    }

    /**
     * @param templateId 1 to {@link #TEMPLATE_COUNT}.
     * @return the JSON-lines type name of the template.
     */
    public static String templateName(final int templateId)
    {
        return TEMPLATE_NAMES[templateId];
    }

    /**
     * @return a reader over all counters, for printing them.
     */
    public CountersReader reader()
    {
        return manager;
    }

    @Override
    public void close()
    {
        manager.forEach((counterId, label) -> manager.free(counterId));
    }
}
