/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.net;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * Reads WebSocket frames (RFC 6455, section 5) sent by a server out of the byte stream of one connection, in whatever
 * pieces the socket delivers them, without allocating in steady state.
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-------+-+-------------+-------------------------------+
 *   |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *   |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *   |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *   | |1|2|3|       |K|             |                               |
 *   +-+-+-+-+-------+-+-------------+-------------------------------+
 *   |                      payload data ...                         |
 *   +---------------------------------------------------------------+
 * </pre>
 * A whole data frame found in the bytes given is handed to the sink in place: no copy. A frame cut between two reads
 * is completed in a cumulation buffer, and a fragmented message (a text or binary frame without FIN, then
 * continuations) is joined in a fragment buffer; both buffers are reused and grow only when a longer message than any
 * before arrives, up to the configured maximum. A server frame that is masked, uses a reserved bit or opcode,
 * interleaves data frames, or sends a control frame that is fragmented or longer than 125 bytes is a protocol error;
 * a message longer than the maximum is {@link #FRAME_TOO_LARGE}. After an error the reader ignores every further
 * byte: the connection is to be closed.
 */
final class WebSocketFrameReader
{
    /** {@link #onBytes} status: every byte was consumed (frames delivered or kept for the next read). */
    static final int OK = 0;
    /** {@link #onBytes} status: a message is longer than the maximum; the reader stopped. */
    static final int FRAME_TOO_LARGE = -1;
    /** {@link #onBytes} status: the server broke the framing rules; the reader stopped. */
    static final int PROTOCOL_ERROR = -2;
    /** {@link #onBytes} status: the sink asked to stop (e.g. after a close frame); the rest was ignored. */
    static final int STOPPED = -3;

    static final int OPCODE_CONTINUATION = 0x0;
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_BINARY = 0x2;
    static final int OPCODE_CLOSE = 0x8;
    static final int OPCODE_PING = 0x9;
    static final int OPCODE_PONG = 0xA;

    /** Longest frame header a server sends: 2 bytes, then 8 of extended length (no mask). */
    static final int MAX_HEADER_LENGTH = 10;
    /** Longest payload of a control frame. */
    static final int MAX_CONTROL_PAYLOAD = 125;

    private static final int INITIAL_BUFFER_CAPACITY = 64 * 1024;

    /**
     * Where frames go. Called on the reader's thread; buffers are valid only during the call.
     */
    interface Sink
    {
        /**
         * A complete text or binary message.
         *
         * @param buffer holds the payload.
         * @param offset first payload byte.
         * @param length payload bytes.
         * @param binary true for a binary message, false for text.
         */
        void onMessage(DirectBuffer buffer, int offset, int length, boolean binary);

        /**
         * A control frame: close, ping or pong.
         *
         * @param opcode {@link #OPCODE_CLOSE}, {@link #OPCODE_PING} or {@link #OPCODE_PONG}.
         * @param buffer holds the payload.
         * @param offset first payload byte.
         * @param length payload bytes, at most 125.
         * @return false to stop reading (after a close frame).
         */
        boolean onControl(int opcode, DirectBuffer buffer, int offset, int length);
    }

    private final Sink sink;
    private final int maxMessageLength;
    private final ExpandableDirectByteBuffer cumulation = new ExpandableDirectByteBuffer(INITIAL_BUFFER_CAPACITY);
    private final ExpandableDirectByteBuffer fragments = new ExpandableDirectByteBuffer(INITIAL_BUFFER_CAPACITY);
    private int cumulatedLength;
    private int fragmentedLength;
    private boolean fragmenting;
    private boolean fragmentBinary;
    private int status = OK;
    private long errorDetail;

    /**
     * @param sink             where frames go.
     * @param maxMessageLength longest message payload accepted, bytes (a fragmented message counts whole).
     */
    WebSocketFrameReader(final Sink sink, final int maxMessageLength)
    {
        if (maxMessageLength < MAX_CONTROL_PAYLOAD)
        {
            throw new IllegalArgumentException("maxMessageLength must be at least 125: " + maxMessageLength);
        }
        this.sink = sink;
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * @return {@link #OK} or the status that stopped the reader.
     */
    int status()
    {
        return status;
    }

    /**
     * @return for {@link #FRAME_TOO_LARGE}, the length the server announced; for {@link #PROTOCOL_ERROR}, the first
     *         header byte pair of the offending frame ({@code b0 << 8 | b1}); else 0.
     */
    long errorDetail()
    {
        return errorDetail;
    }

    /**
     * Reads the bytes of one socket read.
     *
     * @param buffer holds the bytes.
     * @param offset first byte.
     * @param length bytes.
     * @return {@link #OK}, or the status that stopped the reader (now or before).
     */
    int onBytes(final DirectBuffer buffer, final int offset, final int length)
    {
        int position = offset;
        final int end = offset + length;
        if (status != OK)
        {
            return status;
        }
        if (cumulatedLength > 0)
        {
            position = completeCumulated(buffer, position, end);
            if (status != OK || position < 0)
            {
                return status;
            }
        }
        while (position < end)
        {
            final int available = end - position;
            final int needed = requiredLength(buffer, position, available);
            if (needed < 0)
            {
                return status;
            }
            if (available < needed)
            {
                cumulation.putBytes(0, buffer, position, available);
                cumulatedLength = available;
                return OK;
            }
            if (!onFrame(buffer, position))
            {
                return status;
            }
            position += needed;
        }
        return status;
    }

    /**
     * Adds bytes to a frame begun in an earlier read until it is whole, then handles it.
     *
     * @return the position after the bytes taken, or -1 when the input ran out or the reader stopped.
     */
    private int completeCumulated(final DirectBuffer buffer, final int offset, final int end)
    {
        int position = offset;
        while (true)
        {
            final int needed = requiredLength(cumulation, 0, cumulatedLength);
            if (needed < 0)
            {
                return -1;
            }
            if (cumulatedLength >= needed)
            {
                break;
            }
            final int take = Math.min(needed - cumulatedLength, end - position);
            cumulation.putBytes(cumulatedLength, buffer, position, take);
            cumulatedLength += take;
            position += take;
            if (cumulatedLength < needed)
            {
                return -1;
            }
        }
        cumulatedLength = 0;
        return onFrame(cumulation, 0) ? position : -1;
    }

    /**
     * @return what must be available to go on from {@code offset}: 2 before the length byte is there, the header
     *         length before the extended length is there, else the whole frame's length; -1 when the frame is too
     *         long (the status is set).
     */
    private int requiredLength(final DirectBuffer buffer, final int offset, final int available)
    {
        if (available < 2)
        {
            return 2;
        }
        final int length7 = buffer.getByte(offset + 1) & 0x7F;
        final long payloadLength;
        final int headerLength;
        if (length7 < 126)
        {
            headerLength = 2;
            payloadLength = length7;
        }
        else if (length7 == 126)
        {
            headerLength = 4;
            if (available < headerLength)
            {
                return headerLength;
            }
            payloadLength = ((buffer.getByte(offset + 2) & 0xFF) << 8) | (buffer.getByte(offset + 3) & 0xFF);
        }
        else
        {
            headerLength = 10;
            if (available < headerLength)
            {
                return headerLength;
            }
            long value = 0;
            for (int i = 2; i < 10; i++)
            {
                value = (value << 8) | (buffer.getByte(offset + i) & 0xFF);
            }
            payloadLength = value;
        }
        final boolean continuation = (buffer.getByte(offset) & 0x0F) == OPCODE_CONTINUATION;
        final long messageLength = payloadLength + (continuation ? fragmentedLength : 0);
        if (payloadLength < 0 || messageLength > maxMessageLength)
        {
            status = FRAME_TOO_LARGE;
            errorDetail = payloadLength < 0 ? Long.MAX_VALUE : messageLength;
            return -1;
        }
        return headerLength + (int)payloadLength;
    }

    /**
     * Handles one whole frame at {@code offset}.
     *
     * @return false when the reader stopped.
     */
    private boolean onFrame(final DirectBuffer buffer, final int offset)
    {
        final int b0 = buffer.getByte(offset) & 0xFF;
        final int b1 = buffer.getByte(offset + 1) & 0xFF;
        final boolean fin = (b0 & 0x80) != 0;
        final int opcode = b0 & 0x0F;
        final int length7 = b1 & 0x7F;
        final int headerLength = length7 < 126 ? 2 : length7 == 126 ? 4 : 10;
        final int payloadOffset = offset + headerLength;
        final int payloadLength = requiredLength(buffer, offset, Integer.MAX_VALUE) - headerLength;

        if ((b0 & 0x70) != 0 || (b1 & 0x80) != 0)
        {
            return protocolError(b0, b1);
        }
        switch (opcode)
        {
            case OPCODE_TEXT:
            case OPCODE_BINARY:
                if (fragmenting)
                {
                    return protocolError(b0, b1);
                }
                if (fin)
                {
                    sink.onMessage(buffer, payloadOffset, payloadLength, opcode == OPCODE_BINARY);
                }
                else
                {
                    fragmenting = true;
                    fragmentBinary = opcode == OPCODE_BINARY;
                    fragments.putBytes(0, buffer, payloadOffset, payloadLength);
                    fragmentedLength = payloadLength;
                }
                return true;

            case OPCODE_CONTINUATION:
                if (!fragmenting)
                {
                    return protocolError(b0, b1);
                }
                fragments.putBytes(fragmentedLength, buffer, payloadOffset, payloadLength);
                fragmentedLength += payloadLength;
                if (fin)
                {
                    fragmenting = false;
                    final int length = fragmentedLength;
                    fragmentedLength = 0;
                    sink.onMessage(fragments, 0, length, fragmentBinary);
                }
                return true;

            case OPCODE_CLOSE:
            case OPCODE_PING:
            case OPCODE_PONG:
                if (!fin || payloadLength > MAX_CONTROL_PAYLOAD)
                {
                    return protocolError(b0, b1);
                }
                if (!sink.onControl(opcode, buffer, payloadOffset, payloadLength))
                {
                    status = STOPPED;
                    return false;
                }
                return true;

            default:
                return protocolError(b0, b1);
        }
    }

    private boolean protocolError(final int b0, final int b1)
    {
        status = PROTOCOL_ERROR;
        errorDetail = (b0 << 8) | b1;
        return false;
    }
}
