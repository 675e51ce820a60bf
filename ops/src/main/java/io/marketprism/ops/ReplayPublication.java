/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.aeron.AeronCounters;
import io.aeron.Publication;
import io.aeron.ReservedValueSupplier;
import io.marketprism.engine.ThreadingProfile;
import io.marketprism.engine.stage.AeronTransport;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.CountersReader;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * {@code replay}'s Aeron output: the messages it keeps offered in journal order on a publication, each with a stream
 * sequence of the replay's own (1, 2, ...) in the frame's reserved value, as the engine publishes live, so that a
 * consumer ({@code MarketDataSubscriber}, {@code subscribe}) can be run against history. Lossless: back pressure is
 * waited out, so the slowest consumer sets the pace; a consumer that leaves ends the replay with an error rather
 * than an output that nobody reads. It waits a while (by default {@link #CONNECT_TIMEOUT_MS_DEFAULT}) for a first
 * subscriber.
 * Single-threaded; does not allocate per message.
 */
final class ReplayPublication implements AutoCloseable, ReservedValueSupplier
{
    /** How long a replay waits for its first subscriber, by default. */
    static final long CONNECT_TIMEOUT_MS_DEFAULT = 10_000;

    private final AeronTransport transport;
    private final Publication publication;
    private final String channel;
    private final IdleStrategy idle = new BackoffIdleStrategy(16, 8, 1_000, TimeUnit.MILLISECONDS.toNanos(1));
    private final int senderLimitCounterId;
    private final long window;
    private long streamSeq;
    private long backPressured;

    private ReplayPublication(
        final AeronTransport transport,
        final Publication publication,
        final String channel,
        final int senderLimitCounterId,
        final long window)
    {
        this.transport = transport;
        this.publication = publication;
        this.channel = channel;
        this.senderLimitCounterId = senderLimitCounterId;
        this.window = window;
    }

    /**
     * Opens the publication and waits for a subscriber.
     *
     * @param channel  an Aeron channel, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=host:port}.
     * @param streamId its stream id.
     * @param aeronDir a running media driver's directory, or null to embed one (then only UDP reaches others).
     * @param connectTimeoutMs how long to wait for a subscriber.
     * @param err      where to say what it waits for.
     * @return the publication, with a subscriber.
     * @throws IllegalArgumentException when the channel is refused or no subscriber comes.
     */
    static ReplayPublication open(
        final String channel,
        final int streamId,
        final String aeronDir,
        final long connectTimeoutMs,
        final PrintStream err)
    {
        final boolean ipc = channel.startsWith("aeron:ipc");
        if (ipc && aeronDir == null)
        {
            throw new IllegalArgumentException("--output " + channel + " needs --aeron-dir, a media driver the " +
                "consumer shares: over IPC nobody else can reach this process's own driver");
        }
        final AeronTransport transport = aeronDir == null ?
            AeronTransport.launchEmbedded(ThreadingProfile.DEV) : AeronTransport.connectExternal(aeronDir);
        Publication publication = null;
        try
        {
            try
            {
                publication = transport.addPublication(channel, streamId);
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalArgumentException("--output " + channel + ": the media driver refused the channel: " +
                    ex.getMessage(), ex);
            }
            err.println("replay: waiting up to " + connectTimeoutMs + " ms for a subscriber on " + channel +
                " stream " + streamId + " (media driver " + transport.aeronDirectoryName() + ")");
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs);
            final IdleStrategy wait = new BackoffIdleStrategy(1, 1, 1_000_000, 10_000_000);
            // connected, and the limit known: the subscriber's position (0) plus the window it allows
            int senderLimitCounterId = CountersReader.NULL_COUNTER_ID;
            while (!publication.isConnected() || consumedLimit(transport, publication, ipc, senderLimitCounterId) <= 0)
            {
                if (!ipc && senderLimitCounterId == CountersReader.NULL_COUNTER_ID)
                {
                    senderLimitCounterId = transport.aeron().countersReader().findByTypeIdAndRegistrationId(
                        AeronCounters.DRIVER_SENDER_LIMIT_TYPE_ID, publication.registrationId());
                }
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new IllegalArgumentException("no subscriber on " + channel + " stream " + streamId +
                        " within " + connectTimeoutMs + " ms: start the consumer first");
                }
                wait.idle();
            }
            return new ReplayPublication(transport, publication, channel, senderLimitCounterId,
                consumedLimit(transport, publication, ipc, senderLimitCounterId));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(publication, transport);
            throw ex;
        }
    }

    /**
     * Offers one message, waiting out back pressure.
     *
     * @param buffer holding it.
     * @param offset of its header.
     * @param length its length.
     * @throws IllegalStateException when the subscribers have gone or the publication cannot take it.
     */
    void offer(final DirectBuffer buffer, final int offset, final int length)
    {
        streamSeq++;
        idle.reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length, this);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                backPressured++;
                idle.idle();
            }
            else if (result == Publication.NOT_CONNECTED)
            {
                throw new IllegalStateException("the subscriber on " + channel + " went away; " + (streamSeq - 1) +
                    " messages were delivered");
            }
            else
            {
                throw new IllegalStateException("cannot offer on " + channel + ": " + Publication.errorString(result));
            }
        }
    }

    /**
     * Waits until the subscribers have consumed everything offered, so that closing (an embedded media driver above
     * all) loses nothing: over IPC the publication's limit, over the network the sender's limit, is the slowest
     * subscriber's position plus the window it allows, as measured when it connected.
     *
     * @param timeoutMs longest wait.
     * @return true when everything was consumed in time.
     */
    boolean awaitConsumed(final long timeoutMs)
    {
        final long position = publication.position();
        final boolean ipc = senderLimitCounterId == CountersReader.NULL_COUNTER_ID;
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final IdleStrategy wait = new BackoffIdleStrategy(1, 1, 100_000, 10_000_000);
        while (consumedLimit(transport, publication, ipc, senderLimitCounterId) - window < position)
        {
            if (System.nanoTime() - deadlineNs > 0 || !publication.isConnected())
            {
                return false;
            }
            wait.idle();
        }
        return true;
    }

    private static long consumedLimit(
        final AeronTransport transport, final Publication publication, final boolean ipc, final int senderLimitId)
    {
        if (ipc)
        {
            return publication.positionLimit();
        }
        return senderLimitId == CountersReader.NULL_COUNTER_ID ? 0 :
            transport.aeron().countersReader().getCounterValue(senderLimitId);
    }

    @Override
    public long get(final DirectBuffer termBuffer, final int termOffset, final int frameLength)
    {
        return streamSeq;
    }

    /**
     * @return messages offered.
     */
    long offered()
    {
        return streamSeq;
    }

    /**
     * @return offers that met back pressure and were retried.
     */
    long backPressured()
    {
        return backPressured;
    }

    @Override
    public void close()
    {
        // a subscriber may still be reading what was offered: the publication lingers in the driver
        CloseHelper.quietCloseAll(publication, transport);
    }
}
