/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.ThreadingProfile;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.stage.SnapshotPublisher;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.CloseHelper;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot copy that normalize's writing keeps contended is tried again on the next duty cycles, not a whole
 * interval later; the round's other instruments go out at once. Real IPC publication on an embedded driver; the
 * clock is the test's, so rounds happen exactly when it says.
 */
@Timeout(60)
final class SnapshotPublisherRetryTest
{
    private static final int STREAM = 4321;
    private static final long INTERVAL_MS = 1_000;

    private MediaDriver driver;
    private Aeron aeron;
    private ExclusivePublication publication;
    private Subscription subscription;
    private long nowMs = 10_000;

    @BeforeEach
    void start()
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(ThreadingProfile.DEV.newIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        publication = aeron.addExclusivePublication("aeron:ipc?term-length=1m", STREAM);
        subscription = aeron.addSubscription("aeron:ipc?term-length=1m", STREAM);
        await(() -> publication.isConnected() && subscription.isConnected());
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(subscription, publication, aeron, driver);
    }

    @Test
    void shouldRetryAContendedCopyBeforeTheNextRound()
    {
        final BookSnapshots snapshots = new BookSnapshots(5);
        final OrderBook book = new OrderBook(16, 64);
        book.update(true, 100, 0, 1, 0);
        book.update(false, 101, 0, 2, 0);
        for (int id = 1; id <= 3; id++)
        {
            snapshots.define(InstrumentDefinition.of(
                id, Venue.BINANCE_SPOT, "SYM" + id, "SYM-" + id, "SYM", "USDT", InstrumentKind.SPOT), 0);
            snapshots.writeBook(id, Venue.BINANCE_SPOT.value(), id, BookHealth.VALID, book, id, 0, 0);
        }
        try (EngineCounters counters = new EngineCounters())
        {
            final SnapshotPublisher publisher =
                new SnapshotPublisher(snapshots, publication, counters, () -> nowMs, INTERVAL_MS);

            assertEquals(1, publisher.doWork(), "a round asked of normalize");
            assertTrue(publisher.awaitingRound());
            assertEquals(0, publisher.doWork(), "nothing copied before normalize serves the round");
            serveRound(snapshots, 3);
            snapshots.beginWriteForTest(2);
            assertEquals(2, publisher.doWork(), "the round sends the instruments it could copy");
            assertFalse(publisher.awaitingRound());
            assertEquals(1, publisher.contendedCount());
            assertEquals(new IntArrayList(new int[] {1, 3}, 2, -1), receivedBooks());
            final long contendedAfterRound = counters.snapshotsContended.get();
            assertTrue(contendedAfterRound >= 1, "counted");

            nowMs += 5;
            assertEquals(0, publisher.doWork(), "still being written: nothing to send");
            assertEquals(1, publisher.contendedCount());
            assertTrue(counters.snapshotsContended.get() > contendedAfterRound, "each failed try counted");

            snapshots.endWriteForTest(2);
            nowMs += 5;
            assertEquals(1, publisher.doWork(), "sent on the next duty cycle, within the interval");
            assertEquals(0, publisher.contendedCount());
            assertEquals(new IntArrayList(new int[] {2}, 1, -1), receivedBooks());
            assertEquals(3, counters.snapshotsPublished.get());

            nowMs += 5;
            assertEquals(0, publisher.doWork(), "nothing more until the next round");
            nowMs += INTERVAL_MS;
            assertEquals(1, publisher.doWork(), "the next round asked");
            nowMs += INTERVAL_MS / 2;
            assertEquals(3, publisher.doWork(), "not served within half an interval: the slots go out as they are");
            assertEquals(new IntArrayList(new int[] {1, 2, 3}, 3, -1), receivedBooks());
            assertEquals(6, counters.snapshotsPublished.get());
        }
    }

    /**
     * What normalize does when a round is asked: writes the changed books' slots (none here) and marks it served.
     */
    private static void serveRound(final BookSnapshots snapshots, final long streamSeq)
    {
        assertTrue(snapshots.roundRequested());
        snapshots.roundServed(streamSeq);
        assertFalse(snapshots.roundRequested());
    }

    /**
     * The instrument ids of the book snapshots waiting on the subscription (definitions skipped).
     */
    private IntArrayList receivedBooks()
    {
        final IntArrayList ids = new IntArrayList();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BookUpdateDecoder update = new BookUpdateDecoder();
        final IdleStrategy idle = ThreadingProfile.DEV.newIdleStrategy();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // what was offered is in the term already; poll until it has all been read
        while (subscription.imageAtIndex(0).position() < publication.position())
        {
            assertTrue(System.nanoTime() < deadline, "timed out reading the snapshot stream");
            idle.idle(subscription.poll((buffer, offset, length, frameHeader) ->
            {
                header.wrap(buffer, offset);
                if (header.templateId() == BookUpdateDecoder.TEMPLATE_ID)
                {
                    update.wrapAndApplyHeader(buffer, offset, header);
                    ids.addInt(update.instrumentId());
                }
            }, 16));
        }
        return ids;
    }

    private static void await(final BooleanSupplier condition)
    {
        final IdleStrategy idle = ThreadingProfile.DEV.newIdleStrategy();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for the IPC connection");
            idle.idle();
        }
    }
}
