/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.sim.VenueSimulator;
import io.marketprism.journal.JournalReader;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Planned rotation against the live Binance spot simulator (one venue position shared by every client, so the old and
 * the new connection receive the same frames side by side) at 5,000 frames/s, rotating every second: each rotation
 * opens a standby, holds its frames for the overlap, switches and closes the old connection. Across at least three
 * rotations no depth update is lost (no gap, no resync after the first sync, every valid update continues the one
 * before it in the journal), none is repeated (nothing skipped; the best-bid-offer stream's update ids only rise),
 * and repeats did occur and were dropped at the switch.
 */
@Timeout(120)
class FeedRotationTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int ROTATIONS = 3;

    @Test
    void shouldReplaceTheConnectionWithoutLosingOrRepeatingAMessage() throws Exception
    {
        try (FeedHarness harness = new FeedHarness(List.of(), "5000",
            FeedHarness.fastFeed().rotateAfterNs(TimeUnit.SECONDS.toNanos(1))))
        {
            assertTrue(FeedHarness.await(() -> harness.counters.feedRotations.get() >= ROTATIONS, TIMEOUT_NS),
                "rotations: " + harness.counters.feedRotations.get() + ", failures " +
                harness.counters.feedRotationFailures.get() + ", events " + harness.events);
            final long sent = harness.simulator.counter(VenueSimulator.FRAMES_SENT);
            assertTrue(FeedHarness.await(() ->
                harness.simulator.counter(VenueSimulator.FRAMES_SENT) >= sent + 1_000, TIMEOUT_NS));
            harness.stopFeed();

            final long rotations = harness.counters.feedRotations.get();
            final long repeats = harness.counters.feedRotationRepeats.get();
            System.out.println("FeedRotationTest: " + rotations + " rotations, " + repeats +
                " repeated messages dropped, " + harness.simulator.counter(VenueSimulator.CLIENTS_ACCEPTED) +
                " connections accepted");
            assertEquals(0, harness.counters.feedRotationFailures.get(), "failed rotations");
            assertEquals(0, harness.counters.feedDisconnects.get(), "no connection was lost");
            assertEquals(0, harness.counters.feedReconnects.get());
            assertEquals(0, harness.counters.gaps.get(), "no depth update lost");
            assertEquals(1, harness.counters.resyncs.get(), "the first sync only");
            // one per rotation besides the first, and the next rotation's standby if it had opened by the stop
            final long accepted = harness.simulator.counter(VenueSimulator.CLIENTS_ACCEPTED);
            assertTrue(accepted == rotations + 1 || accepted == rotations + 2, "connections accepted " + accepted);

            final List<FeedHarness.Entry> journal = harness.journal();
            final int checked = FeedFaultAcceptanceTest.assertJournalInOrderAndRecovered(journal);
            assertTrue(checked > 1_000, "valid book updates journaled: " + checked);
            // skips right after the first snapshot are updates it already held (Binance's procedure); any other is
            // a repeat that passed a switch
            final long[] skips = FeedFaultAcceptanceTest.skippedUpdates(journal);
            assertEquals(0, skips[1], "no depth update repeated; " + skips[0] + " covered by the first snapshot");
            final List<Long> bbo = bboSeqs(harness);
            assertTrue(bbo.size() > 1_000, "bbo messages: " + bbo.size());
            for (int i = 1; i < bbo.size(); i++)
            {
                assertTrue(bbo.get(i) > bbo.get(i - 1), "bbo update id " + bbo.get(i) + " after " + bbo.get(i - 1));
            }
            assertTrue(repeats > 0, "the connections overlapped: repeats were dropped");
        }
    }

    @Test
    void shouldKeepTheOldConnectionWhenTheStandbyIsRefusedAndRotateLater() throws Exception
    {
        // the second connection, the first rotation's standby, is refused at its upgrade
        try (FeedHarness harness = new FeedHarness(List.of("refuse:from=2,times=1"), "5000",
            FeedHarness.fastFeed().rotateAfterNs(TimeUnit.SECONDS.toNanos(1))))
        {
            assertTrue(FeedHarness.await(() -> harness.counters.feedRotations.get() >= 1, TIMEOUT_NS),
                "rotations: " + harness.counters.feedRotations.get() + ", events " + harness.events);
            harness.stopFeed();

            assertEquals(1, harness.counters.feedRotationFailures.get(), "the refused standby");
            assertEquals(1, harness.events(FeedEvent.ROTATION_FAILED));
            assertEquals(0, harness.counters.feedDisconnects.get(), "the old connection went on");
            assertEquals(0, harness.counters.gaps.get());
            assertEquals(1, harness.counters.resyncs.get(), "the first sync only");
            final List<FeedHarness.Entry> journal = harness.journal();
            assertEquals(0, FeedFaultAcceptanceTest.skippedUpdates(journal)[1], "repeated depth updates");
            final int checked = FeedFaultAcceptanceTest.assertJournalInOrderAndRecovered(journal);
            assertTrue(checked > 100, "valid book updates journaled: " + checked);
        }
    }

    private static List<Long> bboSeqs(final FeedHarness harness)
    {
        final List<Long> seqs = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BboDecoder bbo = new BboDecoder();
        try (JournalReader reader = new JournalReader(harness.journalDir))
        {
            int delivered;
            do
            {
                delivered = reader.poll((buffer, offset, length, index) ->
                {
                    header.wrap(buffer, offset);
                    if (header.templateId() == BboDecoder.TEMPLATE_ID)
                    {
                        bbo.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                            header.version());
                        seqs.add(bbo.seq());
                    }
                }, 64);
            }
            while (delivered > 0);
        }
        return seqs;
    }
}
