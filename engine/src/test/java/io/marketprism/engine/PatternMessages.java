/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEncoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Status messages that normalize passes through unchanged (venue BINANCE_SPOT, no symbol), carrying their sequence
 * number in {@code detail} and followed by a byte pattern derived from it, up to a length derived from it too. A
 * message can therefore be checked byte for byte wherever it arrives.
 */
final class PatternMessages
{
    static final int STATUS_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + StatusEncoder.BLOCK_LENGTH;

    private PatternMessages()
    {
    }

    /**
     * A length for a sequence number: most messages small, some of tens of KB, a few up to {@code maxLength}.
     */
    static int lengthOf(final long sequence, final int mediumLength, final int maxLength)
    {
        final long hash = mix(sequence);
        final int kind = (int)Long.remainderUnsigned(hash, 100);
        final long spread = hash >>> 8;
        if (kind < 85)
        {
            return STATUS_LENGTH + (int)(spread % 2000);
        }
        if (kind < 98)
        {
            return STATUS_LENGTH + (int)(spread % (mediumLength - STATUS_LENGTH));
        }
        return STATUS_LENGTH + (int)(spread % (maxLength - STATUS_LENGTH + 1));
    }

    static int encode(
        final MutableDirectBuffer buffer, final int offset, final long sequence, final int length)
    {
        new StatusEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(0)
            .venue(Venue.BINANCE_SPOT)
            .eventType(StatusEvent.CONNECTED)
            .reason(StatusReason.NONE)
            .exchTsNs(Long.MIN_VALUE)
            .recvTsNs(1_700_000_000_000_000_000L + sequence)
            .expectedSeq(Long.MIN_VALUE)
            .receivedSeq(length)
            .detail(sequence);
        for (int i = STATUS_LENGTH; i < length; i++)
        {
            buffer.putByte(offset + i, patternByte(sequence, i));
        }
        return length;
    }

    /**
     * Checks a message against its sequence number.
     *
     * @return null when intact, else what is wrong.
     */
    static String check(
        final DirectBuffer buffer, final int offset, final int length, final long sequence, final int expectedLength)
    {
        if (length != expectedLength)
        {
            return "message " + sequence + " has length " + length + ", expected " + expectedLength;
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        if (header.schemaId() != StatusDecoder.SCHEMA_ID || header.templateId() != StatusDecoder.TEMPLATE_ID ||
            header.blockLength() != StatusDecoder.BLOCK_LENGTH)
        {
            return "message " + sequence + " has header " + header;
        }
        final StatusDecoder status = new StatusDecoder().wrap(
            buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        if (status.detail() != sequence || status.receivedSeq() != length || status.venue() != Venue.BINANCE_SPOT ||
            status.eventType() != StatusEvent.CONNECTED || status.instrumentId() != 0)
        {
            return "message " + sequence + " has fields " + status;
        }
        for (int i = STATUS_LENGTH; i < length; i++)
        {
            if (buffer.getByte(offset + i) != patternByte(sequence, i))
            {
                return "message " + sequence + " differs at byte " + i + " of " + length;
            }
        }
        return null;
    }

    static long sequenceOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(
            offset + MessageHeaderDecoder.ENCODED_LENGTH + StatusDecoder.detailEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN);
    }

    private static byte patternByte(final long sequence, final int index)
    {
        return (byte)(sequence * 0x9E3779B1L + index * 0x3FL + (index >>> 9));
    }

    private static long mix(final long value)
    {
        long z = value * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
