/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.DecodedMessages;
import io.marketprism.feeds.FrameReplay;
import io.marketprism.feeds.instrument.InstrumentCatalog;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static io.marketprism.feeds.DecodedMessages.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link KrakenDecoder} on Kraken spot REST bodies: nautilus's {@code http_order_book.json} ({@code Depth}),
 * {@code http_trades.json.gz} ({@code Trades}, 1,000 trades) and {@code http_ticker.json} ({@code Ticker}), each
 * field named with its value; the REST pair keys of the recorded {@code AssetPairs}; bad bodies.
 */
final class KrakenRestTest
{
    private static final long RECV_TS_NS = 1_762_820_250_000_000_000L;
    private static final long NULL = Long.MIN_VALUE;
    private static final long NS_PER_S = 1_000_000_000L;
    private static final Path NAUTILUS = Path.of("src/test/resources/recordings/nautilus/kraken");
    private static final Path ASSET_PAIRS = Path.of("src/test/resources/recordings/cryptofeed/KRAKEN.0.gz");

    /** A Depth body keyed by a legacy REST name, in the documented shape (written for the test). */
    private static final String LEGACY_DEPTH = "{\"error\":[],\"result\":{\"XXBTZUSD\":{" +
        "\"asks\":[[\"30243.40000\",\"0.5\",1688669597]],\"bids\":[[\"30243.30000\",\"1.25\",1688669598]]}}}";
    /** A Trades body of the older shape, without the trade id (written for the test). */
    private static final String OLD_TRADES = "{\"error\":[],\"result\":{\"XXBTZEUR\":[" +
        "[\"49000.10000\",\"0.01000000\",1618678123.4815,\"s\",\"l\",\"\"]],\"last\":\"1618678123481500000\"}}";

    private final KrakenDecoder decoder = new KrakenDecoder();
    private final DecodedMessages sink = new DecodedMessages();

    @Test
    void shouldDecodeTheDepthBodyAsASnapshotOfTheStreamsPair() throws IOException
    {
        assertTrue(decoder.restEndpoint("/0/public/Depth?pair=XBTUSDT&count=5"));
        assertEquals(1, decode(sample("http_order_book.json")));
        assertEquals("XBT/USDT", sink.messages().get(0).symbol(), "result key XBTUSDT, by its wsname");
        final BookUpdateDecoder book = sink.book(0);
        assertEquals(Venue.KRAKEN, book.venue());
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(NULL, book.seq(), "Kraken's book has no sequence");
        assertEquals(NULL, book.prevSeq());
        assertEquals(NULL, book.checksum(), "REST gives no checksum");
        assertEquals(1_762_820_249L * NS_PER_S, book.exchTsNs(), "the latest level time, bids[2] and bids[3]");
        assertEquals(RECV_TS_NS, book.recvTsNs());
        // the groups are read in order: bids, then asks
        final List<String> bids = new ArrayList<>();
        for (final BookUpdateDecoder.BidsDecoder level : book.bids())
        {
            bids.add(text(level.price().mantissa(), level.price().exponent()) + ":" +
                text(level.qty().mantissa(), level.qty().exponent()));
        }
        final List<String> asks = new ArrayList<>();
        for (final BookUpdateDecoder.AsksDecoder level : book.asks())
        {
            asks.add(text(level.price().mantissa(), level.price().exponent()) + ":" +
                text(level.qty().mantissa(), level.qty().exponent()));
        }
        assertEquals(List.of("105944.30000:0.136", "105946.90000:0.095", "105955.80000:0.003", "105955.90000:0.103",
            "105963.60000:0.024"), asks, "asks as [price, volume], exactly as written");
        assertEquals(List.of("105944.20000:0.002", "105935.40000:0.024", "105918.80000:0.095", "105916.80000:0.016",
            "105916.70000:0.005"), bids, "bids");
    }

