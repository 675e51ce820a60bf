/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.feeds.FrameReplay;
import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.feeds.RecordedJson;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.marketprism.feeds.coinbase.CoinbaseSamples.ns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Coinbase Advanced Trade sample of NautilusTrader's test data and every message of the recorded legacy session,
 * decoded to the expected field values; and the decode path allocation-free over them.
 */
final class CoinbaseDecoderTest
{
    private static final long RECV_TS = 1_775_572_200_999_000_000L;
    private static final long NULL = Long.MIN_VALUE;
    private static final Pattern CHANGE = Pattern.compile("\\[\"(buy|sell)\",\"([^\"]*)\",\"([^\"]*)\"]");
    private static final Pattern LEVEL = Pattern.compile("\\[\"([^\"]*)\",\"([^\"]*)\"]");

    private final CoinbaseDecoder decoder = new CoinbaseDecoder(Venue.COINBASE);
    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    @Test
    void shouldDecodeL2DataSnapshotSample()
    {
        assertEquals(1, decode(CoinbaseSamples.nautilus(CoinbaseSamples.L2_SNAPSHOT)));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals("BTC-USD", sink.only().symbol(), "product_id");
        assertEquals(BooleanType.TRUE, book.snapshot(), "type snapshot");
        assertEquals(0L, book.seq(), "sequence_num");
        assertEquals(NULL, book.prevSeq(), "prevSeq");
        assertEquals(NULL, book.firstSeq(), "firstSeq of a snapshot");
        assertEquals(ns("2026-04-07T14:30:00.123456Z"), book.exchTsNs(), "event_time");
        assertEquals(RECV_TS, book.recvTsNs());
        assertEquals(Venue.COINBASE, book.venue());
        assertLevels(book, List.of("68900.00", "1.50000000", "68899.50", "0.75000000", "68899.00", "2.30000000"),
            List.of("68901.00", "0.50000000", "68901.50", "1.20000000", "68902.00", "0.80000000"));
    }

    @Test
    void shouldDecodeL2DataUpdateSampleWithTheRunOfItsConnection()
    {
        decode(CoinbaseSamples.nautilus(CoinbaseSamples.L2_SNAPSHOT));
        sink.clear();
        assertEquals(1, decode(CoinbaseSamples.nautilus(CoinbaseSamples.L2_UPDATE)));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals("BTC-USD", sink.only().symbol(), "product_id");
        assertEquals(BooleanType.FALSE, book.snapshot(), "type update");
        assertEquals(1L, book.seq(), "sequence_num");
        assertEquals(0L, book.firstSeq(), "the run of sequence numbers began with the snapshot's 0");
        assertEquals(NULL, book.prevSeq(), "prevSeq");
        assertEquals(ns("2026-04-07T14:30:01.456789Z"), book.exchTsNs(), "event_time");
        assertLevels(book, List.of("68900.00", "2.00000000"), List.of("68901.00", "0.00000000"));
    }

    @Test
    void shouldStartARunAtTheFirstMessageOfTheConnection()
    {
        assertEquals(1, decode(CoinbaseSamples.nautilus(CoinbaseSamples.L2_UPDATE)));
        assertEquals(1L, view.book(sink.buffer(), sink.only()).firstSeq(), "firstSeq of a fresh connection");
    }

    @Test
    void shouldDecodeMarketTradesSampleAsTakerSides()
    {
        assertEquals(2, decode(CoinbaseSamples.nautilus(CoinbaseSamples.MARKET_TRADES)));
        final TradeDecoder first = view.trade(sink.buffer(), sink.messages().get(0));
        assertEquals("BTC-USD", sink.messages().get(0).symbol(), "product_id");
        assertEquals(995_098_700L, first.tradeId(), "trade_id");
        assertDecimal("68900.50", first.price(), "price");
        assertDecimal("0.00150000", first.qty(), "size");
        assertEquals(Side.SELL, first.side(), "side BUY is the maker's: the taker sold");
        assertEquals(ns("2026-04-07T14:30:02.789012Z"), first.exchTsNs(), "time");
        assertEquals(RECV_TS, first.recvTsNs());

        final TradeDecoder second = view.trade(sink.buffer(), sink.messages().get(1));
        assertEquals("BTC-USD", sink.messages().get(1).symbol(), "product_id");
        assertEquals(995_098_701L, second.tradeId(), "trade_id");
        assertDecimal("68900.00", second.price(), "price");
        assertDecimal("0.05000000", second.qty(), "size");
        assertEquals(Side.BUY, second.side(), "side SELL is the maker's: the taker bought");
        assertEquals(ns("2026-04-07T14:30:02.800000Z"), second.exchTsNs(), "time");
    }

