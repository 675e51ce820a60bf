/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input: every frame yields exactly one {@code Status(MALFORMED)} with the right reason, never an exception and
 * never a partial message.
 */
final class BinanceDecoderBadInputTest
{
    private static final long RECV_TS_NS = 1_723_161_254_087_896_568L;
    private static final String SPOT_TRADE = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\"," +
        "\"E\":1723161255343,\"s\":\"BTCUSDT\",\"t\":3735683259,\"p\":\"61837.63000000\",\"q\":\"0.02000000\"," +
        "\"T\":1723161255342,\"m\":true,\"M\":true}}";
    private static final String FUTURES_DEPTH = "{\"e\":\"depthUpdate\",\"E\":1723161257440,\"T\":1723161257432," +
        "\"s\":\"BTCUSD_PERP\",\"ps\":\"BTCUSD\",\"U\":1007198631260,\"u\":1007198631565,\"pu\":1007198631198," +
        "\"b\":[[\"61773.6\",\"1001\"],[\"61776.4\",\"412\"]],\"a\":[[\"61804.8\",\"0\"]]}";
    private static final String SPOT_BOOK_TICKER = "{\"u\":50093239212,\"s\":\"BTCUSDT\",\"b\":\"61837.63000000\"," +
        "\"B\":\"3.78826000\",\"a\":\"61837.64000000\",\"A\":\"1.54698000\"}";
    private static final String MARK_PRICE = "{\"e\":\"markPriceUpdate\",\"E\":1680652701000,\"s\":\"BTCUSDT\"," +
        "\"p\":\"28147.27373413\",\"P\":\"28142.15563565\",\"i\":\"28159.75642857\",\"r\":\"0.00002754\"," +
        "\"T\":1680652800000}";

    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    @Test
    void shouldReportEveryTruncationOfRealFramesAsTruncated()
    {
        final String[][] frames = {
            { "spot", Recordings.firstHftPayload("hftbacktest/spot/btcusdt_20240808.gz", p -> p.contains("@trade\"")) },
            { "spot", Recordings.firstHftPayload("hftbacktest/spot/btcusdt_20240808.gz",
                p -> p.contains("\"e\":\"depthUpdate\"")) },
            { "spot", Recordings.firstHftPayload("hftbacktest/spot/btcusdt_20240808.gz",
                p -> p.contains("@bookTicker\"")) },
            { "spot", Recordings.firstHftPayload("hftbacktest/spot/btcusdt_20230405.dat.gz",
                p -> p.contains("@trade\"")) },
            { "coinm", Recordings.firstHftPayload("hftbacktest/cm/btcusd_perp_20240808.gz",
                p -> p.contains("\"e\":\"depthUpdate\"")) },
            { "coinm", Recordings.firstHftPayload("hftbacktest/cm/btcusd_perp_20240808.gz",
                p -> p.contains("\"e\":\"bookTicker\"")) },
            { "usdm", Recordings.firstHftPayload("hftbacktest/usdm/btcusdt_20230404.dat.gz",
                p -> p.contains("\"e\":\"markPriceUpdate\"")) },
            { "usdm", Recordings.firstHftPayload("hftbacktest/usdm/btcusdt_20230404.dat.gz",
                p -> p.contains("@trade\"")) },
            { "usdm", Recordings.firstCryptofeedPayload("cryptofeed/BINANCE_FUTURES.ws.1.0.gz",
                p -> p.contains("\"e\":\"aggTrade\"")) },
            { "coinm", Recordings.firstCryptofeedPayload("cryptofeed/BINANCE_DELIVERY.http.0.0.gz",
                p -> p.length() < 8000) },
            { "spot", Recordings.firstCryptofeedPayload("cryptofeed/BINANCE.http.0.0.gz",
                p -> p.length() < 21000) },
            { "usdm", MARK_PRICE },
            { "spot", SPOT_BOOK_TICKER },
            { "coinm", FUTURES_DEPTH } };

        for (final String[] entry : frames)
        {
            final Venue venue = Recordings.venue(entry[0]);
            final BinanceDecoder decoder = new BinanceDecoder(venue);
            decoder.contextSymbol("BTCUSDT");
            final byte[] frame = entry[1].getBytes(StandardCharsets.UTF_8);
            // the frame sits inside a larger buffer: bytes past the cut are still there, as in a capture line
            final byte[] line = new byte[frame.length + 30];
            Arrays.fill(line, (byte)' ');
            System.arraycopy(frame, 0, line, 30, frame.length);
            final UnsafeBuffer buffer = new UnsafeBuffer(line);
            for (int length = 0; length < frame.length; length++)
            {
                sink.clear();
                assertEquals(1, decoder.decode(buffer, 30, length, RECV_TS_NS, sink));
                final String context = "cut at " + length + " of " + JsonExpectations.abbreviate(entry[1]);
                final StatusDecoder status = JsonExpectations.assertMalformed(
                    venue, RECV_TS_NS, StatusReason.TRUNCATED, sink, view, context);
                assertTrue(status.detail() >= 0 && status.detail() <= length, context + ": " + status.detail());
            }
            sink.clear();
            assertEquals(1, decoder.decode(buffer, 30, frame.length, RECV_TS_NS, sink));
            assertTrue(view.templateId(sink.buffer(), sink.only()) != StatusDecoder.TEMPLATE_ID, entry[1]);
        }
    }

