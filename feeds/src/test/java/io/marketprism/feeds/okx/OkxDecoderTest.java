/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

import io.marketprism.feeds.FrameReplay;
import io.marketprism.feeds.RecordedJson;
import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.sbe.BboDecoder;
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
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OkxDecoder} on OKX's documented message shapes (nautilus test data), on the recorded 2022 session, and on
 * bad input.
 */
final class OkxDecoderTest
{
    private static final Path SAMPLES = Path.of("src/test/resources/recordings/nautilus/okx");
    private static final long NULL = Long.MIN_VALUE;
    private static final long RECV_TS = 1_700_000_000_123_456_789L;

    private final OkxDecoder decoder = new OkxDecoder();
    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    @Test
    void shouldDecodeTheDocumentedBooksSnapshot() throws IOException
    {
        assertEquals(1, decode(sample("ws_books_snapshot.json")));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals("BTC-USDT", sink.only().symbol());
        assertEquals(Venue.OKX, book.venue());
        assertEquals(BooleanType.TRUE, book.snapshot());
        assertEquals(1597026383085_000_000L, book.exchTsNs(), "ts");
        assertEquals(RECV_TS, book.recvTsNs());
        assertEquals(123456, book.seq(), "seqId");
        assertEquals(NULL, book.prevSeq(), "a snapshot's prevSeqId -1 is not a previous id");
        assertEquals(-855196043L, book.checksum(), "checksum");
        final BookUpdateDecoder.BidsDecoder bids = book.bids();
        assertEquals(8, bids.count());
        bids.next();
        assertDecimal("8476.97", bids.price());
        assertDecimal("256", bids.qty());
        // SBE groups are read in order: the rest of the bids before the asks
        for (int i = 1; i < 8; i++)
        {
            bids.next();
        }
        assertDecimal("8446", bids.price());
        assertDecimal("95", bids.qty());
        final BookUpdateDecoder.AsksDecoder asks = book.asks();
        assertEquals(8, asks.count());
        asks.next();
        assertDecimal("8476.98", asks.price());
        assertDecimal("415", asks.qty());
    }

    @Test
    void shouldDecodeTheDocumentedBooksUpdate() throws IOException
    {
        assertEquals(1, decode(sample("ws_books_update.json")));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals(BooleanType.FALSE, book.snapshot());
        assertEquals(123457, book.seq(), "seqId");
        assertEquals(123456, book.prevSeq(), "prevSeqId");
        assertEquals(NULL, book.firstSeq());
        assertEquals(-855196043L, book.checksum());
        assertEquals(8, book.bids().count());
    }

    @Test
    void shouldDecodeTheDocumentedBboTbt() throws IOException
    {
        assertEquals(1, decode(sample("ws_bbo_tbt.json")));
        final BboDecoder bbo = view.bbo(sink.buffer(), sink.only());
        assertEquals("BTC-USDT", sink.only().symbol());
        assertEquals(123456, bbo.seq(), "seqId");
        assertEquals(1597026383085_000_000L, bbo.exchTsNs());
        assertDecimal("8476.97", bbo.bidPrice());
        assertDecimal("256", bbo.bidQty());
        assertDecimal("8476.98", bbo.askPrice());
        assertDecimal("415", bbo.askQty());
    }

    @Test
    void shouldDecodeTheDocumentedTrade() throws IOException
    {
        assertEquals(1, decode(sample("ws_trades.json")));
        final TradeDecoder trade = view.trade(sink.buffer(), sink.only());
        assertEquals("BTC-USD", sink.only().symbol());
        assertEquals(130639474, trade.tradeId(), "tradeId");
        assertDecimal("42219.9", trade.price());
        assertDecimal("0.12060306", trade.qty());
        assertEquals(Side.BUY, trade.side());
        assertEquals(1630048897897_000_000L, trade.exchTsNs());
    }

    @Test
    void shouldDecodeTheDocumentedTickerAsBbo() throws IOException
    {
        assertEquals(1, decode(sample("ws_tickers.json")));
        final BboDecoder bbo = view.bbo(sink.buffer(), sink.only());
        assertDecimal("8888.88", bbo.bidPrice());
        assertDecimal("5", bbo.bidQty());
        assertDecimal("9999.99", bbo.askPrice());
        assertDecimal("11", bbo.askQty());
        assertEquals(NULL, bbo.seq(), "tickers carry no sequence");
        assertEquals(1597026383085_000_000L, bbo.exchTsNs());
    }

