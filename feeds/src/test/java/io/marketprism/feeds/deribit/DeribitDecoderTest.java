/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.deribit;

import io.marketprism.feeds.DecodedMessages;
import io.marketprism.feeds.RecordedJson;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import io.marketprism.sbe.VolatilityIndexDecoder;
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
 * Every Deribit WebSocket sample of nautilus_trader decodes to the values it holds (each field named with its value),
 * and cryptofeed's recorded session {@code DERIBIT.ws.1.0} decodes whole: every book message's levels as sent, the
 * {@code prev_change_id} chains unbroken, without allocating.
 */
final class DeribitDecoderTest
{
    static final Path SAMPLES = Path.of("src/test/resources/recordings/nautilus/deribit");
    static final Path RECORDING = Path.of("src/test/resources/recordings/cryptofeed/DERIBIT.ws.1.0");
    private static final long RECV_TS_NS = 1_700_000_000_123_456_789L;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long NULL = Long.MIN_VALUE;
    private static final Pattern RAW_LEVEL = Pattern.compile("\\[\"(?:new|change|delete)\",([-0-9.e]+),([-0-9.e]+)]");

    private final DeribitDecoder decoder = new DeribitDecoder();
    private final DecodedMessages sink = new DecodedMessages();

    @Test
    void shouldDecodeBookSnapshotSample() throws IOException
    {
        assertEquals(1, sink.decode(decoder, sample("ws_book_snapshot.json"), RECV_TS_NS));

        final BookUpdateDecoder book = sink.book(0);
        assertEquals("BTC-PERPETUAL", sink.messages().get(0).symbol());
        assertEquals(Venue.DERIBIT, book.venue());
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(1699999999000L * NS_PER_MS, book.exchTsNs(), "timestamp");
        assertEquals(RECV_TS_NS, book.recvTsNs());
        assertEquals(123456789L, book.seq(), "change_id");
        assertEquals(NULL, book.prevSeq(), "prev_change_id null");
        assertEquals(NULL, book.firstSeq());
        assertEquals(NULL, book.checksum());
        assertEquals(List.of("42500.0:1000.0", "42499.5:500.0", "42499.0:750.0", "42498.5:1200.0", "42498.0:800.0"),
            bids(book));
        assertEquals(List.of("42501.0:800.0", "42501.5:600.0", "42502.0:400.0", "42502.5:900.0", "42503.0:550.0"),
            asks(book));
    }

    @Test
    void shouldDecodeBookChangeSampleWithDeleteAsZeroQuantity() throws IOException
    {
        assertEquals(1, sink.decode(decoder, sample("ws_book_delta.json"), RECV_TS_NS));

        final BookUpdateDecoder book = sink.book(0);
        assertEquals("BTC-PERPETUAL", sink.messages().get(0).symbol());
        assertEquals(BooleanType.FALSE, book.snapshot());
        assertEquals(1699999999500L * NS_PER_MS, book.exchTsNs(), "timestamp");
        assertEquals(123456790L, book.seq(), "change_id");
        assertEquals(123456789L, book.prevSeq(), "prev_change_id");
        assertEquals(List.of("42500.0:950.0", "42498.5:300.0"), bids(book), "change 42500.0, new 42498.5");
        assertEquals(List.of("42501.0:0.0", "42501.5:700.0"), asks(book), "delete 42501.0, change 42501.5");
    }

    @Test
    void shouldDecodeGroupedBookAsSnapshot() throws IOException
    {
        assertEquals(1, sink.decode(decoder, sample("ws_book_grouped_snapshot.json"), RECV_TS_NS));

        final BookUpdateDecoder book = sink.book(0);
        assertEquals("BTC-PERPETUAL", sink.messages().get(0).symbol());
        assertEquals(BooleanType.TRUE, book.snapshot(), "book.BTC-PERPETUAL.none.10.100ms carries no type");
        assertEquals(1769246173071L * NS_PER_MS, book.exchTsNs());
        assertEquals(136725664747L, book.seq(), "change_id");
        assertEquals(NULL, book.prevSeq());
        final List<String> bids = bids(book);
        final List<String> asks = asks(book);
        assertEquals(10, bids.size());
        assertEquals(10, asks.size());
        assertEquals("89532.5:254900.0", bids.get(0));
        assertEquals("89529.5:3530.0", bids.get(3));
        assertEquals("89523.5:11000.0", bids.get(9));
        assertEquals("89533.0:91570.0", asks.get(0));
        assertEquals("89545.5:29500.0", asks.get(9));
    }

