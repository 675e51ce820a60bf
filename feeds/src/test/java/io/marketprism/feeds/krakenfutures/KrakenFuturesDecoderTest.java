/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import io.marketprism.feeds.DecodedMessages;
import io.marketprism.feeds.RecordedJson;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.marketprism.feeds.DecodedMessages.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every Kraken Futures WebSocket sample of nautilus_trader decodes to the values it holds (each field named with its
 * value), and cryptofeed's recorded session {@code KRAKEN_FUTURES.ws.1.0} decodes whole: every book message's levels
 * as sent, every product's {@code seq} contiguous from its snapshot, without allocating.
 */
final class KrakenFuturesDecoderTest
{
    static final Path SAMPLES = Path.of("src/test/resources/recordings/nautilus/kraken-futures");
    static final Path RECORDING = Path.of("src/test/resources/recordings/cryptofeed/KRAKEN_FUTURES.ws.1.0.gz");
    private static final long RECV_TS_NS = 1_612_269_953_700_000_000L;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long NULL = Long.MIN_VALUE;
    private static final Pattern LEVEL = Pattern.compile("\\{\"price\":([0-9.e-]+),\"qty\":([0-9.e-]+)}");

    private final KrakenFuturesDecoder decoder = new KrakenFuturesDecoder();
    private final DecodedMessages sink = new DecodedMessages();

    @Test
    void shouldDecodeBookSnapshotSample() throws IOException
    {
        assertEquals(1, sink.decode(decoder, sample("ws_futures_book_snapshot.json"), RECV_TS_NS));

        final BookUpdateDecoder book = sink.book(0);
        assertEquals("PI_XBTUSD", sink.messages().get(0).symbol(), "product_id");
        assertEquals(Venue.KRAKEN_FUTURES, book.venue());
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(1612269825817L * NS_PER_MS, book.exchTsNs(), "timestamp");
        assertEquals(RECV_TS_NS, book.recvTsNs());
        assertEquals(326072249L, book.seq(), "seq");
        assertEquals(NULL, book.prevSeq());
        assertEquals(List.of("34892.5:6385", "34892:10924"), bids(book));
        assertEquals(List.of("34911.5:20598", "34912:2300"), asks(book));
    }

    @Test
    void shouldKeepZeroQuantitiesOfASnapshotAsSent() throws IOException
    {
        assertEquals(1, sink.decode(decoder, sample("ws_futures_book_snapshot_with_zero_qty.json"), RECV_TS_NS));

        final BookUpdateDecoder book = sink.book(0);
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(326072249L, book.seq(), "seq");
        assertEquals(List.of("34892.5:6385", "34892:0", "34891.5:100"), bids(book));
        assertEquals(List.of("34911.5:0", "34912:2300"), asks(book));
    }

    @Test
    void shouldDecodeBookDeltaSampleAsOneLevelUpdate() throws IOException
    {
        assertEquals(1, sink.decode(decoder, sample("ws_futures_book_delta.json"), RECV_TS_NS));

        final BookUpdateDecoder book = sink.book(0);
        assertEquals("PI_XBTUSD", sink.messages().get(0).symbol());
        assertEquals(BooleanType.FALSE, book.snapshot());
        assertEquals(1612269953629L * NS_PER_MS, book.exchTsNs(), "timestamp");
        assertEquals(326094134L, book.seq(), "seq");
        assertEquals(NULL, book.prevSeq());
        assertEquals(List.of(), bids(book));
        assertEquals(List.of("34981:0"), asks(book), "side sell, price 34981, qty 0");
    }

    @Test
    void shouldDecodeTickerSampleAsFundingBboAndOpenInterest() throws IOException
    {
        assertEquals(3, sink.decode(decoder, sample("ws_futures_ticker.json"), RECV_TS_NS));
        final OpenInterestDecoder openInterest = sink.openInterest(2);
        assertEquals("PI_XBTUSD", sink.messages().get(2).symbol());
        assertEquals("30072580.0", text(openInterest.openInterest().mantissa(),
            openInterest.openInterest().exponent()), "openInterest");
        assertEquals(Long.MIN_VALUE, openInterest.openInterestValue().mantissa(), "no value given");
        assertEquals(1676393235406L * NS_PER_MS, openInterest.exchTsNs(), "time");

        final FundingDecoder funding = sink.funding(0);
        assertEquals("PI_XBTUSD", sink.messages().get(0).symbol());
        assertEquals(1676393235406L * NS_PER_MS, funding.exchTsNs(), "time");
        assertEquals("21979.68641534714", text(funding.markPrice().mantissa(), funding.markPrice().exponent()),
            "markPrice");
        assertEquals("21984.54", text(funding.indexPrice().mantissa(), funding.indexPrice().exponent()), "index");
        assertEquals("-0.000001380384722222",
            text(funding.fundingRate().mantissa(), funding.fundingRate().exponent()), "relative_funding_rate");
        assertEquals(1676394000000L * NS_PER_MS, funding.nextFundingTsNs(), "next_funding_rate_time");

        final BboDecoder bbo = sink.bbo(1);
        assertEquals("PI_XBTUSD", sink.messages().get(1).symbol());
        assertEquals(1676393235406L * NS_PER_MS, bbo.exchTsNs());
        assertEquals("21978.5", text(bbo.bidPrice().mantissa(), bbo.bidPrice().exponent()), "bid");
        assertEquals("2536.0", text(bbo.bidQty().mantissa(), bbo.bidQty().exponent()), "bid_size");
        assertEquals("21987.0", text(bbo.askPrice().mantissa(), bbo.askPrice().exponent()), "ask");
        assertEquals("13948.0", text(bbo.askQty().mantissa(), bbo.askQty().exponent()), "ask_size");
    }

