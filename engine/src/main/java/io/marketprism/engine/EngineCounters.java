/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import io.marketprism.codecs.VenueNames;
import io.marketprism.sbe.Venue;
import org.agrona.BufferUtil;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.nio.file.Path;

/**
 * The engine's counters: Agrona {@link AtomicCounter}s, each written by one thread with release semantics (no lock,
 * no allocation) and readable at any time by others. They live in a {@link CountersManager} whose buffers are either
 * in this process ({@link #EngineCounters()}, tests) or in a memory-mapped {@link CountersFile} ({@link #mapped(Path)})
 * that {@code marketprism stat} and any other process can read.
 * <p>
 * Every counter has a type id and a key, so readers need not parse labels: {@link #ENGINE_TYPE_ID} for the
 * engine-wide counters (the label is the name), and per-venue or per-stage families whose key holds the venue wire
 * value (int at 0) and the template, finding kind or stage (int at 4). Labels are for people.
 */
public final class EngineCounters implements AutoCloseable
{
    private volatile ErrorHandler errorLog;

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

    /** Type id of an engine-wide counter; its label is its name (e.g. {@code gaps}). */
    public static final int ENGINE_TYPE_ID = 1;
    /** Type id of messages per venue and template; key: venue, template id. */
    public static final int MESSAGES_TYPE_ID = 2;
    /** Type id of data-quality findings per venue and kind; key: venue, kind. */
    public static final int QUALITY_TYPE_ID = 3;
    /** Type id of the receive time (ns since the epoch) of the latest message per venue and template; key: venue,
     * template id. 0 until the first message. */
    public static final int LAST_MESSAGE_TIME_TYPE_ID = 4;
    /** Type id of feed reconnects per venue (written by its feed sessions); key: venue. */
    public static final int RECONNECTS_TYPE_ID = 5;
    /** Type id of a consumer stage's ring position (events it has finished); key: 0, {@link StageLatency} stage. */
    public static final int STAGE_POSITION_TYPE_ID = 6;
    /** Offset in a key of the venue wire value. */
    public static final int KEY_VENUE_OFFSET = 0;
    /** Offset in a key of the template id, finding kind or stage. */
    public static final int KEY_KIND_OFFSET = 4;

    /** How many counters a counters file holds. */
    public static final int MAX_COUNTERS = 1024;
    private static final String[] TEMPLATE_NAMES = {
        "", "trade", "book", "bbo", "funding", "status", "instrument", "open_interest", "liquidation", "ratio",
        "volatility_index" };

    private final CountersManager manager;
    private final CountersFile file;
    private final AtomicCounter[][] messages = new AtomicCounter[256][];
    private final AtomicCounter[][] lastMessageTimes = new AtomicCounter[256][];
    private final AtomicCounter[][] quality = new AtomicCounter[256][];
    private final AtomicCounter[] reconnects = new AtomicCounter[256];

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
    /** Frames put on the ring to be journaled as received. Written by the feed thread. */
    public final AtomicCounter rawFrames;
    /** Frames too long to journal as received (longer than half the message log). Written by the feed thread. */
    public final AtomicCounter rawFramesTooLarge;
    /** Records (normalized messages and raw frames) appended to the journal. Written by the journal thread. */
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
    /** Bytes of SBE messages appended to the journal (its growth, without Chronicle's headers). Journal thread. */
    public final AtomicCounter journalBytes;
    /** Journal cycle files deleted by retention ({@code marketprism.journal.retentionHours}). Retention thread. */
    public final AtomicCounter journalFilesDeleted;
    /** Journal pages touched ahead of the writer in the journal stage's idle time. Journal thread. */
    public final AtomicCounter journalPagesPretouched;
    /** Events published on the ring (the producer's position). Written by the feed thread. */
    public final AtomicCounter ringPublished;
    /** Slots of the ring. Set once by the pipeline. */
    public final AtomicCounter ringCapacity;
    /** Feed connections lost after they had opened (feed thread). */
    public final AtomicCounter feedDisconnects;
    /** Feed reconnection attempts started after a loss or a failed attempt (feed thread). */
    public final AtomicCounter feedReconnects;
    /** Feed connection attempts that failed before opening (feed thread). */
    public final AtomicCounter feedConnectFailures;
    /** Times a feed session's circuit breaker opened after repeated failures (feed thread). */
    public final AtomicCounter feedCircuitOpens;
    /** REST requests sent (REST thread). */
    public final AtomicCounter restRequests;
    /** REST requests retried after a failure (REST thread). */
    public final AtomicCounter restRetries;
    /** REST answers 429/418: rate limited (REST thread). */
    public final AtomicCounter restRateLimited;
    /** REST requests that failed: error status, timeout, connection error (REST thread). */
    public final AtomicCounter restFailures;
    /** Depth snapshots handed to the decoders (feed thread). */
    public final AtomicCounter snapshotsDelivered;
    /** Depth snapshots dropped because their connection was lost while they were fetched (feed thread). */
    public final AtomicCounter snapshotsDiscarded;
    /** Books found stale: no update within the feed's stale-after time (normalize thread). */
    public final AtomicCounter booksStale;
    /** Stale books updated again (normalize thread). */
    public final AtomicCounter booksRecovered;
    /** Feed connections that went without a frame for the stale-after time while open (feed thread). */
    public final AtomicCounter feedStaleConnections;
    /** Feed connections replaced by a rotation, without a gap (feed thread). */
    public final AtomicCounter feedRotations;
    /** Rotations given up because the standby connection failed; the old one went on (feed thread). */
    public final AtomicCounter feedRotationFailures;
    /** Messages a rotation's new connection repeated after the switch, dropped (feed thread). */
    public final AtomicCounter feedRotationRepeats;