    @Test
    void shouldDecodeQuoteSampleAsBbo() throws IOException
    {
        assertEquals(1, sink.decode(decoder, sample("ws_quote.json"), RECV_TS_NS));

        final BboDecoder bbo = sink.bbo(0);
        assertEquals("BTC-PERPETUAL", sink.messages().get(0).symbol());
        assertEquals(1765541767174L * NS_PER_MS, bbo.exchTsNs(), "timestamp");
        assertEquals(NULL, bbo.seq());
        assertEquals("92288.0", text(bbo.bidPrice().mantissa(), bbo.bidPrice().exponent()), "best_bid_price");
        assertEquals("133440.0", text(bbo.bidQty().mantissa(), bbo.bidQty().exponent()), "best_bid_amount");
        assertEquals("92288.5", text(bbo.askPrice().mantissa(), bbo.askPrice().exponent()), "best_ask_price");
        assertEquals("99470.0", text(bbo.askQty().mantissa(), bbo.askQty().exponent()), "best_ask_amount");
    }

    @Test
    void shouldWriteAQuoteSideOfZeroesAsAbsent()
    {
        final String quote = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":" +
            "\"quote.BTC-24SEP21-8000-P\",\"data\":{\"timestamp\":1626993723632,\"instrument_name\":" +
            "\"BTC-24SEP21-8000-P\",\"best_bid_price\":0.0,\"best_bid_amount\":0.0,\"best_ask_price\":0.001," +
            "\"best_ask_amount\":2.6}}}";
        assertEquals(1, sink.decode(decoder, quote, RECV_TS_NS));

        final BboDecoder bbo = sink.bbo(0);
        assertEquals(NULL, bbo.bidPrice().mantissa(), "no bid");
        assertEquals(NULL, bbo.bidQty().mantissa(), "no bid");
        assertEquals("0.001", text(bbo.askPrice().mantissa(), bbo.askPrice().exponent()));
        assertEquals("2.6", text(bbo.askQty().mantissa(), bbo.askQty().exponent()));
    }

    @Test
    void shouldDecodeTickerSampleAsFundingAndOpenInterest() throws IOException
    {
        assertEquals(2, sink.decode(decoder, sample("ws_ticker.json"), RECV_TS_NS));
        final OpenInterestDecoder openInterest = sink.openInterest(1);
        assertEquals("BTC-PERPETUAL", sink.messages().get(1).symbol());
        assertEquals("1132329370.0", text(openInterest.openInterest().mantissa(),
            openInterest.openInterest().exponent()), "open_interest (USD)");
        assertEquals(NULL, openInterest.openInterestValue().mantissa(), "Deribit gives no separate value");
        assertEquals(1765541474086L * NS_PER_MS, openInterest.exchTsNs(), "timestamp");

        final FundingDecoder funding = sink.funding(0);
        assertEquals("BTC-PERPETUAL", sink.messages().get(0).symbol());
        assertEquals(1765541474086L * NS_PER_MS, funding.exchTsNs(), "timestamp");
        assertEquals("92281.78", text(funding.markPrice().mantissa(), funding.markPrice().exponent()), "mark_price");
        assertEquals("92263.55", text(funding.indexPrice().mantissa(), funding.indexPrice().exponent()),
            "index_price");
        assertEquals("0.00001742", text(funding.fundingRate().mantissa(), funding.fundingRate().exponent()),
            "funding_8h");
        assertEquals(NULL, funding.nextFundingTsNs(), "Deribit funds continuously");
    }

