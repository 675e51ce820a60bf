/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.MarketEvent;
import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.StatusReason;
import org.agrona.DirectBuffer;

/**
 * The one failure a decoder reports for a frame it rejects: why, and at which byte. A decoder clears it when a frame
 * begins, its parsing steps record into it and return {@code false} (or {@code -1}), and the frame's entry point
 * turns it into a {@code malformed} status with {@link #report}. Mutable and reused: no allocation.
 * <p>
 * The first precise failure of a frame wins over a cursor error that merely follows from it (a value the decoder
 * rejected ends the parse with a cursor status too), so {@link #cursor} never overwrites a recorded failure;
 * {@link #fail} does.
 */
public final class DecodeFailure
{
    private StatusReason reason;
    private int position;

    /**
     * Forgets the failure; at the start of every frame.
     */
    public void clear()
    {
        reason = null;
        position = 0;
    }

    /**
     * @return whether a failure is recorded.
     */
    public boolean isSet()
    {
        return reason != null;
    }

    /**
     * @return the reason, or {@link StatusReason#BAD_VALUE} when none was recorded (a step that failed silently).
     */
    public StatusReason reason()
    {
        return reason != null ? reason : StatusReason.BAD_VALUE;
    }

    /**
     * @return the byte position (in the frame's buffer) the failure names.
     */
    public int position()
    {
        return position;
    }

    /**
     * Records a failure.
     *
     * @param reason   why.
     * @param position where, in the frame's buffer.
     * @return false, for {@code return failure.fail(..)} in boolean steps.
     */
    public boolean fail(final StatusReason reason, final int position)
    {
        this.reason = reason;
        this.position = position;
        return false;
    }

    /**
     * As {@link #fail(StatusReason, int)}, for steps that return a message count.
     *
     * @param reason   why.
     * @param position where.
     * @return -1.
     */
    public int failed(final StatusReason reason, final int position)
    {
        fail(reason, position);
        return -1;
    }

    /**
     * Records a cursor error status (or {@link LevelArrays#TOO_MANY_LEVELS}) at the cursor's error position, or
     * where it stands when the status is the decoder's own; keeps a failure already recorded.
     *
     * @param cursorStatus the status.
     * @param cursor       the cursor that returned it.
     * @return false.
     */
    public boolean cursor(final int cursorStatus, final JsonCursor cursor)
    {
        if (reason == null)
        {
            reason = DecodeFailures.reason(cursorStatus);
            position = cursor.errorPosition() >= 0 ? cursor.errorPosition() : cursor.position();
        }
        return false;
    }

    /**
     * As {@link #cursor(int, JsonCursor)}, for steps that return a message count.
     *
     * @param cursorStatus the status.
     * @param cursor       the cursor that returned it.
     * @return -1.
     */
    public int cursorFailed(final int cursorStatus, final JsonCursor cursor)
    {
        cursor(cursorStatus, cursor);
        return -1;
    }

    /**
     * Checks the bytes of a venue symbol: not empty, at most {@link MarketEvent#MAX_SYMBOL_LENGTH}, symbol characters
     * only ({@link SymbolBytes#isSymbolByte(byte)}); records {@code SYMBOL_TOO_LONG} or {@code BAD_VALUE} otherwise.
     *
     * @param buffer holding the symbol.
     * @param offset of its first byte.
     * @param length in bytes.
     * @return true when it is a symbol.
     */
    public boolean checkSymbol(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MarketEvent.MAX_SYMBOL_LENGTH)
        {
            return fail(StatusReason.SYMBOL_TOO_LONG, offset);
        }
        if (length == 0)
        {
            return fail(StatusReason.BAD_VALUE, offset);
        }
        final int invalid = SymbolBytes.firstInvalid(buffer, offset, length);
        return invalid < 0 || fail(StatusReason.BAD_VALUE, invalid);
    }

    /**
     * As {@link #checkSymbol(DirectBuffer, int, int)}, for a symbol inside the cursor's document: reads the bytes
     * through the cursor, which checked the document's bounds once, instead of checking each byte's.
     *
     * @param cursor over the document holding the symbol.
     * @param offset of its first byte.
     * @param length in bytes.
     * @return true when it is a symbol.
     */
    public boolean checkSymbol(final JsonCursor cursor, final int offset, final int length)
    {
        if (length > MarketEvent.MAX_SYMBOL_LENGTH)
        {
            return fail(StatusReason.SYMBOL_TOO_LONG, offset);
        }
        if (length == 0)
        {
            return fail(StatusReason.BAD_VALUE, offset);
        }
        for (int i = 0; i < length; i++)
        {
            final int b = cursor.byteAt(offset + i);
            if (b < 0 || !SymbolBytes.isSymbolByte((byte)b))
            {
                return fail(StatusReason.BAD_VALUE, offset + i);
            }
        }
        return true;
    }

    /**
     * Writes the failure as one {@code malformed} status.
     *
     * @param writer      the decoder's writer.
     * @param sink        where the status goes.
     * @param frameOffset the frame's first byte: the status names the position relative to it.
     * @param recvTsNs    when the frame was received.
     * @return what {@link MessageWriter#malformed} returns.
     */
    public int report(final MessageWriter writer, final MessageSink sink, final int frameOffset, final long recvTsNs)
    {
        return writer.malformed(sink, reason(), position - frameOffset, recvTsNs);
    }
}