    @Test
    void shouldDecodeTheDocumentedFundingRate() throws IOException
    {
        assertEquals(1, decode(sample("ws_funding_rate.json")));
        final FundingDecoder funding = view.funding(sink.buffer(), sink.only());
        assertEquals("BTC-USDT-SWAP", sink.only().symbol());
        assertDecimal("0.0001", funding.fundingRate());
        assertEquals(1744590349506_000_000L, funding.nextFundingTsNs(), "fundingTime: when this rate is settled");
        assertEquals(1744590349506_000_000L, funding.exchTsNs(), "ts");
        assertEquals(NULL, funding.markPrice().mantissa());
        assertEquals(NULL, funding.indexPrice().mantissa());
    }

    @Test
    void shouldDecodeMarkPriceAndBooks5()
    {
        assertEquals(1, decode("{\"arg\":{\"channel\":\"mark-price\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[" +
            "{\"instType\":\"SWAP\",\"instId\":\"BTC-USDT-SWAP\",\"markPx\":\"42310.6\",\"ts\":\"1630049139746\"}]}"));
        final FundingDecoder funding = view.funding(sink.buffer(), sink.only());
        assertDecimal("42310.6", funding.markPrice());
        assertEquals(NULL, funding.fundingRate().mantissa());
        assertEquals(NULL, funding.nextFundingTsNs());

        sink.clear();
        assertEquals(1, decode("{\"arg\":{\"channel\":\"books5\",\"instId\":\"BCH-USDT-SWAP\"},\"data\":[" +
            "{\"asks\":[[\"111.06\",\"55154\",\"0\",\"2\"]],\"bids\":[[\"111.05\",\"57745\",\"0\",\"2\"]]," +
            "\"instId\":\"BCH-USDT-SWAP\",\"ts\":\"1670324386802\",\"seqId\":363996337}]}"));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals(BooleanType.TRUE, book.snapshot(), "every books5 push is the whole top 5");
        assertEquals(363996337, book.seq());
        assertEquals(NULL, book.checksum(), "books5 carries no checksum");
    }

    @Test
    void shouldReadTheDataWhereverItComesAndOneMessagePerElement()
    {
        assertEquals(2, decode("{\"data\":[" +
            "{\"instId\":\"BTC-USDT\",\"tradeId\":\"1\",\"px\":\"30000\",\"sz\":\"0.5\",\"side\":\"sell\"," +
            "\"ts\":\"1\"},{\"instId\":\"BTC-USDT\",\"tradeId\":\"2\",\"px\":\"30001\",\"sz\":\"0.25\"," +
            "\"side\":\"buy\",\"ts\":\"2\"}]," +
            "\"arg\":{\"instId\":\"BTC-USDT\",\"channel\":\"trades\"}}"));
        final TradeDecoder first = view.trade(sink.buffer(), sink.messages().get(0));
        assertEquals(Side.SELL, first.side());
        assertEquals(1, first.tradeId());
        final TradeDecoder second = view.trade(sink.buffer(), sink.messages().get(1));
        assertEquals(2, second.tradeId());
        assertDecimal("0.25", second.qty());
        assertEquals("BTC-USDT", sink.messages().get(1).symbol());

        sink.clear();
        assertEquals(1, decode("{\"data\":[{\"asks\":[],\"bids\":[],\"ts\":\"5\",\"checksum\":0,\"seqId\":9," +
            "\"prevSeqId\":9}],\"action\":\"update\",\"arg\":{\"channel\":\"books-l2-tbt\",\"instId\":\"ETH-USDT\"}}"));
        final BookUpdateDecoder book = view.book(sink.buffer(), sink.only());
        assertEquals(BooleanType.FALSE, book.snapshot(), "action read after the data");
        assertEquals(NULL, book.checksum(), "checksum 0 means none");
        assertEquals(9, book.prevSeq());
    }