    @Test
    void shouldReportNonNumericValuesAsBadNumber()
    {
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"p\":\"61837.63000000\"", "\"p\":\"abc\""),
            StatusReason.BAD_NUMBER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"p\":\"61837.63000000\"", "\"p\":\"\""),
            StatusReason.BAD_NUMBER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"p\":\"61837.63000000\"", "\"p\":\"1.2.3\""),
            StatusReason.BAD_NUMBER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"q\":\"0.02000000\"", "\"q\":\"0.02x\""),
            StatusReason.BAD_NUMBER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"t\":3735683259", "\"t\":\"3735683259a\""),
            StatusReason.BAD_NUMBER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"t\":3735683259", "\"t\":3735683259.5"),
            StatusReason.BAD_NUMBER);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("[\"61776.4\",\"412\"]", "[\"61776.4\",\"x\"]"),
            StatusReason.BAD_NUMBER);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("[\"61776.4\",\"412\"]", "[\"NaN\",\"412\"]"),
            StatusReason.BAD_NUMBER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_BOOK_TICKER.replace("\"B\":\"3.78826000\"", "\"B\":\"3.7e\""),
            StatusReason.BAD_NUMBER);
        assertMalformed(Venue.BINANCE_USDM, MARK_PRICE.replace("\"r\":\"0.00002754\"", "\"r\":\"-\""),
            StatusReason.BAD_NUMBER);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("\"u\":1007198631565", "\"u\":\"x\""),
            StatusReason.BAD_NUMBER);
    }

    @Test
    void shouldReportValuesOfTheWrongTypeAsBadValue()
    {
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"p\":\"61837.63000000\"", "\"p\":true"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"p\":\"61837.63000000\"", "\"p\":null"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"p\":\"61837.63000000\"", "\"p\":[]"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"m\":true", "\"m\":\"true\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"e\":\"trade\"", "\"e\":1"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"s\":\"BTCUSDT\"", "\"s\":7"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM,
            FUTURES_DEPTH.replace("[\"61773.6\",\"1001\"]", "[[\"61773.6\",\"1001\"]]"), StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("[\"61773.6\",\"1001\"]", "[\"61773.6\"]"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("[\"61773.6\",\"1001\"]", "\"61773.6\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("[\"61773.6\",\"1001\"]", "[]"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("[\"61773.6\",\"1001\"]", "[\"\",\"1001\"]"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("\"a\":[[\"61804.8\",\"0\"]]", "\"a\":\"1\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("\"a\":[[\"61804.8\",\"0\"]]", "\"a\":{}"),
            StatusReason.BAD_VALUE);
    }

    @Test
    void shouldReportNumbersBeyond64BitsAsOverflow()
    {
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"t\":3735683259", "\"t\":99999999999999999999"),
            StatusReason.NUMBER_OVERFLOW);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"t\":3735683259", "\"t\":9223372036854775808"),
            StatusReason.NUMBER_OVERFLOW);
        assertMalformed(Venue.BINANCE_SPOT,
            SPOT_TRADE.replace("\"p\":\"61837.63000000\"", "\"p\":\"61837.630000000000000001\""),
            StatusReason.NUMBER_OVERFLOW);
        assertMalformed(Venue.BINANCE_COINM,
            FUTURES_DEPTH.replace("\"pu\":1007198631198", "\"pu\":18446744073709551616"),
            StatusReason.NUMBER_OVERFLOW);
        assertMalformed(Venue.BINANCE_COINM,
            FUTURES_DEPTH.replace("[\"61776.4\",\"412\"]", "[\"61776.4\",\"12345678901234567890123\"]"),
            StatusReason.NUMBER_OVERFLOW);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"T\":1723161255342", "\"T\":-99999999999999999999"),
            StatusReason.NUMBER_OVERFLOW);
    }

    @Test
    void shouldReportTimesOutsideTheNanosecondRangeAsBadValue()
    {
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"T\":1723161255342", "\"T\":-1"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"T\":1723161255342", "\"T\":9223372036854775"),
            StatusReason.BAD_VALUE);
    }

    @Test
    void shouldReportDuplicateFields()
    {
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"q\":", "\"p\":\"1\",\"q\":"),
            StatusReason.DUPLICATE_FIELD);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"m\":true", "\"m\":true,\"m\":true"),
            StatusReason.DUPLICATE_FIELD);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"M\":true", "\"M\":true,\"e\":\"trade\""),
            StatusReason.DUPLICATE_FIELD);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"M\":true", "\"M\":true,\"s\":\"BTCUSDT\""),
            StatusReason.DUPLICATE_FIELD);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("\"a\":", "\"b\":[],\"a\":"),
            StatusReason.DUPLICATE_FIELD);
    }

    @Test
    void shouldReportUnknownEventTypesAndNonEvents()
    {
        final String kline = Recordings.firstCryptofeedPayload(
            "cryptofeed/BINANCE_FUTURES.ws.1.0.gz", p -> p.contains("\"e\":\"kline\""));
        assertMalformed(Venue.BINANCE_USDM, kline, StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed(Venue.BINANCE_SPOT, "{\"id\":1}", StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed(Venue.BINANCE_SPOT, "{\"result\":null}", StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed(Venue.BINANCE_SPOT, "{\"msg\":\"Invalid request\"}", StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed(Venue.BINANCE_SPOT, "{}", StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed(Venue.BINANCE_SPOT, "{\"stream\":\"x\",\"data\":{}}", StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"e\":\"trade\"", "\"e\":\"24hrTicker\""),
            StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"e\":\"trade\"", "\"e\":\"Trade\""),
            StatusReason.UNKNOWN_EVENT_TYPE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"e\":\"trade\"", "\"e\":\"trade \""),
            StatusReason.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void shouldReportTheRepliesToSubscribeRequestsAsControlFramesAndErrorsAsVenueErrors()
    {
        // Binance's documented replies (Live Subscribing/Unsubscribing to streams): an acknowledgement yields nothing
        for (final Venue venue : new Venue[]{ Venue.BINANCE_SPOT, Venue.BINANCE_USDM, Venue.BINANCE_COINM })
        {
            for (final String ack : new String[]{
                "{\"result\":null,\"id\":1}", "{\"id\":312,\"result\":null}",
                "{\"result\":[\"btcusdt@aggTrade\"],\"id\":3}", "{\"result\":true,\"id\":2}" })
            {
                final BinanceDecoder decoder = new BinanceDecoder(venue);
                final byte[] frame = ack.getBytes(StandardCharsets.UTF_8);
                sink.clear();
                assertEquals(0, decoder.decode(new UnsafeBuffer(frame), 0, frame.length, RECV_TS_NS, sink), ack);
                assertEquals(0, sink.messages().size(), ack);
                assertEquals(0, sink.protocolErrors(), ack);
            }
        }
        // the error reply as the stream servers send it, and the older shape the documentation's table shows
        final String wrapped = "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown variable\"},\"id\":1}";
        assertMalformed(Venue.BINANCE_SPOT, wrapped, StatusReason.VENUE_ERROR);
        assertEquals(wrapped.indexOf("{\"code\""), venueErrorDetail(Venue.BINANCE_USDM, wrapped), "error's offset");
        final String bare = "{\"code\": 0, \"msg\": \"Unknown property\",\"id\": 5}";
        assertMalformed(Venue.BINANCE_COINM, bare, StatusReason.VENUE_ERROR);
        assertEquals(bare.indexOf(" 0,") + 1, venueErrorDetail(Venue.BINANCE_SPOT, bare), "code's offset");
        assertMalformed(Venue.BINANCE_SPOT, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", StatusReason.VENUE_ERROR);
        // an event keeps its meaning even if it were to carry such a key
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"M\":true", "\"M\":true,\"id\":1,\"result\":null")
            .replace("\"p\":\"61837.63000000\"", "\"p\":\"x\""), StatusReason.BAD_NUMBER);
    }

    private long venueErrorDetail(final Venue venue, final String text)
    {
        final byte[] frame = text.getBytes(StandardCharsets.UTF_8);
        sink.clear();
        assertEquals(1, new BinanceDecoder(venue).decode(new UnsafeBuffer(frame), 0, frame.length, RECV_TS_NS, sink));
        final StatusDecoder status = view.status(sink.buffer(), sink.only());
        assertEquals(StatusReason.VENUE_ERROR, status.reason(), text);
        return status.detail();
    }

    @Test
    void shouldReportMissingRequiredFields()
    {
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("\"pu\":1007198631198,", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_USDM, FUTURES_DEPTH.replace("\"pu\":1007198631198,", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("\"U\":1007198631260,", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("\"u\":1007198631565,", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("\"s\":\"BTCUSD_PERP\",", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace(",\"a\":[[\"61804.8\",\"0\"]]", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"p\":\"61837.63000000\",", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"q\":\"0.02000000\",", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"t\":3735683259,", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"m\":true,", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"s\":\"BTCUSDT\",", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"e\":\"trade\"", "\"e\":\"aggTrade\""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_USDM, MARK_PRICE.replace("\"p\":\"28147.27373413\",", ""),
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_USDM,
            "{\"e\":\"bookTicker\",\"s\":\"BTCUSDT\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\",\"T\":1}",
            StatusReason.MISSING_FIELD);
        assertMalformed(Venue.BINANCE_SPOT, "{\"lastUpdateId\":1,\"bids\":[]}", StatusReason.MISSING_FIELD);
    }

    @Test
    void shouldReportNegativeQuantitiesAndNonPositivePricesAsBadValue()
    {
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"q\":\"0.02000000\"", "\"q\":\"-0.02000000\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"p\":\"61837.63000000\"", "\"p\":\"0.00000000\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"p\":\"61837.63000000\"", "\"p\":\"-61837.63\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("[\"61776.4\",\"412\"]", "[\"61776.4\",\"-412\"]"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("[\"61776.4\",\"412\"]", "[\"0\",\"412\"]"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("[\"61776.4\",\"412\"]", "[\"-61776.4\",\"412\"]"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM, FUTURES_DEPTH.replace("[\"61804.8\",\"0\"]", "[0,1]"),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_BOOK_TICKER.replace("\"b\":\"61837.63000000\"", "\"b\":\"0\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_BOOK_TICKER.replace("\"A\":\"1.54698000\"", "\"A\":\"-1\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_USDM, MARK_PRICE.replace("\"p\":\"28147.27373413\"", "\"p\":\"-1\""),
            StatusReason.BAD_VALUE);
        final String snapshot = "{\"lastUpdateId\":1,\"bids\":[[\"1\",\"-1\"]],\"asks\":[]}";
        assertMalformed(Venue.BINANCE_COINM, snapshot.replace("\"bids\"", "\"symbol\":\"X\",\"bids\""),
            StatusReason.BAD_VALUE);
    }

    @Test
    void shouldReportSymbolsThatAreTooLongOrHaveBadCharacters()
    {
        final String longest = "A".repeat(32);
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        sink.clear();
        final byte[] ok = SPOT_TRADE.replace("BTCUSDT", longest).getBytes(StandardCharsets.UTF_8);
        assertEquals(1, decoder.decode(new UnsafeBuffer(ok), 0, ok.length, RECV_TS_NS, sink));
        assertEquals(longest, sink.only().symbol());

        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"s\":\"BTCUSDT\"", "\"s\":\"" + longest + "B\""),
            StatusReason.SYMBOL_TOO_LONG);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"s\":\"BTCUSDT\"", "\"s\":\"BTC USDT\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"s\":\"BTCUSDT\"", "\"s\":\"BTC\\\"USDT\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"s\":\"BTCUSDT\"", "\"s\":\"BTC\\u0055SDT\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"s\":\"BTCUSDT\"", "\"s\":\"BTC\u00dcSDT\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"s\":\"BTCUSDT\"", "\"s\":\"\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_BOOK_TICKER.replace("\"s\":\"BTCUSDT\"", "\"s\":\"BTC*USDT\""),
            StatusReason.BAD_VALUE);
        assertMalformed(Venue.BINANCE_COINM,
            "{\"lastUpdateId\":1,\"symbol\":\"" + longest + "X\",\"bids\":[],\"asks\":[]}",
            StatusReason.SYMBOL_TOO_LONG);
    }

    @Test
    void shouldReportMalformedJson()
    {
        assertMalformed(Venue.BINANCE_SPOT, "", StatusReason.TRUNCATED);
        assertMalformed(Venue.BINANCE_SPOT, "   ", StatusReason.TRUNCATED);
        assertMalformed(Venue.BINANCE_SPOT, "[" + SPOT_TRADE + "]", StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE + "x", StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE + SPOT_TRADE, StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace(",\"q\"", " \"q\""), StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"q\":", "\"q\" "), StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"M\":true", "\"M\":tru"),
            StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"M\":true", "\"M\":true,"),
            StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"M\":true", "\"M\":\"a\u0001b\""),
            StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(Venue.BINANCE_SPOT, SPOT_TRADE.replace("\"M\":true", "\"M\":\"a\\qb\""),
            StatusReason.UNEXPECTED_CHARACTER);
        assertMalformed(Venue.BINANCE_SPOT,
            SPOT_TRADE.replace("\"M\":true", "\"M\":" + "[".repeat(40) + "]".repeat(40)),
            StatusReason.UNEXPECTED_CHARACTER);
    }

    @Test
    void shouldReportFramesLongerThanTheMaximum()
    {
        final int length = SPOT_TRADE.length();
        sink.clear();
        final byte[] bytes = SPOT_TRADE.getBytes(StandardCharsets.UTF_8);
        final BinanceDecoder exact = new BinanceDecoder(Venue.BINANCE_SPOT, length, 0);
        assertEquals(1, exact.decode(new UnsafeBuffer(bytes), 0, length, RECV_TS_NS, sink));
        assertTrue(view.templateId(sink.buffer(), sink.only()) != StatusDecoder.TEMPLATE_ID);

        final BinanceDecoder small = new BinanceDecoder(Venue.BINANCE_SPOT, length - 1, 0);
        sink.clear();
        assertEquals(1, small.decode(new UnsafeBuffer(bytes), 0, length, RECV_TS_NS, sink));
        final StatusDecoder status = JsonExpectations.assertMalformed(
            Venue.BINANCE_SPOT, RECV_TS_NS, StatusReason.FRAME_TOO_LARGE, sink, view, "max " + (length - 1));
        assertEquals(length, status.detail());

        final String huge = "{\"e\":\"trade\",\"pad\":\"" + "x".repeat(100_000) + "\"}";
        final BinanceDecoder limited = new BinanceDecoder(Venue.BINANCE_SPOT, 4096, 0);
        final byte[] hugeBytes = huge.getBytes(StandardCharsets.UTF_8);
        sink.clear();
        assertEquals(1, limited.decode(new UnsafeBuffer(hugeBytes), 0, hugeBytes.length, RECV_TS_NS, sink));
        JsonExpectations.assertMalformed(Venue.BINANCE_SPOT, RECV_TS_NS, StatusReason.FRAME_TOO_LARGE, sink, view,
            "huge");
    }

    @Test
    void shouldReportAMessageTheSinkCannotHoldAsTooLargeWithoutPublishingPartOfIt()
    {
        final String snapshot = Recordings.firstHftPayload(
            "hftbacktest/spot/btcusdt_20240808.gz", p -> p.startsWith("{\"lastUpdateId\""));
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        decoder.contextSymbol("BTCUSDT");
        final RecordingSink small = new RecordingSink(1 << 20, true).maxClaimLength(4096);
        final byte[] bytes = snapshot.getBytes(StandardCharsets.UTF_8);

        assertEquals(1, decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS_NS, small));

        JsonExpectations.assertMalformed(Venue.BINANCE_SPOT, RECV_TS_NS, StatusReason.FRAME_TOO_LARGE, small, view,
            "snapshot into a small sink");
        assertEquals(1, small.commits());
    }

    @Test
    void shouldAcceptTheMostLevelsOneMessageCarriesAndReportMore()
    {
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        final String fits = depthWithBidLevels(BinanceDecoder.MAX_LEVELS);
        sink.clear();
        final byte[] fitsBytes = fits.getBytes(StandardCharsets.UTF_8);
        assertEquals(1, decoder.decode(new UnsafeBuffer(fitsBytes), 0, fitsBytes.length, RECV_TS_NS, sink));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals(BinanceDecoder.MAX_LEVELS, book.bids().count());

        assertMalformed(Venue.BINANCE_SPOT, depthWithBidLevels(BinanceDecoder.MAX_LEVELS + 1),
            StatusReason.TOO_MANY_LEVELS);
    }

    @Test
    void shouldNeverThrowOnMutatedRealFrames()
    {
        final Random random = new Random(20240808);
        final String[] frames = {
            SPOT_TRADE, FUTURES_DEPTH, SPOT_BOOK_TICKER, MARK_PRICE,
            Recordings.firstCryptofeedPayload("cryptofeed/BINANCE_DELIVERY.http.0.0.gz", p -> p.length() < 8000) };
        final byte[] alphabet = "{}[]\":,.-+eE0123456789 \\tnu\u0000".getBytes(StandardCharsets.ISO_8859_1);
        for (final String text : frames)
        {
            for (final Venue venue : new Venue[]{ Venue.BINANCE_SPOT, Venue.BINANCE_USDM })
            {
                final BinanceDecoder decoder = new BinanceDecoder(venue);
                decoder.contextSymbol("BTCUSDT");
                for (int round = 0; round < 3000; round++)
                {
                    final byte[] frame = text.getBytes(StandardCharsets.UTF_8);
                    final int mutations = 1 + random.nextInt(3);
                    for (int i = 0; i < mutations; i++)
                    {
                        final int at = random.nextInt(frame.length);
                        frame[at] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] :
                            (byte)random.nextInt(256);
                    }
                    sink.clear();
                    assertEquals(1, decoder.decode(new UnsafeBuffer(frame), 0, frame.length, RECV_TS_NS, sink));
                    assertEquals(1, sink.messages().size());
                    assertEquals(0, sink.protocolErrors());
                    if (view.templateId(sink.buffer(), sink.only()) == StatusDecoder.TEMPLATE_ID)
                    {
                        final StatusDecoder status = view.status(sink.buffer(), sink.only());
                        assertTrue(status.detail() >= 0 && status.detail() <= frame.length,
                            new String(frame, StandardCharsets.ISO_8859_1));
                    }
                }
            }
        }
    }

    @Test
    void shouldDecodeTheNextFrameNormallyAfterAMalformedOne()
    {
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        final byte[] good = SPOT_TRADE.getBytes(StandardCharsets.UTF_8);
        sink.clear();
        decoder.decode(new UnsafeBuffer(good), 0, good.length, RECV_TS_NS, sink);
        final byte[] expected = sink.bytes(sink.only());

        final String[] bad = {
            SPOT_TRADE.substring(0, 50),
            SPOT_TRADE.replace("\"q\":", "\"p\":\"1\",\"q\":"),
            "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown variable\"},\"id\":1}",
            SPOT_TRADE.replace("\"p\":\"61837.63000000\"", "\"p\":\"x\"") };
        for (final String text : bad)
        {
            final byte[] frame = text.getBytes(StandardCharsets.UTF_8);
            sink.clear();
            decoder.decode(new UnsafeBuffer(frame), 0, frame.length, RECV_TS_NS, sink);
            assertEquals(StatusDecoder.TEMPLATE_ID, view.templateId(sink.buffer(), sink.only()), text);
            sink.clear();
            decoder.decode(new UnsafeBuffer(good), 0, good.length, RECV_TS_NS, sink);
            assertArrayEquals(expected, sink.bytes(sink.only()), "after " + text);
        }
    }

    /**
     * Decodes the frame at offset 0 and again inside a larger buffer at an offset: both must give the same one status
     * message (the detail is relative to the frame).
     */
    private void assertMalformed(final Venue venue, final String text, final StatusReason reason)
    {
        final BinanceDecoder decoder = new BinanceDecoder(venue);
        final byte[] frame = text.getBytes(StandardCharsets.UTF_8);
        sink.clear();
        assertEquals(1, decoder.decode(new UnsafeBuffer(frame), 0, frame.length, RECV_TS_NS, sink), text);
        final StatusDecoder status = JsonExpectations.assertMalformed(
            venue, RECV_TS_NS, reason, sink, view, JsonExpectations.abbreviate(text));
        final long detail = status.detail();
        assertTrue(detail >= 0 && detail <= frame.length, "detail " + detail + " of " + text);
        final byte[] atOffset = sink.bytes(sink.only());

        final byte[] line = new byte[frame.length + 19];
        Arrays.fill(line, (byte)'1');
        System.arraycopy(frame, 0, line, 11, frame.length);
        sink.clear();
        assertEquals(1, new BinanceDecoder(venue).decode(new UnsafeBuffer(line), 11, frame.length, RECV_TS_NS, sink));
        assertArrayEquals(atOffset, sink.bytes(sink.only()), "at offset 11: " + text);
    }

    private static String depthWithBidLevels(final int count)
    {
        final StringBuilder text = new StringBuilder(count * 12 + 100);
        text.append("{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"a\":[],\"b\":[");
        for (int i = 0; i < count; i++)
        {
            text.append(i == 0 ? "" : ",").append("[\"").append(i + 1).append("\",\"1\"]");
        }
        return text.append("]}").toString();
    }
}
