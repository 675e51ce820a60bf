/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.RatioDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.VolatilityIndexDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Real frames of one venue for a decoder benchmark: every message received in the venue's recordings (read with the
 * project's capture readers, so lines we sent and connection markers are left out), decoded once in recorded order
 * and grouped by what they decode into. A frame's kind is the type of its first message: {@code book},
 * {@code trade}, {@code bbo} or {@code funding}; {@code all} is every frame that decodes into market data. Frames
 * that decode into no message are left out: control frames (acknowledgements, heartbeats, system status) and data no
 * message type holds (Kraken Futures {@code ticker_lite}). A frame that decodes into a status message fails the load,
 * since every received frame of these recordings is one or the other.
 */
final class VenueFrames
{
    /** Every frame that decodes into market data. */
    static final String ALL = "all";
    /** Kinds by template id of the frame's first message. */
    private static final String[] KINDS = new String[VolatilityIndexDecoder.TEMPLATE_ID + 1];

    /** Per venue: capture format, then its files relative to the recordings directory. */
    private static final Map<String, String[]> CAPTURES = new LinkedHashMap<>();

    static
    {
        KINDS[BookUpdateDecoder.TEMPLATE_ID] = "book";
        KINDS[TradeDecoder.TEMPLATE_ID] = "trade";
        KINDS[BboDecoder.TEMPLATE_ID] = "bbo";
        KINDS[FundingDecoder.TEMPLATE_ID] = "funding";
        KINDS[OpenInterestDecoder.TEMPLATE_ID] = "open_interest";
        KINDS[LiquidationDecoder.TEMPLATE_ID] = "liquidation";
        KINDS[RatioDecoder.TEMPLATE_ID] = "ratio";
        KINDS[VolatilityIndexDecoder.TEMPLATE_ID] = "volatility_index";

        CAPTURES.put("binance-spot", new String[]{ "hftbacktest", "hftbacktest/spot/btcusdt_20240808.gz" });
        CAPTURES.put("okx", new String[]{ "cryptofeed", "cryptofeed/OKX.ws.1.0" });
        CAPTURES.put("bybit", new String[]{ "lines", "nautilus/bybit/xrpusdt-ob500.data.zip" });
        CAPTURES.put("deribit", new String[]{ "cryptofeed", "cryptofeed/DERIBIT.ws.1.0" });
        CAPTURES.put("kraken", new String[]{ "cryptofeed",
            "cryptofeed/KRAKEN.ws.50.0", "cryptofeed/KRAKEN.ws.48.0", "cryptofeed/KRAKEN.ws.49.0" });
        CAPTURES.put("kraken-futures", new String[]{ "cryptofeed", "cryptofeed/KRAKEN_FUTURES.ws.1.0.gz" });
        CAPTURES.put("coinbase", new String[]{ "cryptofeed", "cryptofeed/COINBASE.ws.28.0.gz" });
    }

    private final FrameSet frames;
    private final FrameDecoder decoder;
    private final int[] selected;
    private final int[] messages;
    private final String summary;

    private VenueFrames(
        final FrameSet frames, final FrameDecoder decoder, final int[] selected, final int[] messages,
        final String summary)
    {
        this.frames = frames;
        this.decoder = decoder;
        this.selected = selected;
        this.messages = messages;
        this.summary = summary;
    }

    /**
     * @return the venues that have recordings here, in table order.
     */
    static List<String> venues()
    {
        return new ArrayList<>(CAPTURES.keySet());
    }

