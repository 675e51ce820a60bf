/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import io.marketprism.sbe.BboEncoder;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.FundingEncoder;
import io.marketprism.sbe.InstrumentEncoder;
import io.marketprism.sbe.LiquidationEncoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.OpenInterestEncoder;
import io.marketprism.sbe.RatioEncoder;
import io.marketprism.sbe.StatusEncoder;
import io.marketprism.sbe.TradeEncoder;
import io.marketprism.sbe.Venue;
import io.marketprism.sbe.VolatilityIndexDecoder;
import io.marketprism.sbe.VolatilityIndexEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class RawFrameAndFormatTest
{
    private static final int AT = 13;
    private static final long RECV_TS_NS = 1_763_800_000_123_456_789L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256 * 1024]);
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[70_000]);
    private final RawFrame frame = new RawFrame();

    @Test
    void shouldRoundTripARawFrameWithSymbolAndUrl()
    {
        fillPayload(100);
        final String symbol = "BTCUSDT";
        final String url = "https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000";
        final int length = RawFrame.encode(buffer, AT, (short)4, -7, RECV_TS_NS, symbol, url, payload, 3, 100);

        assertEquals(RawFrame.FIXED_LENGTH + symbol.length() + url.length() + 100, length);
        assertEquals(RawFrame.encodedLength(symbol, url, 100), length);
        assertSame(frame, frame.wrap(buffer, AT));
        assertSame(buffer, frame.buffer());
        assertEquals(RECV_TS_NS, frame.recvTsNs());
        assertEquals(-7, frame.connectionId());
        assertEquals(4, frame.venue());
        assertEquals(symbol.length(), frame.symbolLength());
        assertEquals(AT + RawFrame.FIXED_LENGTH, frame.symbolOffset());
        assertEquals(symbol, buffer.getStringWithoutLengthAscii(frame.symbolOffset(), frame.symbolLength()));
        assertEquals(url.length(), frame.urlLength());
        assertEquals(frame.symbolOffset() + symbol.length(), frame.urlOffset());
        assertEquals(url, buffer.getStringWithoutLengthAscii(frame.urlOffset(), frame.urlLength()));
        assertEquals(100, frame.payloadLength());
        assertEquals(frame.urlOffset() + url.length(), frame.payloadOffset());
        assertEquals(AT + length, frame.payloadOffset() + frame.payloadLength());
        for (int i = 0; i < 100; i++)
        {
            assertEquals(payload.getByte(3 + i), buffer.getByte(frame.payloadOffset() + i), "payload byte " + i);
        }
        assertTrue(frame.isConsistent(length));
        assertFalse(frame.isConsistent(length - 1));
        assertFalse(frame.isConsistent(length + 1));
        assertEquals(JournalFormat.RAW_FRAME, JournalFormat.kind(buffer, AT, length));
        assertEquals(JournalFormat.JOURNAL_SCHEMA_ID, JournalFormat.schemaId(buffer, AT));
        assertEquals(JournalFormat.JOURNAL_SCHEMA_VERSION, JournalFormat.version(buffer, AT));
        assertEquals(RawFrame.BLOCK_LENGTH, JournalFormat.blockLength(buffer, AT));
        assertEquals(RawFrame.TEMPLATE_ID, JournalFormat.templateId(buffer, AT));
        assertEquals(4, JournalFormat.venue(buffer, AT));
        assertEquals(RECV_TS_NS, JournalFormat.recvTsNs(buffer, AT));
    }

    @Test
    void shouldEncodeNullContextAsEmptyAndZeroTheReservedBytes()
    {
        buffer.setMemory(0, 1024, (byte)0x5A);
        fillPayload(0);
        final int length = RawFrame.encode(buffer, AT, (short)255, 1, 0L, null, null, payload, 0, 0);

        assertEquals(RawFrame.FIXED_LENGTH, length);
        assertEquals(RawFrame.FIXED_LENGTH, RawFrame.encodedLength(null, null, 0));
        frame.wrap(buffer, AT);
        assertEquals(0, frame.symbolLength());
        assertEquals(0, frame.urlLength());
        assertEquals(0, frame.payloadLength());
        assertEquals(255, frame.venue(), "venue is unsigned");
        assertEquals(frame.symbolOffset(), frame.payloadOffset());
        for (int i = AT + 28; i < AT + RawFrame.FIXED_LENGTH; i++)
        {
            assertEquals(0, buffer.getByte(i), "reserved byte " + (i - AT));
        }
        assertEquals(0x5A, buffer.getByte(AT + length), "wrote past the record");
        assertTrue(frame.isConsistent(length));
        assertFalse(frame.isConsistent(RawFrame.FIXED_LENGTH - 1));
        assertEquals(JournalFormat.RAW_FRAME, JournalFormat.kind(buffer, AT, length));
    }

    @Test
    void shouldCutContextLongerThanItsFieldAndStayConsistent()
    {
        final String symbol = "S".repeat(300);
        final String url = "u".repeat(RawFrame.MAX_URL_LENGTH + 10);
        fillPayload(5);
        final int length = RawFrame.encode(buffer, 0, (short)1, 2, 3L, symbol, url, payload, 0, 5);

        assertEquals(RawFrame.FIXED_LENGTH + RawFrame.MAX_SYMBOL_LENGTH + RawFrame.MAX_URL_LENGTH + 5, length);
        assertEquals(RawFrame.encodedLength(symbol, url, 5), length);
        frame.wrap(buffer, 0);
        assertEquals(RawFrame.MAX_SYMBOL_LENGTH, frame.symbolLength());
        assertEquals(RawFrame.MAX_URL_LENGTH, frame.urlLength());
        assertEquals(5, frame.payloadLength());
        assertTrue(frame.isConsistent(length));
        assertEquals(JournalFormat.RAW_FRAME, JournalFormat.kind(buffer, 0, length));
    }

    @Test
    void shouldNotAllocateWhenEncodingAndReadingRawFrames()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final String symbol = "ETHUSDT";
        final String url = "https://example.invalid/depth";
        fillPayload(512);
        long checksum = 0;
        for (int i = 0; i < 20_000; i++)
        {
            checksum += encodeAndRead(symbol, url, i);
        }
        // the JVM charges a few dozen bytes to the thread when the JIT moves a method between tiers or enters OSR
        // code (seen on JDK 25), so a pass that crosses such an event is measured again: the work is the same in
        // every pass, so one clean pass of five proves it allocates nothing
        final StringBuilder measured = new StringBuilder();
        boolean clean = false;
        for (int pass = 0; pass < 5 && !clean; pass++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++)
            {
                checksum += encodeAndRead(symbol, url, i);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            measured.append(allocated).append(' ');
            clean = allocated == 0;
        }
        assertTrue(checksum != 0);
        assertTrue(clean, "bytes allocated by each pass of 20,000 encode/wrap/read cycles: " + measured);
    }

    private long encodeAndRead(final String symbol, final String url, final int i)
    {
        final int length = RawFrame.encode(buffer, 0, (short)1, i, i, symbol, url, payload, 0, 512);
        frame.wrap(buffer, 0);
        return frame.recvTsNs() + frame.payloadOffset() + JournalFormat.kind(buffer, 0, length) +
            JournalFormat.recvTsNs(buffer, 0);
    }

    @Test
    void shouldClassifyRecordsByHeader()
    {
        final int length = RawFrame.encode(buffer, 0, (short)1, 1, 1L, "X", null, payload, 0, 10);
        assertEquals(JournalFormat.RAW_FRAME, JournalFormat.kind(buffer, 0, length));
        assertEquals(JournalFormat.DAMAGED, JournalFormat.kind(buffer, 0, length - 1), "lengths do not add up");
        assertEquals(JournalFormat.DAMAGED, JournalFormat.kind(buffer, 0, length + 1), "lengths do not add up");
        assertEquals(JournalFormat.DAMAGED, JournalFormat.kind(buffer, 0, RawFrame.FIXED_LENGTH - 1));
        assertEquals(JournalFormat.DAMAGED, JournalFormat.kind(buffer, 0, JournalFormat.HEADER_LENGTH - 1));
        assertEquals(JournalFormat.DAMAGED, JournalFormat.kind(buffer, 0, 0));

        buffer.putInt(20, -1_000, ByteOrder.LITTLE_ENDIAN);
        assertEquals(JournalFormat.DAMAGED, JournalFormat.kind(buffer, 0, length), "negative payload length");
        buffer.putInt(20, 10, ByteOrder.LITTLE_ENDIAN);

        buffer.putShort(6, (short)(JournalFormat.JOURNAL_SCHEMA_VERSION + 1), ByteOrder.LITTLE_ENDIAN);
        assertEquals(JournalFormat.NEWER_VERSION, JournalFormat.kind(buffer, 0, length));
        buffer.putShort(6, (short)JournalFormat.JOURNAL_SCHEMA_VERSION, ByteOrder.LITTLE_ENDIAN);

        buffer.putShort(2, (short)2, ByteOrder.LITTLE_ENDIAN);
        assertEquals(JournalFormat.UNKNOWN_SCHEMA, JournalFormat.kind(buffer, 0, length), "unknown journal template");
        buffer.putShort(2, (short)RawFrame.TEMPLATE_ID, ByteOrder.LITTLE_ENDIAN);

        buffer.putShort(4, (short)4242, ByteOrder.LITTLE_ENDIAN);
        assertEquals(JournalFormat.UNKNOWN_SCHEMA, JournalFormat.kind(buffer, 0, length));
        buffer.putShort(4, (short)0xFFFF, ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xFFFF, JournalFormat.schemaId(buffer, 0), "schema id is unsigned");
        assertEquals(JournalFormat.UNKNOWN_SCHEMA, JournalFormat.kind(buffer, 0, length));

        final int tradeLength = trade(buffer, 0, 42, RECV_TS_NS);
        assertEquals(JournalFormat.NORMALIZED, JournalFormat.kind(buffer, 0, tradeLength));
        assertEquals(JournalFormat.NORMALIZED,
            JournalFormat.kind(buffer, 0, JournalFormat.HEADER_LENGTH + TradeEncoder.BLOCK_LENGTH), "its fixed fields");
        assertEquals(JournalFormat.DAMAGED,
            JournalFormat.kind(buffer, 0, JournalFormat.HEADER_LENGTH + TradeEncoder.BLOCK_LENGTH - 1),
            "too short for the fixed fields its header promises (receive time among them)");
        assertEquals(JournalFormat.DAMAGED, JournalFormat.kind(buffer, 0, JournalFormat.HEADER_LENGTH + 4),
            "too short for instrument id and venue");
        buffer.putShort(0, (short)0, ByteOrder.LITTLE_ENDIAN);
        assertEquals(JournalFormat.DAMAGED, JournalFormat.kind(buffer, 0, JournalFormat.HEADER_LENGTH + 4),
            "a block that says it is empty still needs instrument id and venue");
        buffer.putShort(0, (short)TradeEncoder.BLOCK_LENGTH, ByteOrder.LITTLE_ENDIAN);
        assertEquals(42, JournalFormat.instrumentId(buffer, 0));
        assertEquals(Venue.OKX.value(), JournalFormat.venue(buffer, 0));
        assertEquals(TradeEncoder.TEMPLATE_ID, JournalFormat.templateId(buffer, 0));
        assertEquals(TradeEncoder.BLOCK_LENGTH, JournalFormat.blockLength(buffer, 0));
        buffer.putShort(6, (short)(JournalFormat.NORMALIZED_SCHEMA_VERSION + 1), ByteOrder.LITTLE_ENDIAN);
        assertEquals(JournalFormat.NEWER_VERSION, JournalFormat.kind(buffer, 0, tradeLength));
        assertEquals(JournalFormat.NEWER_VERSION, JournalFormat.kind(buffer, 0, JournalFormat.HEADER_LENGTH));
    }

    @Test
    void shouldReadTheReceiveTimeOfEveryNormalizedTemplate()
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final int[] templates = new int[10];
        long recvTsNs = RECV_TS_NS;
        templates[0] = new TradeEncoder().wrapAndApplyHeader(buffer, 0, header).recvTsNs(recvTsNs).sbeTemplateId();
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0));
        templates[1] = new BookUpdateEncoder().wrapAndApplyHeader(buffer, 0, header).recvTsNs(++recvTsNs)
            .sbeTemplateId();
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0));
        templates[2] = new BboEncoder().wrapAndApplyHeader(buffer, 0, header).recvTsNs(++recvTsNs).sbeTemplateId();
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0));
        templates[3] = new FundingEncoder().wrapAndApplyHeader(buffer, 0, header).recvTsNs(++recvTsNs)
            .sbeTemplateId();
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0));
        templates[4] = new StatusEncoder().wrapAndApplyHeader(buffer, 0, header).recvTsNs(++recvTsNs)
            .sbeTemplateId();
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0));
        templates[5] = new InstrumentEncoder().wrapAndApplyHeader(buffer, 0, header).recvTsNs(++recvTsNs)
            .sbeTemplateId();
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0));
        templates[6] = new OpenInterestEncoder().wrapAndApplyHeader(buffer, 0, header).recvTsNs(++recvTsNs)
            .sbeTemplateId();
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0));
        templates[7] = new LiquidationEncoder().wrapAndApplyHeader(buffer, 0, header).recvTsNs(++recvTsNs)
            .sbeTemplateId();
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0));
        templates[8] = new RatioEncoder().wrapAndApplyHeader(buffer, 0, header).recvTsNs(++recvTsNs).sbeTemplateId();
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0));
        templates[9] = new VolatilityIndexEncoder().wrapAndApplyHeader(buffer, 0, header).recvTsNs(++recvTsNs)
            .sbeTemplateId();
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0));
        assertEquals(10, java.util.Arrays.stream(templates).distinct().count(), "ten distinct templates");

        // of any bytes: a record too short to hold its receive time has none
        final int through = MessageHeaderEncoder.ENCODED_LENGTH + VolatilityIndexDecoder.recvTsNsEncodingOffset() +
            Long.BYTES;
        assertEquals(recvTsNs, JournalFormat.recvTsNs(buffer, 0, through));
        assertEquals(Long.MIN_VALUE, JournalFormat.recvTsNs(buffer, 0, through - 1));
        assertEquals(Long.MIN_VALUE, JournalFormat.recvTsNs(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH - 1));

        buffer.putShort(2, (short)999, ByteOrder.LITTLE_ENDIAN);
        assertEquals(Long.MIN_VALUE, JournalFormat.recvTsNs(buffer, 0), "unknown template has no receive time");
    }

    static int trade(final UnsafeBuffer target, final int offset, final int instrumentId, final long recvTsNs)
    {
        final TradeEncoder trade = new TradeEncoder().wrapAndApplyHeader(target, offset, new MessageHeaderEncoder())
            .instrumentId(instrumentId).venue(Venue.OKX).recvTsNs(recvTsNs).exchTsNs(recvTsNs - 1);
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    private void fillPayload(final int length)
    {
        for (int i = 0; i < length + 3; i++)
        {
            payload.putByte(i, (byte)(i * 37 + 11));
        }
    }
}
