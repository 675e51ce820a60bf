/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import org.agrona.DirectBuffer;

/**
 * Reads, from a venue's frame, which of the connection's streams it belongs to and its position in that stream: a
 * number that rises with every message of the stream (an update or trade id, else the event time). A session that
 * rotates its connection uses it to hand over from the old connection to the new one without a message lost or
 * repeated: after the switch, a message of the new connection at or below the position the old one delivered last
 * for that stream is a repeat. Feed thread; does not allocate.
 */
public interface StreamPositions
{
    /**
     * @param buffer holds the frame.
     * @param offset its first byte.
     * @param length its length.
     * @return true when the frame is a stream message whose position was read ({@link #streamKey()},
     *         {@link #position()}); false for anything else (subscription replies, errors), which is never a repeat.
     */
    boolean read(DirectBuffer buffer, int offset, int length);

    /**
     * @return the stream of the frame last read: a hash of its name.
     */
    long streamKey();

    /**
     * @return the position of the frame last read in its stream.
     */
    long position();
}
