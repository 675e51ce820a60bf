/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.FrameReplay;
import io.marketprism.feeds.RecordingSink;
import io.marketprism.feeds.SbeView;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static io.marketprism.feeds.binance.BinanceRestDecoderTest.assertDecimal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code forceOrder} (liquidation order snapshot stream) into {@code Liquidation}: the liquidated order's side, the
 * executed average price and filled quantity when anything was filled (else the order's price and quantity), the
 * order's trade time. Derived frames (another side, an unfilled order, the envelope, COIN-M) start from nautilus's
 * sample; bad ones give exactly one status with its reason.
 */
final class BinanceLiquidationTest
{
    private static final long RECV_TS_NS = 1_700_000_000_000_000_007L;
    private static final long NS_PER_MS = 1_000_000L;

    private final RecordingSink sink = new RecordingSink();
    private final SbeView view = new SbeView();

    private static String sample()
    {
        try
        {
            return Files.readString(Recordings.file("nautilus/binance/liquidation_stream.json"));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The sample, compact, as Binance sends it on the stream. */
    private static String compact()
    {
        return sample().replaceAll("\\s+", "");
    }

    @Test
    void shouldDecodeTheSameLiquidationFromPrettyAndCompactTextAndFromTheEnvelope()
    {
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_USDM);
        final byte[] pretty = single(decoder, sample());
        final LiquidationDecoder liquidation = view.liquidation(sink.buffer(), sink.only());
        assertEquals(Side.SELL, liquidation.side(), "S");
        assertDecimal("9910.12345678", liquidation.price(), "ap");
        assertDecimal("0.014", liquidation.qty(), "z");
        assertEquals(1568014460893L * NS_PER_MS, liquidation.exchTsNs(), "T");
        assertEquals(RECV_TS_NS, liquidation.recvTsNs());

        assertArrayEquals(pretty, single(decoder, compact()));
        assertArrayEquals(pretty, single(decoder,
            "{\"stream\":\"btcusdt@forceOrder\",\"data\":" + compact() + "}"));
        assertEquals("BTCUSDT", sink.only().symbol());
    }

    @Test
    void shouldTakeTheOrdersPriceAndQuantityWhenNothingWasFilled()
    {
        final String unfilled = compact().replace("\"X\":\"FILLED\"", "\"X\":\"EXPIRED\"")
            .replace("\"ap\":\"9910.12345678\"", "\"ap\":\"0\"").replace("\"l\":\"0.014\"", "\"l\":\"0\"")
            .replace("\"z\":\"0.014\"", "\"z\":\"0\"").replace("\"q\":\"0.014\"", "\"q\":\"0.020\"");
        single(new BinanceDecoder(Venue.BINANCE_USDM), unfilled);
        final LiquidationDecoder liquidation = view.liquidation(sink.buffer(), sink.only());
        assertDecimal("9910.00000000", liquidation.price(), "p");
        assertDecimal("0.020", liquidation.qty(), "q");
    }

    @Test
    void shouldDecodePartialFillBuySideAndCoinMarginedSymbolInAnyFieldOrder()
    {
        // COIN-M as Binance documents it (with "ps"), a BUY, partly filled, members reversed
        final String coinm = "{\"o\":{\"T\":1591154240949,\"z\":\"1\",\"l\":\"1\",\"X\":\"PARTIALLY_FILLED\"," +
            "\"ap\":\"9496.5\",\"p\":\"9425.5\",\"q\":\"3\",\"f\":\"IOC\",\"o\":\"LIMIT\",\"S\":\"BUY\"," +
            "\"ps\":\"BTCUSD\",\"s\":\"BTCUSD_200925\"},\"E\":1591154240950,\"e\":\"forceOrder\"}";
        single(new BinanceDecoder(Venue.BINANCE_COINM), coinm);
        final LiquidationDecoder liquidation = view.liquidation(sink.buffer(), sink.only());
        assertEquals("BTCUSD_200925", sink.only().symbol());
        assertEquals(Venue.BINANCE_COINM, liquidation.venue());
        assertEquals(Side.BUY, liquidation.side());
        assertDecimal("9496.5", liquidation.price(), "ap");
        assertDecimal("1", liquidation.qty(), "z, not q");
        assertEquals(1591154240949L * NS_PER_MS, liquidation.exchTsNs(), "o.T, not E");
    }

    @Test
    void shouldFallBackToEventTimeWithoutTradeTime()
    {
        single(new BinanceDecoder(Venue.BINANCE_USDM), compact().replace(",\"T\":1568014460893", "")
            .replace("\"E\":1568014460893", "\"E\":1568014460999"));
        assertEquals(1568014460999L * NS_PER_MS, view.liquidation(sink.buffer(), sink.only()).exchTsNs());
    }

    @Test
    void shouldReportBadLiquidationsWithTheirReasonAndOffset()
    {
        final String frame = compact();
        final Object[][] cases = {
            { frame.replace("\"S\":\"SELL\"", "\"S\":\"SHORT\""), StatusReason.BAD_VALUE, "SHORT" },
            { frame.replace("\"S\":\"SELL\"", "\"S\":1"), StatusReason.BAD_VALUE, "1," },
            { frame.replace(",\"S\":\"SELL\"", ""), StatusReason.MISSING_FIELD, null },
            { frame.replace("\"s\":\"BTCUSDT\",", ""), StatusReason.MISSING_FIELD, null },
            { frame.replace("\"q\":\"0.014\"", "\"q\":\"0\""), StatusReason.BAD_VALUE, "\"0\"" },
            { frame.replace("\"ap\":\"9910.12345678\"", "\"ap\":\"9910.1x\""), StatusReason.BAD_NUMBER, "x" },
            { frame.replace("\"z\":\"0.014\"", "\"z\":true"), StatusReason.BAD_VALUE, "true" },
            { frame.replace("\"p\":\"9910.00000000\"", "\"p\":\"-1\""), StatusReason.BAD_VALUE, "\"-1\"" },
            { frame.replace("\"ap\":\"9910.12345678\"", "\"ap\":\"-3\""), StatusReason.BAD_VALUE, "\"-3\"" },
            { frame.replace("\"T\":1568014460893", "\"T\":-1"), StatusReason.BAD_VALUE, "-1" },
            { frame.replace("\"z\":\"0.014\"", "\"z\":\"0.014\",\"q\":\"1\""), StatusReason.DUPLICATE_FIELD,
                "\"q\":\"1\"" },
            { frame.replaceFirst("\"o\":\\{.*}}", "\"o\":\"LIMIT\"}"), StatusReason.BAD_VALUE, "\"LIMIT\"" },
            { frame.replaceFirst(",\"o\":\\{.*}}", "}"), StatusReason.MISSING_FIELD, null },
            { frame.replace("\"f\":\"IOC\"", "\"f\":IOC"), StatusReason.UNEXPECTED_CHARACTER, "IOC" },
        };
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_USDM);
        for (final Object[] entry : cases)
        {
            final String body = (String)entry[0];
            final StatusDecoder status = status(decoder, body);
            assertEquals(entry[1], status.reason(), body);
            final String at = (String)entry[2];
            final int from = at == null ? body.length() : body.lastIndexOf(at);
            assertTrue(from >= 0 && status.detail() >= from && status.detail() <= from + (at == null ? 0 :
                at.length()), body + ": offset " + status.detail() + ", expected from " + from);
        }
    }

    @Test
    void shouldReportEveryTruncationAsTruncated()
    {
        final byte[] bytes = compact().getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_USDM);
        for (int length = 0; length < bytes.length; length++)
        {
            sink.clear();
            assertEquals(1, decoder.decode(buffer, 0, length, RECV_TS_NS, sink));
            assertEquals(StatusReason.TRUNCATED, view.status(sink.buffer(), sink.only()).reason(), "cut at " + length);
        }
    }

    @Test
    void shouldDecodeLiquidationsWithoutAllocating()
    {
        final List<String> frames = new ArrayList<>();
        frames.add(sample());
        frames.add(compact());
        frames.add("{\"stream\":\"btcusdt@forceOrder\",\"data\":" + compact() + "}");
        frames.add(compact().replace("\"S\":\"SELL\"", "\"S\":\"BUY\"").replace("\"z\":\"0.014\"", "\"z\":\"0\""));
        final String measured = new FrameReplay(frames)
            .assertDecodesWithoutAllocating(new BinanceDecoder(Venue.BINANCE_USDM), frames.size());
        System.out.println("forceOrder bytes allocated per pass: " + measured);
    }

    private byte[] single(final BinanceDecoder decoder, final String frame)
    {
        sink.clear();
        final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, RECV_TS_NS, sink), frame);
        assertEquals(0, sink.protocolErrors());
        return sink.bytes(sink.only());
    }

    private StatusDecoder status(final BinanceDecoder decoder, final String frame)
    {
        single(decoder, frame);
        return view.status(sink.buffer(), sink.only());
    }
}
