/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import com.lmax.disruptor.EventHandler;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketEvent;
import io.marketprism.engine.ResyncRequests;
import io.marketprism.engine.StageLatency;
import io.marketprism.engine.book.BookSequenceRule;
import io.marketprism.engine.book.BookSnapshots;
import io.marketprism.engine.book.BookSynchronizer;
import io.marketprism.engine.book.ChangedBooks;
import io.marketprism.engine.book.OrderBook;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.InstrumentRegistry;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.engine.quality.DataQuality;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.Decimal64Encoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.GroupSizeEncodingEncoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.RatioDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEncoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import io.marketprism.sbe.VolatilityIndexDecoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The normalize stage. For every message on the ring it resolves the instrument (registering it, and putting its
 * {@code Instrument} definition in front of the message, the first time), keeps the instrument's order book by the
 * venue's rule, writes the book's health and top into every {@code BookUpdate}, and reports what happened to the book
 * as {@code Status} events placed in front of the message:
 * <ul>
 *   <li>{@code gap}: an update does not follow the book; the book is resyncing and a snapshot is requested;</li>
 *   <li>{@code resync}: a snapshot (and the updates buffered while waiting for it) made the book valid; the snapshot
 *       message is rewritten as the maintained book at its final sequence, so consumers need no venue rule;</li>
 *   <li>{@code skipped}: an update the book already contains; the message is replaced by this status so that no
 *       {@code book} message is ever published that was not applied;</li>
 *   <li>{@code invalid}: the book was found crossed or a value could not be held exactly: resyncing;</li>
 *   <li>{@code recovered}: the first update of a book that was stale.</li>
 * </ul>
 * A book is never published as valid between a gap and the snapshot that repairs it.
 * <p>
 * A feed asks whether a book is stale by putting a {@code stale} status for it on the ring, its detail the
 * stale-after time. Normalize decides in ring order, against the receive time of the book's own latest message: when
 * the book has had none for at least that long (and was not stale already) the status goes on, its detail rewritten
 * to the book's age in ns, and the book's snapshot slot says {@code stale}; otherwise the check is removed from the
 * event and nobody sees it. So an update still on its way through the ring is never taken for silence.
 * <p>
 * Normalize numbers the messages of the live stream ({@link MarketEvent#firstStreamSeq()}: 1, 2, 3 ... in ring
 * order) and, when given a {@link BookSnapshots} store, notes every book a message changed and, when the snapshot
 * agent asks for a round, writes those books' slots there (top levels, health, and the live stream sequence of the
 * message that last changed each; see {@link ChangedBooks}), between two messages or, when the ring is idle, on the
 * wait strategy's timeout: late joiners and anyone asking for the current book read it without ever making
 * normalize wait, and normalize does not pay a slot write per update.
 * <p>
 * Single-threaded (its processor thread); steady state does not allocate.
 */
public final class NormalizeHandler implements EventHandler<MarketEvent>
{
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int INSTRUMENT_ID_OFFSET = 0;
    private static final int VENUE_OFFSET = 4;
    private static final int STATUS_LENGTH = HEADER_LENGTH + StatusEncoder.BLOCK_LENGTH;
    private static final int LEVEL_LENGTH = BookUpdateEncoder.BidsEncoder.sbeBlockLength();
    private static final int MAX_GROUP_COUNT = 65534;
    /** The data-quality message type of book snapshots: no template has id 0. */
    private static final int SNAPSHOT_QUALITY_TYPE = 0;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final BookUpdateDecoder bookDecoder = new BookUpdateDecoder();
    private final BookUpdateEncoder bookEncoder = new BookUpdateEncoder();
    private final StatusDecoder statusDecoder = new StatusDecoder();
    private final StatusEncoder statusEncoder = new StatusEncoder();

    private final InstrumentRegistry registry;
    private final VenueRules rules;
    private final EngineCounters counters;
    private final AtomicCounter position;
    private final StageLatency latency;
    private final ResyncRequests resyncRequests;
    private final int bookInitialLevels;
    private final int bookLadderTicks;
    private final int pendingInitialBytes;
    private final int pendingMaxBytes;
    private final DataQuality quality;
    private final BookSnapshots snapshots;
    private final ChangedBooks changedBooks;
    private long nextStreamSeq = 1;
    private int snapshotInstrumentId;
    private short snapshotVenue;
    private BookHealth snapshotHealth;
    private long snapshotExchTsNs;
    private long snapshotRecvTsNs;
    private int resetVenue = -1;
    private BookSynchronizer[] books = new BookSynchronizer[64];
    private short[] bookVenues = new short[64];
    private long[] bookRecvTsNs = new long[64];
    private boolean[] bookStale = new boolean[64];

