/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.codecs.VenueNames;
import io.marketprism.feeds.capture.CaptureFrame;
import io.marketprism.feeds.capture.CaptureReader;
import io.marketprism.feeds.capture.Captures;
import io.marketprism.feeds.capture.MergedCaptureReader;
import io.marketprism.sbe.Venue;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recorded frames pre-loaded into one direct buffer, so that a benchmark measures the engine and not file reading or
 * decompression. Frames keep the recorded order (captures merged by receive time).
 */
public final class FrameSet
{
    /** The demo's four Binance captures: spot BTCUSDT and ETHUSDT, COIN-M BTCUSD_PERP, USD-M BTCUSDT. */
    public static final String[][] BINANCE_CAPTURES = {
        { "binance-spot", "hftbacktest/spot/btcusdt_20240808.gz", "hftbacktest/spot/btcusdt_20240809.gz" },
        { "binance-spot", "hftbacktest/spot/ethusdt_20240808.gz", "hftbacktest/spot/ethusdt_20240809.gz" },
        { "binance-coinm", "hftbacktest/cm/btcusd_perp_20240808.gz", "hftbacktest/cm/btcusd_perp_20240809.gz" },
        { "binance-usdm", "hftbacktest/usdm/btcusdt_20230404.dat.gz", "hftbacktest/usdm/btcusdt_20230405.dat.gz" },
    };

    private final UnsafeBuffer buffer;
    private final int[] offsets;
    private final int[] lengths;
    private final long[] recvTsNs;
    private final int[] sources;
    private final Venue[] venues;
    private final String[] contextSymbols;
    private final long totalBytes;

    private FrameSet(
        final UnsafeBuffer buffer,
        final int[] offsets,
        final int[] lengths,
        final long[] recvTsNs,
        final int[] sources,
        final Venue[] venues,
        final String[] contextSymbols,
        final long totalBytes)
    {
        this.buffer = buffer;
        this.offsets = offsets;
        this.lengths = lengths;
        this.recvTsNs = recvTsNs;
        this.sources = sources;
        this.venues = venues;
        this.contextSymbols = contextSymbols;
        this.totalBytes = totalBytes;
    }

    /**
     * Loads captures.
     *
     * @param recordings the recordings directory.
     * @param captures   rows of {venue, file, file...} (hftbacktest format).
     * @return the frames.
     * @throws IOException when a file cannot be read.
     */
    public static FrameSet load(final Path recordings, final String[][] captures) throws IOException
    {
        final List<CaptureReader> readers = new ArrayList<>();
        final Venue[] venues = new Venue[captures.length];
        final String[] contextSymbols = new String[captures.length];
        for (int i = 0; i < captures.length; i++)
        {
            venues[i] = VenueNames.parse(captures[i][0]);
            final List<Path> files = new ArrayList<>();
            for (int f = 1; f < captures[i].length; f++)
            {
                files.add(recordings.resolve(captures[i][f]));
            }
            readers.add(Captures.open("hftbacktest", files, i));
        }

        try (CaptureReader reader = new MergedCaptureReader(readers))
        {
            return read(reader, venues, contextSymbols, false);
        }
    }

    /**
     * Loads the messages received in one capture of one venue, in recorded order: lines of messages we sent,
     * connection markers and REST responses are left out.
     *
     * @param recordings the recordings directory.
     * @param venue      the venue's name ({@code okx}, {@code binance-spot} ...).
     * @param format     the capture format ({@code cryptofeed}, {@code hftbacktest}, {@code lines}).
     * @param files      the capture's files, relative to {@code recordings}.
     * @return the frames, one source.
     * @throws IOException when a file cannot be read.
     */
    public static FrameSet loadReceived(
        final Path recordings, final String venue, final String format, final String... files) throws IOException
    {
        final List<Path> paths = new ArrayList<>();
        for (final String file : files)
        {
            paths.add(recordings.resolve(file));
        }
        try (CaptureReader reader = Captures.open(format, paths, 0))
        {
            return read(reader, new Venue[]{ VenueNames.parse(venue) }, new String[1], true);
        }
    }

    private static FrameSet read(
        final CaptureReader reader, final Venue[] venues, final String[] contextSymbols, final boolean receivedOnly)
        throws IOException
    {
        final ExpandableDirectByteBuffer bytes = new ExpandableDirectByteBuffer(64 << 20);
        int count = 0;
        int[] offsets = new int[1 << 16];
        int[] lengths = new int[1 << 16];
        long[] recvTs = new long[1 << 16];
        int[] sources = new int[1 << 16];
        int position = 0;
        final CaptureFrame frame = new CaptureFrame();
        while (reader.next(frame))
        {
            if (receivedOnly && frame.kind() != CaptureFrame.MESSAGE)
            {
                continue;
            }
            if (count == offsets.length)
            {
                offsets = Arrays.copyOf(offsets, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
                recvTs = Arrays.copyOf(recvTs, count * 2);
                sources = Arrays.copyOf(sources, count * 2);
            }
            bytes.putBytes(position, frame.buffer(), frame.offset(), frame.length());
            offsets[count] = position;
            lengths[count] = frame.length();
            recvTs[count] = frame.recvTsNs();
            sources[count] = frame.source();
            contextSymbols[frame.source()] = frame.contextSymbol();
            position += frame.length();
            count++;
        }
        final UnsafeBuffer view = new UnsafeBuffer(bytes.byteBuffer(), 0, position);
        return new FrameSet(view, Arrays.copyOf(offsets, count), Arrays.copyOf(lengths, count),
            Arrays.copyOf(recvTs, count), Arrays.copyOf(sources, count), venues, contextSymbols, position);
    }

    /**
     * @return number of frames.
     */
    public int size()
    {
        return offsets.length;
    }

    /**
     * @return the buffer holding every frame.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param frame index.
     * @return offset of the frame in {@link #buffer()}.
     */
    public int offset(final int frame)
    {
        return offsets[frame];
    }

    /**
     * @param frame index.
     * @return the frame's length.
     */
    public int length(final int frame)
    {
        return lengths[frame];
    }

    /**
     * @param frame index.
     * @return recorded receive time, ns since epoch.
     */
    public long recvTsNs(final int frame)
    {
        return recvTsNs[frame];
    }

    /**
     * @param frame index.
     * @return the capture (source) it came from.
     */
    public int source(final int frame)
    {
        return sources[frame];
    }

    /**
     * @return venue of each source.
     */
    public Venue[] venues()
    {
        return venues.clone();
    }

    /**
     * @return context symbol of each source (for REST snapshots without a symbol).
     */
    public String[] contextSymbols()
    {
        return contextSymbols.clone();
    }

    /**
     * @return total bytes of all frames.
     */
    public long totalBytes()
    {
        return totalBytes;
    }

    /**
     * @param predicate which frames to keep, given their text.
     * @return indexes of the matching frames.
     */
    public int[] select(final java.util.function.Predicate<String> predicate)
    {
        final List<Integer> selected = new ArrayList<>();
        for (int i = 0; i < size(); i++)
        {
            if (predicate.test(buffer.getStringWithoutLengthAscii(offsets[i], lengths[i])))
            {
                selected.add(i);
            }
        }
        return selected.stream().mapToInt(Integer::intValue).toArray();
    }
}