    @Test
    void shouldDecodeTradesSampleAsOneTradeEach() throws IOException
    {
        assertEquals(2, sink.decode(decoder, sample("ws_trades.json"), RECV_TS_NS));

        final TradeDecoder first = sink.trade(0);
        assertEquals("BTC-PERPETUAL", sink.messages().get(0).symbol());
        assertEquals(Side.SELL, first.side(), "direction sell");
        assertEquals(1765531356452L * NS_PER_MS, first.exchTsNs(), "timestamp");
        assertEquals(RECV_TS_NS, first.recvTsNs());
        assertEquals("92294.5", text(first.price().mantissa(), first.price().exponent()), "price");
        assertEquals("10.0", text(first.qty().mantissa(), first.qty().exponent()), "amount");
        assertEquals(403691824L, first.tradeId(), "trade_id");
        final TradeDecoder second = sink.trade(1);
        assertEquals(Side.SELL, second.side());
        assertEquals("92288.5", text(second.price().mantissa(), second.price().exponent()), "price");
        assertEquals("750.0", text(second.qty().mantissa(), second.qty().exponent()), "amount");
        assertEquals(403691825L, second.tradeId(), "trade_id");
    }

    @Test
    void shouldDecodeComboTradeWithoutItsLegs() throws IOException
    {
        assertEquals(1, sink.decode(decoder, sample("ws_trades_option_combo.json"), RECV_TS_NS));

        final TradeDecoder trade = sink.trade(0);
        assertEquals("BTC-CS-19MAY26-70000_75000", sink.messages().get(0).symbol());
        assertEquals(Side.SELL, trade.side());
        assertEquals(1779118041756L * NS_PER_MS, trade.exchTsNs());
        assertEquals("0.0639", text(trade.price().mantissa(), trade.price().exponent()), "price");
        assertEquals("0.1", text(trade.qty().mantissa(), trade.qty().exponent()), "amount");
        assertEquals(244365193L, trade.tradeId(), "trade_id of the combo, not of a leg");
    }

    @Test
    void shouldTakeTheNumberOfAPrefixedTradeId()
    {
        final String trades = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":" +
            "\"trades.ETH-PERPETUAL.raw\",\"data\":[{\"trade_seq\":30289432,\"trade_id\":\"ETH-48079254\"," +
            "\"timestamp\":1590484156350,\"tick_direction\":0,\"price\":206.45,\"instrument_name\":" +
            "\"ETH-PERPETUAL\",\"index_price\":206.45,\"direction\":\"buy\",\"amount\":11.0}]}}";
        assertEquals(1, sink.decode(decoder, trades, RECV_TS_NS));

        final TradeDecoder trade = sink.trade(0);
        assertEquals(48079254L, trade.tradeId(), "trade_id ETH-48079254");
        assertEquals(Side.BUY, trade.side(), "direction buy");
        assertEquals("206.45", text(trade.price().mantissa(), trade.price().exponent()));
    }

    @Test
    void shouldDecodeTheVolatilityIndexUnderItsIndexName() throws IOException
    {
        assertEquals(1, sink.decode(decoder, sample("ws_volatility_index.json"), RECV_TS_NS));
        final VolatilityIndexDecoder dvol = sink.volatilityIndex(0);
        assertEquals("BTC_USD-DVOL", sink.messages().get(0).symbol(), "index_name btc_usd");
        assertEquals("129.36", text(dvol.value().mantissa(), dvol.value().exponent()), "volatility");
        assertEquals(1619777946007L * NS_PER_MS, dvol.exchTsNs(), "timestamp");
        assertEquals(NULL, dvol.openValue().mantissa(), "a value, not a bar");
        assertEquals(NULL, dvol.closeValue().mantissa(), "a value, not a bar");
        assertEquals("BTC-USD-DVOL",
            new DeribitSymbols().define(1, Venue.DERIBIT, "BTC_USD-DVOL").symbol(), "canonical symbol");
    }

