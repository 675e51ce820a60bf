/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.aeron.Aeron;
import io.marketprism.engine.ThreadingProfile;
import io.marketprism.engine.stage.AeronTransport;
import io.marketprism.client.MarketDataListener;
import io.marketprism.client.MarketDataSubscriber;
import io.marketprism.client.SubscriberBook;
import io.marketprism.client.MarketDataStreams;
import io.marketprism.codecs.JsonLinesEncoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code subscribe}: reads the engine's Aeron stream with {@link MarketDataSubscriber} and prints every live message
 * as JSON lines (JSONL.md); instrument definitions learnt from the snapshot stream are printed too, so a late
 * joiner's lines carry symbols. Lost messages (sequence gaps) are reported on stderr and in the summary.
 */
@Command(
    name = "subscribe",
    mixinStandardHelpOptions = true,
    description = "Print the engine's Aeron stream as JSON lines (JSONL.md); report lost messages on stderr.")
public final class SubscribeCommand implements Callable<Integer>
{
    @ParentCommand
    private MarketPrism parent;

    @Option(names = "--channel", required = true,
        description = "Aeron channel, e.g. aeron:ipc or aeron:udp?endpoint=0.0.0.0:40456")
    private String channel;

    @Option(names = "--stream", description = "live stream id (default ${DEFAULT-VALUE})")
    private int stream = MarketDataStreams.LIVE_STREAM_ID_DEFAULT;

    @Option(names = "--snapshots", description = "snapshot stream id on the same channel (default: none)")
    private int snapshots;

    @Option(names = "--count", description = "stop after this many live messages (default: run until killed)")
    private long count;

    @Option(names = "--timeout-ms", description = "once messages have arrived, stop when nothing more arrives " +
        "for this long; 0 for never (default ${DEFAULT-VALUE})")
    private long timeoutMs;

    @Option(names = "--aeron-dir", description = "the directory of a running media driver (default: an embedded " +
        "driver of this process, in a directory of its own, deleted on exit)")
    private String aeronDir;

    @Override
    public Integer call() throws IOException
    {
        final JsonLinesEncoder encoder = new JsonLinesEncoder();
        final long startNs = System.nanoTime();
        // without --aeron-dir the subscriber brings its own driver, as the engine does: on another host (UDP) there
        // is no engine's driver to share
        try (OutputStream out = new BufferedOutputStream(new DecodeCommand.NonClosingOutputStream(parent.stdout()),
            1 << 16);
            AeronTransport transport = aeronDir == null ? AeronTransport.launchEmbedded(ThreadingProfile.DEV) :
                AeronTransport.connectExternal(aeronDir))
        {
            final Aeron aeron = transport.aeron();
            final Printer printer = new Printer(encoder, out, parent);
            try (MarketDataSubscriber subscriber = new MarketDataSubscriber(aeron, channel, stream, snapshots,
                printer))
            {
                final IdleStrategy idle = new BackoffIdleStrategy();
                long lastWorkNs = System.nanoTime();
                while (count == 0 || subscriber.messages() < count)
                {
                    final int work = subscriber.poll(256);
                    if (work > 0)
                    {
                        lastWorkNs = System.nanoTime();
                    }
                    else
                    {
                        out.flush();
                        // the idle time counts from the first message: a subscriber started before the engine waits
                        if (timeoutMs > 0 && subscriber.messages() > 0 &&
                            System.nanoTime() - lastWorkNs > TimeUnit.MILLISECONDS.toNanos(timeoutMs))
                        {
                            break;
                        }
                    }
                    idle.idle(work);
                }
                out.flush();
                final double seconds = (System.nanoTime() - startNs) / 1e9;
                parent.stderr().printf("subscribe: %d messages, last sequence %d, gaps %d, lost %d, " +
                    "snapshots %d (applied %d, stale %d), top mismatches %d (past snapshot depth %d) in %.2f s%n",
                    subscriber.messages(), subscriber.lastSequence(), subscriber.gaps(), subscriber.lostMessages(),
                    subscriber.snapshotsReceived(), subscriber.snapshotsApplied(), subscriber.staleSnapshots(),
                    subscriber.topMismatches(), subscriber.topsPastSnapshot(), seconds);
                if (printer.booksSynced > 0)
                {
                    parent.stderr().printf("subscribe: %d books synced, the slowest %.1f ms after the first live " +
                        "message%n", printer.booksSynced, printer.slowestSyncNs / 1e6);
                }
                return subscriber.gaps() == 0 ? 0 : MarketPrism.EXIT_FAILURE;
            }
        }
    }

    /**
     * Prints each live message; definitions first seen on the snapshot stream are printed when first met.
     */
    private static final class Printer implements MarketDataListener
    {
        private final JsonLinesEncoder encoder;
        private final OutputStream out;
        private final MarketPrism parent;
        private final IntHashSet synced = new IntHashSet();
        private long firstMessageNs;
        private int booksSynced;
        private long slowestSyncNs;

        Printer(final JsonLinesEncoder encoder, final OutputStream out, final MarketPrism parent)
        {
            this.encoder = encoder;
            this.out = out;
            this.parent = parent;
        }

        @Override
        public void onMessage(final long streamSeq, final DirectBuffer buffer, final int offset, final int length)
        {
            if (firstMessageNs == 0)
            {
                firstMessageNs = System.nanoTime();
            }
            print(buffer, offset);
        }

        /**
         * A book's first sync: from the snapshot stream for a late joiner, how long after it joined.
         */
        @Override
        public void onBookSynced(final long streamSeq, final SubscriberBook book)
        {
            if (firstMessageNs == 0 || !synced.add(book.instrumentId()))
            {
                return;
            }
            final long afterNs = System.nanoTime() - firstMessageNs;
            booksSynced++;
            slowestSyncNs = Math.max(slowestSyncNs, afterNs);
            final String symbol = encoder.catalog().isKnown(book.instrumentId()) ?
                new String(encoder.catalog().symbol(book.instrumentId()), StandardCharsets.US_ASCII) :
                "instrument " + book.instrumentId();
            parent.stderr().printf("subscribe: book %s synced at sequence %d, %.1f ms after the first live message%n",
                symbol, streamSeq, afterNs / 1e6);
        }

        @Override
        public void onInstrument(final InstrumentDecoder instrument)
        {
            if (!encoder.catalog().isKnown(instrument.instrumentId()))
            {
                // learnt from the snapshot stream (a late joiner): printed as the live stream would have
                print(instrument.buffer(), instrument.offset() - MessageHeaderDecoder.ENCODED_LENGTH);
            }
        }

        @Override
        public void onGap(final long expectedSeq, final long receivedSeq)
        {
            parent.stderr().printf("subscribe: lost messages: expected sequence %d, received %d (%d lost)%n",
                expectedSeq, receivedSeq, receivedSeq - expectedSeq);
        }

        private void print(final DirectBuffer buffer, final int offset)
        {
            final int lineLength = encoder.encode(buffer, offset);
            if (lineLength == 0)
            {
                return;
            }
            try
            {
                encoder.writeTo(out, lineLength);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