    /**
     * @param registry            instrument registry, owned by this stage.
     * @param rules               per-venue symbol conventions and book rules.
     * @param counters            engine counters.
     * @param latency             stage latency recorders.
     * @param resyncRequests      where to ask the feeds for snapshots.
     * @param bookInitialLevels   levels per side a new book starts with.
     * @param bookLadderTicks     ticks of each side's ladder window in a new book.
     * @param pendingInitialBytes pending buffer size a new book starts with.
     * @param pendingMaxBytes     pending buffer bound per book.
     * @param quality             the data-quality checks.
     * @param snapshots           where to keep every book's current state for other threads, or null for nowhere.
     */
    public NormalizeHandler(
        final InstrumentRegistry registry,
        final VenueRules rules,
        final EngineCounters counters,
        final StageLatency latency,
        final ResyncRequests resyncRequests,
        final int bookInitialLevels,
        final int bookLadderTicks,
        final int pendingInitialBytes,
        final int pendingMaxBytes,
        final DataQuality quality,
        final BookSnapshots snapshots)
    {
        checkCommonLayout();
        this.registry = registry;
        this.rules = rules;
        this.counters = counters;
        this.latency = latency;
        this.resyncRequests = resyncRequests;
        this.bookInitialLevels = bookInitialLevels;
        this.bookLadderTicks = bookLadderTicks;
        this.pendingInitialBytes = pendingInitialBytes;
        this.pendingMaxBytes = pendingMaxBytes;
        this.quality = quality;
        this.position = counters.newStagePosition(StageLatency.NORMALIZED);
        this.snapshots = snapshots;
        this.changedBooks = snapshots == null ? null : new ChangedBooks(snapshots);
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        latency.beginBatch(StageLatency.NORMALIZED);
    }