    @Test
    void shouldDecodeTickerSampleAsBbo()
    {
        assertEquals(1, decode(CoinbaseSamples.nautilus(CoinbaseSamples.TICKER)));
        final BboDecoder bbo = view.bbo(sink.buffer(), sink.only());
        assertEquals("BTC-USD", sink.only().symbol(), "product_id");
        assertEquals(12L, bbo.seq(), "sequence_num");
        assertDecimal("68900.00", bbo.bidPrice(), "best_bid");
        assertDecimal("1.50000000", bbo.bidQty(), "best_bid_quantity");
        assertDecimal("68901.00", bbo.askPrice(), "best_ask");
        assertDecimal("0.50000000", bbo.askQty(), "best_ask_quantity");
        assertEquals(ns("2026-04-07T14:30:03.000000Z"), bbo.exchTsNs(), "timestamp");
    }

    @Test
    void shouldDecodeCompactSamplesLikeThePrettyOnes()
    {
        for (final String name : List.of(CoinbaseSamples.L2_SNAPSHOT, CoinbaseSamples.L2_UPDATE,
            CoinbaseSamples.MARKET_TRADES, CoinbaseSamples.TICKER))
        {
            final CoinbaseDecoder pretty = new CoinbaseDecoder(Venue.COINBASE);
            final CoinbaseDecoder compact = new CoinbaseDecoder(Venue.COINBASE);
            final RecordingSink prettySink = new RecordingSink();
            final RecordingSink compactSink = new RecordingSink();
            decode(pretty, CoinbaseSamples.nautilus(name), prettySink);
            decode(compact, CoinbaseSamples.nautilusCompact(name), compactSink);
            assertTrue(prettySink.messages().size() > 0, name);
            assertEquals(prettySink.messages().size(), compactSink.messages().size(), name);
            for (int i = 0; i < prettySink.messages().size(); i++)
            {
                assertEquals(new String(prettySink.bytes(prettySink.messages().get(i)), StandardCharsets.ISO_8859_1),
                    new String(compactSink.bytes(compactSink.messages().get(i)), StandardCharsets.ISO_8859_1), name);
            }
        }
    }

    @Test
    void shouldGiveNothingForSubscriptionsAndHeartbeats()
    {
        assertEquals(0, decode("{\"channel\":\"subscriptions\",\"client_id\":\"\",\"timestamp\":" +
            "\"2023-02-09T20:32:50.714964855Z\",\"sequence_num\":0,\"events\":[{\"subscriptions\":" +
            "{\"level2\":[\"BTC-USD\"]}}]}"));
        assertEquals(0, decode("{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":" +
            "\"2023-06-23T20:31:26.122969572Z\",\"sequence_num\":1,\"events\":[{\"current_time\":" +
            "\"2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105\",\"heartbeat_counter\":\"3049\"}]}"));
        assertEquals(0, sink.commits());
    }

