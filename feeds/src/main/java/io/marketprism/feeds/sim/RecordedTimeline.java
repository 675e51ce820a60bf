/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import io.marketprism.feeds.capture.CaptureFrame;
import io.marketprism.feeds.capture.CaptureReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A recording held in memory: its received WebSocket messages, in order, as the venue's timeline (frame {@code i} is
 * the venue's {@code i}-th message), and its recorded REST responses (depth snapshots) kept aside for the REST model.
 * Loaded once per simulator so that every client, and the faults, index the same frames; the whole recording is held
 * (a day of one symbol's depth is some tens of MB). Read-only after loading, so any thread may read it.
 */
public final class RecordedTimeline
{
    private byte[] data = new byte[1 << 16];
    private int dataLength;
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private long[] recvTsNs = new long[1024];
    private int size;
    private final List<RestResponse> restResponses = new ArrayList<>();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    private RecordedTimeline()
    {
    }

    /**
     * Reads a whole recording.
     *
     * @param reader   the recording; closed here.
     * @param restBody true for a message that is a REST body recorded inline with the stream (hftbacktest keeps
     *                 the depth snapshot in the stream file): kept aside with the REST responses, not replayed.
     * @return the timeline.
     * @throws IOException when it cannot be read.
     */
    public static RecordedTimeline load(final CaptureReader reader, final Predicate<byte[]> restBody)
        throws IOException
    {
        return load(reader, restBody, FrameRendering.AS_RECORDED);
    }

    /**
     * Reads a whole recording, rendering each received message in the protocol the simulator speaks.
     *
     * @param reader   the recording; closed here.
     * @param restBody see {@link #load(CaptureReader, Predicate)}.
     * @param render   each recorded message as the venue's current protocol writes it.
     * @return the timeline.
     * @throws IOException when it cannot be read.
     */
    static RecordedTimeline load(
        final CaptureReader reader, final Predicate<byte[]> restBody, final FrameRendering render)
        throws IOException
    {
        final RecordedTimeline timeline = new RecordedTimeline();
        try (CaptureReader in = reader)
        {
            final CaptureFrame frame = new CaptureFrame();
            while (in.next(frame))
            {
                final byte[] bytes = new byte[frame.length()];
                frame.buffer().getBytes(frame.offset(), bytes);
                if (frame.kind() == CaptureFrame.MESSAGE && !restBody.test(bytes))
                {
                    final byte[] rendered = render.render(bytes, frame.recvTsNs());
                    if (rendered != null)
                    {
                        timeline.add(rendered, frame.recvTsNs());
                    }
                }
                else
                {
                    timeline.restResponses.add(new RestResponse(
                        timeline.size, frame.contextSymbol(), frame.contextUrl(), bytes));
                }
            }
        }
        return timeline;
    }

    /**
     * @return messages in the timeline.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param index a frame.
     * @return the recorded receive time, ns since the epoch.
     */
    public long recvTsNs(final int index)
    {
        return recvTsNs[index];
    }

    /**
     * @param index a frame.
     * @return its offset in {@link #data()}.
     */
    public int offset(final int index)
    {
        return offsets[index];
    }

    /**
     * @param index a frame.
     * @return its length.
     */
    public int length(final int index)
    {
        return lengths[index];
    }

    /**
     * @return the bytes of every frame; do not modify.
     */
    public byte[] data()
    {
        return data;
    }

    /**
     * @param index a frame.
     * @return a view of it, valid until the next call on the same thread's timeline view (single reader only).
     */
    UnsafeBuffer view(final int index)
    {
        view.wrap(data, offsets[index], lengths[index]);
        return view;
    }

    /**
     * @param index a frame.
     * @param text  bytes to look for.
     * @return true when the frame contains them.
     */
    public boolean contains(final int index, final byte[] text)
    {
        final int start = offsets[index];
        final int end = start + lengths[index] - text.length;
        for (int i = start; i <= end; i++)
        {
            int j = 0;
            while (j < text.length && data[i + j] == text[j])
            {
                j++;
            }
            if (j == text.length)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the recorded REST responses, in recording order.
     */
    public List<RestResponse> restResponses()
    {
        return restResponses;
    }

    private void add(final byte[] bytes, final long tsNs)
    {
        if (size == offsets.length)
        {
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
            recvTsNs = Arrays.copyOf(recvTsNs, size * 2);
        }
        if (dataLength + bytes.length > data.length)
        {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + bytes.length));
        }
        System.arraycopy(bytes, 0, data, dataLength, bytes.length);
        offsets[size] = dataLength;
        lengths[size] = bytes.length;
        recvTsNs[size] = tsNs;
        dataLength += bytes.length;
        size++;
    }

    /**
     * A REST response in the recording.
     */
    public static final class RestResponse
    {
        private final int position;
        private final String symbol;
        private final String url;
        private final byte[] body;

        RestResponse(final int position, final String symbol, final String url, final byte[] body)
        {
            this.position = position;
            this.symbol = symbol;
            this.url = url;
            this.body = body;
        }

        /**
         * @return the number of timeline messages recorded before it.
         */
        public int position()
        {
            return position;
        }

        /**
         * @return the venue symbol it was for, when the recording says; may be null.
         */
        public String symbol()
        {
            return symbol;
        }

        /**
         * @return the request URL, when recorded; may be null.
         */
        public String url()
        {
            return url;
        }

        /**
         * @return the body.
         */
        public byte[] body()
        {
            return body;
        }
    }
}