    @Test
    void shouldDecodeEveryTradeOfTheTradesBodyAndNotTheCursor() throws IOException
    {
        assertTrue(decoder.restEndpoint("/0/public/Trades?pair=XBTUSDT"));
        assertEquals(1000, decode(sample("http_trades.json.gz")), "1,000 trades; last is a cursor");
        int buys = 0;
        long previousId = 10_218_207L;
        long previousTimeNs = 0;
        for (int i = 0; i < 1000; i++)
        {
            assertEquals("XBT/USDT", sink.messages().get(i).symbol());
            final TradeDecoder trade = sink.trade(i);
            buys += trade.side() == Side.BUY ? 1 : 0;
            assertEquals(previousId + 1, trade.tradeId(), "the seventh element, consecutive ids");
            assertTrue(trade.exchTsNs() >= previousTimeNs, "oldest first, as sent");
            previousId = trade.tradeId();
            previousTimeNs = trade.exchTsNs();
        }
        assertEquals(578, buys, "578 \"b\", 422 \"s\"");

        final TradeDecoder first = sink.trade(0);
        assertEquals(Side.BUY, first.side(), "\"b\"");
        assertEquals("105433.60000", text(first.price().mantissa(), first.price().exponent()));
        assertEquals("0.00027625", text(first.qty().mantissa(), first.qty().exponent()));
        assertEquals(1_762_795_433_971_744_500L, first.exchTsNs(), "1762795433.9717445 s");
        assertEquals(10_218_208L, first.tradeId());
        final TradeDecoder last = sink.trade(999);
        assertEquals(Side.SELL, last.side(), "\"s\"");
        assertEquals("105899.40000", text(last.price().mantissa(), last.price().exponent()));
        assertEquals("0.00009443", text(last.qty().mantissa(), last.qty().exponent()));
        assertEquals(1_762_820_035_982_277_900L, last.exchTsNs(), "1762820035.9822779 s");
        assertEquals(10_219_207L, last.tradeId());
    }

    @Test
    void shouldDecodeATradeOfTheOlderShapeWithoutTradeId()
    {
        assertTrue(decoder.restEndpoint("/0/public/Trades"));
        assertEquals(1, decode(OLD_TRADES));
        assertEquals("XBT/EUR", sink.messages().get(0).symbol(), "XXBTZEUR");
        final TradeDecoder trade = sink.trade(0);
        assertEquals(NULL, trade.tradeId(), "six elements: no trade id");
        assertEquals(Side.SELL, trade.side());
        assertEquals("49000.10000", text(trade.price().mantissa(), trade.price().exponent()));
        assertEquals("0.01000000", text(trade.qty().mantissa(), trade.qty().exponent()));
        assertEquals(1_618_678_123_481_500_000L, trade.exchTsNs());
    }

    @Test
    void shouldDecodeTheTickerBodyAsABbo() throws IOException
    {
        assertTrue(decoder.restEndpoint("/0/public/Ticker?pair=XBTUSDT"));
        assertEquals(1, decode(sample("http_ticker.json")), "a bbo; the 24-hour figures have no message type");
        assertEquals("XBT/USDT", sink.messages().get(0).symbol());
        final BboDecoder bbo = sink.bbo(0);
        assertEquals("105944.20000", text(bbo.bidPrice().mantissa(), bbo.bidPrice().exponent()), "b[0]");
        assertEquals("1.000", text(bbo.bidQty().mantissa(), bbo.bidQty().exponent()), "b[2], the lot volume");
        assertEquals("105944.30000", text(bbo.askPrice().mantissa(), bbo.askPrice().exponent()), "a[0]");
        assertEquals("1.000", text(bbo.askQty().mantissa(), bbo.askQty().exponent()), "a[2]");
        assertEquals(NULL, bbo.exchTsNs(), "the ticker has no time");
        assertEquals(NULL, bbo.seq());
        assertEquals(RECV_TS_NS, bbo.recvTsNs());
    }

    @Test
    void shouldNameALegacyRestKeyAsTheStreamDoesSoBothMeetOneInstrument() throws IOException
    {
        assertTrue(decoder.restEndpoint("/0/public/Depth"));
        assertEquals(1, decode(LEGACY_DEPTH));
        final String symbol = sink.messages().get(0).symbol();
        assertEquals("XBT/USD", symbol, "XXBTZUSD");

        final InstrumentCatalog catalog = new InstrumentCatalog(Venue.KRAKEN, new KrakenSymbols());
        catalog.load(ASSET_PAIRS, new KrakenInstruments());
        final InstrumentDefinition definition = catalog.define(1, Venue.KRAKEN, symbol);
        assertEquals("BTC-USD", definition.symbol());
        assertEquals("0.1", text(definition.tickSizeMantissa(), definition.tickSizeExponent()),
            "the catalog's entry: pair_decimals 1");
        assertEquals("BTC-USDT", catalog.define(2, Venue.KRAKEN, "XBT/USDT").symbol(), "the samples' pair");
    }

