/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.engine.book.BookSynchronizer;
import io.marketprism.feeds.FrameReplay;
import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.RestUrls;
import io.marketprism.feeds.SbeView;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.marketprism.feeds.coinbase.CoinbaseDecoderTest.assertDecimal;
import static io.marketprism.feeds.coinbase.CoinbaseSamples.ns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CoinbaseDecoder} on Advanced Trade REST bodies: both nautilus {@code http_*.json} samples of Coinbase
 * ({@code product_book}, a product's {@code ticker}), decoded to their field values, and the bodies that must give a
 * counted status instead. The bad bodies are the samples edited by hand.
 */
final class CoinbaseRestTest
{
    private static final long RECV_TS = 1_775_521_740_000_000_000L;
    private static final long NULL = Long.MIN_VALUE;
    private static final String PRODUCT_BOOK = "http_product_book.json";
    private static final String TICKER = "http_ticker.json";
    private static final String BOOK_URL =
        "https://api.coinbase.com/api/v3/brokerage/market/product_book?product_id=BTC-USD&limit=5";
    private static final String TICKER_URL =
        "https://api.coinbase.com/api/v3/brokerage/market/products/BTC-USD/ticker?limit=3";

    private final CoinbaseDecoder decoder = new CoinbaseDecoder(Venue.COINBASE);
    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    @Test
    void shouldDecodeTheProductBookAsASnapshotWithoutSequence()
    {
        decoder.contextUrl(BOOK_URL);
        assertEquals(1, decode(CoinbaseSamples.nautilus(PRODUCT_BOOK)));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals("BTC-USD", sink.only().symbol(), "pricebook.product_id");
        assertEquals(BooleanType.TRUE, book.snapshot(), "a REST book is a snapshot");
        assertEquals(NULL, book.seq(), "Coinbase gives the book no sequence");
        assertEquals(NULL, book.firstSeq());
        assertEquals(NULL, book.prevSeq());
        assertEquals(ns("2026-04-07T00:28:59.662782Z"), book.exchTsNs(), "pricebook.time");
        assertEquals(RECV_TS, book.recvTsNs());
        assertEquals(Venue.COINBASE, book.venue());
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        assertEquals(5, bids.count(), "bids");
        final String[] bidValues = {
            "68923.66", "0.17189468", "68923", "0.05795895", "68922.99", "0.02177956", "68921.72", "0.000016",
            "68921.61", "0.04352771" };
        int i = 0;
        for (final BookUpdateDecoder.BidsDecoder level : bids)
        {
            assertDecimal(bidValues[i], level.price(), "bids[" + i / 2 + "].price");
            assertDecimal(bidValues[i + 1], level.qty(), "bids[" + i / 2 + "].size");
            i += 2;
        }
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        assertEquals(5, asks.count(), "asks");
        final String[] askValues = {
            "68923.67", "0.16987193", "68926", "0.058", "68926.09", "0.01015616", "68926.3", "0.0870495",
            "68928", "0.058" };
        i = 0;
        for (final BookUpdateDecoder.AsksDecoder level : asks)
        {
            assertDecimal(askValues[i], level.price(), "asks[" + i / 2 + "].price");
            assertDecimal(askValues[i + 1], level.qty(), "asks[" + i / 2 + "].size");
            i += 2;
        }
    }

    @Test
    void shouldDecodeTheTickerAsItsTradesOldestFirstAndABbo()
    {
        decoder.contextUrl(TICKER_URL);
        assertEquals(4, decode(CoinbaseSamples.nautilus(TICKER)), "three trades and a bbo");
        final List<RecordingSink.Message> messages = sink.messages();

        final long[] ids = { 995_098_661L, 995_098_662L, 995_098_663L };
        final String[] prices = { "68924.94", "68923.67", "68923.67" };
        final String[] sizes = { "0.01450854", "0.00123858", "0.00064" };
        final String[] times = { "2026-04-07T00:28:57.296283Z", "2026-04-07T00:28:58.250358Z",
            "2026-04-07T00:28:58.544778Z" };
        // side is the maker's, as on the stream: the two SELL trades at the best ask were takers buying it
        final Side[] takerSides = { Side.SELL, Side.BUY, Side.BUY };
        for (int i = 0; i < 3; i++)
        {
            final TradeDecoder trade = view.trade(sink.buffer(), messages.get(i));
            assertEquals("BTC-USD", messages.get(i).symbol(), "trades[].product_id");
            assertEquals(ids[i], trade.tradeId(), "trade_id, oldest first");
            assertDecimal(prices[i], trade.price(), "price");
            assertDecimal(sizes[i], trade.qty(), "size");
            assertEquals(ns(times[i]), trade.exchTsNs(), "time");
            assertEquals(takerSides[i], trade.side(), "taker side of trade " + ids[i]);
            assertEquals(RECV_TS, trade.recvTsNs());
        }

        final BboDecoder bbo = view.bbo(sink.buffer(), messages.get(3));
        assertEquals("BTC-USD", messages.get(3).symbol(), "the product of the request path");
        assertDecimal("68923.66", bbo.bidPrice(), "best_bid");
        assertDecimal("68923.67", bbo.askPrice(), "best_ask");
        assertEquals(NULL, bbo.bidQty().mantissa(), "no size in the body");
        assertEquals(NULL, bbo.askQty().mantissa(), "no size in the body");
        assertEquals(NULL, bbo.exchTsNs(), "no time in the body");
        assertEquals(NULL, bbo.seq());
    }

    @Test
    void shouldKeepTheBodyOrderOfTradesListedOldestFirstAndSkipAnEmptyBbo()
    {
        assertTrue(decoder.restEndpoint("/api/v3/brokerage/products/ETH-USD/ticker"));
        assertEquals(2, decode("{\"trades\":[" +
            "{\"trade_id\":\"7\",\"product_id\":\"ETH-USD\",\"price\":\"3000.5\",\"size\":\"1\"," +
            "\"time\":\"2026-04-07T00:00:01Z\",\"side\":\"BUY\"}," +
            "{\"trade_id\":\"8\",\"product_id\":\"ETH-USD\",\"price\":\"3000.4\",\"size\":\"2\"," +
            "\"time\":\"2026-04-07T00:00:02Z\",\"side\":\"SELL\"}],\"best_bid\":\"\",\"best_ask\":\"\"}"));
        assertEquals(7L, view.trade(sink.buffer(), sink.messages().get(0)).tradeId());
        assertEquals(8L, view.trade(sink.buffer(), sink.messages().get(1)).tradeId());
        sink.clear();
        assertEquals(0, decode("{\"trades\":[],\"best_bid\":\"\",\"best_ask\":\"\"}"), "nothing to say, no status");
    }

    @Test
    void shouldReadTheEndpointFromPathsAndUrls()
    {
        assertTrue(decoder.restEndpoint("/api/v3/brokerage/product_book?product_id=BTC-USD"));
        assertTrue(decoder.restEndpoint("/api/v3/brokerage/market/product_book"));
        assertTrue(decoder.restEndpoint("/api/v3/brokerage/market/products/BTC-PERP-INTX/ticker?limit=1"));
        assertFalse(decoder.restEndpoint("/api/v3/brokerage/market/products"), "metadata, not a stream of data");
        assertFalse(decoder.restEndpoint("/api/v3/brokerage/market/products//ticker"), "no product");
        assertFalse(decoder.restEndpoint("/api/v3/brokerage/market/products/BTC USD/ticker"), "not a symbol");
        assertFalse(decoder.restEndpoint("/api/v3/brokerage/market/candles"));
        assertEquals("/api/v3/brokerage/market/product_book?product_id=BTC-USD&limit=5", RestUrls.path(BOOK_URL));
    }

    @Test
    void shouldReportABodyOfAnUnknownEndpointAndReadWebSocketFramesAgainWithoutAUrl()
    {
        decoder.contextUrl("https://api.coinbase.com/api/v3/brokerage/market/products/BTC-USD/candles");
        assertStatus(CoinbaseSamples.nautilus(TICKER), StatusReason.UNKNOWN_EVENT_TYPE, "an endpoint not read");
        decoder.contextUrl(null);
        assertStatus(CoinbaseSamples.nautilus(TICKER), StatusReason.MISSING_FIELD,
            "a REST body read as a WebSocket frame: neither channel nor type");
        assertEquals(1, decode(CoinbaseSamples.nautilus(CoinbaseSamples.TICKER)), "the stream's ticker again");
        assertEquals(BboDecoder.TEMPLATE_ID, view.templateId(sink.buffer(), sink.only()));
    }

    @Test
    void shouldReportBadBodiesAsOneStatusAndNothingElse()
    {
        decoder.contextUrl(BOOK_URL);
        final String book = CoinbaseSamples.nautilus(PRODUCT_BOOK);
        assertStatus("{\"error\":\"NOT_FOUND\",\"error_details\":\"ProductID is invalid\"," +
            "\"message\":\"ProductID is invalid\"}", StatusReason.VENUE_ERROR, "an error reply");
        assertStatus(book.replace("\"pricebook\"", "\"pricebooks\""), StatusReason.MISSING_FIELD, "no pricebook");
        assertStatus(book.replace("{\"price\":\"68923\",", "{\"price\":\"0\","), StatusReason.BAD_VALUE,
            "a zero price");
        assertStatus(book.replace("\"size\":\"0.058\"}]", "\"size\":\"-0.058\"}]"), StatusReason.BAD_VALUE,
            "a negative size");
        assertStatus(book.replace(",\"size\":\"0.000016\"", ""), StatusReason.MISSING_FIELD, "a level without size");
        assertStatus(book.replace("\"bids\":[", "\"bids\":{\"x\":[").replace("],\"asks\"", "]},\"asks\""),
            StatusReason.BAD_VALUE, "bids not an array");
        assertStatus(book.replace("\"time\":\"2026-04-07T00:28:59.662782Z\"", "\"time\":\"yesterday\""),
            StatusReason.BAD_VALUE, "a time that is not one");
        assertStatus(book.substring(0, book.length() / 2), StatusReason.TRUNCATED, "a truncated body");

        decoder.contextUrl(TICKER_URL);
        final String ticker = CoinbaseSamples.nautilus(TICKER);
        assertStatus(ticker.replace("\"side\":\"BUY\"", "\"side\":\"UNKNOWN_ORDER_SIDE\""), StatusReason.BAD_VALUE,
            "the last trade's side unknown: the first two are not written either");
        assertStatus(ticker.replace("\"trade_id\":\"995098662\",", ""), StatusReason.MISSING_FIELD, "no trade_id");
        assertStatus(ticker.replace("\"best_bid\":\"68923.66\"", "\"best_bid\":\"-1\""), StatusReason.BAD_VALUE,
            "a negative best bid: no trade written before it is found");
        assertStatus(ticker.replace("\"trades\":", "\"ticks\":"), StatusReason.MISSING_FIELD, "no trades");
    }

    /**
     * What {@link CoinbaseBookRule} makes of a REST snapshot: it has no sequence, so it is a valid book on its own,
     * but no sequenced WebSocket update can be tied to it; the first one is a gap, and the book is valid again only
     * from the stream's own snapshot.
     */
    @Test
    void shouldKeepARestSnapshotValidAloneButNeverChainAStreamUpdateToIt()
    {
        final BookSynchronizer book = new BookSynchronizer(new CoinbaseBookRule(), 64, 1024, 1 << 16, 1 << 20);
        decoder.contextUrl(BOOK_URL);
        assertEquals(List.of(BookSynchronizer.SNAPSHOT_APPLIED), feed(book, CoinbaseSamples.nautilus(PRODUCT_BOOK)));
        assertTrue(book.isValid(), "the REST snapshot is the venue's book at its time");
        assertEquals(NULL, book.seq());

        decoder.contextUrl(null);
        assertEquals(List.of(BookSynchronizer.GAP), feed(book, update(1)), "sequence_num 1 on a book without one");
        assertFalse(book.isValid());
        final String snapshot = CoinbaseSamples.nautilus(CoinbaseSamples.L2_SNAPSHOT)
            .replace("\"sequence_num\": 0", "\"sequence_num\": 2");
        assertEquals(List.of(BookSynchronizer.SNAPSHOT_APPLIED), feed(book, snapshot));
        assertTrue(book.isValid(), "rebuilt from the stream's snapshot");
        assertEquals(List.of(BookSynchronizer.APPLIED), feed(book, update(3)));

        decoder.contextUrl(BOOK_URL);
        assertEquals(List.of(BookSynchronizer.SNAPSHOT_APPLIED), feed(book, CoinbaseSamples.nautilus(PRODUCT_BOOK)),
            "a REST snapshot replaces a synchronised stream book: without a sequence it cannot be told older");
        assertTrue(book.isValid());
        decoder.contextUrl(null);
        assertEquals(List.of(BookSynchronizer.GAP), feed(book, update(4)),
            "so a REST snapshot fed into a stream-fed book costs it a resync, never a wrong book");
        assertFalse(book.isValid());
    }

    private static String update(final long sequenceNum)
    {
        return CoinbaseSamples.nautilus(CoinbaseSamples.L2_UPDATE)
            .replace("\"sequence_num\": 1", "\"sequence_num\": " + sequenceNum);
    }

    @Test
    void shouldDecodeTheBodiesWithoutAllocating()
    {
        decoder.contextUrl(BOOK_URL);
        final String bookBytes = new FrameReplay(List.of(CoinbaseSamples.nautilus(PRODUCT_BOOK)))
            .assertDecodesWithoutAllocating(decoder, 1);
        decoder.contextUrl(TICKER_URL);
        final String tickerBytes = new FrameReplay(List.of(CoinbaseSamples.nautilus(TICKER)))
            .assertDecodesWithoutAllocating(decoder, 4);
        assertTrue(bookBytes.endsWith("0") && tickerBytes.endsWith("0"), bookBytes + " / " + tickerBytes);
    }

    private List<Integer> feed(final BookSynchronizer book, final String text)
    {
        sink.clear();
        decode(text);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BookUpdateDecoder update = new BookUpdateDecoder();
        final java.util.ArrayList<Integer> results = new java.util.ArrayList<>();
        for (final RecordingSink.Message message : sink.messages())
        {
            header.wrap(sink.buffer(), message.offset());
            update.wrap(sink.buffer(), message.offset() + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                header.version());
            results.add(update.snapshotRaw() == 1 ? book.onSnapshot(update) :
                book.onUpdate(update, sink.buffer(), message.offset(), message.length()));
        }
        return results;
    }

    private void assertStatus(final String body, final StatusReason reason, final String what)
    {
        sink.clear();
        assertEquals(1, decode(body), what);
        assertEquals(StatusDecoder.TEMPLATE_ID, view.templateId(sink.buffer(), sink.only()), what);
        final StatusDecoder status = view.status(sink.buffer(), sink.only());
        assertEquals(StatusEvent.MALFORMED, status.eventType(), what);
        assertEquals(reason, status.reason(), what);
        sink.clear();
    }

    private int decode(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 16]);
        buffer.putBytes(9, bytes);
        final long before = sink.commits();
        final int messages = decoder.decode(buffer, 9, bytes.length, RECV_TS, sink);
        assertEquals(messages, sink.commits() - before, "decode returns what it committed");
        assertEquals(0, sink.protocolErrors());
        return messages;
    }
}