    /**
     * Loads a venue's recordings, decodes every received frame once and keeps those of one kind.
     *
     * @param recordings the recordings directory.
     * @param venue      a venue of {@link #venues()}.
     * @param kind       {@code book}, {@code trade}, {@code bbo}, {@code funding} or {@code all}.
     * @return the frames of that kind, with the decoder that decoded them.
     * @throws IOException when a recording cannot be read.
     * @throws IllegalArgumentException for an unknown venue or a kind the recordings do not hold.
     * @throws IllegalStateException when a received frame decodes into a status message.
     */
    static VenueFrames load(final Path recordings, final String venue, final String kind) throws IOException
    {
        final String[] capture = CAPTURES.get(venue);
        if (capture == null)
        {
            throw new IllegalArgumentException("no recordings for venue '" + venue + "'; venues: " + venues());
        }
        final FrameSet frames = FrameSet.loadReceived(recordings, venue, capture[0],
            Arrays.copyOfRange(capture, 1, capture.length));
        final FrameDecoder decoder = Venues.newDecoder(frames.venues()[0]);
        decoder.contextSymbol(frames.contextSymbols()[0]);

        final ClassifyingSink sink = new ClassifyingSink();
        final int count = frames.size();
        final int[] frameKinds = new int[count];
        final int[] frameMessages = new int[count];
        final long[] kindFrames = new long[KINDS.length];
        final StringBuilder statuses = new StringBuilder();
        int silent = 0;
        int statusFrames = 0;
        int snapshots = 0;
        for (int i = 0; i < count; i++)
        {
            sink.reset();
            final int committed = decoder.decode(frames.buffer(), frames.offset(i), frames.length(i),
                frames.recvTsNs(i), sink);
            if (committed != sink.commits)
            {
                throw new IllegalStateException(venue + " frame " + i + ": decode returned " + committed +
                    " but committed " + sink.commits);
            }
            frameMessages[i] = committed;
            frameKinds[i] = sink.firstTemplate;
            if (sink.status != null)
            {
                statusFrames++;
                if (statusFrames <= 3)
                {
                    statuses.append("\n  frame ").append(i).append(" -> ").append(sink.status).append(": ")
                        .append(text(frames, i, 300));
                }
            }
            else if (committed == 0)
            {
                silent++;
            }
            else
            {
                kindFrames[sink.firstTemplate]++;
                snapshots += sink.snapshot ? 1 : 0;
            }
        }
        if (statusFrames > 0)
        {
            throw new IllegalStateException(venue + ": " + statusFrames + " received frames decoded into a status " +
                "message (malformed or venue error), first ones:" + statuses);
        }

        final boolean all = ALL.equals(kind);
        final int wanted = all ? -1 : Arrays.asList(KINDS).indexOf(kind.toLowerCase(Locale.ROOT));
        final StringBuilder held = new StringBuilder();
        for (int template = 0; template < KINDS.length; template++)
        {
            if (KINDS[template] != null && kindFrames[template] > 0)
            {
                held.append(held.length() == 0 ? "" : ", ").append(KINDS[template]).append(' ')
                    .append(kindFrames[template]);
            }
        }
        final int[] chosen = new int[count];
        int size = 0;
        long bytes = 0;
        long messageCount = 0;
        for (int i = 0; i < count; i++)
        {
            if (frameMessages[i] > 0 && (all || frameKinds[i] == wanted))
            {
                chosen[size++] = i;
                bytes += frames.length(i);
                messageCount += frameMessages[i];
            }
        }
        if (size == 0)
        {
            throw new IllegalArgumentException("no '" + kind + "' frames in the " + venue +
                " recordings; kinds there: " + held + ", all");
        }
        final int[] selected = Arrays.copyOf(chosen, size);
        final int[] messages = new int[size];
        for (int i = 0; i < size; i++)
        {
            messages[i] = frameMessages[selected[i]];
        }
        final String summary = String.format(Locale.ROOT, "FRAMES venue=%s kind=%s frames=%d bytes_per_frame=%.1f " +
            "messages_per_frame=%.2f (of %d received: %d without a message, %s; %d book snapshots)",
            venue, kind, size, (double)bytes / size, (double)messageCount / size, count, silent, held, snapshots);
        return new VenueFrames(frames, decoder, selected, messages, summary);
    }

    private static String text(final FrameSet frames, final int frame, final int limit)
    {
        return frames.buffer().getStringWithoutLengthAscii(frames.offset(frame), Math.min(limit, frames.length(frame)));
    }

    /**
     * @return one line: venue, kind, frames, mean bytes and messages per frame, and what the recordings held.
     */
    String summary()
    {
        return summary;
    }

    /**
     * @return the decoder that decoded the recordings once, in recorded order.
     */
    FrameDecoder decoder()
    {
        return decoder;
    }

    /**
     * @return the buffer holding every frame.
     */
    UnsafeBuffer buffer()
    {
        return frames.buffer();
    }

    /**
     * @return frames of the kind.
     */
    int size()
    {
        return selected.length;
    }

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return offset of that frame in {@link #buffer()}.
     */
    int offset(final int index)
    {
        return frames.offset(selected[index]);
    }

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return its length.
     */
    int length(final int index)
    {
        return frames.length(selected[index]);
    }

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return its recorded receive time, ns.
     */
    long recvTsNs(final int index)
    {
        return frames.recvTsNs(selected[index]);
    }

    /**
     * @param index 0 to {@link #size()} - 1.
     * @return messages it decoded into (at least 1).
     */
    int messages(final int index)
    {
        return messages[index];
    }

    /**
     * Notes the type of every message committed: the first one's template, whether a book message is a snapshot,
     * and the reason of a status message. Messages are encoded at offset 0.
     */
    private static final class ClassifyingSink implements MessageSink
    {
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 24]);
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final BookUpdateDecoder book = new BookUpdateDecoder();
        private final StatusDecoder statusDecoder = new StatusDecoder();
        private int commits;
        private int firstTemplate;
        private boolean snapshot;
        private String status;

        void reset()
        {
            commits = 0;
            firstTemplate = 0;
            snapshot = false;
            status = null;
        }

        @Override
        public MutableDirectBuffer buffer()
        {
            return buffer;
        }

        @Override
        public int claim(final int length)
        {
            return length <= buffer.capacity() ? 0 : TOO_LARGE;
        }

        @Override
        public void commit(final int length, final DirectBuffer symbol, final int symbolOffset, final int symbolLength)
        {
            header.wrap(buffer, 0);
            final int template = header.templateId();
            if (template == StatusDecoder.TEMPLATE_ID)
            {
                statusDecoder.wrapAndApplyHeader(buffer, 0, header);
                status = statusDecoder.eventType() + "/" + statusDecoder.reason() + " at byte " +
                    statusDecoder.detail();
            }
            else if (template <= 0 || template >= KINDS.length || KINDS[template] == null)
            {
                status = "unexpected message template " + template;
            }
            else if (template == BookUpdateDecoder.TEMPLATE_ID)
            {
                book.wrapAndApplyHeader(buffer, 0, header);
                snapshot |= book.snapshot() == BooleanType.TRUE;
            }
            if (commits == 0)
            {
                firstTemplate = template;
            }
            commits++;
        }

        @Override
        public void abort()
        {
        }
    }
}
