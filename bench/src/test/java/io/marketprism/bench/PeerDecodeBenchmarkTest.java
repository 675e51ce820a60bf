/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import info.bitrich.xchangestream.binance.dto.BinanceWebsocketTransaction;
import info.bitrich.xchangestream.binance.dto.market.BinanceRawTrade;
import info.bitrich.xchangestream.binance.dto.market.DepthBinanceWebSocketTransaction;
import info.bitrich.xchangestream.binance.dto.market.TradeBinanceWebsocketTransaction;
import io.marketprism.bench.peer.BinanceDepthEvent;
import io.marketprism.bench.peer.BinanceLevel;
import io.marketprism.bench.peer.BinanceTradeEvent;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peer decode benchmark compares like with like: on every recorded depth and trade frame it uses, our SBE, the
 * Jackson DTOs and XChange's DTOs hold the same values (ids, times, side, every level's price and quantity, exactly);
 * a benchmark pass checks its own result; ours allocates nothing; the summary line has the harnesses' format. The
 * timings themselves are measured with JMH (bench/README.md).
 */
final class PeerDecodeBenchmarkTest
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @Test
    void shouldDecodeEveryDepthFrameIntoTheSameValuesOnAllThreePaths() throws Exception
    {
        final PeerDecodeBenchmark benchmark = benchmark(PeerFrames.DEPTH);
        final PeerFrames frames = benchmark.frames();
        final BookUpdateDecoder book = new BookUpdateDecoder();
        long levels = 0;
        for (int i = 0; i < frames.size(); i++)
        {
            final String at = "depth frame " + i + ": " + frames.text(i);
            assertTrue(benchmark.decodeOurs(i) != PeerDecodeBenchmark.NOT_MARKET_DATA, at);
            final DirectBuffer sbe = benchmark.oursOutput();
            header.wrap(sbe, 0);
            assertEquals(BookUpdateDecoder.TEMPLATE_ID, header.templateId(), at);
            book.wrap(sbe, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());

            final BinanceDepthEvent jackson = (BinanceDepthEvent)benchmark.decodeJackson(i).data();
            final DepthBinanceWebSocketTransaction xchange =
                (DepthBinanceWebSocketTransaction)benchmark.decodeXchange(i).getData();
            assertEquals("depthUpdate", jackson.eventType(), at);
            assertEquals("BTCUSDT", jackson.symbol(), at);
            assertEquals("BTCUSDT", xchange.getSymbol(), at);
            assertEquals(jackson.lastUpdateId(), book.seq(), at);
            assertEquals(jackson.lastUpdateId(), xchange.getLastUpdateId(), at);
            assertEquals(jackson.firstUpdateId(), book.firstSeq(), at);
            assertEquals(jackson.firstUpdateId(), xchange.getFirstUpdateId(), at);
            assertEquals(jackson.eventTimeMs() * 1_000_000L, book.exchTsNs(), at);
            assertEquals(jackson.eventTimeMs(), xchange.getEventTime().getTime(), at);

            final BookUpdateDecoder.BidsDecoder bids = book.bids();
            assertEquals(jackson.bids().size(), bids.count(), at);
            assertEquals(jackson.bids().size(), xchange.getOrderBook().bids.size(), at);
            int level = 0;
            for (final BookUpdateDecoder.BidsDecoder bid : bids)
            {
                assertLevel(jackson.bids().get(level++), bid.price(), bid.qty(), xchange.getOrderBook().bids, at);
            }
            final BookUpdateDecoder.AsksDecoder asks = book.asks();
            assertEquals(jackson.asks().size(), asks.count(), at);
            assertEquals(jackson.asks().size(), xchange.getOrderBook().asks.size(), at);
            level = 0;
            for (final BookUpdateDecoder.AsksDecoder ask : asks)
            {
                assertLevel(jackson.asks().get(level++), ask.price(), ask.qty(), xchange.getOrderBook().asks, at);
            }
            levels += jackson.bids().size() + jackson.asks().size();
        }
        // spot BTCUSDT 2024-08-08: every depthUpdate frame of the day's capture
        assertEquals(3_451, frames.size());
        assertTrue(levels > 10 * frames.size(), "levels " + levels);
    }

    @Test
    void shouldDecodeEveryTradeFrameIntoTheSameValuesOnAllThreePaths() throws Exception
    {
        final PeerDecodeBenchmark benchmark = benchmark(PeerFrames.TRADE);
        final PeerFrames frames = benchmark.frames();
        final TradeDecoder trade = new TradeDecoder();
        int sells = 0;
        for (int i = 0; i < frames.size(); i++)
        {
            final String at = "trade frame " + i + ": " + frames.text(i);
            assertTrue(benchmark.decodeOurs(i) != PeerDecodeBenchmark.NOT_MARKET_DATA, at);
            final DirectBuffer sbe = benchmark.oursOutput();
            header.wrap(sbe, 0);
            assertEquals(TradeDecoder.TEMPLATE_ID, header.templateId(), at);
            trade.wrap(sbe, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());

            final BinanceTradeEvent jackson = (BinanceTradeEvent)benchmark.decodeJackson(i).data();
            final BinanceWebsocketTransaction<?> transaction = benchmark.decodeXchange(i);
            final BinanceRawTrade xchange = ((TradeBinanceWebsocketTransaction)transaction.getData()).getRawTrade();
            assertEquals("btcusdt@trade", transaction.getStream(), at);
            assertEquals("trade", jackson.eventType(), at);
            assertEquals("BTCUSDT", xchange.getSymbol(), at);
            assertEquals(jackson.tradeId(), trade.tradeId(), at);
            assertEquals(jackson.tradeId(), xchange.getTradeId(), at);
            assertEquals(jackson.price(), decimal(trade.price()), at);
            assertEquals(jackson.price(), xchange.getPrice(), at);
            assertEquals(jackson.qty(), decimal(trade.qty()), at);
            assertEquals(jackson.qty(), xchange.getQuantity(), at);
            assertEquals(jackson.buyerMaker() ? Side.SELL : Side.BUY, trade.side(), at);
            assertEquals(jackson.buyerMaker(), xchange.isBuyerMarketMaker(), at);
            assertEquals(jackson.tradeTimeMs() * 1_000_000L, trade.exchTsNs(), at);
            assertEquals(jackson.tradeTimeMs(), xchange.getTimestamp(), at);
            sells += jackson.buyerMaker() ? 1 : 0;
        }
        assertEquals(9_757, frames.size());
        assertTrue(sells > 0 && sells < frames.size(), "sells " + sells);
    }

    @Test
    void shouldPassItsOwnCheckOnEveryPathOverMoreThanOneCycleOfFrames() throws Exception
    {
        for (final String kind : new String[]{ PeerFrames.DEPTH, PeerFrames.TRADE })
        {
            final PeerDecodeBenchmark benchmark = benchmark(kind);
            final int operations = benchmark.frames().size() + 7;
            for (int path = 0; path < 3; path++)
            {
                benchmark.startIteration();
                long sum = 0;
                for (int i = 0; i < operations; i++)
                {
                    sum += path == 0 ? benchmark.ours() : path == 1 ? benchmark.jackson() : benchmark.xchange();
                }
                assertTrue(sum != 0, kind + " path " + path);
                benchmark.check();
            }
            benchmark.startIteration();
            final IllegalStateException failure = assertThrows(IllegalStateException.class, benchmark::check);
            assertTrue(failure.getMessage().contains("over 0 operations"), failure.getMessage());
        }
    }

    @Test
    void shouldTellTheDecodedValuesApartInTheCheckValue()
    {
        final long depth = PeerDecodeBenchmark.depthCheck(50_093_239_202L, 3, 9);
        assertTrue(depth != PeerDecodeBenchmark.depthCheck(50_093_239_202L, 9, 3));
        assertTrue(depth != PeerDecodeBenchmark.depthCheck(50_093_239_202L, 2, 9));
        assertTrue(depth != PeerDecodeBenchmark.depthCheck(50_093_239_203L, 3, 9));
        final long trade = PeerDecodeBenchmark.tradeCheck(3_735_683_259L, true, 8, 8);
        assertTrue(trade != PeerDecodeBenchmark.tradeCheck(3_735_683_259L, false, 8, 8));
        assertTrue(trade != PeerDecodeBenchmark.tradeCheck(3_735_683_259L, true, 2, 8));
        assertTrue(trade != PeerDecodeBenchmark.tradeCheck(3_735_683_260L, true, 8, 8));
    }

    @Test
    void shouldDecodeEveryFrameWithoutAllocatingOnOurPath() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (final String kind : new String[]{ PeerFrames.DEPTH, PeerFrames.TRADE })
        {
            final PeerDecodeBenchmark benchmark = benchmark(kind);
            final int frames = benchmark.frames().size();
            // the JIT may charge a few bytes to the thread when it moves a method between tiers: passes until one is
            // clean, each over every frame
            final StringBuilder measured = new StringBuilder();
            int cleanPasses = 0;
            for (int pass = 0; pass < 10 && cleanPasses == 0; pass++)
            {
                benchmark.startIteration();
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < frames; i++)
                {
                    benchmark.ours();
                }
                final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                benchmark.check();
                measured.append(allocated).append(' ');
                cleanPasses += allocated == 0 ? 1 : 0;
            }
            assertEquals(1, cleanPasses, kind + ": bytes allocated per pass over every frame: " + measured);
        }
    }

    @Test
    void shouldPrintOursThePeersAndTheRatiosInOneResultLinePerKind()
    {
        final Map<String, Map<String, PeerDecodeSummary.Score>> scores = new LinkedHashMap<>();
        scores.put("depthUpdate", new LinkedHashMap<>());
        scores.get("depthUpdate").put("ours", new PeerDecodeSummary.Score(1_000.0, 50.0, 0.008));
        scores.get("depthUpdate").put("jackson", new PeerDecodeSummary.Score(21_500.0, 800.0, 9_876.5));
        scores.get("depthUpdate").put("xchange", new PeerDecodeSummary.Score(40_000.0, 900.0, 20_000.0));
        scores.put("trade", new LinkedHashMap<>());
        scores.get("trade").put("ours", new PeerDecodeSummary.Score(300.0, 10.0, Double.NaN));
        scores.get("trade").put("jackson", new PeerDecodeSummary.Score(3_000.0, 10.0, Double.NaN));

        final List<String> lines = PeerDecodeSummary.lines(scores);
        assertEquals("RESULT peer-decode kind=depthUpdate ours_ns=1000.0 jackson_ns=21500.0 xchange_ns=40000.0" +
            " jackson_ratio=21.50 xchange_ratio=40.00 ours_b_per_op=0.008 jackson_b_per_op=9876.500" +
            " xchange_b_per_op=20000.000", lines.get(lines.size() - 2));
        assertEquals("RESULT peer-decode kind=trade ours_ns=300.0 jackson_ns=3000.0 xchange_ns=na" +
            " jackson_ratio=10.00 xchange_ratio=na ours_b_per_op=na jackson_b_per_op=na xchange_b_per_op=na",
            lines.get(lines.size() - 1));
        assertTrue(lines.stream().anyMatch(line -> line.matches("depthUpdate +jackson +21500\\.0 +800\\.0 +21\\.5" +
            " +9876\\.500")), String.join("\n", lines));
        assertTrue(PeerDecodeSummary.lines(new LinkedHashMap<>()).isEmpty());

        final Map<String, Map<String, PeerDecodeSummary.Score>> peerOnly = new LinkedHashMap<>();
        peerOnly.put("trade", new LinkedHashMap<>());
        peerOnly.get("trade").put("xchange", new PeerDecodeSummary.Score(6_517.0, Double.NaN, Double.NaN));
        final List<String> single = PeerDecodeSummary.lines(peerOnly);
        assertEquals("RESULT peer-decode kind=trade ours_ns=na jackson_ns=na xchange_ns=6517.0 jackson_ratio=na" +
            " xchange_ratio=na ours_b_per_op=na jackson_b_per_op=na xchange_b_per_op=na",
            single.get(single.size() - 1));
        assertTrue(single.get(single.size() - 2).matches("trade +xchange +6517\\.0 +na +na +na"), single.toString());
    }

    private static PeerDecodeBenchmark benchmark(final String kind) throws Exception
    {
        final PeerDecodeBenchmark benchmark = new PeerDecodeBenchmark();
        benchmark.kind = kind;
        benchmark.setup(null);
        return benchmark;
    }

    private static BigDecimal decimal(final Decimal64Decoder value)
    {
        return new BigDecimal(BigInteger.valueOf(value.mantissa()), -value.exponent());
    }

    private static void assertLevel(
        final BinanceLevel jackson,
        final Decimal64Decoder price,
        final Decimal64Decoder qty,
        final SortedMap<BigDecimal, BigDecimal> xchange,
        final String at)
    {
        // exact: BigDecimal.equals compares the scale too, so the SBE exponent must be the text's
        assertEquals(jackson.price(), decimal(price), at);
        assertEquals(jackson.qty(), decimal(qty), at);
        assertEquals(jackson.qty(), xchange.get(jackson.price()), at);
    }
}