    /**
     * Counters in process memory, invisible to other processes (tests, throwaway pipelines).
     */
    public EngineCounters()
    {
        this(null,
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(MAX_COUNTERS * CountersReader.METADATA_LENGTH, 64)),
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(MAX_COUNTERS * CountersReader.COUNTER_LENGTH, 64)));
    }

    /**
     * Counters in a new memory-mapped file under a directory, readable by {@code marketprism stat}; the file is
     * deleted by {@link #close()} or on a clean JVM exit.
     *
     * @param directory where the file goes; created when missing.
     * @return the counters.
     */
    public static EngineCounters mapped(final Path directory)
    {
        final CountersFile file = CountersFile.create(directory, MAX_COUNTERS);
        return new EngineCounters(file, file.metadataBuffer(), file.valuesBuffer());
    }

    private EngineCounters(final CountersFile file, final UnsafeBuffer metadata, final UnsafeBuffer values)
    {
        this.file = file;
        manager = new CountersManager(metadata, values);

        malformed = engineCounter("malformed");
        gaps = engineCounter("gaps");
        resyncs = engineCounter("resyncs");
        skippedUpdates = engineCounter("skipped-updates");
        crossedBooks = engineCounter("crossed-books");
        checksumMismatches = engineCounter("checksum-mismatches");
        checksumsVerified = engineCounter("checksums-verified");
        pendingOverflows = engineCounter("pending-overflows");
        snapshotTruncations = engineCounter("snapshot-truncations");
        bookGrowths = engineCounter("book-growths");
        instruments = engineCounter("instruments");
        unresolvedInstruments = engineCounter("unresolved-instruments");
        resyncRequests = engineCounter("resync-requests");
        resyncRequestsDropped = engineCounter("resync-requests-dropped");
        logWaits = engineCounter("log-waits");
        rawFrames = engineCounter("raw-frames");
        rawFramesTooLarge = engineCounter("raw-frames-too-large");
        journaled = engineCounter("journaled");
        journalRejected = engineCounter("journal-rejected");
        published = engineCounter("published");
        publishNotConnected = engineCounter("publish-not-connected");
        publishBackPressured = engineCounter("publish-back-pressured");
        publishDropped = engineCounter("publish-dropped");
        snapshotsPublished = engineCounter("snapshots-published");
        snapshotsDropped = engineCounter("snapshots-dropped");
        snapshotsContended = engineCounter("snapshots-contended");
        errors = engineCounter("errors");
        journalBytes = engineCounter("journal-bytes");
        journalFilesDeleted = engineCounter("journal-files-deleted");
        journalPagesPretouched = engineCounter("journal-pages-pretouched");
        ringPublished = engineCounter("ring-published");
        ringCapacity = engineCounter("ring-capacity");
        feedDisconnects = engineCounter("feed-disconnects");
        feedReconnects = engineCounter("feed-reconnects");
        feedConnectFailures = engineCounter("feed-connect-failures");
        feedCircuitOpens = engineCounter("feed-circuit-opens");
        restRequests = engineCounter("rest-requests");
        restRetries = engineCounter("rest-retries");
        restRateLimited = engineCounter("rest-rate-limited");
        restFailures = engineCounter("rest-failures");
        snapshotsDelivered = engineCounter("snapshots-delivered");
        snapshotsDiscarded = engineCounter("snapshots-discarded");
        booksStale = engineCounter("books-stale");
        booksRecovered = engineCounter("books-recovered");
        feedStaleConnections = engineCounter("feed-stale-connections");
        feedRotations = engineCounter("feed-rotations");
        feedRotationFailures = engineCounter("feed-rotation-failures");
        feedRotationRepeats = engineCounter("feed-rotation-repeats");

        for (final Venue venue : VenueNames.venues())
        {
            final int venueValue = venue.value();
            final String venueName = VenueNames.name(venue);
            final AtomicCounter[] byTemplate = new AtomicCounter[TEMPLATE_COUNT + 1];
            final AtomicCounter[] lastTimes = new AtomicCounter[TEMPLATE_COUNT + 1];
            for (int template = 1; template <= TEMPLATE_COUNT; template++)
            {
                byTemplate[template] = keyed(MESSAGES_TYPE_ID, venueValue, template,
                    "messages " + venueName + " " + TEMPLATE_NAMES[template]);
                lastTimes[template] = keyed(LAST_MESSAGE_TIME_TYPE_ID, venueValue, template,
                    "last-message-time-ns " + venueName + " " + TEMPLATE_NAMES[template]);
            }
            messages[venueValue] = byTemplate;
            lastMessageTimes[venueValue] = lastTimes;
            final AtomicCounter[] byKind = new AtomicCounter[QUALITY_NAMES.length];
            for (int kind = 0; kind < QUALITY_NAMES.length; kind++)
            {
                byKind[kind] = keyed(QUALITY_TYPE_ID, venueValue, kind,
                    "quality " + venueName + " " + QUALITY_NAMES[kind]);
            }
            quality[venueValue] = byKind;
            reconnects[venueValue] = keyed(RECONNECTS_TYPE_ID, venueValue, 0, "reconnects " + venueName);
        }
    }

    private AtomicCounter engineCounter(final String name)
    {
        return manager.newCounter(name, ENGINE_TYPE_ID);
    }

    private AtomicCounter keyed(final int typeId, final int venue, final int kind, final String label)
    {
        return manager.newCounter(label, typeId, (key) ->
        {
            key.putInt(KEY_VENUE_OFFSET, venue);
            key.putInt(KEY_KIND_OFFSET, kind);
        });
    }

    /**
     * Allocates the ring position counter of a consumer stage; the pipeline calls it once per stage it wires.
     *
     * @param stage a {@link StageLatency} stage constant.
     * @return the counter, for the stage's thread to write.
     */
    public AtomicCounter newStagePosition(final int stage)
    {
        return keyed(STAGE_POSITION_TYPE_ID, 0, stage, "ring-position " + StageLatency.name(stage));
    }

    /**
     * @param venue a venue.
     * @return its reconnect counter (for the session that reconnects).
     */
    public AtomicCounter reconnects(final Venue venue)
    {
        return reconnects[venue.value()];
    }

    /**
     * @return the mapped file, or null for counters in process memory.
     */
    public CountersFile file()
    {
        return file;
    }

    /**
     * Counts one normalized message and records its receive time as the latest of its venue and type (freshness).
     * Called by normalize only.
     *
     * @param rawVenue   the message's venue wire value.
     * @param templateId its SBE template id.
     * @param recvTsNs   its receive time, ns since the epoch; not recorded when not positive.
     */
    public void countMessage(final short rawVenue, final int templateId, final long recvTsNs)
    {
        final int venue = rawVenue & 0xFF;
        final AtomicCounter[] byTemplate = messages[venue];
        if (byTemplate != null && templateId > 0 && templateId <= TEMPLATE_COUNT)
        {
            byTemplate[templateId].incrementRelease();
            if (recvTsNs > 0)
            {
                lastMessageTimes[venue][templateId].setRelease(recvTsNs);
            }
        }
    }

    /**
     * @param venue      a venue.
     * @param templateId 1 to {@link #TEMPLATE_COUNT}.
     * @return the receive time of the latest message of that venue and type, ns since the epoch; 0 before any.
     */
    public long lastMessageTimeNs(final Venue venue, final int templateId)
    {
        final AtomicCounter[] lastTimes = lastMessageTimes[venue.value()];
        return lastTimes == null ? 0 : lastTimes[templateId].get();
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
     * @param log where {@link #onError(Throwable)} records unexpected exceptions from now on; null for none.
     */
    public void errorLog(final ErrorHandler log)
    {
        this.errorLog = log;
    }

    /**
     * Counts an unexpected exception ({@code errors}) and hands it to the error log when one is attached; without one,
     * the first ten are printed on stderr. Any thread; cold path (it only runs on an exception).
     *
     * @param throwable the exception.
     */
    public void onError(final Throwable throwable)
    {
        final long count = errors.increment() + 1;
        final ErrorHandler log = errorLog;
        if (log != null)
        {
            log.onError(throwable);
        }
        else if (count <= 10)
        {
            System.err.println("marketprism: unexpected error: " + throwable);
            throwable.printStackTrace(System.err);
        }
    }

    /**
     * @return a reader over all counters, for printing them.
     */
    public CountersReader reader()
    {
        return manager;
    }

    /**
     * Frees the counters; a mapped file is unmapped and deleted.
     */
    @Override
    public void close()
    {
        if (file != null)
        {
            file.close();
            return;
        }
        manager.forEach((counterId, label) -> manager.free(counterId));
    }
}
