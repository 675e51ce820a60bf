/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

final class BinanceDecoderTest
{
    private static final String SPOT_2024 = "hftbacktest/spot/btcusdt_20240808.gz";
    private static final String SPOT_2023 = "hftbacktest/spot/btcusdt_20230405.dat.gz";
    private static final String COINM_2024 = "hftbacktest/cm/btcusd_perp_20240808.gz";
    private static final String USDM_2023 = "hftbacktest/usdm/btcusdt_20230404.dat.gz";
    private static final String CF_SPOT_WS = "cryptofeed/BINANCE.ws.1.0.gz";
    private static final String CF_USDM_WS = "cryptofeed/BINANCE_FUTURES.ws.1.0.gz";
    private static final String CF_COINM_WS = "cryptofeed/BINANCE_DELIVERY.ws.1.0.gz";
    private static final long RECV_TS_NS = 1_723_161_254_087_896_568L;
    private static final long NS_PER_MS = 1_000_000L;

    /** aggTrade as Binance documents it (spot WebSocket streams, "Aggregate Trade Streams"). */
    private static final String DOCUMENTED_AGG_TRADE = "{\"e\":\"aggTrade\",\"E\":1672515782136,\"s\":\"BNBBTC\"," +
        "\"a\":12345,\"p\":\"0.001\",\"q\":\"100\",\"f\":100,\"l\":105,\"T\":1672515782136,\"m\":true,\"M\":true}";

    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    @Test
    void shouldDecodeSpotTradeWithTradeTimeAndTakerSide()
    {
        final String frame = Recordings.firstHftPayload(SPOT_2024, p -> p.contains("@trade\""));
        final Map<String, String> event = MiniJson.members(MiniJson.event(frame));

        decode(new BinanceDecoder(Venue.BINANCE_SPOT), frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_SPOT, frame, RECV_TS_NS, null, sink, view);
        final TradeDecoder trade = view.trade(sink.buffer(), sink.only());
        assertEquals("true", event.get("m"));
        assertEquals(Side.SELL, trade.side());
        assertNotEquals(MiniJson.integer(event.get("E")), MiniJson.integer(event.get("T")));
        assertEquals(MiniJson.integer(event.get("T")) * NS_PER_MS, trade.exchTsNs());
        // the example of JSONL.md is this very frame
        assertEquals(6183763000000L, trade.price().mantissa());
        assertEquals(-8, trade.price().exponent());
        assertEquals(1723161255342000000L, trade.exchTsNs());
        assertEquals("BTCUSDT", sink.only().symbol());
    }

    @Test
    void shouldDecodeBuyerTakerTradeAsBuy()
    {
        final String frame = Recordings.firstHftPayload(COINM_2024, p -> p.contains("@trade\""));
        assertTrue(frame.contains("\"m\":false"));

        decode(new BinanceDecoder(Venue.BINANCE_COINM), frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_COINM, frame, RECV_TS_NS, null, sink, view);
        assertEquals(Side.BUY, view.trade(sink.buffer(), sink.only()).side());
    }

    @Test
    void shouldDecodeSpotTradeOfOlderFormatWithOrderIds()
    {
        final String frame = Recordings.firstHftPayload(SPOT_2023, p -> p.contains("@trade\""));
        assertTrue(frame.contains("\"b\":") && frame.contains("\"a\":"));

        decode(new BinanceDecoder(Venue.BINANCE_SPOT), frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_SPOT, frame, RECV_TS_NS, null, sink, view);
    }

    @Test
    void shouldDecodeRecordedAggTradesOfEveryMarket()
    {
        final String spot = Recordings.firstCryptofeedPayload(CF_SPOT_WS, p -> p.contains("\"e\":\"aggTrade\""));
        final String usdm = Recordings.firstCryptofeedPayload(CF_USDM_WS, p -> p.contains("\"e\":\"aggTrade\""));
        final String coinm = Recordings.firstCryptofeedPayload(CF_COINM_WS, p -> p.contains("\"e\":\"aggTrade\""));

        decode(new BinanceDecoder(Venue.BINANCE_SPOT), spot, RECV_TS_NS);
        JsonExpectations.assertDecoded(Venue.BINANCE_SPOT, spot, RECV_TS_NS, null, sink, view);
        decode(new BinanceDecoder(Venue.BINANCE_USDM), usdm, RECV_TS_NS);
        JsonExpectations.assertDecoded(Venue.BINANCE_USDM, usdm, RECV_TS_NS, null, sink, view);
        decode(new BinanceDecoder(Venue.BINANCE_COINM), coinm, RECV_TS_NS);
        JsonExpectations.assertDecoded(Venue.BINANCE_COINM, coinm, RECV_TS_NS, null, sink, view);
    }