    @Test
    void shouldTurnEveryRestKeyAndAltnameOfAssetPairsIntoItsWsname() throws IOException
    {
        final String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ASSET_PAIRS)))
        {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final var result = InstrumentCatalog.MAPPER.readTree(text.substring(text.indexOf(": {") + 2)).get("result");
        int pairs = 0;
        int legacyKeys = 0;
        for (final var entry : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>)
            result::fields)
        {
            final var wsname = entry.getValue().get("wsname");
            if (wsname == null)
            {
                assertNull(KrakenRestPairs.wsName(entry.getKey()), entry.getKey() + ": a .d pair has no wsname");
                continue;
            }
            assertEquals(wsname.asText(), KrakenRestPairs.wsName(entry.getKey()), "key " + entry.getKey());
            final String altname = entry.getValue().get("altname").asText();
            assertEquals(wsname.asText(), KrakenRestPairs.wsName(altname), "altname " + altname);
            legacyKeys += entry.getKey().equals(altname) ? 0 : 1;
            pairs++;
        }
        assertEquals(293, pairs);
        assertEquals(49, legacyKeys, "keys that differ from the altname (XXBTZUSD, USDTZUSD, ...)");
        assertEquals("ETH2.S/ETH", KrakenRestPairs.wsName("ETH2.SETH"));
        assertNull(KrakenRestPairs.wsName("XXBTZUSD.d"));
        assertNull(KrakenRestPairs.wsName("USD"), "a quote without base");
    }

    @Test
    void shouldKeepAPairKeyOfNoKnownFormAsItIs()
    {
        assertTrue(decoder.restEndpoint("/0/public/Ticker"));
        assertEquals(1, decode("{\"error\":[],\"result\":{\"XBTPLN\":{\"a\":[\"1.5\",\"1\",\"1.000\"]," +
            "\"b\":[\"1.4\",\"2\",\"2.000\"]}}}"));
        assertEquals("XBTPLN", sink.messages().get(0).symbol(), "PLN is not a known quote: no wsname");
    }

    @Test
    void shouldFollowTheRequestUrl() throws IOException
    {
        decoder.contextUrl("https://api.kraken.com/0/public/Depth?pair=XBTUSDT&count=5");
        assertEquals(1, decode(sample("http_order_book.json")));
        assertEquals(BooleanType.TRUE, sink.book(0).snapshot());
        decoder.contextUrl("https://api.kraken.com/0/public/Ticker?pair=XBTUSDT");
        assertEquals(1, decode(sample("http_ticker.json")));
        assertEquals(BboDecoder.TEMPLATE_ID, sink.templateId(0));

        decoder.contextUrl("https://api.kraken.com/0/public/AssetPairs");
        assertStatus(StatusReason.UNKNOWN_EVENT_TYPE, sample("http_ticker.json"),
            "not a known endpoint: a stream frame");
        decoder.contextUrl(null);
        assertStatus(StatusReason.UNKNOWN_EVENT_TYPE, sample("http_ticker.json"), "stream frames again");
        assertFalse(decoder.restEndpoint("/0/public/OHLC"));
        assertStatus(StatusReason.UNKNOWN_EVENT_TYPE, sample("http_ticker.json"), "an unknown path changes nothing");
    }

    @Test
    void shouldReportBadBodiesAsOneStatusEach() throws IOException
    {
        decoder.restEndpoint("/0/public/Depth");
        assertStatus(StatusReason.VENUE_ERROR, "{\"error\":[\"EQuery:Unknown asset pair\"]}", "error reply");
        assertStatus(StatusReason.VENUE_ERROR, "{\"error\":[\"EGeneral:Too many requests\"],\"result\":{}}", "error");
        assertStatus(StatusReason.MISSING_FIELD, "{\"error\":[]}", "no result");
        assertStatus(StatusReason.BAD_VALUE, "{\"error\":[],\"result\":[]}", "result not an object");
        assertStatus(StatusReason.BAD_VALUE, "{\"error\":{},\"result\":{}}", "error not an array");
        assertStatus(StatusReason.BAD_VALUE, "[1,2]", "not an object");
        assertStatus(StatusReason.MISSING_FIELD, "{\"error\":[],\"result\":{\"XBTUSDT\":{\"asks\":[]}}}", "no bids");
        assertStatus(StatusReason.BAD_VALUE,
            "{\"error\":[],\"result\":{\"XBTUSDT\":{\"asks\":[[\"0\",\"1\",1]],\"bids\":[]}}}", "price 0");
        assertStatus(StatusReason.BAD_NUMBER,
            "{\"error\":[],\"result\":{\"XBTUSDT\":{\"asks\":[[\"x\",\"1\",1]],\"bids\":[]}}}", "price x");
        assertStatus(StatusReason.DUPLICATE_FIELD,
            "{\"error\":[],\"result\":{\"XBTUSDT\":{\"asks\":[],\"asks\":[],\"bids\":[]}}}", "asks twice");
        assertStatus(StatusReason.BAD_VALUE, "{\"error\":[],\"result\":{\"XBT USDT\":{\"asks\":[],\"bids\":[]}}}",
            "a space in the pair");
        // all or nothing: the second pair is bad, the first is not written
        assertStatus(StatusReason.BAD_VALUE, "{\"error\":[],\"result\":{\"XBTUSDT\":{\"asks\":[],\"bids\":[]}," +
            "\"ETHUSDT\":{\"asks\":\"x\",\"bids\":[]}}}", "second pair bad");

        decoder.restEndpoint("/0/public/Trades");
        assertStatus(StatusReason.BAD_VALUE, OLD_TRADES.replace("\"s\"", "\"x\""), "side x");
        assertStatus(StatusReason.BAD_NUMBER, OLD_TRADES.replace(",\"\"]", ",\"\",\"abc\"]"), "id a string");
        assertStatus(StatusReason.BAD_VALUE, OLD_TRADES.replace(",\"\"]", ",\"\",-5]"), "id negative");
        assertStatus(StatusReason.MISSING_FIELD, OLD_TRADES.replace(",\"s\",\"l\",\"\"]", "]"), "no side");
        assertStatus(StatusReason.BAD_VALUE, OLD_TRADES.replace("1618678123.4815", "-1"), "time before 1970");

        decoder.restEndpoint("/0/public/Ticker");
        assertStatus(StatusReason.MISSING_FIELD, "{\"error\":[],\"result\":{\"XBTUSDT\":{\"a\":[\"1\",\"1\",\"1\"]}}}",
            "no b");
        assertStatus(StatusReason.MISSING_FIELD, "{\"error\":[],\"result\":{\"XBTUSDT\":{\"a\":[\"1\"]," +
            "\"b\":[\"1\",\"1\",\"1\"]}}}", "a without volumes");
    }

    @Test
    void shouldReportEveryTruncationOfTheSamplesAsOneStatus() throws IOException
    {
        final String[][] cases = {
            { "/0/public/Depth", sample("http_order_book.json") }, { "/0/public/Ticker", sample("http_ticker.json") },
            { "/0/public/Trades", sample("http_trades.json.gz") } };
        int bodies = 0;
        for (final String[] endpointAndBody : cases)
        {
            decoder.restEndpoint(endpointAndBody[0]);
            final String body = endpointAndBody[1].trim();
            // every cut of the small bodies, every 37th of the 1,000 trades
            final int step = body.length() > 10_000 ? 37 : 1;
            for (int length = 0; length < body.length(); length += step)
            {
                sink.clear();
                assertEquals(1, sink.decode(decoder, body.substring(0, length), RECV_TS_NS), body.substring(0, length));
                assertEquals(StatusEvent.MALFORMED, sink.status(0).eventType());
                assertEquals(0, sink.protocolErrors());
                bodies++;
            }
        }
        assertTrue(bodies > 5000, "cuts tried: " + bodies);
    }

    @Test
    void shouldDecodeTheBodiesWithoutAllocating() throws IOException
    {
        decoder.restEndpoint("/0/public/Depth");
        new FrameReplay(List.of(sample("http_order_book.json"), LEGACY_DEPTH))
            .assertDecodesWithoutAllocating(decoder, 2);
        decoder.restEndpoint("/0/public/Trades");
        new FrameReplay(List.of(sample("http_trades.json.gz"), OLD_TRADES))
            .assertDecodesWithoutAllocating(decoder, 1001);
        decoder.restEndpoint("/0/public/Ticker");
        new FrameReplay(List.of(sample("http_ticker.json"))).assertDecodesWithoutAllocating(decoder, 1);
        new FrameReplay(List.of("{\"error\":[\"EQuery:Unknown asset pair\"]}"))
            .assertDecodesWithoutAllocating(decoder, 1);
    }

    private int decode(final String body)
    {
        sink.clear();
        final int committed = sink.decode(decoder, body, RECV_TS_NS);
        assertEquals(committed, sink.messages().size());
        assertEquals(0, sink.protocolErrors());
        return committed;
    }

    private void assertStatus(final StatusReason reason, final String body, final String what)
    {
        sink.clear();
        assertEquals(1, sink.decode(decoder, body, RECV_TS_NS), what);
        final StatusDecoder status = sink.status(0);
        assertEquals(StatusEvent.MALFORMED, status.eventType(), what);
        assertEquals(reason, status.reason(), what);
        assertEquals(0, sink.protocolErrors(), what);
    }

    static String sample(final String name) throws IOException
    {
        final Path path = NAUTILUS.resolve(name);
        if (!name.endsWith(".gz"))
        {
            return Files.readString(path, StandardCharsets.UTF_8);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path)))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
