/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.sim.VenueSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The venue goes away under a synced feed: the simulator is closed (the port refused) for 1.5 s and a new one started
 * on the same port. Closing it does not always end the client's connection: in some runs no FIN arrives and the
 * socket stays half-open, silent. Either way the session finds out with no step from outside: a closed connection at
 * once, a half-open one when it goes stale (300 ms here) and its ping is not answered (500 ms). It retries through
 * the refusals, reconnects, resubscribes and resyncs the book from a new snapshot; no book message is valid between the
 * loss and the resync, which comes within the fault tests' bound of the venue's return.
 */
@Timeout(120)
class FeedVenueRestartTest
{
    private static final long DOWN_NS = TimeUnit.MILLISECONDS.toNanos(1_500);
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @Test
    void shouldRecoverEveryBookWhenTheVenueRestarts() throws Exception
    {
        try (FeedHarness harness = new FeedHarness(List.of(), "5000", FeedHarness.fastFeed()
            .staleAfterNs(TimeUnit.MILLISECONDS.toNanos(300))
            .pongTimeoutNs(TimeUnit.MILLISECONDS.toNanos(500))))
        {
            assertTrue(FeedHarness.await(() -> harness.counters.resyncs.get() >= 1, TIMEOUT_NS), "first sync");
            harness.restartSimulator(DOWN_NS);
            final long backNs = System.nanoTime();
            assertTrue(FeedHarness.await(() -> harness.counters.resyncs.get() >= 2, TIMEOUT_NS),
                "resynced after the restart; events " + harness.events);
            final long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backNs);
            final long sent = harness.simulator.counter(VenueSimulator.FRAMES_SENT);
            assertTrue(FeedHarness.await(() ->
                harness.simulator.counter(VenueSimulator.FRAMES_SENT) >= sent + 3_000, TIMEOUT_NS));
            harness.stopFeed();

            System.out.println("FeedVenueRestartTest: book valid again " + recoveredMs + " ms after the venue came " +
                "back; connect failures " + harness.counters.feedConnectFailures.get() + ", circuit opens " +
                harness.counters.feedCircuitOpens.get() + ", reconnects " + harness.counters.feedReconnects.get());
            assertTrue(recoveredMs <= TimeUnit.NANOSECONDS.toMillis(FeedFaultAcceptanceTest.RECOVERY_BOUND_NS),
                "recovered in " + recoveredMs + " ms");
            assertEquals(1, harness.counters.feedDisconnects.get(), "the one loss");
            assertTrue(harness.counters.feedConnectFailures.get() >= 1,
                "refused while the venue was away; events " + harness.events);
            assertEquals(harness.counters.feedConnectFailures.get() + 1, harness.counters.feedReconnects.get(),
                "every failed attempt retried, then the one that worked");
            assertEquals(2, harness.counters.resyncs.get());
            assertEquals(0, harness.counters.gaps.get());
            final int checked = FeedFaultAcceptanceTest.assertJournalInOrderAndRecovered(harness.journal());
            assertTrue(checked > 50, "valid book updates journaled: " + checked);
        }
    }
}