    @Test
    void shouldDecodeLegacyMessagesToTheirFieldValues()
    {
        final List<String> messages = CoinbaseSamples.legacyMessages();

        final String snapshot = first(messages, "\"type\":\"snapshot\"");
        assertEquals(1, decode(snapshot));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals("BAND-GBP", sink.only().symbol(), "product_id");
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(NULL, book.seq(), "legacy level2 has no sequence");
        assertEquals(NULL, book.exchTsNs(), "a legacy snapshot has no time");
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        assertEquals(152, bids.count(), "bids");
        bids.forEach(level -> level.price());
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        assertEquals(166, asks.count(), "asks");
        asks.next();
        assertDecimal("14.8024", asks.price(), "asks[0] price");
        assertDecimal("12.77", asks.qty(), "asks[0] size");

        sink.clear();
        final String update = first(messages, "\"type\":\"l2update\"");
        assertEquals(1, decode(update));
        final BookUpdateDecoder l2update = view.book(sink.buffer(), sink.only());
        assertEquals("SKL-BTC", sink.only().symbol(), "product_id");
        assertEquals(BooleanType.FALSE, l2update.snapshot());
        assertEquals(NULL, l2update.seq(), "legacy level2 has no sequence");
        assertEquals(NULL, l2update.firstSeq());
        assertEquals(ns("2021-04-17T16:43:37.075687Z"), l2update.exchTsNs(), "time");
        assertLevels(l2update, List.of(), List.of("0.00001306", "660.5"));

        sink.clear();
        final String ticker = first(messages, "\"type\":\"ticker\"");
        assertEquals(1, decode(ticker));
        final BboDecoder bbo = view.bbo(sink.buffer(), sink.only());
        assertEquals("BAND-GBP", sink.only().symbol(), "product_id");
        assertEquals(333_938_798L, bbo.seq(), "sequence");
        assertDecimal("14.7550", bbo.bidPrice(), "best_bid");
        assertDecimal("14.8060", bbo.askPrice(), "best_ask");
        assertEquals(NULL, bbo.bidQty().mantissa(), "no best_bid_size in 2021");
        assertEquals(NULL, bbo.askQty().mantissa(), "no best_ask_size in 2021");
        assertEquals(ns("2021-04-17T16:43:30.244075Z"), bbo.exchTsNs(), "time");

        sink.clear();
        final String lastMatch = first(messages, "\"type\":\"last_match\"");
        assertEquals(1, decode(lastMatch));
        final TradeDecoder trade = view.trade(sink.buffer(), sink.only());
        assertEquals("BAND-GBP", sink.only().symbol(), "product_id");
        assertEquals(881_613L, trade.tradeId(), "trade_id");
        assertEquals(Side.BUY, trade.side(), "maker side sell: the taker bought (the ticker of this trade says buy)");
        assertDecimal("14.7775", trade.price(), "price");
        assertDecimal("0.04", trade.qty(), "size");
        assertEquals(ns("2021-04-17T16:43:30.244075Z"), trade.exchTsNs(), "time");
        assertTrue(ticker.contains("\"side\":\"buy\"") && ticker.contains("\"trade_id\":881613"), ticker);

        sink.clear();
        final String match = first(messages, "\"type\":\"match\"");
        assertEquals(1, decode(match));
        final TradeDecoder matched = view.trade(sink.buffer(), sink.only());
        assertEquals("SKL-BTC", sink.only().symbol(), "product_id");
        assertEquals(280_232L, matched.tradeId(), "trade_id");
        assertEquals(Side.BUY, matched.side(), "maker side sell");
        assertDecimal("0.00001305", matched.price(), "price");
        assertDecimal("985", matched.qty(), "size");
        assertEquals(ns("2021-04-17T16:43:37.089723Z"), matched.exchTsNs(), "time");
    }

    @Test
    void shouldDecodeEveryMessageOfTheLegacyRecordingAsItsTextSays()
    {
        int snapshots = 0;
        int updates = 0;
        int zeroSizes = 0;
        int bbos = 0;
        int trades = 0;
        int silent = 0;
        for (final String text : CoinbaseSamples.legacyMessages())
        {
            sink.clear();
            final int messages = decode(text);
            if (text.contains("\"type\":\"subscriptions\""))
            {
                assertEquals(0, messages, text);
                silent++;
                continue;
            }
            assertEquals(1, messages, text);
            final RecordingSink.Message message = sink.only();
            final int template = view.templateId(sink.buffer(), message);
            assertTrue(template != StatusDecoder.TEMPLATE_ID, text);
            if (text.contains("\"type\":\"l2update\""))
            {
                final BookUpdateDecoder book = view.book(sink.buffer(), message);
                final List<String> bidLevels = new ArrayList<>();
                final List<String> askLevels = new ArrayList<>();
                final Matcher change = CHANGE.matcher(text);
                while (change.find())
                {
                    final List<String> side = "buy".equals(change.group(1)) ? bidLevels : askLevels;
                    side.add(change.group(2));
                    side.add(change.group(3));
                    zeroSizes += new BigDecimal(change.group(3)).signum() == 0 ? 1 : 0;
                }
                assertLevels(book, bidLevels, askLevels);
                updates++;
            }
            else if (text.contains("\"type\":\"snapshot\""))
            {
                final BookUpdateDecoder book = view.book(sink.buffer(), message);
                assertLevels(book, flatten(RecordedJson.array(text, text.indexOf("\"bids\":[") + 7)),
                    flatten(RecordedJson.array(text, text.indexOf("\"asks\":[") + 7)));
                snapshots++;
            }
            else if (text.contains("\"type\":\"ticker\""))
            {
                assertEquals(BboDecoder.TEMPLATE_ID, template, text);
                bbos++;
            }
            else
            {
                assertEquals(TradeDecoder.TEMPLATE_ID, template, text);
                trades++;
            }
        }
        assertEquals(10, snapshots, "snapshots");
        assertEquals(9719, updates, "l2update");
        assertEquals(107, bbos, "ticker");
        assertEquals(107, trades, "match and last_match");
        assertEquals(3, silent, "subscriptions");
        assertTrue(zeroSizes > 2000, "zero sizes in their many spellings: " + zeroSizes);
    }

