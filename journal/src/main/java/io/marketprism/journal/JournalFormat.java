/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.RatioDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.VolatilityIndexDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The kinds of record a journal holds and how to tell them apart. Every record starts with the 8-byte SBE message
 * header (block length, template id, schema id, version):
 * <ul>
 *   <li>schema {@link #NORMALIZED_SCHEMA_ID}: a normalized market-data message (the codecs' schema);</li>
 *   <li>schema {@link #JOURNAL_SCHEMA_ID}, template {@link RawFrame#TEMPLATE_ID}: a frame as received
 *   ({@link RawFrame}).</li>
 * </ul>
 * A reader refuses records of another schema (not a MarketPrism journal, or damage) and of a newer version than it
 * knows (written by a newer MarketPrism), rather than misreading them. Stateless.
 */
public final class JournalFormat
{
    /** Bytes of the header every record starts with. */
    public static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    /** Schema id of the normalized messages. */
    public static final int NORMALIZED_SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;
    /** Newest normalized-message schema version this build reads. */
    public static final int NORMALIZED_SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;
    /** Schema id of the journal's own records (raw frames). */
    public static final int JOURNAL_SCHEMA_ID = 1702;
    /** Newest journal schema version this build reads and the version it writes. */
    public static final int JOURNAL_SCHEMA_VERSION = 1;

    /** {@link #kind} result: a normalized message. */
    public static final int NORMALIZED = 1;
    /** {@link #kind} result: a raw frame. */
    public static final int RAW_FRAME = 2;
    /** {@link #kind} result: a schema this build does not know (not a MarketPrism record, or damage). */
    public static final int UNKNOWN_SCHEMA = -1;
    /** {@link #kind} result: a known schema at a newer version than this build reads. */
    public static final int NEWER_VERSION = -2;
    /** {@link #kind} result: shorter than its header, or a raw frame whose lengths do not add up. */
    public static final int DAMAGED = -3;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int INSTRUMENT_ID_OFFSET = HEADER_LENGTH;
    private static final int VENUE_OFFSET = HEADER_LENGTH + 4;

    private JournalFormat()
    {
    }

    /**
     * Classifies a record.
     *
     * @param buffer holding it.
     * @param offset of its header.
     * @param length of the record.
     * @return {@link #NORMALIZED}, {@link #RAW_FRAME} or a negative reason.
     */
    public static int kind(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return DAMAGED;
        }
        final int schemaId = buffer.getShort(offset + 4, ORDER) & 0xFFFF;
        final int version = buffer.getShort(offset + 6, ORDER) & 0xFFFF;
        if (schemaId == NORMALIZED_SCHEMA_ID)
        {
            if (version > NORMALIZED_SCHEMA_VERSION)
            {
                return NEWER_VERSION;
            }
            // the root block (every fixed field: ids, times) within the record; groups and strings after it are
            // the decoders' to check
            return length >= HEADER_LENGTH + Math.max(5, blockLength(buffer, offset)) ? NORMALIZED : DAMAGED;
        }
        if (schemaId == JOURNAL_SCHEMA_ID)
        {
            if (version > JOURNAL_SCHEMA_VERSION)
            {
                return NEWER_VERSION;
            }
            if (templateId(buffer, offset) != RawFrame.TEMPLATE_ID)
            {
                return UNKNOWN_SCHEMA;
            }
            return length >= RawFrame.FIXED_LENGTH && (long)RawFrame.FIXED_LENGTH +
                (buffer.getByte(offset + 25) & 0xFF) + (buffer.getShort(offset + 26, ORDER) & 0xFFFF) +
                buffer.getInt(offset + 20, ORDER) == length ? RAW_FRAME : DAMAGED;
        }
        return UNKNOWN_SCHEMA;
    }

    /**
     * @param buffer holding a record.
     * @param offset of its header.
     * @return the record's schema id.
     */
    public static int schemaId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + 4, ORDER) & 0xFFFF;
    }

    /**
     * @param buffer holding a record.
     * @param offset of its header.
     * @return the record's schema version.
     */
    public static int version(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + 6, ORDER) & 0xFFFF;
    }

    /**
     * @param buffer holding a record.
     * @param offset of its header.
     * @return the block length of the record's fixed part.
     */
    public static int blockLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset, ORDER) & 0xFFFF;
    }

    /**
     * @param buffer holding a record.
     * @param offset of its header.
     * @return the record's template id.
     */
    public static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + 2, ORDER) & 0xFFFF;
    }

    /**
     * @param buffer holding a normalized message.
     * @param offset of its header.
     * @return its instrument id (every normalized message starts with it; 0 = none).
     */
    public static int instrumentId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + INSTRUMENT_ID_OFFSET, ORDER);
    }

    /**
     * @param buffer holding a normalized message or a raw frame.
     * @param offset of its header.
     * @return its market-data {@code Venue} value.
     */
    public static short venue(final DirectBuffer buffer, final int offset)
    {
        if (schemaId(buffer, offset) == JOURNAL_SCHEMA_ID)
        {
            return (short)(buffer.getByte(offset + 24) & 0xFF);
        }
        return (short)(buffer.getByte(offset + VENUE_OFFSET) & 0xFF);
    }

    /**
     * The receive time of a record: the frame's for a raw frame, the {@code recvTsNs} field of a normalized message.
     *
     * @param buffer holding a record of a known kind.
     * @param offset of its header.
     * @return ns since epoch, or {@link Long#MIN_VALUE} when the record has none.
     */
    public static long recvTsNs(final DirectBuffer buffer, final int offset)
    {
        final int field = recvTsNsOffset(buffer, offset);
        return field < 0 ? Long.MIN_VALUE : buffer.getLong(offset + field, ORDER);
    }

    /**
     * {@link #recvTsNs(DirectBuffer, int)} of any bytes: a record too short to hold its receive time has none.
     *
     * @param buffer holding a record.
     * @param offset of its header.
     * @param length of the record.
     * @return ns since epoch, or {@link Long#MIN_VALUE}.
     */
    public static long recvTsNs(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return Long.MIN_VALUE;
        }
        final int field = recvTsNsOffset(buffer, offset);
        return field < 0 || field + Long.BYTES > length ? Long.MIN_VALUE : buffer.getLong(offset + field, ORDER);
    }

    /**
     * @return where a record's receive time is, from its header's first byte, or -1 when it has none.
     */
    private static int recvTsNsOffset(final DirectBuffer buffer, final int offset)
    {
        if (schemaId(buffer, offset) == JOURNAL_SCHEMA_ID)
        {
            return HEADER_LENGTH;
        }
        switch (templateId(buffer, offset))
        {
            case TradeDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + TradeDecoder.recvTsNsEncodingOffset();
            case BookUpdateDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + BookUpdateDecoder.recvTsNsEncodingOffset();
            case BboDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + BboDecoder.recvTsNsEncodingOffset();
            case FundingDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + FundingDecoder.recvTsNsEncodingOffset();
            case StatusDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + StatusDecoder.recvTsNsEncodingOffset();
            case InstrumentDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + InstrumentDecoder.recvTsNsEncodingOffset();
            case OpenInterestDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + OpenInterestDecoder.recvTsNsEncodingOffset();
            case LiquidationDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + LiquidationDecoder.recvTsNsEncodingOffset();
            case RatioDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + RatioDecoder.recvTsNsEncodingOffset();
            case VolatilityIndexDecoder.TEMPLATE_ID:
                return HEADER_LENGTH + VolatilityIndexDecoder.recvTsNsEncodingOffset();
            default:
                return -1;
        }
    }
}