    @Test
    void shouldDecodeDocumentedAggTradeWithAggregateIdAsTradeId()
    {
        decode(new BinanceDecoder(Venue.BINANCE_SPOT), DOCUMENTED_AGG_TRADE, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_SPOT, DOCUMENTED_AGG_TRADE, RECV_TS_NS, null, sink, view);
        final TradeDecoder trade = view.trade(sink.buffer(), sink.only());
        assertEquals(12345, trade.tradeId());
        assertEquals(1, trade.price().mantissa());
        assertEquals(-3, trade.price().exponent());
        assertEquals(Side.SELL, trade.side());
        assertEquals("BNBBTC", sink.only().symbol());
    }

    @Test
    void shouldDecodeSpotDepthUpdateWithEventTime()
    {
        final String frame = Recordings.firstHftPayload(SPOT_2024, p -> p.contains("\"e\":\"depthUpdate\""));
        final Map<String, String> event = MiniJson.members(MiniJson.event(frame));

        decode(new BinanceDecoder(Venue.BINANCE_SPOT), frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_SPOT, frame, RECV_TS_NS, null, sink, view);
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals(MiniJson.integer(event.get("E")) * NS_PER_MS, book.exchTsNs());
        assertEquals(BookUpdateDecoder.prevSeqNullValue(), book.prevSeq());
        assertEquals(MiniJson.levels(event.get("b")).size(), book.bids().count());
    }

    @Test
    void shouldDecodeFuturesDepthUpdateWithTransactionTimeAndPreviousId()
    {
        final String frame = Recordings.firstHftPayload(COINM_2024, p -> p.contains("\"e\":\"depthUpdate\""));
        final Map<String, String> event = MiniJson.members(MiniJson.event(frame));

        decode(new BinanceDecoder(Venue.BINANCE_COINM), frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_COINM, frame, RECV_TS_NS, null, sink, view);
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertNotEquals(MiniJson.integer(event.get("E")), MiniJson.integer(event.get("T")));
        assertEquals(MiniJson.integer(event.get("T")) * NS_PER_MS, book.exchTsNs());
        assertEquals(MiniJson.integer(event.get("pu")), book.prevSeq());
        assertEquals(MiniJson.integer(event.get("U")), book.firstSeq());
        assertEquals(MiniJson.integer(event.get("u")), book.seq());
    }

    @Test
    void shouldDecodeUsdmDepthUpdate()
    {
        final String frame = Recordings.firstHftPayload(USDM_2023, p -> p.contains("\"e\":\"depthUpdate\""));

        decode(new BinanceDecoder(Venue.BINANCE_USDM), frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_USDM, frame, RECV_TS_NS, null, sink, view);
    }

    @Test
    void shouldDecodeSpotBookTickerWithoutEventTypeAndWithoutTime()
    {
        final String frame = Recordings.firstHftPayload(SPOT_2024, p -> p.contains("@bookTicker\""));
        final Map<String, String> event = MiniJson.members(MiniJson.event(frame));
        assertTrue(!event.containsKey("e") && !event.containsKey("E") && !event.containsKey("T"));

        decode(new BinanceDecoder(Venue.BINANCE_SPOT), frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_SPOT, frame, RECV_TS_NS, null, sink, view);
        final BboDecoder bbo = view.bbo(sink.buffer(), sink.only());
        assertEquals(BboDecoder.exchTsNsNullValue(), bbo.exchTsNs());
        assertEquals(MiniJson.integer(event.get("u")), bbo.seq());
    }