    @Override
    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            normalize(event);
        }
        finally
        {
            sequence(event);
            final long now = System.nanoTime();
            event.normalizedNs(now);
            if (event.receivedNs() != 0)
            {
                latency.record(StageLatency.NORMALIZED, now - event.receivedNs());
            }
            if (endOfBatch)
            {
                position.setRelease(sequence + 1);
                latency.endBatch(StageLatency.NORMALIZED);
            }
        }
    }

    /**
     * When idle: serves a round of the snapshot agent that arrived after the last message.
     */
    @Override
    public void onTimeout(final long sequence)
    {
        if (changedBooks != null)
        {
            changedBooks.writeIfRequested(books, nextStreamSeq - 1);
        }
    }

    /**
     * Numbers the event's messages on the live stream and, now that the book message's number is known, notes the
     * changed book for its snapshot slot, and writes the changed slots if the snapshot agent has asked for a round.
     */
    private void sequence(final MarketEvent event)
    {
        final long first = nextStreamSeq;
        event.firstStreamSeq(first);
        nextStreamSeq = first + event.streamMessageCount();
        if (changedBooks != null)
        {
            final long last = nextStreamSeq - 1;
            if (snapshotInstrumentId > 0)
            {
                changedBooks.changed(snapshotInstrumentId, snapshotVenue, last, snapshotHealth, snapshotExchTsNs,
                    snapshotRecvTsNs);
                snapshotInstrumentId = 0;
            }
            if (resetVenue >= 0)
            {
                for (int id = 1; id < books.length; id++)
                {
                    if (books[id] != null && bookVenues[id] == resetVenue)
                    {
                        changedBooks.changed(id, (short)resetVenue, last, BookHealth.RESYNCING, Long.MIN_VALUE,
                            Long.MIN_VALUE);
                    }
                }
                resetVenue = -1;
            }
            snapshots.normalizedUpTo(last);
            changedBooks.writeIfRequested(books, last);
        }
    }

    private void normalize(final MarketEvent event)
    {
        final UnsafeBuffer buffer = event.buffer();
        final int offset = event.offset();
        header.wrap(buffer, offset);
        if (header.schemaId() == TradeDecoder.SCHEMA_ID)
        {
            final int bodyOffset = offset + HEADER_LENGTH;
            final short venue = (short)(buffer.getByte(bodyOffset + VENUE_OFFSET) & 0xFF);
            final int templateId = header.templateId();
            int instrumentId = 0;
            if (event.symbolLength() > 0)
            {
                instrumentId = resolve(event, venue, templateId, buffer, bodyOffset);
                buffer.putInt(bodyOffset + INSTRUMENT_ID_OFFSET, instrumentId, ByteOrder.LITTLE_ENDIAN);
            }

            if (instrumentId > 0)
            {
                checkQuality(event, buffer, bodyOffset, templateId, venue, instrumentId);
            }
            if (templateId == BookUpdateDecoder.TEMPLATE_ID)
            {
                onBookUpdate(event, buffer, offset, venue, instrumentId);
            }
            else if (templateId == StatusDecoder.TEMPLATE_ID)
            {
                onStatus(event, buffer, bodyOffset, venue, instrumentId);
                if (event.length() == 0)
                {
                    // a staleness check answered no: removed, not a message
                    return;
                }
            }

            header.wrap(buffer, offset);
            final int finalTemplateId = header.templateId();
            // freshness is of market data: status events are derived from it and say nothing about the feed
            counters.countMessage(venue, finalTemplateId,
                finalTemplateId == StatusDecoder.TEMPLATE_ID ? 0 : recvTsNs(finalTemplateId, buffer, bodyOffset));
        }
    }

    /**
     * @param instrumentId an id.
     * @return the instrument's book synchroniser, or null when it has none.
     */
    public BookSynchronizer book(final int instrumentId)
    {
        return instrumentId > 0 && instrumentId < books.length ? books[instrumentId] : null;
    }

    /**
     * @return the data-quality checks, for their skew histograms (read on this thread or after the pipeline stopped).
     */
    public DataQuality quality()
    {
        return quality;
    }

    /**
     * @return the instrument registry.
     */
    public InstrumentRegistry registry()
    {
        return registry;
    }

    private int resolve(
        final MarketEvent event,
        final short venue,
        final int templateId,
        final UnsafeBuffer buffer,
        final int bodyOffset)
    {
        final int id = registry.lookup(
            venue, event.symbolLength(),
            event.symbolWord(0), event.symbolWord(1), event.symbolWord(2), event.symbolWord(3));
        if (id != InstrumentRegistry.NOT_FOUND)
        {
            return id;
        }
        return register(event, venue, templateId, buffer, bodyOffset);
    }

    private int register(
        final MarketEvent event,
        final short venue,
        final int templateId,
        final UnsafeBuffer buffer,
        final int bodyOffset)
    {
        final SymbolCanonicalizer canonicalizer = rules.canonicalizer(venue);
        if (canonicalizer == null)
        {
            counters.unresolvedInstruments.incrementRelease();
            return 0;
        }
        final InstrumentDefinition definition = registry.register(
            Venue.get(venue), event.symbol(), event.symbolLength(), canonicalizer);
        if (definition == null)
        {
            counters.unresolvedInstruments.incrementRelease();
            return 0;
        }
        counters.instruments.incrementRelease();

        final long recvTsNs = recvTsNs(templateId, buffer, bodyOffset);
        if (snapshots != null)
        {
            snapshots.define(definition, recvTsNs);
        }
        final int prefixOffset = event.prefixClaim(definition.maxEncodedLength());
        if (prefixOffset >= 0)
        {
            event.prefixCommit(definition.encode(event.prefixBuffer(), prefixOffset, recvTsNs));
            counters.countMessage(venue, InstrumentDecoder.TEMPLATE_ID, 0);
        }
        return definition.id();
    }

    private void onStatus(
        final MarketEvent event,
        final UnsafeBuffer buffer,
        final int bodyOffset,
        final short venue,
        final int instrumentId)
    {
        statusDecoder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
        final short eventType = statusDecoder.eventTypeRaw();
        if (eventType == StatusEvent.MALFORMED.value())
        {
            counters.malformed.incrementRelease();
        }
        else if (eventType == StatusEvent.STALE.value())
        {
            checkStale(event, buffer, bodyOffset, venue, instrumentId);
        }
        else if (eventType == StatusEvent.DISCONNECTED.value() && instrumentId > 0)
        {
            // the connection that fed this book was lost: the feed sends one per book it carried
            if (instrumentId < books.length && books[instrumentId] != null)
            {
                books[instrumentId].reset();
                noteSlot(instrumentId, venue, BookHealth.RESYNCING, Long.MIN_VALUE, Long.MIN_VALUE);
            }
        }
        else if (eventType == StatusEvent.DISCONNECTED.value())
        {
            for (int id = 1; id < books.length; id++)
            {
                if (books[id] != null && bookVenues[id] == venue)
                {
                    books[id].reset();
                }
            }
            resetVenue = venue;
        }
    }

    /**
     * A feed's staleness check for one book (see the class documentation): passed on as the book's {@code stale}
     * event, or removed.
     */
    private void checkStale(
        final MarketEvent event,
        final UnsafeBuffer buffer,
        final int bodyOffset,
        final short venue,
        final int instrumentId)
    {
        final long nowNs = statusDecoder.recvTsNs();
        final long staleAfterNs = statusDecoder.detail();
        final BookSynchronizer sync = instrumentId > 0 && instrumentId < books.length ? books[instrumentId] : null;
        if (sync == null || bookStale[instrumentId] || staleAfterNs <= 0 ||
            nowNs - bookRecvTsNs[instrumentId] < staleAfterNs)
        {
            event.length(0);
            return;
        }
        bookStale[instrumentId] = true;
        counters.booksStale.incrementRelease();
        statusEncoder.wrap(buffer, bodyOffset)
            .reason(StatusReason.NO_UPDATE)
            .receivedSeq(sync.isValid() ? sync.seq() : StatusDecoder.receivedSeqNullValue())
            .detail(nowNs - bookRecvTsNs[instrumentId]);
        if (sync.state() == BookSynchronizer.SYNCED)
        {
            noteSlot(instrumentId, venue, BookHealth.STALE, Long.MIN_VALUE, bookRecvTsNs[instrumentId]);
        }
    }

    /**
     * Notes a book whose health a status changed, for {@link #sequence(MarketEvent)} to note for its slot.
     */
    private void noteSlot(
        final int instrumentId, final short venue, final BookHealth health, final long exchTsNs, final long recvTsNs)
    {
        snapshotInstrumentId = instrumentId;
        snapshotVenue = venue;
        snapshotHealth = health;
        snapshotExchTsNs = exchTsNs;
        snapshotRecvTsNs = recvTsNs;
    }

    private void onBookUpdate(
        final MarketEvent event, final UnsafeBuffer buffer, final int offset, final short venue, final int instrumentId)
    {
        final int bodyOffset = offset + HEADER_LENGTH;
        bookDecoder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
        final BookSequenceRule rule = rules.bookRule(venue);
        if (rule == null || instrumentId == 0)
        {
            bookEncoder.wrap(buffer, bodyOffset).health(BookHealth.UNKNOWN);
            return;
        }

        final BookSynchronizer sync = synchronizer(instrumentId, venue, rule);
        final long recvTsNs = bookDecoder.recvTsNs();
        final long exchTsNs = bookDecoder.exchTsNs();
        final long updateSeq = bookDecoder.seq();
        final boolean snapshot = bookDecoder.snapshotRaw() == 1;
        final long previousRecvTsNs = bookRecvTsNs[instrumentId];
        if (recvTsNs > previousRecvTsNs)
        {
            bookRecvTsNs[instrumentId] = recvTsNs;
        }
        if (bookStale[instrumentId])
        {
            bookStale[instrumentId] = false;
            counters.booksRecovered.incrementRelease();
            prefixStatus(event, venue, instrumentId, StatusEvent.RECOVERED, StatusReason.UPDATES_RESUMED, exchTsNs,
                recvTsNs, StatusDecoder.expectedSeqNullValue(), updateSeq, recvTsNs - previousRecvTsNs);
        }
        final long verifiedBefore = sync.checksumsVerified();
        final int result = snapshot ?
            sync.onSnapshot(bookDecoder) : sync.onUpdate(bookDecoder, buffer, offset, event.length());
        if (sync.checksumsVerified() != verifiedBefore)
        {
            counters.checksumsVerified.getAndAddRelease(sync.checksumsVerified() - verifiedBefore);
        }

        switch (result)
        {
            case BookSynchronizer.APPLIED:
                writeValid(buffer, bodyOffset, sync.book());
                break;

            case BookSynchronizer.BUFFERED:
                writeHealth(buffer, bodyOffset, BookHealth.RESYNCING);
                break;

            case BookSynchronizer.PENDING_OVERFLOW:
                counters.pendingOverflows.incrementRelease();
                writeHealth(buffer, bodyOffset, BookHealth.RESYNCING);
                prefixStatus(event, venue, instrumentId, StatusEvent.SKIPPED, StatusReason.PENDING_OVERFLOW,
                    exchTsNs, recvTsNs, StatusDecoder.expectedSeqNullValue(), updateSeq, pendingMaxBytes);
                break;

            case BookSynchronizer.SKIPPED:
            case BookSynchronizer.SNAPSHOT_OUTDATED:
                counters.skippedUpdates.incrementRelease();
                replaceWithStatus(event, venue, instrumentId, StatusEvent.SKIPPED, StatusReason.OUTDATED_UPDATE,
                    exchTsNs, recvTsNs, sync.seq(), updateSeq);
                break;

            case BookSynchronizer.GAP:
            case BookSynchronizer.SNAPSHOT_GAP:
                counters.gaps.incrementRelease();
                writeHealth(buffer, bodyOffset, BookHealth.RESYNCING);
                prefixStatus(event, venue, instrumentId, StatusEvent.GAP, StatusReason.SEQUENCE_GAP,
                    exchTsNs, recvTsNs, sync.gapExpected(), sync.gapReceived(), StatusDecoder.detailNullValue());
                requestResync(event, venue, instrumentId);
                break;

            case BookSynchronizer.CROSSED:
                counters.crossedBooks.incrementRelease();
                writeHealth(buffer, bodyOffset, BookHealth.CROSSED);
                prefixStatus(event, venue, instrumentId, StatusEvent.INVALID, StatusReason.BOOK_CROSSED,
                    exchTsNs, recvTsNs, StatusDecoder.expectedSeqNullValue(), updateSeq,
                    StatusDecoder.detailNullValue());
                requestResync(event, venue, instrumentId);
                break;

            case BookSynchronizer.CHECKSUM_MISMATCH:
                counters.checksumMismatches.incrementRelease();
                writeHealth(buffer, bodyOffset, BookHealth.RESYNCING);
                prefixStatus(event, venue, instrumentId, StatusEvent.INVALID, StatusReason.CHECKSUM_MISMATCH,
                    exchTsNs, recvTsNs, StatusDecoder.expectedSeqNullValue(), updateSeq, sync.checksumExpected());
                requestResync(event, venue, instrumentId);
                break;

            case BookSynchronizer.REJECTED:
                writeHealth(buffer, bodyOffset, BookHealth.RESYNCING);
                prefixStatus(event, venue, instrumentId, StatusEvent.INVALID, StatusReason.VALUE_NOT_REPRESENTABLE,
                    exchTsNs, recvTsNs, StatusDecoder.expectedSeqNullValue(), updateSeq,
                    StatusDecoder.detailNullValue());
                requestResync(event, venue, instrumentId);
                break;

            case BookSynchronizer.SNAPSHOT_APPLIED:
                counters.resyncs.incrementRelease();
                prefixStatus(event, venue, instrumentId, StatusEvent.RESYNC, StatusReason.SNAPSHOT_APPLIED,
                    exchTsNs, recvTsNs, sync.seq(), updateSeq, sync.replayed());
                rewriteSnapshot(event, buffer, bodyOffset, sync);
                break;

            default:
                throw new IllegalStateException("unknown synchroniser result " + result);
        }
        snapshotAfter(result, venue, instrumentId, exchTsNs, recvTsNs);
    }

    /**
     * Notes a book whose state this message changed, for {@link #sequence(MarketEvent)} to note for its slot.
     */
    private void snapshotAfter(
        final int result, final short venue, final int instrumentId, final long exchTsNs, final long recvTsNs)
    {
        final BookHealth health;
        switch (result)
        {
            case BookSynchronizer.APPLIED:
            case BookSynchronizer.SNAPSHOT_APPLIED:
                health = BookHealth.VALID;
                break;
            case BookSynchronizer.CROSSED:
                health = BookHealth.CROSSED;
                break;
            case BookSynchronizer.GAP:
            case BookSynchronizer.SNAPSHOT_GAP:
            case BookSynchronizer.CHECKSUM_MISMATCH:
            case BookSynchronizer.REJECTED:
                health = BookHealth.RESYNCING;
                break;
            default:
                return;
        }
        noteSlot(instrumentId, venue, health, exchTsNs, recvTsNs);
    }

    private BookSynchronizer synchronizer(final int instrumentId, final short venue, final BookSequenceRule rule)
    {
        if (instrumentId >= books.length)
        {
            final int length = Math.max(instrumentId + 1, books.length * 2);
            books = Arrays.copyOf(books, length);
            bookVenues = Arrays.copyOf(bookVenues, length);
            bookRecvTsNs = Arrays.copyOf(bookRecvTsNs, length);
            bookStale = Arrays.copyOf(bookStale, length);
        }
        BookSynchronizer sync = books[instrumentId];
        if (sync == null)
        {
            sync = new BookSynchronizer(
                rule, rules.bookChecksum(venue), bookInitialLevels, bookLadderTicks, pendingInitialBytes,
                pendingMaxBytes);
            books[instrumentId] = sync;
            bookVenues[instrumentId] = venue;
        }
        return sync;
    }

    private void requestResync(final MarketEvent event, final short venue, final int instrumentId)
    {
        counters.resyncRequests.incrementRelease();
        if (!resyncRequests.request(venue, instrumentId, event.symbol(), 0, event.symbolLength()))
        {
            counters.resyncRequestsDropped.incrementRelease();
        }
    }

    private void writeHealth(final UnsafeBuffer buffer, final int bodyOffset, final BookHealth health)
    {
        bookEncoder.wrap(buffer, bodyOffset).health(health);
        nullTop();
    }

    private void writeValid(final UnsafeBuffer buffer, final int bodyOffset, final OrderBook book)
    {
        bookEncoder.wrap(buffer, bodyOffset).health(BookHealth.VALID);
        writeTop(book);
    }

    private void writeTop(final OrderBook book)
    {
        final int priceExponent = book.priceExponent();
        final int qtyExponent = book.qtyExponent();
        final boolean bids = book.bidCount() > 0;
        final boolean asks = book.askCount() > 0;
        decimal(bookEncoder.bidPrice(), bids ? book.bidPrice(0) : Long.MIN_VALUE, priceExponent);
        decimal(bookEncoder.bidQty(), bids ? book.bidQty(0) : Long.MIN_VALUE, qtyExponent);
        decimal(bookEncoder.askPrice(), asks ? book.askPrice(0) : Long.MIN_VALUE, priceExponent);
        decimal(bookEncoder.askQty(), asks ? book.askQty(0) : Long.MIN_VALUE, qtyExponent);
    }

    private void nullTop()
    {
        decimal(bookEncoder.bidPrice(), Long.MIN_VALUE, 0);
        decimal(bookEncoder.bidQty(), Long.MIN_VALUE, 0);
        decimal(bookEncoder.askPrice(), Long.MIN_VALUE, 0);
        decimal(bookEncoder.askQty(), Long.MIN_VALUE, 0);
    }

    /**
     * Writes a decimal; the null mantissa (absent) gets exponent 0.
     */
    private static void decimal(final Decimal64Encoder target, final long mantissa, final int exponent)
    {
        target.mantissa(mantissa).exponent(mantissa == Long.MIN_VALUE ? 0 : (byte)exponent);
    }

    /**
     * Rewrites a snapshot message as the maintained book: after buffered updates were replayed the book is ahead of
     * the snapshot, and a consumer must be able to take the message as "the book at seq" without venue rules.
     */
    private void rewriteSnapshot(
        final MarketEvent event, final UnsafeBuffer buffer, final int bodyOffset, final BookSynchronizer sync)
    {
        final OrderBook book = sync.book();
        final int fixed = HEADER_LENGTH + BookUpdateEncoder.BLOCK_LENGTH + 2 * GroupSizeEncodingEncoder.ENCODED_LENGTH;
        final int maxLevels = Math.max(0, (event.capacity() - fixed) / LEVEL_LENGTH);
        int askLevels = Math.min(Math.min(book.askCount(), MAX_GROUP_COUNT), maxLevels / 2);
        final int bidLevels = Math.min(Math.min(book.bidCount(), MAX_GROUP_COUNT), maxLevels - askLevels);
        askLevels = Math.min(Math.min(book.askCount(), MAX_GROUP_COUNT), maxLevels - bidLevels);
        if (bidLevels < book.bidCount() || askLevels < book.askCount())
        {
            counters.snapshotTruncations.incrementRelease();
        }

        bookEncoder.wrap(buffer, bodyOffset)
            .health(BookHealth.VALID)
            .seq(sync.seq())
            .prevSeq(BookUpdateEncoder.prevSeqNullValue())
            .firstSeq(BookUpdateEncoder.firstSeqNullValue())
            .checksum(BookUpdateEncoder.checksumNullValue());
        writeTop(book);

        final byte priceExponent = (byte)book.priceExponent();
        final byte qtyExponent = (byte)book.qtyExponent();
        final BookUpdateEncoder.BidsEncoder bids = bookEncoder.bidsCount(bidLevels);
        for (int i = 0; i < bidLevels; i++)
        {
            bids.next();
            bids.price().mantissa(book.bidPrice(i)).exponent(priceExponent);
            bids.qty().mantissa(book.bidQty(i)).exponent(qtyExponent);
        }
        final BookUpdateEncoder.AsksEncoder asks = bookEncoder.asksCount(askLevels);
        for (int i = 0; i < askLevels; i++)
        {
            asks.next();
            asks.price().mantissa(book.askPrice(i)).exponent(priceExponent);
            asks.qty().mantissa(book.askQty(i)).exponent(qtyExponent);
        }
        event.length(HEADER_LENGTH + bookEncoder.encodedLength());
    }

    private void replaceWithStatus(
        final MarketEvent event,
        final short venue,
        final int instrumentId,
        final StatusEvent eventType,
        final StatusReason reason,
        final long exchTsNs,
        final long recvTsNs,
        final long expectedSeq,
        final long receivedSeq)
    {
        encodeStatus(event.buffer(), event.offset(), venue, instrumentId, eventType, reason,
            exchTsNs, recvTsNs, expectedSeq, receivedSeq, StatusDecoder.detailNullValue());
        event.length(STATUS_LENGTH);
    }

    private void prefixStatus(
        final MarketEvent event,
        final short venue,
        final int instrumentId,
        final StatusEvent eventType,
        final StatusReason reason,
        final long exchTsNs,
        final long recvTsNs,
        final long expectedSeq,
        final long receivedSeq,
        final long detail)
    {
        final int prefixOffset = event.prefixClaim(STATUS_LENGTH);
        if (prefixOffset < 0)
        {
            counters.errors.incrementRelease();
            return;
        }
        encodeStatus(event.prefixBuffer(), prefixOffset, venue, instrumentId, eventType, reason,
            exchTsNs, recvTsNs, expectedSeq, receivedSeq, detail);
        event.prefixCommit(STATUS_LENGTH);
        counters.countMessage(venue, StatusDecoder.TEMPLATE_ID, 0);
    }

    private void encodeStatus(
        final MutableDirectBuffer buffer,
        final int offset,
        final short venue,
        final int instrumentId,
        final StatusEvent eventType,
        final StatusReason reason,
        final long exchTsNs,
        final long recvTsNs,
        final long expectedSeq,
        final long receivedSeq,
        final long detail)
    {
        statusEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .instrumentId(instrumentId)
            .venue(Venue.get(venue))
            .eventType(eventType)
            .reason(reason)
            .exchTsNs(exchTsNs)
            .recvTsNs(recvTsNs)
            .expectedSeq(expectedSeq)
            .receivedSeq(receivedSeq)
            .detail(detail);
    }

    /**
     * Runs the data-quality checks on a message and flags what they find with a status before it, counted per venue;
     * the message itself goes on unchanged.
     */
    private void checkQuality(
        final MarketEvent event,
        final UnsafeBuffer buffer,
        final int bodyOffset,
        final int templateId,
        final short venue,
        final int instrumentId)
    {
        final long exchTsNs = exchTsNs(templateId, buffer, bodyOffset);
        final long recvTsNs = recvTsNs(templateId, buffer, bodyOffset);
        // a book snapshot (often from REST) is naturally older than the updates streamed while it was fetched: its
        // times are compared with the instrument's earlier snapshots only
        final boolean snapshot = templateId == BookUpdateDecoder.TEMPLATE_ID &&
            buffer.getByte(bodyOffset + BookUpdateDecoder.snapshotEncodingOffset()) == BooleanType.TRUE.value();
        int flags = quality.checkTimes(
            instrumentId, snapshot ? SNAPSHOT_QUALITY_TYPE : templateId, venue, exchTsNs, recvTsNs);
        long tradeId = StatusDecoder.receivedSeqNullValue();
        if (templateId == TradeDecoder.TEMPLATE_ID)
        {
            tradeId = buffer.getLong(bodyOffset + TradeDecoder.tradeIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
            flags |= quality.checkTrade(instrumentId, tradeId,
                buffer.getLong(bodyOffset + TradeDecoder.qtyEncodingOffset(), ByteOrder.LITTLE_ENDIAN));
        }
        else if (templateId == LiquidationDecoder.TEMPLATE_ID &&
            buffer.getLong(bodyOffset + LiquidationDecoder.qtyEncodingOffset(), ByteOrder.LITTLE_ENDIAN) == 0)
        {
            flags |= DataQuality.ZERO_QUANTITY;
        }
        if (flags == DataQuality.OK)
        {
            return;
        }
        final long noSeq = StatusDecoder.expectedSeqNullValue();
        final long noDetail = StatusDecoder.detailNullValue();
        if ((flags & DataQuality.TIME_BACKWARDS) != 0)
        {
            counters.countQuality(venue, EngineCounters.QUALITY_TIME_BACKWARDS);
            prefixStatus(event, venue, instrumentId, StatusEvent.DATA_QUALITY, StatusReason.EXCH_TIME_BACKWARDS,
                exchTsNs, recvTsNs, noSeq, noSeq, quality.backwardsNs());
        }
        if ((flags & DataQuality.CLOCK_SKEW) != 0)
        {
            // every skewed message counted, the first of a venue's run flagged
            counters.countQuality(venue, EngineCounters.QUALITY_CLOCK_SKEW);
            if ((flags & DataQuality.SKEW_RUN_START) != 0)
            {
                prefixStatus(event, venue, instrumentId, StatusEvent.DATA_QUALITY, StatusReason.CLOCK_SKEW,
                    exchTsNs, recvTsNs, noSeq, noSeq, quality.skewNs());
            }
        }
        if ((flags & DataQuality.DUPLICATE_TRADE_ID) != 0)
        {
            counters.countQuality(venue, EngineCounters.QUALITY_DUPLICATE_TRADE_ID);
            prefixStatus(event, venue, instrumentId, StatusEvent.DATA_QUALITY, StatusReason.DUPLICATE_TRADE_ID,
                exchTsNs, recvTsNs, noSeq, tradeId, noDetail);
        }
        if ((flags & DataQuality.ZERO_QUANTITY) != 0)
        {
            counters.countQuality(venue, EngineCounters.QUALITY_ZERO_QUANTITY);
            prefixStatus(event, venue, instrumentId, StatusEvent.DATA_QUALITY, StatusReason.ZERO_QUANTITY,
                exchTsNs, recvTsNs, noSeq, noSeq, noDetail);
        }
    }

    private static long exchTsNs(final int templateId, final UnsafeBuffer buffer, final int bodyOffset)
    {
        final int fieldOffset;
        switch (templateId)
        {
            case TradeDecoder.TEMPLATE_ID:
                fieldOffset = TradeDecoder.exchTsNsEncodingOffset();
                break;
            case BookUpdateDecoder.TEMPLATE_ID:
                fieldOffset = BookUpdateDecoder.exchTsNsEncodingOffset();
                break;
            case BboDecoder.TEMPLATE_ID:
                fieldOffset = BboDecoder.exchTsNsEncodingOffset();
                break;
            case FundingDecoder.TEMPLATE_ID:
                fieldOffset = FundingDecoder.exchTsNsEncodingOffset();
                break;
            case OpenInterestDecoder.TEMPLATE_ID:
                fieldOffset = OpenInterestDecoder.exchTsNsEncodingOffset();
                break;
            case LiquidationDecoder.TEMPLATE_ID:
                fieldOffset = LiquidationDecoder.exchTsNsEncodingOffset();
                break;
            case RatioDecoder.TEMPLATE_ID:
                fieldOffset = RatioDecoder.exchTsNsEncodingOffset();
                break;
            case VolatilityIndexDecoder.TEMPLATE_ID:
                fieldOffset = VolatilityIndexDecoder.exchTsNsEncodingOffset();
                break;
            default:
                return Long.MIN_VALUE;
        }
        return buffer.getLong(bodyOffset + fieldOffset, ByteOrder.LITTLE_ENDIAN);
    }

    private static long recvTsNs(final int templateId, final UnsafeBuffer buffer, final int bodyOffset)
    {
        final int fieldOffset;
        switch (templateId)
        {
            case TradeDecoder.TEMPLATE_ID:
                fieldOffset = TradeDecoder.recvTsNsEncodingOffset();
                break;
            case BookUpdateDecoder.TEMPLATE_ID:
                fieldOffset = BookUpdateDecoder.recvTsNsEncodingOffset();
                break;
            case BboDecoder.TEMPLATE_ID:
                fieldOffset = BboDecoder.recvTsNsEncodingOffset();
                break;
            case FundingDecoder.TEMPLATE_ID:
                fieldOffset = FundingDecoder.recvTsNsEncodingOffset();
                break;
            case StatusDecoder.TEMPLATE_ID:
                fieldOffset = StatusDecoder.recvTsNsEncodingOffset();
                break;
            case OpenInterestDecoder.TEMPLATE_ID:
                fieldOffset = OpenInterestDecoder.recvTsNsEncodingOffset();
                break;
            case LiquidationDecoder.TEMPLATE_ID:
                fieldOffset = LiquidationDecoder.recvTsNsEncodingOffset();
                break;
            case RatioDecoder.TEMPLATE_ID:
                fieldOffset = RatioDecoder.recvTsNsEncodingOffset();
                break;
            case VolatilityIndexDecoder.TEMPLATE_ID:
                fieldOffset = VolatilityIndexDecoder.recvTsNsEncodingOffset();
                break;
            default:
                return Long.MIN_VALUE;
        }
        return buffer.getLong(bodyOffset + fieldOffset, ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkCommonLayout()
    {
        if (TradeDecoder.instrumentIdEncodingOffset() != INSTRUMENT_ID_OFFSET ||
            BookUpdateDecoder.instrumentIdEncodingOffset() != INSTRUMENT_ID_OFFSET ||
            BboDecoder.instrumentIdEncodingOffset() != INSTRUMENT_ID_OFFSET ||
            FundingDecoder.instrumentIdEncodingOffset() != INSTRUMENT_ID_OFFSET ||
            StatusDecoder.instrumentIdEncodingOffset() != INSTRUMENT_ID_OFFSET ||
            InstrumentDecoder.instrumentIdEncodingOffset() != INSTRUMENT_ID_OFFSET ||
            OpenInterestDecoder.instrumentIdEncodingOffset() != INSTRUMENT_ID_OFFSET ||
            LiquidationDecoder.instrumentIdEncodingOffset() != INSTRUMENT_ID_OFFSET ||
            RatioDecoder.instrumentIdEncodingOffset() != INSTRUMENT_ID_OFFSET ||
            VolatilityIndexDecoder.instrumentIdEncodingOffset() != INSTRUMENT_ID_OFFSET ||
            TradeDecoder.venueEncodingOffset() != VENUE_OFFSET ||
            BookUpdateDecoder.venueEncodingOffset() != VENUE_OFFSET ||
            BboDecoder.venueEncodingOffset() != VENUE_OFFSET ||
            FundingDecoder.venueEncodingOffset() != VENUE_OFFSET ||
            StatusDecoder.venueEncodingOffset() != VENUE_OFFSET ||
            InstrumentDecoder.venueEncodingOffset() != VENUE_OFFSET ||
            OpenInterestDecoder.venueEncodingOffset() != VENUE_OFFSET ||
            LiquidationDecoder.venueEncodingOffset() != VENUE_OFFSET ||
            RatioDecoder.venueEncodingOffset() != VENUE_OFFSET ||
            VolatilityIndexDecoder.venueEncodingOffset() != VENUE_OFFSET)
        {
            throw new IllegalStateException("schema broke the common layout: instrumentId@0, venue@4");
        }
    }
}