    @Test
    void shouldDecodeEveryFrameOfTheRecordedSession() throws IOException
    {
        final Map<Integer, Integer> byTemplate = new HashMap<>();
        int books = 0;
        int checksums = 0;
        for (final String frame : RecordedJson.receivedMessages(OkxRecording.RECORDING))
        {
            sink.clear();
            decode(frame);
            for (final RecordingSink.Message message : sink.messages())
            {
                final int template = view.templateId(sink.buffer(), message);
                byTemplate.merge(template, 1, Integer::sum);
                if (template == BookUpdateDecoder.TEMPLATE_ID)
                {
                    books++;
                    checksums += view.book(sink.buffer(), message).checksum() != NULL ? 1 : 0;
                }
            }
        }
        assertEquals(null, byTemplate.get(StatusDecoder.TEMPLATE_ID), "no frame is malformed");
        assertEquals(290, books);
        assertEquals(290, checksums, "every recorded book message carries its checksum");
        assertEquals(74, byTemplate.get(TradeDecoder.TEMPLATE_ID));
        assertEquals(28, byTemplate.get(BboDecoder.TEMPLATE_ID), "tickers");
    }

    @Test
    void shouldDecodeTheRecordedSessionWithoutAllocating() throws IOException
    {
        final FrameReplay replay = new FrameReplay(RecordedJson.receivedMessages(OkxRecording.RECORDING));
        assertEquals(410, replay.count());
        replay.assertDecodesWithoutAllocating(decoder, 290 + 74 + 28);
    }

    @Test
    void shouldSayNothingForEventsButReportErrors()
    {
        assertEquals(0, decode("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}," +
            "\"connId\":\"a4d3ae55\"}"));
        assertEquals(0, decode("{\"event\":\"channel-conn-count\",\"channel\":\"books\",\"connCount\":\"2\"," +
            "\"connId\":\"abcd1234\"}"));
        assertEquals(0, sink.commits());

        assertEquals(1, decode("{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request\"," +
            "\"connId\":\"a4d3ae55\"}"));
        final StatusDecoder status = view.status(sink.buffer(), sink.only());
        assertEquals(StatusEvent.MALFORMED, status.eventType());
        assertEquals(StatusReason.VENUE_ERROR, status.reason());
        assertEquals(60012, status.detail(), "OKX's error code");
    }

    @Test
    void shouldDecodeOpenInterestWithoutAValueWhenOnlyTheBaseCurrencyAmountIsSent()
    {
        assertEquals(1, decode("{\"arg\":{\"channel\":\"open-interest\",\"instId\":\"LTC-USD-SWAP\"},\"data\":[" +
            "{\"instType\":\"SWAP\",\"instId\":\"LTC-USD-SWAP\",\"oi\":\"5000\",\"oiCcy\":\"555.55\"," +
            "\"ts\":\"1597026383085\"}]}"));
        assertEquals(5000, view.openInterest(sink.buffer(), sink.only()).openInterest().mantissa(), "oi");
        assertEquals(NULL, view.openInterest(sink.buffer(), sink.only()).openInterestValue().mantissa(),
            "oiCcy is base currency, not a value");
    }

