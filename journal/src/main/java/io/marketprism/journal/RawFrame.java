/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over a raw-frame record of the journal: a frame exactly as a connection received it, with what is needed
 * to decode it again. It starts with the same 8-byte header as every SBE message, carrying the journal schema's id
 * ({@link JournalFormat#JOURNAL_SCHEMA_ID}), so readers tell it from the normalized messages by the header alone.
 * <pre>
 *   0                   2                   4                   6                   8
 *   +-------------------+-------------------+-------------------+-------------------+
 *   | blockLength (32)  | templateId (1)    | schemaId (1702)   | version           |  header, little-endian
 *   +-------------------+-------------------+-------------------+-------------------+
 *   | recvTsNs (int64, ns since epoch)                                              |  8
 *   +---------------------------------------+---------------------------------------+
 *   | connectionId (int32)                  | payloadLength (int32)                 |  16
 *   +---------+---------+-------------------+---------------------------------------+
 *   | venue   | symLen  | urlLength (u16)   | reserved, zero (12 bytes)             |  24
 *   +---------+---------+-------------------+---------------------------------------+
 *   | context symbol (symLen ASCII) | context URL (urlLength ASCII) | payload ...   |  40
 *   +-------------------------------+-------------------------------+---------------+
 * </pre>
 * {@code venue} is the {@code Venue} enum value of the market-data schema; {@code connectionId} tells apart the
 * connections (or capture sources) of one engine; the context symbol and URL are what the feed told the decoder
 * about the frame (the symbol a REST request asked for, the URL of the request a body answers), empty for stream
 * frames. Not thread safe; does not allocate.
 */
public final class RawFrame
{
    /** Template id of a raw frame in the journal schema. */
    public static final int TEMPLATE_ID = 1;
    /** Bytes of the fixed block after the header. */
    public static final int BLOCK_LENGTH = 32;
    /** Header plus fixed block. */
    public static final int FIXED_LENGTH = JournalFormat.HEADER_LENGTH + BLOCK_LENGTH;
    /** Longest context symbol kept (longer ones are cut). */
    public static final int MAX_SYMBOL_LENGTH = 255;
    /** Longest context URL kept (longer ones are cut). */
    public static final int MAX_URL_LENGTH = 65535;

    private static final int RECV_TS_OFFSET = 8;
    private static final int CONNECTION_ID_OFFSET = 16;
    private static final int PAYLOAD_LENGTH_OFFSET = 20;
    private static final int VENUE_OFFSET = 24;
    private static final int SYMBOL_LENGTH_OFFSET = 25;
    private static final int URL_LENGTH_OFFSET = 26;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Bytes a raw frame record takes.
     *
     * @param symbol        context symbol or null.
     * @param url           context URL or null.
     * @param payloadLength frame bytes.
     * @return record length.
     */
    public static int encodedLength(final CharSequence symbol, final CharSequence url, final int payloadLength)
    {
        return FIXED_LENGTH + clip(symbol, MAX_SYMBOL_LENGTH) + clip(url, MAX_URL_LENGTH) + payloadLength;
    }

    /**
     * Writes a record.
     *
     * @param buffer        destination.
     * @param offset        where the header starts.
     * @param venue         market-data {@code Venue} value.
     * @param connectionId  connection or capture source.
     * @param recvTsNs      receive time, ns since epoch.
     * @param symbol        context symbol or null.
     * @param url           context URL or null.
     * @param payload       buffer holding the frame.
     * @param payloadOffset first byte of the frame.
     * @param payloadLength frame bytes.
     * @return bytes written, {@link #encodedLength}.
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final short venue,
        final int connectionId,
        final long recvTsNs,
        final CharSequence symbol,
        final CharSequence url,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        final int symbolLength = clip(symbol, MAX_SYMBOL_LENGTH);
        final int urlLength = clip(url, MAX_URL_LENGTH);
        buffer.putShort(offset, (short)BLOCK_LENGTH, ORDER);
        buffer.putShort(offset + 2, (short)TEMPLATE_ID, ORDER);
        buffer.putShort(offset + 4, (short)JournalFormat.JOURNAL_SCHEMA_ID, ORDER);
        buffer.putShort(offset + 6, (short)JournalFormat.JOURNAL_SCHEMA_VERSION, ORDER);
        buffer.putLong(offset + RECV_TS_OFFSET, recvTsNs, ORDER);
        buffer.putInt(offset + CONNECTION_ID_OFFSET, connectionId, ORDER);
        buffer.putInt(offset + PAYLOAD_LENGTH_OFFSET, payloadLength, ORDER);
        buffer.putByte(offset + VENUE_OFFSET, (byte)venue);
        buffer.putByte(offset + SYMBOL_LENGTH_OFFSET, (byte)symbolLength);
        buffer.putShort(offset + URL_LENGTH_OFFSET, (short)urlLength, ORDER);
        buffer.setMemory(offset + URL_LENGTH_OFFSET + 2, FIXED_LENGTH - URL_LENGTH_OFFSET - 2, (byte)0);
        int at = offset + FIXED_LENGTH;
        for (int i = 0; i < symbolLength; i++)
        {
            buffer.putByte(at++, (byte)symbol.charAt(i));
        }
        for (int i = 0; i < urlLength; i++)
        {
            buffer.putByte(at++, (byte)url.charAt(i));
        }
        buffer.putBytes(at, payload, payloadOffset, payloadLength);
        return at + payloadLength - offset;
    }

    private static int clip(final CharSequence text, final int max)
    {
        return text == null ? 0 : Math.min(text.length(), max);
    }

    /**
     * Wraps a record for reading.
     *
     * @param buffer holding it.
     * @param offset of its header.
     * @return this.
     */
    public RawFrame wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @return receive time, ns since epoch.
     */
    public long recvTsNs()
    {
        return buffer.getLong(offset + RECV_TS_OFFSET, ORDER);
    }

    /**
     * @return connection or capture source id.
     */
    public int connectionId()
    {
        return buffer.getInt(offset + CONNECTION_ID_OFFSET, ORDER);
    }

    /**
     * @return the market-data {@code Venue} value.
     */
    public short venue()
    {
        return (short)(buffer.getByte(offset + VENUE_OFFSET) & 0xFF);
    }

    /**
     * @return context symbol length, 0 when none.
     */
    public int symbolLength()
    {
        return buffer.getByte(offset + SYMBOL_LENGTH_OFFSET) & 0xFF;
    }

    /**
     * @return offset of the context symbol's bytes.
     */
    public int symbolOffset()
    {
        return offset + FIXED_LENGTH;
    }

    /**
     * @return context URL length, 0 when none.
     */
    public int urlLength()
    {
        return buffer.getShort(offset + URL_LENGTH_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @return offset of the context URL's bytes.
     */
    public int urlOffset()
    {
        return symbolOffset() + symbolLength();
    }

    /**
     * @return offset of the frame's first byte.
     */
    public int payloadOffset()
    {
        return urlOffset() + urlLength();
    }

    /**
     * @return frame bytes.
     */
    public int payloadLength()
    {
        return buffer.getInt(offset + PAYLOAD_LENGTH_OFFSET, ORDER);
    }

    /**
     * @param recordLength the record's length as the journal framed it.
     * @return true when the lengths inside the record add up to it.
     */
    public boolean isConsistent(final int recordLength)
    {
        return recordLength >= FIXED_LENGTH && payloadLength() >= 0 &&
            (long)FIXED_LENGTH + symbolLength() + urlLength() + payloadLength() == recordLength;
    }

    /**
     * @return the buffer wrapped.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }
}
