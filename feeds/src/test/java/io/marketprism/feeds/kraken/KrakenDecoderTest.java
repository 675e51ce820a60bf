/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.RecordedJson;
import io.marketprism.feeds.Venues;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Kraken decoder on real frames: the recorded v1 session (cryptofeed's {@code KRAKEN.ws.48/49/50.0}) and every
 * spot v2 sample of nautilus's Kraken adapter. Expected values are read from the frame text independently of the
 * decoder (regular expressions, {@link BigDecimal}) or written out by field.
 */
final class KrakenDecoderTest
{
    private static final long RECV_TS_NS = 1_618_678_133_626_511_000L;
    private static final long NULL = Long.MIN_VALUE;
    private static final Pattern V1_LEVEL =
        Pattern.compile("\\[\"([^\"]*)\",\"([^\"]*)\",\"([^\"]*)\"(?:,\"r\")?]");

    private final KrakenDecoder decoder = new KrakenDecoder();
    private final CapturingSink sink = new CapturingSink();

    @Test
    void shouldDecodeARecordedV1BookSnapshotExactly()
    {
        final String frame = KrakenFrames.first(KrakenFrames.BOOK_SESSION, f -> f.contains("\"as\":["));
        final List<String[]> asks = RecordedJson.levels(arrayAfter(frame, "\"as\":["), V1_LEVEL);
        final List<String[]> bids = RecordedJson.levels(arrayAfter(frame, "\"bs\":["), V1_LEVEL);

        assertEquals(1, decode(frame));
        final BookUpdateDecoder book = sink.book(0);
        assertEquals("ADA/XBT", sink.messages().get(0).symbol());
        assertEquals(Venue.KRAKEN, book.venue());
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(NULL, book.seq(), "Kraken numbers no book message");
        assertEquals(NULL, book.prevSeq());
        assertEquals(NULL, book.checksum(), "a v1 snapshot carries no checksum");
        assertEquals(RECV_TS_NS, book.recvTsNs());
        assertEquals(latestTimeNs(frame), book.exchTsNs(), "exchTs: the latest level time");
        assertLevels(bids, asks, book);
        // the first ask as sent, "0.000022900", was compared above as mantissa 22900 and exponent -9
        assertEquals("0.000022900", asks.get(0)[0]);
    }

    @Test
    void shouldDecodeARecordedV1UpdateWithTwoSideObjectsAndItsChecksum()
    {
        final String frame = KrakenFrames.first(KrakenFrames.BOOK_SESSION, f -> f.contains("]]},{\"b\":[["));
        assertEquals("[1920,{\"a\":[[\"0.042990\",\"364630.28272081\",\"1618678145.920470\"]]},{\"b\":[[\"0.042990\"," +
            "\"0.00000000\",\"1618678145.920708\"]],\"c\":\"4105471083\"},\"book-1000\",\"SC/EUR\"]", frame);

        assertEquals(1, decode(frame));
        final BookUpdateDecoder book = sink.book(0);
        assertEquals("SC/EUR", sink.messages().get(0).symbol());
        assertEquals(BooleanType.FALSE, book.snapshot());
        assertEquals(NULL, book.seq());
        assertEquals(4105471083L, book.checksum(), "c, unsigned, above 2^31");
        assertEquals(1_618_678_145_920_708_000L, book.exchTsNs(), "the later of the two level times");
        assertLevels(List.<String[]>of(new String[]{ "0.042990", "0.00000000" }),
            List.<String[]>of(new String[]{ "0.042990", "364630.28272081" }), book);
    }

    @Test
    void shouldApplyARepublishedLevelAsAnUpdate()
    {
        final String frame = "[1920,{\"a\":[[\"0.043010\",\"1.50000000\",\"1618678145.920470\",\"r\"]," +
            "[\"0.043020\",\"2.00000000\",\"1618678145.920471\"]],\"c\":\"12345\"},\"book-10\",\"SC/EUR\"]";
        assertEquals(1, decode(frame));
        final BookUpdateDecoder book = sink.book(0);
        assertEquals(12345, book.checksum());
        assertLevels(List.of(), List.of(new String[]{ "0.043010", "1.50000000" },
            new String[]{ "0.043020", "2.00000000" }), book);
    }

    @Test
    void shouldDecodeEveryTradeOfARecordedV1TradeMessage()
    {
        final String frame = KrakenFrames.first(KrakenFrames.TRADE_SESSION,
            f -> f.startsWith("[993,[[\"354.04000000\""));
        assertEquals("[993,[[\"354.04000000\",\"0.28245396\",\"1618678150.826417\",\"s\",\"m\",\"\"]," +
            "[\"353.81000000\",\"1.71754604\",\"1618678150.827816\",\"s\",\"m\",\"\"]],\"trade\",\"XMR/USD\"]", frame);

        assertEquals(2, decode(frame));
        final TradeDecoder first = sink.trade(0);
        assertEquals("XMR/USD", sink.messages().get(0).symbol());
        assertEquals(Venue.KRAKEN, first.venue());
        assertEquals(Side.SELL, first.side(), "s: the taker sold");
        assertEquals(35404000000L, first.price().mantissa());
        assertEquals(-8, first.price().exponent());
        assertEquals(28245396L, first.qty().mantissa());
        assertEquals(-8, first.qty().exponent());
        assertEquals(1_618_678_150_826_417_000L, first.exchTsNs());
        assertEquals(NULL, first.tradeId(), "v1 trades carry no id");
        final TradeDecoder second = sink.trade(1);
        assertEquals(35381000000L, second.price().mantissa());
        assertEquals(171754604L, second.qty().mantissa());
        assertEquals(1_618_678_150_827_816_000L, second.exchTsNs());

        sink.clear();
        final String buy = KrakenFrames.first(KrakenFrames.TRADE_SESSION, f -> f.contains("\"b\",\"m\""));
        assertTrue(decode(buy) >= 1);
        assertEquals(Side.BUY, sink.trade(0).side(), "b: the taker bought, in " + buy);
    }

    @Test
    void shouldDecodeARecordedV1TickerAsBboWithLotVolumes()
    {
        final String frame = KrakenFrames.first(KrakenFrames.TICKER_SESSION, f -> f.startsWith("[1668,{"));
        assertTrue(frame.contains("\"a\":[\"13.253900\",35,\"35.72892241\"],\"b\":[\"13.232900\",185," +
            "\"185.18432037\"]"), frame);

        assertEquals(1, decode(frame));
        final BboDecoder bbo = sink.bbo(0);
        assertEquals("WAVES/EUR", sink.messages().get(0).symbol());
        assertEquals(13232900L, bbo.bidPrice().mantissa());
        assertEquals(-6, bbo.bidPrice().exponent());
        assertEquals(18518432037L, bbo.bidQty().mantissa());
        assertEquals(-8, bbo.bidQty().exponent());
        assertEquals(13253900L, bbo.askPrice().mantissa());
        assertEquals(3572892241L, bbo.askQty().mantissa());
        assertEquals(NULL, bbo.seq());
        assertEquals(NULL, bbo.exchTsNs(), "a v1 ticker has no time");
        assertEquals(RECV_TS_NS, bbo.recvTsNs());
    }

    @Test
    void shouldDecodeEveryFrameOfTheRecordedSessions()
    {
        final int[] book = decodeSession(KrakenFrames.BOOK_SESSION);
        assertEquals(10, book[0], "book snapshots");
        assertEquals(4269, book[1], "book updates");
        assertEquals(4269, book[2], "updates with a checksum");
        assertEquals(0, book[5], "malformed");
        assertEquals(42, book[6], "control frames: systemStatus, 10 subscriptionStatus, 31 heartbeats");

        final int[] trade = decodeSession(KrakenFrames.TRADE_SESSION);
        assertEquals(10, trade[3], "trades");
        assertEquals(0, trade[5]);
        final int[] ticker = decodeSession(KrakenFrames.TICKER_SESSION);
        assertEquals(18, ticker[4], "bbo");
        assertEquals(0, ticker[5]);
    }

    @Test
    void shouldDecodeTheV2BookSnapshotSample()
    {
        assertEquals(1, decode(KrakenFrames.v2Sample("ws_book_snapshot.json")));
        final BookUpdateDecoder book = sink.book(0);
        assertEquals("BTC/USD", sink.messages().get(0).symbol());
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(NULL, book.seq());
        assertEquals(2439117997L, book.checksum());
        assertEquals(nanos("2023-10-06T17:35:55.440295Z"), book.exchTsNs());
        // JSON numbers, kept as written: 105944.20 has two decimals, 0.136 three
        assertLevels(
            List.of(new String[]{ "105944.20", "0.136" }, new String[]{ "105935.40", "0.024" },
                new String[]{ "105920.10", "0.052" }),
            List.of(new String[]{ "105944.30", "0.136" }, new String[]{ "105946.90", "0.095" },
                new String[]{ "105955.80", "0.003" }),
            book);
    }

    @Test
    void shouldDecodeTheV2BookUpdateSample()
    {
        assertEquals(1, decode(KrakenFrames.v2Sample("ws_book_update.json")));
        final BookUpdateDecoder book = sink.book(0);
        assertEquals("BTC/USD", sink.messages().get(0).symbol());
        assertEquals(BooleanType.FALSE, book.snapshot());
        assertEquals(2114181697L, book.checksum());
        assertEquals(nanos("2023-10-06T17:35:55.440295Z"), book.exchTsNs());
        assertLevels(List.<String[]>of(new String[]{ "105944.20", "0.250" }), List.of(), book);
        assertEquals(250, sink.book(0).bids().next().qty().mantissa(), "qty 0.250 keeps its trailing zero");
    }

    @Test
    void shouldDecodeTheV2TickerSampleAsBbo()
    {
        assertEquals(1, decode(KrakenFrames.v2Sample("ws_ticker_snapshot.json")));
        final BboDecoder bbo = sink.bbo(0);
        assertEquals("BTC/USD", sink.messages().get(0).symbol());
        assertEquals(10594420L, bbo.bidPrice().mantissa());
        assertEquals(-2, bbo.bidPrice().exponent());
        assertEquals(25L, bbo.bidQty().mantissa());
        assertEquals(-1, bbo.bidQty().exponent());
        assertEquals(10594430L, bbo.askPrice().mantissa());
        assertEquals(-2, bbo.askPrice().exponent());
        assertEquals(32L, bbo.askQty().mantissa());
        assertEquals(-1, bbo.askQty().exponent());
        assertEquals(NULL, bbo.seq());
        assertEquals(nanos("2022-12-25T09:30:59.123456Z"), bbo.exchTsNs());
    }

    @Test
    void shouldDecodeTheV2TradeSampleAsTwoTrades()
    {
        assertEquals(2, decode(KrakenFrames.v2Sample("ws_trade_update.json")));
        final TradeDecoder buy = sink.trade(0);
        assertEquals("BTC/USD", sink.messages().get(0).symbol());
        assertEquals(Side.BUY, buy.side());
        assertEquals(10594420L, buy.price().mantissa());
        assertEquals(-2, buy.price().exponent());
        assertEquals(27625L, buy.qty().mantissa());
        assertEquals(-8, buy.qty().exponent());
        assertEquals(10218208L, buy.tradeId());
        assertEquals(nanos("2023-10-06T17:35:55.440295Z"), buy.exchTsNs());
        final TradeDecoder sell = sink.trade(1);
        assertEquals(Side.SELL, sell.side());
        assertEquals(10591050L, sell.price().mantissa());
        assertEquals(12460L, sell.qty().mantissa(), "0.00012460 keeps its trailing zero");
        assertEquals(-8, sell.qty().exponent());
        assertEquals(10218209L, sell.tradeId());
        assertEquals(nanos("2023-10-06T17:35:56.123456Z"), sell.exchTsNs());
    }

    @Test
    void shouldDecodeControlFramesToNothing()
    {
        final List<String> controls = new ArrayList<>();
        controls.add(KrakenFrames.first(KrakenFrames.BOOK_SESSION, f -> f.contains("\"event\":\"systemStatus\"")));
        controls.add(KrakenFrames.first(KrakenFrames.BOOK_SESSION, f -> f.contains("\"subscriptionStatus\"")));
        controls.add(KrakenFrames.first(KrakenFrames.BOOK_SESSION, f -> f.contains("\"heartbeat\"")));
        controls.add("{\"event\":\"pong\",\"reqid\":42}");
        controls.add("{\"channel\":\"heartbeat\"}");
        controls.add("{\"channel\":\"status\",\"type\":\"update\",\"data\":[{\"api_version\":\"v2\"," +
            "\"connection_id\":12393906104898154338,\"system\":\"online\",\"version\":\"2.0.4\"}]}");
        controls.add("{\"method\":\"subscribe\",\"result\":{\"channel\":\"book\",\"depth\":10,\"snapshot\":true," +
            "\"symbol\":\"BTC/USD\"},\"success\":true,\"time_in\":\"2023-09-25T09:04:31.742599Z\"," +
            "\"time_out\":\"2023-09-25T09:04:31.742648Z\"}");
        controls.add("{\"method\":\"pong\",\"req_id\":101,\"time_in\":\"2023-09-24T14:10:23.799685Z\"," +
            "\"time_out\":\"2023-09-24T14:10:23.799703Z\"}");
        for (final String control : controls)
        {
            sink.clear();
            assertEquals(0, decode(control), control);
            assertEquals(0, sink.commits(), control);
        }
    }

    @Test
    void shouldReportAVenueErrorReplyAsVenueError()
    {
        assertVenueError("{\"channelName\":\"book-1000\",\"errorMessage\":\"Currency pair not supported\"," +
            "\"event\":\"subscriptionStatus\",\"pair\":\"XBT/EUX\",\"status\":\"error\"," +
            "\"subscription\":{\"depth\":1000,\"name\":\"book\"}}");
        assertVenueError("{\"errorMessage\":\"Malformed request\",\"event\":\"error\"}");
        assertVenueError("{\"error\":\"Currency pair not supported BTC/EUX\",\"method\":\"subscribe\"," +
            "\"success\":false,\"symbol\":\"BTC/EUX\",\"time_in\":\"2023-09-25T09:04:31.742599Z\"," +
            "\"time_out\":\"2023-09-25T09:04:31.742648Z\"}");
    }

    @Test
    void shouldBeTheVenueTableDecoderAndRules()
    {
        final FrameDecoder fromTable = Venues.newDecoder(Venue.KRAKEN);
        assertInstanceOf(KrakenDecoder.class, fromTable);
        assertTrue(Venues.isSupported(Venue.KRAKEN));
        final short kraken = Venue.KRAKEN.value();
        assertInstanceOf(KrakenSymbols.class, Venues.rules().canonicalizer(kraken));
        assertInstanceOf(KrakenBookRule.class, Venues.rules().bookRule(kraken));
        assertInstanceOf(KrakenBookChecksum.class, Venues.rules().bookChecksum(kraken));
    }

    @Test
    void shouldDecodeRealFramesWithoutAllocating()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final List<String> texts = new ArrayList<>();
        texts.addAll(KrakenFrames.received(KrakenFrames.BOOK_SESSION));
        texts.addAll(KrakenFrames.received(KrakenFrames.TRADE_SESSION));
        texts.addAll(KrakenFrames.received(KrakenFrames.TICKER_SESSION));
        KrakenFrames.V2_SAMPLES.forEach(name -> texts.add(KrakenFrames.v2Sample(name)));
        final int count = texts.size();
        final int[] offsets = new int[count];
        final int[] lengths = new int[count];
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            offsets[i] = total;
            lengths[i] = texts.get(i).getBytes(StandardCharsets.US_ASCII).length;
            total += lengths[i];
        }
        final UnsafeBuffer frames = new UnsafeBuffer(new byte[total]);
        for (int i = 0; i < count; i++)
        {
            frames.putBytes(offsets[i], texts.get(i).getBytes(StandardCharsets.US_ASCII));
        }
        final CapturingSink counting = new CapturingSink(1 << 20, false);
        final long expected = decodeAll(frames, offsets, lengths, counting);
        decodeAll(frames, offsets, lengths, counting);

        // Every pass decodes the same frames, so an allocation in the decoder would show in every pass; the JVM
        // charges a few dozen bytes to the thread when the JIT moves a method between tiers, so a pass may be
        // measured again.
        final StringBuilder measured = new StringBuilder();
        int cleanPasses = 0;
        for (int pass = 0; pass < 5 && cleanPasses == 0; pass++)
        {
            counting.clear();
            final long before = threads.getCurrentThreadAllocatedBytes();
            final long messages = decodeAll(frames, offsets, lengths, counting);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(expected, messages);
            assertEquals(0, counting.protocolErrors());
            measured.append(allocated).append(' ');
            cleanPasses += allocated == 0 ? 1 : 0;
        }
        assertEquals(4269 + 10 + 10 + 18 + 2 + 3, expected, "book messages, trades, bbo, v2 samples");
        assertEquals(1, cleanPasses, "bytes allocated per pass over " + count + " frames: " + measured);
    }

    private long decodeAll(final UnsafeBuffer frames, final int[] offsets, final int[] lengths,
        final CapturingSink target)
    {
        long messages = 0;
        for (int i = 0; i < offsets.length; i++)
        {
            messages += decoder.decode(frames, offsets[i], lengths[i], RECV_TS_NS, target);
        }
        return messages;
    }

    /**
     * @return book snapshots, book updates, updates with a checksum, trades, bbo, malformed, frames with no message.
     */
    private int[] decodeSession(final java.nio.file.Path session)
    {
        final int[] counts = new int[7];
        for (final String frame : KrakenFrames.received(session))
        {
            sink.clear();
            final int committed = decode(frame);
            assertEquals(sink.messages().size(), committed);
            assertEquals(0, sink.protocolErrors());
            counts[6] += committed == 0 ? 1 : 0;
            for (int i = 0; i < committed; i++)
            {
                final int template = sink.templateId(i);
                if (template == BookUpdateDecoder.TEMPLATE_ID)
                {
                    final BookUpdateDecoder book = sink.book(i);
                    final boolean snapshot = book.snapshot() == BooleanType.TRUE;
                    counts[snapshot ? 0 : 1]++;
                    counts[2] += !snapshot && book.checksum() != NULL ? 1 : 0;
                }
                else if (template == TradeDecoder.TEMPLATE_ID)
                {
                    counts[3]++;
                }
                else if (template == BboDecoder.TEMPLATE_ID)
                {
                    counts[4]++;
                }
                else
                {
                    counts[5]++;
                }
            }
        }
        return counts;
    }

    private void assertVenueError(final String frame)
    {
        sink.clear();
        assertEquals(1, decode(frame), frame);
        final StatusDecoder status = sink.status(0);
        assertEquals(StatusEvent.MALFORMED, status.eventType());
        assertEquals(StatusReason.VENUE_ERROR, status.reason(), frame);
        assertEquals(Venue.KRAKEN, status.venue());
    }

    private int decode(final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
        return decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS_NS, sink);
    }

    private static void assertLevels(final List<String[]> bids, final List<String[]> asks, final BookUpdateDecoder book)
    {
        final BookUpdateDecoder.BidsDecoder bidLevels = book.bids();
        assertEquals(bids.size(), bidLevels.count(), "bid levels");
        for (final String[] level : bids)
        {
            bidLevels.next();
            assertDecimal(level[0], bidLevels.price().mantissa(), bidLevels.price().exponent(), "bid price");
            assertDecimal(level[1], bidLevels.qty().mantissa(), bidLevels.qty().exponent(), "bid qty");
        }
        final BookUpdateDecoder.AsksDecoder askLevels = book.asks();
        assertEquals(asks.size(), askLevels.count(), "ask levels");
        for (final String[] level : asks)
        {
            askLevels.next();
            assertDecimal(level[0], askLevels.price().mantissa(), askLevels.price().exponent(), "ask price");
            assertDecimal(level[1], askLevels.qty().mantissa(), askLevels.qty().exponent(), "ask qty");
        }
    }

    private static void assertDecimal(final String text, final long mantissa, final int exponent, final String what)
    {
        final BigDecimal expected = new BigDecimal(text);
        assertEquals(expected.unscaledValue().longValueExact(), mantissa, what + " " + text);
        assertEquals(-expected.scale(), exponent, what + " " + text);
    }

    private static long latestTimeNs(final String frame)
    {
        long latest = Long.MIN_VALUE;
        final Matcher matcher = V1_LEVEL.matcher(frame);
        while (matcher.find())
        {
            latest = Math.max(latest, new BigDecimal(matcher.group(3)).movePointRight(9).longValueExact());
        }
        return latest;
    }

    private static long nanos(final String rfc3339)
    {
        final Instant instant = Instant.parse(rfc3339);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String arrayAfter(final String text, final String opening)
    {
        final int at = text.indexOf(opening);
        assertTrue(at >= 0, opening);
        final String array = RecordedJson.array(text, at + opening.length() - 1);
        assertNotNull(array);
        return array;
    }
}
