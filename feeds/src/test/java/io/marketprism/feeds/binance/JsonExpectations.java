/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the decoder must make of a Binance frame, worked out from the frame's JSON text with {@link MiniJson} and
 * {@link BigDecimal} and the documented rules, then compared field by field with the SBE message read back.
 * <ul>
 *   <li>trade, aggTrade: exchTs = T; side SELL when the buyer is the maker ({@code m} true);</li>
 *   <li>depthUpdate: spot exchTs = E (spot sends no T); futures exchTs = T and {@code pu} is prevSeq;</li>
 *   <li>bookTicker: spot has no time (null), futures exchTs = T;</li>
 *   <li>markPriceUpdate: exchTs = E, nextFundingTs = T;</li>
 *   <li>REST snapshot: seq = lastUpdateId, symbol from {@code symbol} or else the context symbol, exchTs = T when
 *       present (futures) else null.</li>
 * </ul>
 */
final class JsonExpectations
{
    static final long NULL = Long.MIN_VALUE;
    private static final long NS_PER_MS = 1_000_000L;

    private JsonExpectations()
    {
    }

    /**
     * Asserts the sink holds exactly the one message the frame should have produced.
     */
    static void assertDecoded(
        final Venue venue,
        final String frame,
        final long recvTsNs,
        final String contextSymbol,
        final RecordingSink sink,
        final SbeView view)
    {
        final String context = abbreviate(frame);
        assertEquals(1, sink.messages().size(), () -> "messages for " + context);
        assertEquals(0, sink.protocolErrors(), () -> "sink protocol for " + context);
        final RecordingSink.Message message = sink.only();
        final DirectBuffer buffer = sink.buffer();
        final Map<String, String> event = MiniJson.members(MiniJson.event(frame));
        final String type = event.containsKey("e") ? MiniJson.unquote(event.get("e")) :
            event.containsKey("lastUpdateId") ? "snapshot" : "bookTicker";
        final boolean futures = venue != Venue.BINANCE_SPOT;

        switch (type)
        {
            case "trade":
            case "aggTrade":
            {
                final TradeDecoder trade = view.trade(buffer, message);
                assertEquals(0, trade.instrumentId(), context);
                assertEquals(venue, trade.venue(), context);
                assertEquals("true".equals(event.get("m")) ? Side.SELL : Side.BUY, trade.side(), context);
                assertEquals(ms(event, "T"), trade.exchTsNs(), context);
                assertEquals(recvTsNs, trade.recvTsNs(), context);
                assertDecimal(event.get("p"), trade.price(), context);
                assertDecimal(event.get("q"), trade.qty(), context);
                final String idKey = "aggTrade".equals(type) ? "a" : "t";
                assertEquals(MiniJson.integer(event.get(idKey)), trade.tradeId(), context);
                assertEquals(MiniJson.unquote(event.get("s")), message.symbol(), context);
                break;
            }

            case "depthUpdate":
            {
                final BookUpdateDecoder book = view.book(buffer, message);
                assertHeaderOfBook(venue, recvTsNs, book, BooleanType.FALSE, context);
                if (futures)
                {
                    assertTrue(event.containsKey("T"), context);
                    assertEquals(ms(event, "T"), book.exchTsNs(), context);
                    assertEquals(MiniJson.integer(event.get("pu")), book.prevSeq(), context);
                }
                else
                {
                    assertFalse(event.containsKey("T"), context);
                    assertEquals(ms(event, "E"), book.exchTsNs(), context);
                    assertEquals(NULL, book.prevSeq(), context);
                }
                assertEquals(MiniJson.integer(event.get("u")), book.seq(), context);
                assertEquals(MiniJson.integer(event.get("U")), book.firstSeq(), context);
                assertLevels(event.get("b"), event.get("a"), book, context);
                assertEquals(MiniJson.unquote(event.get("s")), message.symbol(), context);
                break;
            }

            case "snapshot":
            {
                final BookUpdateDecoder book = view.book(buffer, message);
                assertHeaderOfBook(venue, recvTsNs, book, BooleanType.TRUE, context);
                assertEquals(event.containsKey("T") ? ms(event, "T") : NULL, book.exchTsNs(), context);
                assertEquals(futures, event.containsKey("T"), context);
                assertEquals(MiniJson.integer(event.get("lastUpdateId")), book.seq(), context);
                assertEquals(NULL, book.prevSeq(), context);
                assertEquals(NULL, book.firstSeq(), context);
                assertLevels(event.get("bids"), event.get("asks"), book, context);
                final String symbol = event.containsKey("symbol") ? MiniJson.unquote(event.get("symbol")) :
                    contextSymbol;
                assertEquals(symbol, message.symbol(), context);
                assertTrue(message.claimed() >= message.length(), context);
                break;
            }

            case "bookTicker":
            {
                final BboDecoder bbo = view.bbo(buffer, message);
                assertEquals(0, bbo.instrumentId(), context);
                assertEquals(venue, bbo.venue(), context);
                assertEquals(futures ? ms(event, "T") : NULL, bbo.exchTsNs(), context);
                assertEquals(futures, event.containsKey("T"), context);
                assertEquals(recvTsNs, bbo.recvTsNs(), context);
                assertEquals(MiniJson.integer(event.get("u")), bbo.seq(), context);
                assertDecimal(event.get("b"), bbo.bidPrice(), context);
                assertDecimal(event.get("B"), bbo.bidQty(), context);
                assertDecimal(event.get("a"), bbo.askPrice(), context);
                assertDecimal(event.get("A"), bbo.askQty(), context);
                assertEquals(MiniJson.unquote(event.get("s")), message.symbol(), context);
                break;
            }

            case "markPriceUpdate":
            {
                final FundingDecoder funding = view.funding(buffer, message);
                assertEquals(0, funding.instrumentId(), context);
                assertEquals(venue, funding.venue(), context);
                assertEquals(ms(event, "E"), funding.exchTsNs(), context);
                assertEquals(ms(event, "T"), funding.nextFundingTsNs(), context);
                assertEquals(recvTsNs, funding.recvTsNs(), context);
                assertDecimal(event.get("p"), funding.markPrice(), context);
                assertDecimal(event.get("i"), funding.indexPrice(), context);
                assertDecimal(event.get("r"), funding.fundingRate(), context);
                assertEquals(MiniJson.unquote(event.get("s")), message.symbol(), context);
                break;
            }

            default:
                assertMalformed(venue, recvTsNs, StatusReason.UNKNOWN_EVENT_TYPE, sink, view, context);
                break;
        }
    }

