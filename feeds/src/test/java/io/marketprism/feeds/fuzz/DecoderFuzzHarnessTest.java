/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.fuzz;

import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.LevelBuffer;
import io.marketprism.feeds.MessageWriter;
import io.marketprism.feeds.binance.BinanceDecoder;
import io.marketprism.feeds.bybit.BybitCategory;
import io.marketprism.feeds.bybit.BybitDecoder;
import io.marketprism.feeds.coinbase.CoinbaseDecoder;
import io.marketprism.feeds.deribit.DeribitDecoder;
import io.marketprism.feeds.kraken.KrakenDecoder;
import io.marketprism.feeds.krakenfutures.KrakenFuturesDecoder;
import io.marketprism.feeds.okx.OkxDecoder;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.TradeEncoder;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fuzz tests' checks can fail: decoders that break the contract in one way each are caught, with a message
 * naming the breach. And the seed corpora are worth fuzzing from: each yields the message types its venue has.
 * A plain unit test (no Jazzer agent), in the default surefire execution.
 */
class DecoderFuzzHarnessTest
{
    private static final byte[] FRAME = "{\"x\":1}".getBytes(StandardCharsets.US_ASCII);
    private static final UnsafeBuffer SYMBOL = new UnsafeBuffer("BTCUSDT".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aWellBehavedDecoderPasses()
    {
        new DecoderFuzzHarness(Venue.OKX, true, () -> new FakeDecoder(Breach.NONE)).decode(FRAME);
    }

    @Test
    void anEscapingExceptionIsNotCaught()
    {
        final DecoderFuzzHarness harness = new DecoderFuzzHarness(Venue.OKX, true, () -> new FakeDecoder(Breach.NONE));
        assertThrows(IndexOutOfBoundsException.class, () -> harness.decode(new byte[0]));
    }

    @Test
    void readingPastTheFrameIsCaught()
    {
        // at offset 0 of its own buffer the read past the end throws; inside a larger one it would read junk
        final DecoderFuzzHarness harness =
            new DecoderFuzzHarness(Venue.OKX, true, () -> new FakeDecoder(Breach.READS_PAST_END));
        assertThrows(IndexOutOfBoundsException.class, () -> harness.decode(FRAME));
    }

    static Stream<Arguments> breaches()
    {
        return Stream.of(
            Arguments.of(Breach.CLAIM_LEFT_OPEN, "claim open"),
            Arguments.of(Breach.WRONG_COUNT, "returned 2 but committed 1"),
            Arguments.of(Breach.COMMIT_LONGER_THAN_CLAIM, "commit of 99 bytes on a claim of 98"),
            Arguments.of(Breach.SHORT_COMMIT, "encodes"),
            Arguments.of(Breach.TWO_CLAIMS, "while the claim"),
            Arguments.of(Breach.BAD_SYMBOL, "not a symbol byte"),
            Arguments.of(Breach.NO_SYMBOL, "without a symbol"),
            Arguments.of(Breach.WRONG_VENUE, "venue"),
            Arguments.of(Breach.BAD_SIDE, "side 255"),
            Arguments.of(Breach.BOOK_THEN_STATUS, "a malformed status after 1 message(s)"),
            Arguments.of(Breach.STATUS_THEN_TRADE, "is not the frame's last message"),
            Arguments.of(Breach.ABSOLUTE_OFFSET, "other messages than at offset 0"),
            Arguments.of(Breach.SILENT_DROP, "no FRAME_TOO_LARGE status"));
    }

    @ParameterizedTest
    @MethodSource("breaches")
    void aBreachIsCaught(final Breach breach, final String expected)
    {
        final DecoderFuzzHarness harness = new DecoderFuzzHarness(Venue.OKX, true, () -> new FakeDecoder(breach));
        final AssertionError error = assertThrows(AssertionError.class, () -> harness.decode(FRAME));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void aStatusAfterMessagesIsAllowedWhereTheDecoderDoesNotPromiseAllOrNothing()
    {
        new DecoderFuzzHarness(Venue.OKX, false, () -> new FakeDecoder(Breach.BOOK_THEN_STATUS)).decode(FRAME);
    }

    static Stream<Arguments> corpora()
    {
        final Supplier<FrameDecoder> binance = () ->
        {
            final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_USDM);
            decoder.contextSymbol("BTCUSDT");
            return decoder;
        };
        // expected: the message types (trade, book, bbo, funding, status) each corpus must yield
        return Stream.of(
            Arguments.of("BinanceDecoderFuzzTest", binance, "trade book bbo funding status"),
            Arguments.of("OkxDecoderFuzzTest", (Supplier<FrameDecoder>)OkxDecoder::new,
                "trade book bbo funding status"),
            Arguments.of("BybitDecoderFuzzTest",
                (Supplier<FrameDecoder>)() -> new BybitDecoder(BybitCategory.LINEAR), "trade book bbo funding status"),
            Arguments.of("CoinbaseDecoderFuzzTest",
                (Supplier<FrameDecoder>)() -> new CoinbaseDecoder(Venue.COINBASE), "trade book bbo status"),
            Arguments.of("DeribitDecoderFuzzTest", (Supplier<FrameDecoder>)DeribitDecoder::new,
                "trade book bbo funding status"),
            Arguments.of("KrakenDecoderFuzzTest", (Supplier<FrameDecoder>)KrakenDecoder::new,
                "trade book bbo status"),
            Arguments.of("KrakenFuturesDecoderFuzzTest", (Supplier<FrameDecoder>)KrakenFuturesDecoder::new,
                "trade book bbo funding status"));
    }

    @ParameterizedTest
    @MethodSource("corpora")
    void theSeedCorpusYieldsEveryMessageTypeOfItsVenue(
        final String fuzzTest, final Supplier<FrameDecoder> factory, final String expected)
        throws IOException, URISyntaxException
    {
        final Path seeds = corpus(fuzzTest);
        final FrameDecoder decoder = factory.get();
        final FuzzSink sink = new FuzzSink(16 * 1024 * 1024, Integer.MAX_VALUE);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final TreeMap<String, Integer> types = new TreeMap<>();
        final List<Path> files;
        try (Stream<Path> list = Files.list(seeds))
        {
            files = list.sorted().toList();
        }
        for (final Path file : files)
        {
            final byte[] frame = Files.readAllBytes(file);
            sink.reset();
            decoder.decode(new UnsafeBuffer(frame), 0, frame.length, 1L, sink);
            for (int i = 0; i < sink.count(); i++)
            {
                header.wrap(sink.buffer(), sink.offset(i));
                types.merge(typeName(header.templateId()), 1, Integer::sum);
            }
        }
        assertTrue(files.size() >= 8 && files.size() <= 16, fuzzTest + ": " + files.size() + " seeds");
        assertEquals(expected, String.join(" ", orderedTypes(types)), fuzzTest + " yields " + types);
    }

    private static List<String> orderedTypes(final TreeMap<String, Integer> types)
    {
        return Stream.of("trade", "book", "bbo", "funding", "status").filter(types::containsKey).toList();
    }

    private static String typeName(final int templateId)
    {
        return switch (templateId)
        {
            case TradeDecoder.TEMPLATE_ID -> "trade";
            case BookUpdateDecoder.TEMPLATE_ID -> "book";
            case BboDecoder.TEMPLATE_ID -> "bbo";
            case FundingDecoder.TEMPLATE_ID -> "funding";
            case StatusDecoder.TEMPLATE_ID -> "status";
            default -> "template " + templateId;
        };
    }

    private static Path corpus(final String fuzzTest) throws URISyntaxException
    {
        final String resource = fuzzTest + "Inputs/decode";
        assertNotNull(DecoderFuzzHarnessTest.class.getResource(resource), resource);
        return Paths.get(DecoderFuzzHarnessTest.class.getResource(resource).toURI());
    }

    enum Breach
    {
        NONE, READS_PAST_END, CLAIM_LEFT_OPEN, WRONG_COUNT, COMMIT_LONGER_THAN_CLAIM, SHORT_COMMIT, TWO_CLAIMS,
        BAD_SYMBOL, NO_SYMBOL, WRONG_VENUE, BAD_SIDE, BOOK_THEN_STATUS, STATUS_THEN_TRADE, ABSOLUTE_OFFSET,
        SILENT_DROP
    }

    /**
     * Writes one trade per frame through the real {@link MessageWriter}, breaking the contract as told.
     */
    private static final class FakeDecoder implements FrameDecoder
    {
        private final Breach breach;
        private final MessageWriter writer;
        private final LevelBuffer bids = new LevelBuffer(4);
        private final LevelBuffer asks = new LevelBuffer(4);

        FakeDecoder(final Breach breach)
        {
            this.breach = breach;
            this.writer = new MessageWriter(breach == Breach.WRONG_VENUE ? Venue.BYBIT : Venue.OKX, 0);
        }

        @Override
        public int decode(
            final DirectBuffer frame, final int offset, final int length, final long recvTsNs, final MessageSink sink)
        {
            frame.getByte(offset + (breach == Breach.READS_PAST_END ? length : length - 1));
            writer.symbol(breach == Breach.NO_SYMBOL ? null : SYMBOL, 0, breach == Breach.NO_SYMBOL ? 0 : 7);
            final Side side = breach == Breach.BAD_SIDE ? Side.NULL_VAL : Side.BUY;
            switch (breach)
            {
                case CLAIM_LEFT_OPEN:
                    sink.claim(64);
                    return 0;
                case WRONG_COUNT:
                    return 1 + writer.trade(sink, side, 1L, recvTsNs, 1L, 1L, 0, 1L, 0);
                case COMMIT_LONGER_THAN_CLAIM:
                    sink.claim(98);
                    sink.commit(99, SYMBOL, 0, 7);
                    return 1;
                case SHORT_COMMIT:
                    final int at = sink.claim(98);
                    new TradeEncoder().wrapAndApplyHeader(sink.buffer(), at, new MessageHeaderEncoder())
                        .instrumentId(0).venue(Venue.OKX).side(side).recvTsNs(recvTsNs);
                    sink.commit(MessageHeaderEncoder.ENCODED_LENGTH + TradeEncoder.BLOCK_LENGTH - 1, SYMBOL, 0, 7);
                    return 1;
                case TWO_CLAIMS:
                    sink.claim(64);
                    sink.claim(64);
                    return 0;
                case BAD_SYMBOL:
                    final UnsafeBuffer bad = new UnsafeBuffer("BTC USDT".getBytes(StandardCharsets.US_ASCII));
                    writer.symbol(bad, 0, 8);
                    return writer.trade(sink, side, 1L, recvTsNs, 1L, 1L, 0, 1L, 0);
                case BOOK_THEN_STATUS:
                    bids.clear();
                    asks.clear();
                    return writer.book(sink, false, 1L, recvTsNs, 1L, 0L, 1L, MessageWriter.NULL_VALUE, bids, asks) +
                        writer.malformed(sink, StatusReason.BAD_VALUE, 3, recvTsNs);
                case STATUS_THEN_TRADE:
                    return writer.malformed(sink, StatusReason.BAD_VALUE, 3, recvTsNs) +
                        writer.trade(sink, side, 1L, recvTsNs, 1L, 1L, 0, 1L, 0);
                case ABSOLUTE_OFFSET:
                    return writer.malformed(sink, StatusReason.BAD_VALUE, offset + 1, recvTsNs);
                case SILENT_DROP:
                    // a claim the tight sink refuses, dropped without a status
                    if (sink.claim(4096) < 0)
                    {
                        return 0;
                    }
                    sink.abort();
                    return writer.trade(sink, side, 1L, recvTsNs, 1L, 1L, 0, 1L, 0);
                default:
                    return writer.trade(sink, side, 1L, recvTsNs, 1L, 1L, 0, 1L, 0);
            }
        }

        @Override
        public void contextSymbol(final String venueSymbol)
        {
        }
    }
}