    @Test
    void shouldDecodeFuturesBookTickerWithEventTypeAndTransactionTime()
    {
        final String frame = Recordings.firstHftPayload(USDM_2023, p -> p.contains("@bookTicker\""));
        final Map<String, String> event = MiniJson.members(MiniJson.event(frame));
        assertEquals("\"bookTicker\"", event.get("e"));

        decode(new BinanceDecoder(Venue.BINANCE_USDM), frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_USDM, frame, RECV_TS_NS, null, sink, view);
        assertEquals(MiniJson.integer(event.get("T")) * NS_PER_MS, view.bbo(sink.buffer(), sink.only()).exchTsNs());
    }

    @Test
    void shouldDecodeMarkPriceUpdateWithEventTimeAndNextFundingTime()
    {
        final String frame = Recordings.firstHftPayload(USDM_2023, p -> p.contains("\"e\":\"markPriceUpdate\""));
        final Map<String, String> event = MiniJson.members(MiniJson.event(frame));

        decode(new BinanceDecoder(Venue.BINANCE_USDM), frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_USDM, frame, RECV_TS_NS, null, sink, view);
        final FundingDecoder funding = view.funding(sink.buffer(), sink.only());
        assertEquals(MiniJson.integer(event.get("E")) * NS_PER_MS, funding.exchTsNs());
        assertEquals(MiniJson.integer(event.get("T")) * NS_PER_MS, funding.nextFundingTsNs());
        assertEquals("\"0.00002754\"", event.get("r"));
        assertEquals(2754, funding.fundingRate().mantissa());
        assertEquals(-8, funding.fundingRate().exponent());
    }

    @Test
    void shouldDecodeMarkPriceUpdateWithoutOptionalIndexAndRate()
    {
        final String frame = "{\"e\":\"markPriceUpdate\",\"E\":1680652701000,\"s\":\"BTCUSDT\"," +
            "\"p\":\"28147.27373413\",\"r\":\"\",\"T\":0}";

        decode(new BinanceDecoder(Venue.BINANCE_USDM), frame, RECV_TS_NS);

        final FundingDecoder funding = view.funding(sink.buffer(), sink.only());
        assertEquals(2814727373413L, funding.markPrice().mantissa());
        assertEquals(JsonExpectations.NULL, funding.indexPrice().mantissa());
        assertEquals(JsonExpectations.NULL, funding.fundingRate().mantissa());
        assertEquals(FundingDecoder.nextFundingTsNsNullValue(), funding.nextFundingTsNs());
    }

    @Test
    void shouldDecodeSymbolLessSpotSnapshotWithContextSymbol()
    {
        final String frame = Recordings.firstHftPayload(SPOT_2024, p -> p.startsWith("{\"lastUpdateId\""));
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        decoder.contextSymbol("BTCUSDT");

        decode(decoder, frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_SPOT, frame, RECV_TS_NS, "BTCUSDT", sink, view);
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals(BookUpdateDecoder.exchTsNsNullValue(), book.exchTsNs());
        assertTrue(sink.only().claimed() >= sink.only().length() + BinanceDecoder.DEFAULT_SNAPSHOT_HEADROOM);
    }

    @Test
    void shouldDecodeSnapshotWithItsOwnSymbolRatherThanTheContextSymbol()
    {
        final String frame = Recordings.firstHftPayload(COINM_2024, p -> p.startsWith("{\"lastUpdateId\""));
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_COINM);
        decoder.contextSymbol("ETHUSD_PERP");

