/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The recorded Binance frames of one kind for the peer decode benchmark, copied into one {@code byte[]} so that
 * every decoder reads the same bytes: Jackson from the array, ours through an {@code UnsafeBuffer} wrapping it.
 * The frames are those {@link BinanceDecoderBenchmark} uses (spot BTCUSDT, 2024-08-08, combined-stream envelopes),
 * in recorded order.
 */
final class PeerFrames
{
    /** The {@code depthUpdate} frames ({@code btcusdt@depth@100ms}). */
    static final String DEPTH = "depthUpdate";
    /** The {@code trade} frames ({@code btcusdt@trade}). */
    static final String TRADE = "trade";

    private final String kind;
    private final byte[] bytes;
    private final int[] offsets;
    private final int[] lengths;
    private final long[] recvTsNs;
    private final String contextSymbol;

    private PeerFrames(
        final String kind,
        final byte[] bytes,
        final int[] offsets,
        final int[] lengths,
        final long[] recvTsNs,
        final String contextSymbol)
    {
        this.kind = kind;
        this.bytes = bytes;
        this.offsets = offsets;
        this.lengths = lengths;
        this.recvTsNs = recvTsNs;
        this.contextSymbol = contextSymbol;
    }

    /**
     * Loads the frames of a kind.
     *
     * @param recordings the recordings directory.
     * @param kind       {@link #DEPTH} or {@link #TRADE}.
     * @return the frames, in recorded order.
     * @throws IOException when the recording cannot be read.
     * @throws IllegalArgumentException for another kind.
     */
    static PeerFrames load(final Path recordings, final String kind) throws IOException
    {
        final String stream;
        if (DEPTH.equals(kind))
        {
            stream = "\"stream\":\"btcusdt@depth";
        }
        else if (TRADE.equals(kind))
        {
            stream = "\"stream\":\"btcusdt@trade\"";
        }
        else
        {
            throw new IllegalArgumentException("kind '" + kind + "': expected " + DEPTH + " or " + TRADE);
        }
        final FrameSet frames = FrameSet.load(recordings,
            new String[][]{ { "binance-spot", "hftbacktest/spot/btcusdt_20240808.gz" } });
        final int[] selected = frames.select(text -> text.contains(stream));
        final int[] offsets = new int[selected.length];
        final int[] lengths = new int[selected.length];
        final long[] recvTs = new long[selected.length];
        int total = 0;
        for (int i = 0; i < selected.length; i++)
        {
            offsets[i] = total;
            lengths[i] = frames.length(selected[i]);
            recvTs[i] = frames.recvTsNs(selected[i]);
            total += lengths[i];
        }
        final byte[] bytes = new byte[total];
        for (int i = 0; i < selected.length; i++)
        {
            frames.buffer().getBytes(frames.offset(selected[i]), bytes, offsets[i], lengths[i]);
        }
        return new PeerFrames(kind, bytes, offsets, lengths, recvTs, frames.contextSymbols()[0]);
    }

    /**
     * @return a new Binance decoder set up for these frames.
     */
    FrameDecoder newDecoder()
    {
        final FrameDecoder decoder = Venues.newDecoder(io.marketprism.sbe.Venue.BINANCE_SPOT);
        decoder.contextSymbol(contextSymbol);
        return decoder;
    }

    /**
     * @return {@link #DEPTH} or {@link #TRADE}.
     */
    String kind()
    {
        return kind;
    }

    /**
     * @return number of frames.
     */
    int size()
    {
        return offsets.length;
    }

    /**
     * @return every frame, one after another (shared, not a copy).
     */
    byte[] bytes()
    {
        return bytes;
    }

    /**
     * @param frame index.
     * @return the frame's offset in {@link #bytes()}.
     */
    int offset(final int frame)
    {
        return offsets[frame];
    }

    /**
     * @param frame index.
     * @return the frame's length.
     */
    int length(final int frame)
    {
        return lengths[frame];
    }

    /**
     * @param frame index.
     * @return the recorded receive time, ns since the epoch.
     */
    long recvTsNs(final int frame)
    {
        return recvTsNs[frame];
    }

    /**
     * @param frame index.
     * @return the frame as text, for messages.
     */
    String text(final int frame)
    {
        return new String(bytes, offsets[frame], lengths[frame], java.nio.charset.StandardCharsets.US_ASCII);
    }
}