    @Test
    void shouldDecodeTradeSample() throws IOException
    {
        assertEquals(1, sink.decode(decoder, sample("ws_futures_trade.json"), RECV_TS_NS));

        final TradeDecoder trade = sink.trade(0);
        assertEquals("PI_XBTUSD", sink.messages().get(0).symbol());
        assertEquals(Side.SELL, trade.side(), "side sell");
        assertEquals(1612266317519L * NS_PER_MS, trade.exchTsNs(), "time");
        assertEquals("34969.5", text(trade.price().mantissa(), trade.price().exponent()), "price");
        assertEquals("15000", text(trade.qty().mantissa(), trade.qty().exponent()), "qty");
        assertEquals(653355L, trade.tradeId(), "seq");
    }

    @Test
    void shouldDecodeTradeSnapshotSampleAsOneTradeEachOldestFirst() throws IOException
    {
        assertEquals(2, sink.decode(decoder, sample("ws_futures_trade_snapshot.json"), RECV_TS_NS));

        // sent newest first: written oldest first, so that trade times only go forwards
        final TradeDecoder first = sink.trade(0);
        assertEquals("PI_XBTUSD", sink.messages().get(0).symbol());
        assertEquals(1612269656839L * NS_PER_MS, first.exchTsNs(), "time");
        assertEquals("34891", text(first.price().mantissa(), first.price().exponent()), "price");
        assertEquals("9643", text(first.qty().mantissa(), first.qty().exponent()), "qty");
        assertEquals(655507L, first.tradeId(), "seq");
        final TradeDecoder second = sink.trade(1);
        assertEquals(Side.SELL, second.side());
        assertEquals(1612269657781L * NS_PER_MS, second.exchTsNs(), "time");
        assertEquals("34893", text(second.price().mantissa(), second.price().exponent()), "price");
        assertEquals("440", text(second.qty().mantissa(), second.qty().exponent()), "qty");
        assertEquals(655508L, second.tradeId(), "seq");
    }

    @Test
    void shouldDecodeEveryRecordedFrameWithItsLevelsAndContiguousSequences() throws IOException
    {
        final Map<String, Long> bookSeq = new HashMap<>();
        int snapshots = 0;
        int deltas = 0;
        int trades = 0;
        int quiet = 0;
        for (final String frame : RecordedJson.receivedMessages(RECORDING))
        {
            sink.clear();
            final int committed = sink.decode(decoder, frame, RECV_TS_NS);
            assertEquals(0, sink.protocolErrors());
            if (frame.startsWith("{\"feed\":\"book_snapshot\""))
            {
                assertEquals(1, committed, frame);
                final BookUpdateDecoder book = sink.book(0);
                assertEquals(BooleanType.TRUE, book.snapshot());
                assertEquals(levels(frame, "\"bids\":["), bids(book));
                assertEquals(levels(frame, "\"asks\":["), asks(book));
                bookSeq.put(sink.messages().get(0).symbol(), book.seq());
                snapshots++;
            }
            else if (frame.startsWith("{\"feed\":\"book\""))
            {
                assertEquals(1, committed, frame);
                final BookUpdateDecoder book = sink.book(0);
                final String symbol = sink.messages().get(0).symbol();
                assertEquals(BooleanType.FALSE, book.snapshot());
                assertEquals(bookSeq.get(symbol) + 1, book.seq(), "seq contiguous for " + symbol);
                bookSeq.put(symbol, book.seq());
                final String level = group("\"price\":([0-9.e-]+)", frame) + ":" + group("\"qty\":([0-9.e-]+)", frame);
                final boolean buy = frame.contains("\"side\":\"buy\"");
                assertEquals(buy ? List.of(level) : List.of(), bids(book), frame);
                assertEquals(buy ? List.of() : List.of(level), asks(book), frame);
                deltas++;
            }
            else if (frame.startsWith("{\"feed\":\"trade"))
            {
                final int expected = frame.split("\"uid\"", -1).length - 1;
                assertEquals(expected, committed, frame);
                for (int t = 0; t < committed; t++)
                {
                    assertEquals(Venue.KRAKEN_FUTURES, sink.trade(t).venue());
                }
                trades += committed;
            }
            else
            {
                assertEquals(0, committed, "ticker_lite and control events: " + frame);
                quiet++;
            }
        }
        assertEquals(10, snapshots);
        assertEquals(7014, deltas);
        assertEquals(1003, trades);
        assertEquals(107 + 1 + 30, quiet, "ticker_lite, info, subscribed");
    }