    /**
     * Asserts the sink holds exactly one Status(MALFORMED) message with the reason, and nothing else.
     *
     * @return the status decoder, positioned on the message.
     */
    static StatusDecoder assertMalformed(
        final Venue venue,
        final long recvTsNs,
        final StatusReason reason,
        final RecordingSink sink,
        final SbeView view,
        final String context)
    {
        assertEquals(1, sink.messages().size(), () -> "messages for " + context);
        assertEquals(0, sink.protocolErrors(), () -> "sink protocol for " + context);
        assertFalse(sink.claimOpen(), context);
        final RecordingSink.Message message = sink.only();
        final StatusDecoder status = view.status(sink.buffer(), message);
        assertEquals(StatusEvent.MALFORMED, status.eventType(), context);
        assertEquals(reason, status.reason(), context);
        assertEquals(0, status.instrumentId(), context);
        assertEquals(venue, status.venue(), context);
        assertEquals(recvTsNs, status.recvTsNs(), context);
        assertEquals(NULL, status.exchTsNs(), context);
        assertEquals(NULL, status.expectedSeq(), context);
        assertEquals(NULL, status.receivedSeq(), context);
        assertEquals(0, message.symbolLength(), context);
        return status;
    }

    static void assertDecimal(final String raw, final Decimal64Decoder actual, final String context)
    {
        final BigDecimal expected = MiniJson.decimal(raw);
        assertEquals(expected.unscaledValue().longValueExact(), actual.mantissa(), () -> raw + " in " + context);
        assertEquals(-expected.scale(), actual.exponent(), () -> raw + " in " + context);
    }

    static String abbreviate(final String frame)
    {
        return frame.length() <= 300 ? frame : frame.substring(0, 300) + "...";
    }

    private static long ms(final Map<String, String> event, final String key)
    {
        return MiniJson.integer(event.get(key)) * NS_PER_MS;
    }

    private static void assertHeaderOfBook(
        final Venue venue,
        final long recvTsNs,
        final BookUpdateDecoder book,
        final BooleanType snapshot,
        final String context)
    {
        assertEquals(0, book.instrumentId(), context);
        assertEquals(venue, book.venue(), context);
        assertEquals(snapshot, book.snapshot(), context);
        assertEquals(BookHealth.UNKNOWN, book.health(), context);
        assertEquals(recvTsNs, book.recvTsNs(), context);
        assertEquals(NULL, book.bidPrice().mantissa(), context);
        assertEquals(NULL, book.bidQty().mantissa(), context);
        assertEquals(NULL, book.askPrice().mantissa(), context);
        assertEquals(NULL, book.askQty().mantissa(), context);
    }

    private static void assertLevels(
        final String rawBids, final String rawAsks, final BookUpdateDecoder book, final String context)
    {
        final List<String[]> bids = MiniJson.levels(rawBids);
        final List<String[]> asks = MiniJson.levels(rawAsks);
        final BookUpdateDecoder.BidsDecoder bidGroup = book.bids();
        assertEquals(bids.size(), bidGroup.count(), context);
        for (final String[] level : bids)
        {
            bidGroup.next();
            assertDecimal(level[0], bidGroup.price(), context);
            assertDecimal(level[1], bidGroup.qty(), context);
        }
        final BookUpdateDecoder.AsksDecoder askGroup = book.asks();
        assertEquals(asks.size(), askGroup.count(), context);
        for (final String[] level : asks)
        {
            askGroup.next();
            assertDecimal(level[0], askGroup.price(), context);
            assertDecimal(level[1], askGroup.qty(), context);
        }
    }
}