    @Test
    void shouldReportBadInputAndNeverABookFromIt()
    {
        assertMalformed(StatusReason.UNKNOWN_EVENT_TYPE,
            "{\"arg\":{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"},\"data\":[[\"1\",\"2\"]]}");
        assertMalformed(StatusReason.TRUNCATED,
            "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[[\"1");
        assertMalformed(StatusReason.MISSING_FIELD,
            "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"data\":[{\"asks\":[],\"bids\":[]}]}");
        assertMalformed(StatusReason.BAD_VALUE,
            "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"partial\",\"data\":[]}");
        assertMalformed(StatusReason.MISSING_FIELD,
            "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"update\",\"data\":[{\"asks\":[]}]}");
        assertMalformed(StatusReason.DUPLICATE_FIELD, "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}," +
            "\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"asks\":[[\"2\",\"1\",\"0\",\"1\"]]}]}");
        assertMalformed(StatusReason.BAD_NUMBER, "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}," +
            "\"action\":\"update\",\"data\":[{\"asks\":[[\"1x\",\"1\",\"0\",\"1\"]],\"bids\":[]}]}");
        assertMalformed(StatusReason.BAD_VALUE, "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}," +
            "\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[],\"checksum\":4294967295}]}");
        assertMalformed(StatusReason.BAD_VALUE,
            "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC USDT\"},\"data\":[]}");
        assertMalformed(StatusReason.BAD_VALUE, "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}," +
            "\"data\":[{\"px\":\"1\",\"sz\":\"1\",\"side\":\"short\",\"ts\":\"1\"}]}");
        assertMalformed(StatusReason.BAD_VALUE, "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}," +
            "\"data\":[{\"px\":\"-1\",\"sz\":\"1\",\"side\":\"buy\",\"ts\":\"1\"}]}");
        assertMalformed(StatusReason.NUMBER_OVERFLOW, "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}," +
            "\"data\":[{\"px\":\"1\",\"sz\":\"1\",\"side\":\"buy\",\"ts\":\"99999999999999999999\"}]}");
        assertMalformed(StatusReason.MISSING_FIELD, "{\"data\":[]}");
        assertMalformed(StatusReason.UNEXPECTED_CHARACTER, "{\"event\":\"subscribe\"} trailing");
        assertMalformed(StatusReason.TRUNCATED, "");
    }

    @Test
    void shouldRefuseAPushWithoutInstIdRatherThanWriteMessagesWithoutSymbol()
    {
        // found by OkxDecoderFuzzTest (corpus file crash-bbo-tbt-without-inst-id): a bbo was committed with no symbol
        assertMalformed(StatusReason.MISSING_FIELD, "{\"arg\":{\"channel\":\"bbo-tbt\",\"instI\":\"BTC-USDT\"}," +
            "\"data\":[{\"asks\":[[\"8476.98\",\"415\",\"0\",\"13\"]],\"bids\":[[\"8476.97\",\"256\",\"0\",\"12\"]]," +
            "\"ts\":\"1597026383085\"}]}");
        assertMalformed(StatusReason.MISSING_FIELD, "{\"data\":[{\"px\":\"1\",\"sz\":\"1\",\"side\":\"buy\"," +
            "\"ts\":\"1\"}],\"arg\":{\"channel\":\"trades\"}}");
    }

    @Test
    void shouldKeepTheTradesDecodedBeforeABadOne()
    {
        assertEquals(2, decode("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[" +
            "{\"tradeId\":\"1\",\"px\":\"30000\",\"sz\":\"0.5\",\"side\":\"sell\",\"ts\":\"1\"}," +
            "{\"tradeId\":\"2\",\"px\":\"x\",\"sz\":\"0.25\",\"side\":\"buy\",\"ts\":\"2\"}]}"));
        assertEquals(TradeDecoder.TEMPLATE_ID, view.templateId(sink.buffer(), sink.messages().get(0)));
        final StatusDecoder status = view.status(sink.buffer(), sink.messages().get(1));
        assertEquals(StatusReason.BAD_NUMBER, status.reason());
    }

    @Test
    void shouldRefuseAFrameOverTheLimit()
    {
        final OkxDecoder small = new OkxDecoder(64, 0);
        final byte[] bytes = ("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[" +
            "{\"tradeId\":\"1\",\"px\":\"30000\",\"sz\":\"0.5\",\"side\":\"sell\",\"ts\":\"1\"}]}")
            .getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, small.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS, sink));
        assertEquals(StatusReason.FRAME_TOO_LARGE, view.status(sink.buffer(), sink.only()).reason());
        assertEquals(bytes.length, view.status(sink.buffer(), sink.only()).detail());
    }

    private void assertMalformed(final StatusReason reason, final String frame)
    {
        sink.clear();
        assertEquals(1, decode(frame), frame);
        final StatusDecoder status = view.status(sink.buffer(), sink.only());
        assertEquals(StatusEvent.MALFORMED, status.eventType(), frame);
        assertEquals(reason, status.reason(), frame);
        assertTrue(status.detail() >= 0 && status.detail() <= frame.length(), frame);
        assertEquals(0, sink.protocolErrors());
    }

    private int decode(final String frame)
    {
        // at an offset, to catch positions reported relative to the buffer instead of the frame
        final byte[] bytes = ("xx" + frame).getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(bytes), 2, bytes.length - 2, RECV_TS, sink);
    }

    private static String sample(final String name) throws IOException
    {
        return Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
    }

    private static void assertDecimal(final String expected, final Decimal64Decoder actual)
    {
        assertEquals(new java.math.BigDecimal(expected),
            java.math.BigDecimal.valueOf(actual.mantissa(), -actual.exponent()), expected);
    }
}
