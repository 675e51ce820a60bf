/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.marketprism.engine.CompletionTimes;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.StageLatency;
import io.marketprism.engine.ThreadingProfile;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publish stage's back-pressure policy against a real embedded media driver: a subscriber that stops polling
 * costs the ring one timeout per episode, not one per message; every drop is counted; publishing resumes as soon as
 * the subscriber catches up. With no subscriber at all, messages are counted as not connected, not as drops.
 */
final class PublishHandlerTest
{
    private static final long TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int MESSAGE_LENGTH = 1000;

    @Test
    void shouldBoundTheStallPerEpisodeAndResumeWhenTheSubscriberCatchesUp()
    {
        try (AeronTransport aeron = AeronTransport.launchEmbedded(ThreadingProfile.DEV);
            EngineCounters counters = new EngineCounters();
            Publication publication = aeron.addPublication("aeron:ipc?term-length=64k", 7);
            Subscription subscription = aeron.aeron().addSubscription("aeron:ipc?term-length=64k", 7))
        {
            awaitConnected(publication);
            final PublishHandler handler = new PublishHandler(
                publication, new BackoffIdleStrategy(), TIMEOUT_NS, counters, new StageLatency(),
                new CompletionTimes(1, 64).stage(0));
            final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);

            final int messages = 2000;
            final long start = System.nanoTime();
            for (int i = 0; i < messages; i++)
            {
                handler.onMessage(message, 0, MESSAGE_LENGTH);
            }
            final long elapsedNs = System.nanoTime() - start;

            final long published = counters.published.get();
            final long dropped = counters.publishDropped.get();
            assertTrue(published > 0 && published < messages, "the window filled: published " + published);
            assertEquals(messages, published + dropped, "every message is published or counted as dropped");
            assertTrue(elapsedNs < 4 * TIMEOUT_NS, "stalled " + elapsedNs / 1_000_000 + " ms for " + dropped +
                " drops with a " + TIMEOUT_NS / 1_000_000 + " ms timeout");

            int received = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received < published && System.nanoTime() < deadline)
            {
                received += subscription.poll((buffer, offset, length, header) -> { }, 100);
            }
            assertEquals(published, received, "the subscriber receives what was published");

            // the driver raises the publisher's limit on its next duty cycle after the subscriber consumed
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            while (publication.availableWindow() < MESSAGE_LENGTH)
            {
                assertTrue(System.nanoTime() < deadline, "the window did not free");
                idle.idle();
            }
            handler.onMessage(message, 0, MESSAGE_LENGTH);
            assertEquals(published + 1, counters.published.get(), "publishing resumes once the window frees");
            assertEquals(dropped, counters.publishDropped.get());
        }
    }

    @Test
    void shouldCountMessagesWithoutSubscriberAsNotConnected()
    {
        try (AeronTransport aeron = AeronTransport.launchEmbedded(ThreadingProfile.DEV);
            EngineCounters counters = new EngineCounters();
            Publication publication = aeron.addPublication("aeron:ipc", 8))
        {
            final PublishHandler handler = new PublishHandler(
                publication, new BackoffIdleStrategy(), TIMEOUT_NS, counters, new StageLatency(),
                new CompletionTimes(1, 64).stage(0));
            final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
            for (int i = 0; i < 10; i++)
            {
                handler.onMessage(message, 0, 64);
            }
            assertEquals(10, counters.publishNotConnected.get());
            assertEquals(0, counters.publishDropped.get());
            assertEquals(0, counters.published.get());
        }
    }

    private static void awaitConnected(final Publication publication)
    {
        final BackoffIdleStrategy idle = new BackoffIdleStrategy();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!publication.isConnected())
        {
            assertTrue(System.nanoTime() < deadline, "publication did not connect");
            idle.idle();
        }
    }
}
