/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.codecs;

import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntBiFunction;

import static io.marketprism.codecs.SampleMessages.NULL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class SchemaCompatibilityTest
{
    private static final int OFFSET = 16;
    private static final int APPENDED_BYTES = 24;

    private static final List<ToIntBiFunction<MutableDirectBuffer, Integer>> SAMPLES = List.of(
        SampleMessages::spotInstrument,
        SampleMessages::perpetualInstrument,
        SampleMessages::optionInstrument,
        SampleMessages::trade,
        (buffer, offset) -> SampleMessages.book(buffer, offset, BookHealth.VALID),
        SampleMessages::snapshotWithoutAsks,
        SampleMessages::bbo,
        SampleMessages::funding,
        SampleMessages::openInterest,
        SampleMessages::liquidation,
        SampleMessages::ratio,
        SampleMessages::volatilityIndex,
        (buffer, offset) -> SampleMessages.status(buffer, offset, SampleMessages.BTC_USDT, StatusEvent.GAP,
            StatusReason.SEQUENCE_GAP, 1007, 1012, NULL));

    @Test
    void shouldReadAMessageFromANewerProducerWithALongerBlock()
    {
        final JsonLinesEncoder current = new JsonLinesEncoder();
        final JsonLinesEncoder newer = new JsonLinesEncoder();
        final ExpandableArrayBuffer original = new ExpandableArrayBuffer(4096);
        final ExpandableArrayBuffer extended = new ExpandableArrayBuffer(4096);
        final Set<Integer> templates = new HashSet<>();

        for (final ToIntBiFunction<MutableDirectBuffer, Integer> sample : SAMPLES)
        {
            final int length = sample.applyAsInt(original, OFFSET);
            final int extendedLength = extend(original, length, extended);
            assertEquals(length + APPENDED_BYTES, extendedLength);
            templates.add((int)original.getShort(OFFSET + 2, ByteOrder.LITTLE_ENDIAN));

            final int expectedLength = current.encode(original, OFFSET);
            final String expected = current.buffer().getStringWithoutLengthAscii(0, expectedLength);
            final int actualLength = newer.encode(extended, OFFSET);
            final String actual = newer.buffer().getStringWithoutLengthAscii(0, actualLength);
            assertTrue(expectedLength > 0);
            assertEquals(expected, actual);
        }
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), templates, "every template is covered");
    }

    @Test
    void shouldFindGroupsAndVarDataAfterTheActingBlockLength()
    {
        final ExpandableArrayBuffer original = new ExpandableArrayBuffer(4096);
        final ExpandableArrayBuffer extended = new ExpandableArrayBuffer(4096);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();

        extend(original, SampleMessages.book(original, OFFSET, BookHealth.VALID), extended);
        header.wrap(extended, OFFSET);
        assertEquals(BookUpdateDecoder.BLOCK_LENGTH + APPENDED_BYTES, header.blockLength());
        assertEquals(BookUpdateDecoder.SCHEMA_VERSION + 1, header.version());
        final BookUpdateDecoder book = new BookUpdateDecoder().wrap(
            extended, OFFSET + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(SampleMessages.BTC_USDT, book.instrumentId());
        assertEquals(Venue.BINANCE_SPOT, book.venue());
        assertEquals(50093239212L, book.seq());
        assertEquals(6183764, book.askPrice().mantissa());
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        assertEquals(2, bids.count());
        assertEquals(6183763000000L, bids.next().price().mantissa());
        assertEquals(378826000L, bids.qty().mantissa());
        assertEquals(6183762000000L, bids.next().price().mantissa());
        assertEquals(0, bids.qty().mantissa());
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        assertEquals(1, asks.count());
        assertEquals(6183764000000L, asks.next().price().mantissa());
        assertEquals(154698000L, asks.qty().mantissa());

        final int length = SampleMessages.optionInstrument(original, OFFSET);
        assertEquals(length + APPENDED_BYTES, extend(original, length, extended));
        header.wrap(extended, OFFSET);
        final InstrumentDecoder instrument = new InstrumentDecoder().wrap(
            extended, OFFSET + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(SampleMessages.BTC_OPTION, instrument.instrumentId());
        assertEquals(6000000, instrument.strike().mantissa());
        assertEquals("BTC-USD-20240927-60000-C", instrument.symbol());
        assertEquals("BTC-27SEP24-60000-C", instrument.venueSymbol());
        assertEquals("BTC", instrument.baseAsset());
        assertEquals("USD", instrument.quoteAsset());
        assertEquals(length + APPENDED_BYTES - MessageHeaderDecoder.ENCODED_LENGTH, instrument.encodedLength());
    }

    @Test
    void shouldPlaceInstrumentIdAndVenueAtTheSameOffsetInEveryTemplate()
    {
        final int[] instrumentIdOffsets = {
            TradeDecoder.instrumentIdEncodingOffset(), BookUpdateDecoder.instrumentIdEncodingOffset(),
            BboDecoder.instrumentIdEncodingOffset(), FundingDecoder.instrumentIdEncodingOffset(),
            StatusDecoder.instrumentIdEncodingOffset(), InstrumentDecoder.instrumentIdEncodingOffset() };
        final int[] venueOffsets = {
            TradeDecoder.venueEncodingOffset(), BookUpdateDecoder.venueEncodingOffset(),
            BboDecoder.venueEncodingOffset(), FundingDecoder.venueEncodingOffset(),
            StatusDecoder.venueEncodingOffset(), InstrumentDecoder.venueEncodingOffset() };
        for (int i = 0; i < instrumentIdOffsets.length; i++)
        {
            assertEquals(0, instrumentIdOffsets[i], "instrumentId offset of template " + (i + 1));
            assertEquals(4, venueOffsets[i], "venue offset of template " + (i + 1));
        }
        assertEquals(4, TradeDecoder.instrumentIdEncodingLength());
        assertEquals(1, TradeDecoder.venueEncodingLength());

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (final ToIntBiFunction<MutableDirectBuffer, Integer> sample : SAMPLES)
        {
            sample.applyAsInt(buffer, OFFSET);
            header.wrap(buffer, OFFSET);
            assertEquals(TradeDecoder.SCHEMA_ID, header.schemaId());
            final int body = OFFSET + MessageHeaderDecoder.ENCODED_LENGTH;
            final int instrumentId = buffer.getInt(body, ByteOrder.LITTLE_ENDIAN);
            assertTrue(instrumentId >= SampleMessages.BTC_USDT && instrumentId <= SampleMessages.BTC_OPTION,
                "instrument id " + instrumentId + " of template " + header.templateId());
            final Venue venue = Venue.get((short)(buffer.getByte(body + 4) & 0xFF));
            assertTrue(venue == Venue.BINANCE_SPOT || venue == Venue.BINANCE_USDM || venue == Venue.DERIBIT);
        }
    }

    /**
     * Rewrites a message as a newer producer would send it: a longer block (fields appended) and a higher version.
     */
    private static int extend(final MutableDirectBuffer src, final int length, final MutableDirectBuffer dst)
    {
        final int blockLength = src.getShort(OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int version = src.getShort(OFFSET + 6, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int body = OFFSET + MessageHeaderDecoder.ENCODED_LENGTH;
        final int rest = length - MessageHeaderDecoder.ENCODED_LENGTH - blockLength;

        dst.putBytes(OFFSET, src, OFFSET, MessageHeaderDecoder.ENCODED_LENGTH);
        dst.putShort(OFFSET, (short)(blockLength + APPENDED_BYTES), ByteOrder.LITTLE_ENDIAN);
        dst.putShort(OFFSET + 6, (short)(version + 1), ByteOrder.LITTLE_ENDIAN);
        dst.putBytes(body, src, body, blockLength);
        dst.setMemory(body + blockLength, APPENDED_BYTES, (byte)0x5A);
        dst.putBytes(body + blockLength + APPENDED_BYTES, src, body + blockLength, rest);
        return length + APPENDED_BYTES;
    }
}