    @Test
    void shouldDecodeWithoutAllocating()
    {
        final List<String> texts = new ArrayList<>(CoinbaseSamples.legacyMessages());
        for (final String name : List.of(CoinbaseSamples.L2_SNAPSHOT, CoinbaseSamples.L2_UPDATE,
            CoinbaseSamples.MARKET_TRADES, CoinbaseSamples.TICKER))
        {
            texts.add(CoinbaseSamples.nautilusCompact(name));
            texts.add(CoinbaseSamples.nautilus(name));
        }
        // legacy: updates, snapshots, tickers, trades; each nautilus sample twice: 1 + 1 + 2 + 1 messages
        new FrameReplay(texts).assertDecodesWithoutAllocating(
            decoder, 9719 + 10 + 107 + 107 + 2 * (1 + 1 + 2 + 1));
    }

    private int decode(final String text)
    {
        return decode(decoder, text, sink);
    }

    private static int decode(final CoinbaseDecoder decoder, final String text, final RecordingSink sink)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // at an offset inside a larger buffer, as a frame in a receive buffer
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 16]);
        buffer.putBytes(5, bytes);
        final long before = sink.commits();
        final int messages = decoder.decode(buffer, 5, bytes.length, RECV_TS, sink);
        assertEquals(messages, sink.commits() - before, "decode returns what it committed");
        assertEquals(0, sink.protocolErrors());
        return messages;
    }

    private static String first(final List<String> messages, final String marker)
    {
        return messages.stream().filter(m -> m.contains(marker)).findFirst().orElseThrow();
    }

    private static List<String> flatten(final String levelArray)
    {
        final List<String> flat = new ArrayList<>();
        for (final String[] level : RecordedJson.levels(levelArray, LEVEL))
        {
            flat.add(level[0]);
            flat.add(level[1]);
        }
        return flat;
    }

    /**
     * @param bids price, size, price, size ... as sent.
     * @param asks the same for the asks.
     */
    private static void assertLevels(final BookUpdateDecoder book, final List<String> bids, final List<String> asks)
    {
        final BookUpdateDecoder.BidsDecoder bidLevels = book.bids();
        assertEquals(bids.size() / 2, bidLevels.count(), "bid levels");
        int i = 0;
        for (final BookUpdateDecoder.BidsDecoder level : bidLevels)
        {
            assertDecimal(bids.get(i), level.price(), "bid price " + i / 2);
            assertDecimal(bids.get(i + 1), level.qty(), "bid size " + i / 2);
            i += 2;
        }
        final BookUpdateDecoder.AsksDecoder askLevels = book.asks();
        assertEquals(asks.size() / 2, askLevels.count(), "ask levels");
        i = 0;
        for (final BookUpdateDecoder.AsksDecoder level : askLevels)
        {
            assertDecimal(asks.get(i), level.price(), "ask price " + i / 2);
            assertDecimal(asks.get(i + 1), level.qty(), "ask size " + i / 2);
            i += 2;
        }
    }

    /**
     * The decimal exactly as sent: mantissa and exponent, trailing zeros included.
     */
    static void assertDecimal(final String expected, final Decimal64Decoder actual, final String field)
    {
        final BigDecimal value = new BigDecimal(expected);
        assertEquals(value.unscaledValue().longValueExact() + "e" + -value.scale(),
            actual.mantissa() + "e" + actual.exponent(), field + " " + expected);
    }
}