    @Test
    void shouldDecodeEveryRecordedFrameWithItsLevelsAndUnbrokenChains() throws IOException
    {
        final Map<String, Long> lastChangeId = new HashMap<>();
        int snapshots = 0;
        int changes = 0;
        int tickers = 0;
        int quiet = 0;
        for (final String frame : RecordedJson.receivedMessages(RECORDING))
        {
            sink.clear();
            final int committed = sink.decode(decoder, frame, RECV_TS_NS);
            if (frame.contains("\"channel\":\"book."))
            {
                assertEquals(1, committed, frame);
                final BookUpdateDecoder book = sink.book(0);
                final String symbol = sink.messages().get(0).symbol();
                assertTrue(frame.contains("\"instrument_name\":\"" + symbol + "\""), frame);
                assertEquals(group("\"change_id\":(\\d+)", frame), String.valueOf(book.seq()));
                assertEquals(levels(frame, "\"bids\":["), bids(book), frame);
                assertEquals(levels(frame, "\"asks\":["), asks(book), frame);
                if (book.snapshot() == BooleanType.TRUE)
                {
                    assertTrue(frame.contains("\"type\":\"snapshot\""));
                    assertEquals(NULL, book.prevSeq());
                    snapshots++;
                }
                else
                {
                    assertEquals(lastChangeId.get(symbol).longValue(), book.prevSeq(), "prev_change_id chain");
                    changes++;
                }
                lastChangeId.put(symbol, book.seq());
            }
            else if (frame.contains("\"channel\":\"ticker."))
            {
                assertEquals(2, committed, frame);
                final OpenInterestDecoder openInterest = sink.openInterest(1);
                assertEquals(group("\"open_interest\":([0-9.e-]+)", frame),
                    text(openInterest.openInterest().mantissa(), openInterest.openInterest().exponent()));
                final FundingDecoder funding = sink.funding(0);
                assertEquals(group("\"mark_price\":([0-9.e-]+)", frame),
                    text(funding.markPrice().mantissa(), funding.markPrice().exponent()));
                assertEquals(group("\"index_price\":([0-9.e-]+)", frame),
                    text(funding.indexPrice().mantissa(), funding.indexPrice().exponent()));
                assertEquals(NULL, funding.fundingRate().mantissa(), "options have no funding");
                tickers++;
            }
            else
            {
                assertEquals(0, committed, "subscription acknowledgement: " + frame);
                quiet++;
            }
            assertEquals(0, sink.protocolErrors());
        }
        assertEquals(10, snapshots);
        assertEquals(36, changes);
        assertEquals(89, tickers);
        assertEquals(1, quiet);
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
        for (final String name : new String[]{ "ws_book_snapshot.json", "ws_book_delta.json",
            "ws_book_grouped_snapshot.json", "ws_quote.json", "ws_ticker.json", "ws_trades.json",
            "ws_trades_option_combo.json", "ws_volatility_index.json" })
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
        // 46 books + 89 tickers (funding and open interest) of the recording; 3 books, 1 bbo, 1 funding, 1 open
        // interest, 3 trades, 1 volatility index of the samples
        assertEquals(234, messages);
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

    static List<String> bids(final BookUpdateDecoder book)
    {
        final List<String> levels = new ArrayList<>();
        for (final BookUpdateDecoder.BidsDecoder level : book.bids())
        {
            levels.add(text(level.price().mantissa(), level.price().exponent()) + ":" +
                text(level.qty().mantissa(), level.qty().exponent()));
        }
        return levels;
    }

    static List<String> asks(final BookUpdateDecoder book)
    {
        final List<String> levels = new ArrayList<>();
        for (final BookUpdateDecoder.AsksDecoder level : book.asks())
        {
            levels.add(text(level.price().mantissa(), level.price().exponent()) + ":" +
                text(level.qty().mantissa(), level.qty().exponent()));
        }
        return levels;
    }

    /**
     * @return the levels of the array opened by {@code opening}, read with a regular expression, a delete's
     * amount as the venue sent it (always 0.0 in the recording).
     */
    private static List<String> levels(final String frame, final String opening)
    {
        final int start = frame.indexOf(opening);
        assertTrue(start >= 0, opening);
        final List<String> levels = new ArrayList<>();
        for (final String[] level : RecordedJson.levels(RecordedJson.array(frame, start + opening.length() - 1),
            RAW_LEVEL))
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

    static StatusDecoder onlyStatus(final DecodedMessages sink)
    {
        assertEquals(1, sink.messages().size(), "one status message");
        return sink.status(0);
    }
}