    @Test
    void shouldDecodeWithoutAllocating() throws IOException
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final List<String> frames = new ArrayList<>(RecordedJson.receivedMessages(RECORDING));
        for (final String name : new String[]{ "ws_futures_book_snapshot.json", "ws_futures_book_delta.json",
            "ws_futures_ticker.json", "ws_futures_trade.json", "ws_futures_trade_snapshot.json" })
        {
            frames.add(sample(name));
        }
        final int count = frames.size();
        final int[] offsets = new int[count];
        final int[] lengths = new int[count];
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            offsets[i] = total;
            lengths[i] = frames.get(i).getBytes(StandardCharsets.UTF_8).length;
            total += lengths[i];
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[total]);
        for (int i = 0; i < count; i++)
        {
            buffer.putBytes(offsets[i], frames.get(i).getBytes(StandardCharsets.UTF_8));
        }
        final DecodedMessages counting = new DecodedMessages(1 << 20, false);
        for (int pass = 0; pass < 3; pass++)
        {
            decodeAll(buffer, offsets, lengths, counting);
        }

        // as in BinanceDecoderTest: a JIT tier change can charge a few bytes to the thread, so a pass that crosses
        // one is measured again; the frames are the same every pass, so real allocation shows in every pass
        final StringBuilder measured = new StringBuilder();
        int cleanPasses = 0;
        long messages = 0;
        for (int pass = 0; pass < 5 && cleanPasses == 0; pass++)
        {
            counting.clear();
            final long before = threads.getCurrentThreadAllocatedBytes();
            messages = decodeAll(buffer, offsets, lengths, counting);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            measured.append(allocated).append(' ');
            cleanPasses += allocated == 0 ? 1 : 0;
        }
        // 7,024 books and 1,003 trades of the recording; 2 books, funding, bbo, open interest, 3 trades of the
        // samples
        assertEquals(7024 + 1003 + 8, messages);
        assertEquals(0, counting.protocolErrors());
        assertEquals(1, cleanPasses, "bytes allocated per pass over " + count + " frames: " + measured);
    }

    private long decodeAll(
        final UnsafeBuffer buffer, final int[] offsets, final int[] lengths, final DecodedMessages counting)
    {
        long messages = 0;
        for (int i = 0; i < offsets.length; i++)
        {
            messages += decoder.decode(buffer, offsets[i], lengths[i], RECV_TS_NS, counting);
        }
        return messages;
    }

    static String sample(final String name) throws IOException
    {
        return Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
    }

    private static List<String> bids(final BookUpdateDecoder book)
    {
        final List<String> levels = new ArrayList<>();
        for (final BookUpdateDecoder.BidsDecoder level : book.bids())
        {
            levels.add(text(level.price().mantissa(), level.price().exponent()) + ":" +
                text(level.qty().mantissa(), level.qty().exponent()));
        }
        return levels;
    }

    private static List<String> asks(final BookUpdateDecoder book)
    {
        final List<String> levels = new ArrayList<>();
        for (final BookUpdateDecoder.AsksDecoder level : book.asks())
        {
            levels.add(text(level.price().mantissa(), level.price().exponent()) + ":" +
                text(level.qty().mantissa(), level.qty().exponent()));
        }
        return levels;
    }

    private static List<String> levels(final String frame, final String opening)
    {
        final int start = frame.indexOf(opening);
        assertTrue(start >= 0, opening);
        final List<String> levels = new ArrayList<>();
        for (final String[] level : RecordedJson.levels(RecordedJson.array(frame, start + opening.length() - 1),
            LEVEL))
        {
            levels.add(level[0] + ":" + level[1]);
        }
        return levels;
    }

    private static String group(final String regex, final String text)
    {
        final Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), regex + " in " + text);
        return matcher.group(1);
    }
}
