/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.codecs;

import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static io.marketprism.codecs.SampleMessages.NULL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class JsonLinesEncoderTest
{
    private static final int OFFSET = 24;
    private static final String SPOT_NAMES =
        "\"venue\":\"binance-spot\",\"symbol\":\"BTC-USDT\",\"venueSymbol\":\"BTCUSDT\"";
    private static final String PERP_NAMES =
        "\"venue\":\"binance-usdm\",\"symbol\":\"BTC-USDT-PERP\",\"venueSymbol\":\"BTCUSDT\"";

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final JsonLinesEncoder encoder = new JsonLinesEncoder();

    @Test
    void shouldPrintAnInstrumentAndNameLaterMessagesOfItsId()
    {
        assertFalse(encoder.catalog().isKnown(SampleMessages.BTC_USDT));
        assertEquals("{\"type\":\"instrument\"," + SPOT_NAMES + ",\"recvTs\":1723161254087000000," +
            "\"base\":\"BTC\",\"quote\":\"USDT\",\"kind\":\"spot\",\"tickSize\":\"0.01\",\"lotSize\":\"0.00001\"}\n",
            line(SampleMessages.spotInstrument(buffer, OFFSET)));

        assertTrue(encoder.catalog().isKnown(SampleMessages.BTC_USDT));
        assertArrayEquals(ascii("BTC-USDT"), encoder.catalog().symbol(SampleMessages.BTC_USDT));
        assertArrayEquals(ascii("BTCUSDT"), encoder.catalog().venueSymbol(SampleMessages.BTC_USDT));
        assertFalse(encoder.catalog().isKnown(SampleMessages.BTC_USDT_PERP));
    }

    @Test
    void shouldPrintATradeExactlyAsTheContractExample()
    {
        SampleMessages.spotInstrument(buffer, OFFSET);
        encoder.encode(buffer, OFFSET);

        assertEquals("{\"type\":\"trade\"," + SPOT_NAMES + ",\"exchTs\":1723161255342000000," +
            "\"recvTs\":1723161254087896568,\"price\":\"61837.63\",\"qty\":\"0.02\",\"side\":\"sell\"," +
            "\"tradeId\":\"3735683259\"}\n",
            line(SampleMessages.trade(buffer, OFFSET)));
    }

    @Test
    void shouldOmitTheSymbolsOfAnInstrumentNotYetDefined()
    {
        assertEquals("{\"type\":\"trade\",\"venue\":\"binance-spot\",\"exchTs\":1723161255342000000," +
            "\"recvTs\":1723161254087896568,\"price\":\"61837.63\",\"qty\":\"0.02\",\"side\":\"sell\"," +
            "\"tradeId\":\"3735683259\"}\n",
            line(SampleMessages.trade(buffer, OFFSET)));
    }

    @Test
    void shouldPrintABookWithItsTopWhenValid()
    {
        define();

        assertEquals("{\"type\":\"book\"," + SPOT_NAMES + ",\"exchTs\":1723161255342000000," +
            "\"recvTs\":1723161254087896568,\"snapshot\":false,\"seq\":50093239212,\"firstSeq\":50093239200," +
            "\"health\":\"valid\",\"bidPrice\":\"61837.63\",\"bidQty\":\"3.78826\",\"askPrice\":\"61837.64\"," +
            "\"askQty\":\"1.54698\",\"bids\":[[\"61837.63\",\"3.78826\"],[\"61837.62\",\"0\"]]," +
            "\"asks\":[[\"61837.64\",\"1.54698\"]]}\n",
            line(SampleMessages.book(buffer, OFFSET, BookHealth.VALID)));
    }

    @Test
    void shouldOmitTheTopOfABookThatIsNotValid()
    {
        define();
        final String levels = ",\"bids\":[[\"61837.63\",\"3.78826\"],[\"61837.62\",\"0\"]]," +
            "\"asks\":[[\"61837.64\",\"1.54698\"]]}\n";
        final String start = "{\"type\":\"book\"," + SPOT_NAMES + ",\"exchTs\":1723161255342000000," +
            "\"recvTs\":1723161254087896568,\"snapshot\":false,\"seq\":50093239212,\"firstSeq\":50093239200," +
            "\"health\":\"";

        assertEquals(start + "resyncing\"" + levels, line(SampleMessages.book(buffer, OFFSET, BookHealth.RESYNCING)));
        assertEquals(start + "stale\"" + levels, line(SampleMessages.book(buffer, OFFSET, BookHealth.STALE)));
        assertEquals(start + "crossed\"" + levels, line(SampleMessages.book(buffer, OFFSET, BookHealth.CROSSED)));
        assertEquals(start + "unknown\"" + levels, line(SampleMessages.book(buffer, OFFSET, BookHealth.UNKNOWN)));
    }

    @Test
    void shouldCutABooksLevelsToTheFirstOnesOfEachSide()
    {
        define();
        final String start = "{\"type\":\"book\"," + SPOT_NAMES + ",\"exchTs\":1723161255342000000," +
            "\"recvTs\":1723161254087896568,\"snapshot\":false,\"seq\":50093239212,\"firstSeq\":50093239200," +
            "\"health\":\"valid\",\"bidPrice\":\"61837.63\",\"bidQty\":\"3.78826\",\"askPrice\":\"61837.64\"," +
            "\"askQty\":\"1.54698\"";
        final String whole = line(SampleMessages.book(buffer, OFFSET, BookHealth.VALID));

        assertEquals(start + ",\"bids\":[[\"61837.63\",\"3.78826\"]],\"asks\":[[\"61837.64\",\"1.54698\"]]}\n",
            printed(encoder.encode(buffer, OFFSET, 1)), "one a side; the asks still found after a bid left out");
        assertEquals(start + ",\"bids\":[],\"asks\":[]}\n", printed(encoder.encode(buffer, OFFSET, 0)));
        assertEquals(whole, printed(encoder.encode(buffer, OFFSET, 2)));
        assertEquals(whole, printed(encoder.encode(buffer, OFFSET)), "no cut after a cut encode");
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(buffer, OFFSET, -1));
    }

    @Test
    void shouldPrintASnapshotWithAnEmptySide()
    {
        define();

        assertEquals("{\"type\":\"book\"," + PERP_NAMES + ",\"recvTs\":1723161254087896999,\"snapshot\":true," +
            "\"seq\":1000,\"prevSeq\":999,\"health\":\"resyncing\",\"bids\":[[\"5000\",\"100\"]],\"asks\":[]}\n",
            line(SampleMessages.snapshotWithoutAsks(buffer, OFFSET)));
    }

    @Test
    void shouldPrintABboExactlyAsTheContractExample()
    {
        define();

        assertEquals("{\"type\":\"bbo\"," + SPOT_NAMES + ",\"recvTs\":1723161254087891268,\"seq\":50093239212," +
            "\"bidPrice\":\"61837.63\",\"bidQty\":\"3.78826\",\"askPrice\":\"61837.64\",\"askQty\":\"1.54698\"}\n",
            line(SampleMessages.bbo(buffer, OFFSET)));
    }

    @Test
    void shouldPrintFundingOmittingAbsentValues()
    {
        define();

        assertEquals("{\"type\":\"funding\"," + PERP_NAMES + ",\"exchTs\":1723161255000000000," +
            "\"recvTs\":1723161255100000000,\"markPrice\":\"61800.12345678\",\"fundingRate\":\"0.0001\"," +
            "\"nextFundingTs\":1723190400000000000}\n",
            line(SampleMessages.funding(buffer, OFFSET)));
    }

    @Test
    void shouldPrintOpenInterestLiquidationRatioAndVolatilityIndex()
    {
        define();

        assertEquals("{\"type\":\"open_interest\"," + PERP_NAMES + ",\"exchTs\":1723161255000000000," +
            "\"recvTs\":1723161255100000000,\"openInterest\":\"80123.456\"}\n",
            line(SampleMessages.openInterest(buffer, OFFSET)));
        assertEquals("{\"type\":\"liquidation\"," + PERP_NAMES + ",\"exchTs\":1723161255000000000," +
            "\"recvTs\":1723161255100000000,\"price\":\"61800.1\",\"qty\":\"0.014\",\"side\":\"sell\"}\n",
            line(SampleMessages.liquidation(buffer, OFFSET)));
        assertEquals("{\"type\":\"ratio\"," + PERP_NAMES + ",\"exchTs\":1723161000000000000," +
            "\"recvTs\":1723161255100000000,\"kind\":\"top_trader_positions\",\"longShortRatio\":\"1.2345\"," +
            "\"longAccount\":\"0.5525\",\"shortAccount\":\"0.4475\"}\n",
            line(SampleMessages.ratio(buffer, OFFSET)));
        final String dvol = line(SampleMessages.volatilityIndex(buffer, OFFSET));
        assertTrue(dvol.startsWith("{\"type\":\"volatility_index\",\"venue\":\"deribit\""), dvol);
        assertTrue(dvol.endsWith(",\"exchTs\":1723161255000000000,\"recvTs\":1723161255100000000," +
            "\"value\":\"54.32\"}\n"), dvol);
    }

    @Test
    void shouldPrintInstrumentsOfEveryKind()
    {
        assertEquals("{\"type\":\"instrument\"," + PERP_NAMES + ",\"kind\":\"perpetual\"}\n",
            line(SampleMessages.perpetualInstrument(buffer, OFFSET)));
        assertEquals("{\"type\":\"instrument\",\"venue\":\"deribit\",\"symbol\":\"BTC-USD-20240927-60000-C\"," +
            "\"venueSymbol\":\"BTC-27SEP24-60000-C\",\"recvTs\":1723161254000000001,\"base\":\"BTC\"," +
            "\"quote\":\"USD\",\"kind\":\"option\",\"tickSize\":\"0.0005\",\"lotSize\":\"0.1\"," +
            "\"contractSize\":\"1\",\"expiryTs\":1727424000000000000,\"strike\":\"60000\"," +
            "\"optionType\":\"call\"}\n",
            line(SampleMessages.optionInstrument(buffer, OFFSET)));
        assertTrue(encoder.catalog().isKnown(SampleMessages.BTC_USDT_PERP));
        assertTrue(encoder.catalog().isKnown(SampleMessages.BTC_OPTION));
    }

    @Test
    void shouldPrintStatusReasonsWithTheirNumbers()
    {
        define();
        final String spot = "{\"type\":\"status\"," + SPOT_NAMES + ",\"recvTs\":1723161254087896570,\"event\":\"";
        final String noInstrument = "{\"type\":\"status\",\"venue\":\"binance-spot\"," +
            "\"recvTs\":1723161254087896570,\"event\":\"";

        assertEquals(spot + "gap\",\"reason\":\"sequence_gap: expected 1007 received 1012\"}\n",
            line(SampleMessages.status(buffer, OFFSET, SampleMessages.BTC_USDT, StatusEvent.GAP,
            StatusReason.SEQUENCE_GAP, 1007, 1012, NULL)));
        assertEquals(noInstrument + "malformed\",\"reason\":\"truncated at byte 57\"}\n",
            line(SampleMessages.status(buffer, OFFSET, 0, StatusEvent.MALFORMED,
            StatusReason.TRUNCATED, NULL, NULL, 57)));
        assertEquals(spot + "resync\",\"reason\":" +
            "\"snapshot_applied: snapshot 1000, replayed 3 buffered updates, book at 1012\"}\n",
            line(SampleMessages.status(buffer, OFFSET, SampleMessages.BTC_USDT, StatusEvent.RESYNC,
            StatusReason.SNAPSHOT_APPLIED, 1012, 1000, 3)));
        assertEquals(
            spot + "skipped\",\"reason\":\"" + reason(StatusReason.OUTDATED_UPDATE, 1005, 1003, NULL) + "\"}\n",
            line(SampleMessages.status(buffer, OFFSET, SampleMessages.BTC_USDT, StatusEvent.SKIPPED,
            StatusReason.OUTDATED_UPDATE, 1005, 1003, NULL)));
        assertEquals(
            spot + "invalid\",\"reason\":\"" + reason(StatusReason.BOOK_CROSSED, NULL, 1020, NULL) + "\"}\n",
            line(SampleMessages.status(buffer, OFFSET, SampleMessages.BTC_USDT, StatusEvent.INVALID,
            StatusReason.BOOK_CROSSED, NULL, 1020, NULL)));
        assertEquals(noInstrument + "connected\",\"reason\":\"none\"}\n",
            line(SampleMessages.status(buffer, OFFSET, 0, StatusEvent.CONNECTED, StatusReason.NONE, NULL, NULL, NULL)));
    }

    @Test
    void shouldDescribeStatusReasonsAsDocumented()
    {
        assertEquals("sequence_gap: expected 1007 received 1012", reason(StatusReason.SEQUENCE_GAP, 1007, 1012, NULL));
        assertEquals("truncated at byte 57", reason(StatusReason.TRUNCATED, NULL, NULL, 57));
        assertEquals("snapshot_applied: snapshot 1000, replayed 3 buffered updates, book at 1012",
            reason(StatusReason.SNAPSHOT_APPLIED, 1012, 1000, 3));
        assertEquals("snapshot_applied: replayed 0 buffered updates",
            reason(StatusReason.SNAPSHOT_APPLIED, NULL, NULL, 0), "a venue without sequence ids");
        assertEquals("venue_error: code 60012", reason(StatusReason.VENUE_ERROR, NULL, NULL, 60012));
        assertEquals("exch_time_backwards: 1500000 ns before the previous message",
            reason(StatusReason.EXCH_TIME_BACKWARDS, NULL, NULL, 1_500_000));
        assertEquals("clock_skew: received -2000000000 ns after the exchange time",
            reason(StatusReason.CLOCK_SKEW, NULL, NULL, -2_000_000_000L));
        assertEquals("duplicate_trade_id: 7849", reason(StatusReason.DUPLICATE_TRADE_ID, NULL, 7849, NULL));
        assertEquals("no_update: none for 12000000000 ns, book at 1001",
            reason(StatusReason.NO_UPDATE, NULL, 1001, 12_000_000_000L));
        assertEquals("updates_resumed: after 24000000000 ns without one, update 1002",
            reason(StatusReason.UPDATES_RESUMED, NULL, 1002, 24_000_000_000L));
        assertEquals("venue_error", reason(StatusReason.VENUE_ERROR, NULL, NULL, NULL));
        assertEquals("checksum_mismatch: the venue sent -1881014294 with update 1012",
            reason(StatusReason.CHECKSUM_MISMATCH, NULL, 1012, -1881014294L));
        assertEquals("none", reason(StatusReason.NONE, NULL, NULL, NULL));
        assertEquals("unknown", reason(StatusReason.NULL_VAL, NULL, NULL, NULL));
        for (final StatusReason value : StatusReason.values())
        {
            if (value != StatusReason.NULL_VAL)
            {
                assertTrue(reason(value, 1, 2, 3).startsWith(value.name().toLowerCase(Locale.ROOT)));
            }
        }
    }

    @Test
    void shouldPrintUnknownForStatusValuesThisVersionDoesNotKnow()
    {
        final int length = SampleMessages.status(
            buffer, OFFSET, 0, StatusEvent.CONNECTED, StatusReason.NONE, NULL, NULL, NULL);
        final int body = OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;
        buffer.putByte(body + StatusDecoder.eventTypeEncodingOffset(), (byte)200);
        buffer.putShort(body + StatusDecoder.reasonEncodingOffset(), (short)999);

        assertEquals("{\"type\":\"status\",\"venue\":\"binance-spot\",\"recvTs\":1723161254087896570," +
            "\"event\":\"unknown\",\"reason\":\"unknown\"}\n", line(length));
    }

    @Test
    void shouldIgnoreOtherSchemasAndUnknownTemplates()
    {
        SampleMessages.trade(buffer, OFFSET);
        buffer.putShort(OFFSET + 2, (short)99);
        assertEquals(0, encoder.encode(buffer, OFFSET));

        SampleMessages.trade(buffer, OFFSET);
        buffer.putShort(OFFSET + 4, (short)1702);
        assertEquals(0, encoder.encode(buffer, OFFSET));

        SampleMessages.trade(buffer, OFFSET);
        assertTrue(encoder.encode(buffer, OFFSET) > 0);
    }

    @Test
    void shouldGrowItsOutputForALargeBook()
    {
        final int levels = 5000;
        final BookUpdateEncoder book = new BookUpdateEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, new MessageHeaderEncoder())
            .instrumentId(0)
            .venue(Venue.OKX)
            .snapshot(BooleanType.TRUE)
            .health(BookHealth.UNKNOWN)
            .exchTsNs(NULL)
            .recvTsNs(NULL)
            .seq(NULL)
            .prevSeq(NULL)
            .firstSeq(NULL);
        book.bidPrice().mantissa(NULL).exponent((byte)0);
        book.bidQty().mantissa(NULL).exponent((byte)0);
        book.askPrice().mantissa(NULL).exponent((byte)0);
        book.askQty().mantissa(NULL).exponent((byte)0);
        final BookUpdateEncoder.BidsEncoder bids = book.bidsCount(levels);
        final StringBuilder expected = new StringBuilder(
            "{\"type\":\"book\",\"venue\":\"okx\",\"snapshot\":true,\"health\":\"unknown\",\"bids\":[");
        for (int i = 0; i < levels; i++)
        {
            bids.next().price().mantissa(6_000_000_000_000L - i * 1_000_000L).exponent((byte)-8);
            bids.qty().mantissa(123_456_789L + i).exponent((byte)-8);
            expected.append(i == 0 ? "" : ",").append("[\"")
                .append(Decimals.toString(6_000_000_000_000L - i * 1_000_000L, -8)).append("\",\"")
                .append(Decimals.toString(123_456_789L + i, -8)).append("\"]");
        }
        book.asksCount(0);
        expected.append("],\"asks\":[]}\n");

        final String line = line(MessageHeaderEncoder.ENCODED_LENGTH + book.encodedLength());
        assertTrue(line.length() > 64 * 1024, "line of " + line.length() + " bytes");
        assertEquals(expected.toString(), line);
    }

    private void define()
    {
        SampleMessages.spotInstrument(buffer, OFFSET);
        assertTrue(encoder.encode(buffer, OFFSET) > 0);
        SampleMessages.perpetualInstrument(buffer, OFFSET);
        assertTrue(encoder.encode(buffer, OFFSET) > 0);
    }

    private String printed(final int length)
    {
        return encoder.buffer().getStringWithoutLengthAscii(0, length);
    }

    private String line(final int messageLength)
    {
        assertTrue(messageLength > MessageHeaderEncoder.ENCODED_LENGTH);
        final int length = encoder.encode(buffer, OFFSET);
        final MutableDirectBuffer out = encoder.buffer();
        final String text = out.getStringWithoutLengthAscii(0, length);
        assertEquals(text.indexOf('\n'), length - 1, "exactly one line, newline last");
        return text;
    }

    private static String reason(final StatusReason reason, final long expected, final long received, final long detail)
    {
        final ExpandableArrayBuffer text = new ExpandableArrayBuffer(256);
        final int length = StatusReasons.describe(text, 0, reason.value(), expected, received, detail);
        return text.getStringWithoutLengthAscii(0, length);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