        decode(decoder, frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_COINM, frame, RECV_TS_NS, null, sink, view);
        assertEquals("BTCUSD_PERP", sink.only().symbol());
    }

    @Test
    void shouldDecodeUsdmSnapshotWrittenWithWhitespace()
    {
        final String frame = Recordings.firstHftPayload(USDM_2023, p -> p.startsWith("{\"lastUpdateId\""));
        assertTrue(frame.contains("\", \""));
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_USDM);
        decoder.contextSymbol("BTCUSDT");

        decode(decoder, frame, RECV_TS_NS);

        JsonExpectations.assertDecoded(Venue.BINANCE_USDM, frame, RECV_TS_NS, "BTCUSDT", sink, view);
    }

    @Test
    void shouldReportSnapshotWithoutAnySymbolAsMissingField()
    {
        final String frame = Recordings.firstHftPayload(SPOT_2024, p -> p.startsWith("{\"lastUpdateId\""));
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        decoder.contextSymbol("BTCUSDT");
        decoder.contextSymbol(null);

        decode(decoder, frame, RECV_TS_NS);

        JsonExpectations.assertMalformed(
            Venue.BINANCE_SPOT, RECV_TS_NS, StatusReason.MISSING_FIELD, sink, view, "snapshot without symbol");
    }

    /**
     * A context symbol comes from recorded data too (a captured request's query string): one no message can carry
     * clears the symbol instead of throwing, so a body that needs it is reported, never given the symbol before.
     */
    @Test
    void shouldClearAnInvalidContextSymbolAndRejectANonBinanceVenue()
    {
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        final String frame = "{\"lastUpdateId\":1,\"bids\":[[\"1.0\",\"2.0\"]],\"asks\":[]}";
        for (final String invalid : new String[]{ "BTC USDT", "A".repeat(33) })
        {
            decoder.contextSymbol("BTCUSDT");
            decoder.contextSymbol(invalid);
            sink.clear();
            decode(decoder, frame, RECV_TS_NS);
            JsonExpectations.assertMalformed(
                Venue.BINANCE_SPOT, RECV_TS_NS, StatusReason.MISSING_FIELD, sink, view, invalid);
        }
        assertThrows(IllegalArgumentException.class, () -> new BinanceDecoder(Venue.OKX));
    }

    @Test
    void shouldReportKlineAsUnknownEventType()
    {
        final String frame = Recordings.firstCryptofeedPayload(CF_SPOT_WS, p -> p.contains("\"e\":\"kline\""));

        decode(new BinanceDecoder(Venue.BINANCE_SPOT), frame, RECV_TS_NS);

        JsonExpectations.assertMalformed(
            Venue.BINANCE_SPOT, RECV_TS_NS, StatusReason.UNKNOWN_EVENT_TYPE, sink, view, frame);
    }

    @Test
    void shouldDecodeEveryRecordedHftbacktestFrameAsItsJsonSays()
    {
        assertEquals(41249, verifyHftbacktestFile(SPOT_2024, Venue.BINANCE_SPOT, "BTCUSDT"));
        assertEquals(15088, verifyHftbacktestFile(SPOT_2023, Venue.BINANCE_SPOT, "BTCUSDT"));
        assertEquals(48270, verifyHftbacktestFile(COINM_2024, Venue.BINANCE_COINM, "BTCUSD_PERP"));
        assertEquals(13384, verifyHftbacktestFile(USDM_2023, Venue.BINANCE_USDM, "BTCUSDT"));
    }

    @Test
    void shouldDecodeEveryRecordedCryptofeedFrameAsItsJsonSays()
    {
        verifyCryptofeedFile("cryptofeed/BINANCE.ws.1.0.gz", Venue.BINANCE_SPOT);
        verifyCryptofeedFile("cryptofeed/BINANCE.http.0.0.gz", Venue.BINANCE_SPOT);
        verifyCryptofeedFile("cryptofeed/BINANCE_FUTURES.ws.1.0.gz", Venue.BINANCE_USDM);
        verifyCryptofeedFile("cryptofeed/BINANCE_FUTURES.http.0.0.gz", Venue.BINANCE_USDM);
        verifyCryptofeedFile("cryptofeed/BINANCE_DELIVERY.ws.1.0.gz", Venue.BINANCE_COINM);
        verifyCryptofeedFile("cryptofeed/BINANCE_DELIVERY.http.0.0.gz", Venue.BINANCE_COINM);
    }

    @Test
    void shouldGiveTheSameMessageForEnvelopeAndBareEvent()
    {
        for (final Sample sample : samples())
        {
            if (!sample.frame.startsWith("{\"stream\""))
            {
                continue;
            }
            final byte[] enveloped = decodeToBytes(sample, sample.frame);
            final byte[] bare = decodeToBytes(sample, MiniJson.event(sample.frame));
            assertArrayEquals(enveloped, bare, sample.frame);
            final String dataFirst = "{\"data\":" + MiniJson.event(sample.frame) + ",\"stream\":\"x@y\"}";
            assertArrayEquals(enveloped, decodeToBytes(sample, dataFirst), dataFirst);
        }
    }

    @Test
    void shouldDecodeFieldsInAnyOrder()
    {
        final Random random = new Random(42);
        for (final Sample sample : samples())
        {
            final byte[] expected = decodeToBytes(sample, sample.frame);
            final List<Map.Entry<String, String>> members =
                new ArrayList<>(MiniJson.members(MiniJson.event(sample.frame)).entrySet());
            for (int round = 0; round < 25; round++)
            {
                Collections.shuffle(members, random);
                final Map<String, String> shuffled = new LinkedHashMap<>();
                for (final Map.Entry<String, String> member : members)
                {
                    shuffled.put(member.getKey(), member.getValue());
                }
                final String permuted = MiniJson.object(shuffled);
                assertArrayEquals(expected, decodeToBytes(sample, permuted), permuted);
                final String enveloped = "{\"stream\":\"s\",\"data\":" + permuted + "}";
                assertArrayEquals(expected, decodeToBytes(sample, enveloped), enveloped);
            }
        }
    }

    @Test
    void shouldIgnoreUnknownFieldsWhateverTheyHold()
    {
        final String[] unknown = {
            "\"X\":\"MARKET\"",
            "\"ps\":\"BTCUSD\"",
            "\"M\":true",
            "\"n\":null",
            "\"zz\":[1,-2.5e-3,{\"a\":[[]]},\"\\u00e9\\\"\"]",
            "\"k\":{\"t\":1,\"T\":2,\"s\":\"OTHER\",\"p\":\"0\",\"e\":\"kline\",\"b\":[[\"1\",\"2\"]]}",
            "\"data2\":{\"e\":\"trade\"}",
            "\"ee\":\"trade\"",
            "\"\":0" };
        final Random random = new Random(7);
        for (final Sample sample : samples())
        {
            final byte[] expected = decodeToBytes(sample, sample.frame);
            for (final String extra : unknown)
            {
                final String event = MiniJson.event(sample.frame);
                final List<Map.Entry<String, String>> members =
                    new ArrayList<>(MiniJson.members(event).entrySet());
                final int at = random.nextInt(members.size() + 1);
                final StringBuilder text = new StringBuilder("{");
                for (int i = 0; i <= members.size(); i++)
                {
                    if (i == at)
                    {
                        text.append(text.length() > 1 ? "," : "").append(extra);
                    }
                    if (i < members.size())
                    {
                        text.append(text.length() > 1 ? "," : "").append('"').append(members.get(i).getKey())
                            .append("\":").append(members.get(i).getValue());
                    }
                }
                final String withExtra = text.append('}').toString();
                assertArrayEquals(expected, decodeToBytes(sample, withExtra), withExtra);
            }
        }
    }

    @Test
    void shouldAcceptEmptyLevelArraysAsZeroLevels()
    {
        final String frame = "{\"e\":\"depthUpdate\",\"E\":1723161601274,\"T\":1723161601265,\"s\":\"BTCUSD_PERP\"," +
            "\"U\":1007202248023,\"u\":1007202248051,\"pu\":1007202248021,\"b\":[],\"a\":[ ]}";

        decode(new BinanceDecoder(Venue.BINANCE_COINM), frame, RECV_TS_NS);

        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals(1007202248051L, book.seq());
        assertEquals(0, book.bids().count());
        assertEquals(0, book.asks().count());

        final String snapshot = "{\"lastUpdateId\":5,\"bids\":[],\"asks\":[]}";
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        decoder.contextSymbol("BTCUSDT");
        decode(decoder, snapshot, RECV_TS_NS);
        final BookUpdateDecoder empty = view.book(sink.buffer(), sink.only());
        assertEquals(5, empty.seq());
        assertEquals(0, empty.bids().count());
        assertEquals(0, empty.asks().count());
    }

    @Test
    void shouldDecodeLevelsOfAnyWellFormedShapeAlike()
    {
        final String compact = "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2," +
            "\"b\":[[\"61837.63000000\",\"0.00000000\"],[\"0.1\",\"2\"]],\"a\":[[\"61837.64\",\"1.5\"]]}";
        final String spaced = "{ \"e\" : \"depthUpdate\" , \"E\" : 1 , \"s\" : \"BTCUSDT\" , \"U\" : 1 , \"u\" : 2 ," +
            " \"b\" : [ [ \"61837.63000000\" , \"0.00000000\" ] , [\"0.1\", \"2\"] ] ," +
            " \"a\" :\n[[\"61837.64\",\"1.5\"]]}";
        final String extraElements = "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2," +
            "\"b\":[[\"61837.63000000\",\"0.00000000\",[]],[\"0.1\",\"2\",\"x\"]],\"a\":[[\"61837.64\",\"1.5\",{}]]}";
        final String bareNumbers = "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2," +
            "\"b\":[[61837.63000000,0.00000000],[0.1,2]],\"a\":[[61837.64,1.5]]}";
        final Sample sample = new Sample(Venue.BINANCE_SPOT, compact, null);

        final byte[] expected = decodeToBytes(sample, compact);
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals(2, book.bids().count());

        assertArrayEquals(expected, decodeToBytes(sample, spaced));
        assertArrayEquals(expected, decodeToBytes(sample, extraElements));
        assertArrayEquals(expected, decodeToBytes(sample, bareNumbers));
    }

    @Test
    void shouldNotCarryFieldsOverFromThePreviousFrame()
    {
        final String futuresDepth = Recordings.firstHftPayload(COINM_2024, p -> p.contains("\"e\":\"depthUpdate\""));
        final String spotDepth = Recordings.firstHftPayload(SPOT_2024, p -> p.contains("\"e\":\"depthUpdate\""));
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        final Sample sample = new Sample(Venue.BINANCE_SPOT, spotDepth, null);
        final byte[] fresh = decodeToBytes(sample, spotDepth);

        decode(decoder, futuresDepth, RECV_TS_NS);
        assertNotEquals(BookUpdateDecoder.prevSeqNullValue(), view.book(sink.buffer(), sink.only()).prevSeq());
        decode(decoder, spotDepth, RECV_TS_NS);
        assertArrayEquals(fresh, sink.bytes(sink.only()));

        decode(decoder, "{\"e\":\"trade\",\"p\":\"1\",\"p\":\"2\"}", RECV_TS_NS);
        decode(decoder, spotDepth, RECV_TS_NS);
        assertArrayEquals(fresh, sink.bytes(sink.only()));
    }

    /**
     * The decoder tells this frame's fields from earlier frames' by a frame counter. Setting the private counter close
     * to where it wraps stands in for the ~2^31 combined-stream frames a long-running connection decodes before it
     * gets there; every frame must still decode exactly as on a fresh decoder.
     */
    @Test
    void shouldDecodeAlikeWhenTheFrameCounterWraps() throws ReflectiveOperationException
    {
        final List<String> lines = Recordings.lines(SPOT_2024).subList(0, 40);
        final BinanceDecoder reference = new BinanceDecoder(Venue.BINANCE_SPOT);
        reference.contextSymbol("BTCUSDT");
        final List<byte[]> expected = new ArrayList<>();
        for (final String line : lines)
        {
            decode(reference, Recordings.hftPayload(line), Recordings.hftTime(line));
            expected.add(sink.bytes(sink.only()));
        }

        final java.lang.reflect.Field counter = BinanceDecoder.class.getDeclaredField("frameNumber");
        counter.setAccessible(true);
        for (int start = -24; start < 0; start++)
        {
            final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
            decoder.contextSymbol("BTCUSDT");
            counter.setInt(decoder, start);
            for (int i = 0; i < lines.size(); i++)
            {
                decode(decoder, Recordings.hftPayload(lines.get(i)), Recordings.hftTime(lines.get(i)));
                assertArrayEquals(expected.get(i), sink.bytes(sink.only()),
                    "counter started at " + start + ", frame " + i + ": " + lines.get(i).substring(0, 80));
            }
        }
    }

    @Test
    void shouldDecodeFrameAtAnOffsetInsideALargerBuffer()
    {
        for (final Sample sample : samples())
        {
            final byte[] expected = decodeToBytes(sample, sample.frame);
            final byte[] frame = sample.frame.getBytes(StandardCharsets.UTF_8);
            final byte[] line = new byte[frame.length + 40];
            java.util.Arrays.fill(line, (byte)'}');
            System.arraycopy(frame, 0, line, 21, frame.length);
            final BinanceDecoder decoder = decoder(sample);
            sink.clear();
            assertEquals(1, decoder.decode(new UnsafeBuffer(line), 21, frame.length, RECV_TS_NS, sink));
            assertArrayEquals(expected, sink.bytes(sink.only()), sample.frame);
        }
    }

    @Test
    void shouldStampTheDecodersVenue()
    {
        final String frame = Recordings.firstHftPayload(SPOT_2024, p -> p.contains("@trade\""));
        for (final Venue venue : new Venue[]{ Venue.BINANCE_SPOT, Venue.BINANCE_USDM, Venue.BINANCE_COINM })
        {
            decode(new BinanceDecoder(venue), frame, RECV_TS_NS);
            assertEquals(venue, view.trade(sink.buffer(), sink.only()).venue());
        }
    }

    @Test
    void shouldDecodeWithoutAllocating()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final List<String> lines = Recordings.lines(SPOT_2024);
        final int count = lines.size();
        final int[] offsets = new int[count];
        final int[] lengths = new int[count];
        final long[] recvTs = new long[count];
        final byte[][] payloads = new byte[count][];
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            payloads[i] = Recordings.hftPayload(lines.get(i)).getBytes(StandardCharsets.UTF_8);
            recvTs[i] = Recordings.hftTime(lines.get(i));
            offsets[i] = total;
            lengths[i] = payloads[i].length;
            total += lengths[i];
        }
        final UnsafeBuffer frames = new UnsafeBuffer(new byte[total]);
        for (int i = 0; i < count; i++)
        {
            frames.putBytes(offsets[i], payloads[i]);
        }
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_SPOT);
        decoder.contextSymbol("BTCUSDT");
        final RecordingSink counting = new RecordingSink(8 * 1024 * 1024, false);

        for (int pass = 0; pass < 2; pass++)
        {
            decodeAll(decoder, frames, offsets, lengths, recvTs, counting);
        }

        // The frames are the same every pass, so whatever the decoder allocates it allocates in every pass. The JVM
        // itself charges a few dozen bytes to the thread when the JIT moves a method between tiers or enters OSR
        // code (a plain arithmetic loop shows it too), so a pass that crosses such an event is measured again.
        final StringBuilder measured = new StringBuilder();
        long cleanPasses = 0;
        for (int pass = 0; pass < 5 && cleanPasses == 0; pass++)
        {
            counting.clear();
            final long before = threads.getCurrentThreadAllocatedBytes();
            final long messages = decodeAll(decoder, frames, offsets, lengths, recvTs, counting);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertEquals(count, messages);
            assertEquals(count, counting.commits());
            assertEquals(0, counting.protocolErrors());
            measured.append(allocated).append(' ');
            cleanPasses += allocated == 0 ? 1 : 0;
        }
        assertEquals(1, cleanPasses, "bytes allocated per pass over " + count + " frames: " + measured);
    }

    private static long decodeAll(
        final BinanceDecoder decoder,
        final UnsafeBuffer frames,
        final int[] offsets,
        final int[] lengths,
        final long[] recvTs,
        final RecordingSink sink)
    {
        long messages = 0;
        for (int i = 0; i < offsets.length; i++)
        {
            messages += decoder.decode(frames, offsets[i], lengths[i], recvTs[i], sink);
        }
        return messages;
    }

    private int verifyHftbacktestFile(final String relative, final Venue venue, final String contextSymbol)
    {
        final BinanceDecoder decoder = new BinanceDecoder(venue);
        decoder.contextSymbol(contextSymbol);
        int frames = 0;
        for (final String line : Recordings.lines(relative))
        {
            final String frame = Recordings.hftPayload(line);
            final long recvTs = Recordings.hftTime(line);
            decode(decoder, frame, recvTs);
            JsonExpectations.assertDecoded(venue, frame, recvTs, contextSymbol, sink, view);
            frames++;
        }
        return frames;
    }

    private void verifyCryptofeedFile(final String relative, final Venue venue)
    {
        final BinanceDecoder decoder = new BinanceDecoder(venue);
        int frames = 0;
        for (final String line : Recordings.lines(relative))
        {
            final String frame = Recordings.cryptofeedPayload(line);
            if (frame == null)
            {
                continue;
            }
            String contextSymbol = null;
            final int symbolAt = line.indexOf("symbol=");
            if (line.startsWith("https://") && symbolAt > 0)
            {
                final int end = line.indexOf('&', symbolAt);
                contextSymbol = line.substring(symbolAt + "symbol=".length(), end);
                decoder.contextSymbol(contextSymbol);
            }
            decode(decoder, frame, 17L);
            JsonExpectations.assertDecoded(venue, frame, 17L, contextSymbol, sink, view);
            frames++;
        }
        assertTrue(frames > 0, relative);
    }

    private void decode(final BinanceDecoder decoder, final String frame, final long recvTsNs)
    {
        sink.clear();
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        assertEquals(1, decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, recvTsNs, sink), frame);
        assertEquals(0, sink.aborts());
    }

    private byte[] decodeToBytes(final Sample sample, final String frame)
    {
        decode(decoder(sample), frame, RECV_TS_NS);
        assertEquals(1, sink.messages().size());
        return sink.bytes(sink.only());
    }

    private static BinanceDecoder decoder(final Sample sample)
    {
        final BinanceDecoder decoder = new BinanceDecoder(sample.venue);
        if (sample.contextSymbol != null)
        {
            decoder.contextSymbol(sample.contextSymbol);
        }
        return decoder;
    }

    /**
     * One real frame of each kind the decoder handles.
     */
    static List<Sample> samples()
    {
        final List<Sample> samples = new ArrayList<>();
        samples.add(new Sample(Venue.BINANCE_SPOT, Recordings.firstHftPayload(SPOT_2024, p -> p.contains("@trade\"")),
            null));
        samples.add(new Sample(Venue.BINANCE_SPOT,
            Recordings.firstHftPayload(SPOT_2024, p -> p.contains("\"e\":\"depthUpdate\"")), null));
        samples.add(new Sample(Venue.BINANCE_SPOT,
            Recordings.firstHftPayload(SPOT_2024, p -> p.contains("@bookTicker\"")), null));
        samples.add(new Sample(Venue.BINANCE_COINM,
            Recordings.firstHftPayload(COINM_2024, p -> p.contains("\"e\":\"depthUpdate\"")), null));
        samples.add(new Sample(Venue.BINANCE_COINM,
            Recordings.firstHftPayload(COINM_2024, p -> p.contains("\"e\":\"bookTicker\"")), null));
        samples.add(new Sample(Venue.BINANCE_COINM,
            Recordings.firstHftPayload(COINM_2024, p -> p.contains("@trade\"")), null));
        samples.add(new Sample(Venue.BINANCE_USDM,
            Recordings.firstHftPayload(USDM_2023, p -> p.contains("\"e\":\"markPriceUpdate\"")), null));
        samples.add(new Sample(Venue.BINANCE_USDM,
            Recordings.firstCryptofeedPayload(CF_USDM_WS, p -> p.contains("\"e\":\"aggTrade\"")), null));
        samples.add(new Sample(Venue.BINANCE_COINM,
            Recordings.firstCryptofeedPayload("cryptofeed/BINANCE_DELIVERY.http.0.0.gz", p -> p.length() < 8000),
            null));
        samples.add(new Sample(Venue.BINANCE_USDM,
            Recordings.firstHftPayload(USDM_2023, p -> p.startsWith("{\"lastUpdateId\"")), "BTCUSDT"));
        return samples;
    }

    /**
     * A frame, the venue whose decoder reads it and the context symbol it needs (REST snapshots without symbol).
     */
    static final class Sample
    {
        final Venue venue;
        final String frame;
        final String contextSymbol;

        Sample(final Venue venue, final String frame, final String contextSymbol)
        {
            this.venue = venue;
            this.frame = frame;
            this.contextSymbol = contextSymbol;
        }
    }
}
