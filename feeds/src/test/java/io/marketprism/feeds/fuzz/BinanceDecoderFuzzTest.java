/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.binance.BinanceDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz test of {@link BinanceDecoder}: USD-M (with a context symbol, so REST depth snapshots decode)
 * against itself, spot and COIN-M (without one) as variants: every input is checked as {@link DecoderFuzzHarness}
 * says. Plain {@code mvn test} replays the corpus in {@code BinanceDecoderFuzzTestInputs/decode/} (test resources);
 * with {@code JAZZER_FUZZ=1} it fuzzes (README, Tests and fuzzing).
 */
class BinanceDecoderFuzzTest
{
    private static final DecoderFuzzHarness HARNESS =
        new DecoderFuzzHarness(Venue.BINANCE_USDM, true, BinanceDecoderFuzzTest::usdm)
            .variant(Venue.BINANCE_SPOT, new BinanceDecoder(Venue.BINANCE_SPOT))
            .variant(Venue.BINANCE_COINM, new BinanceDecoder(Venue.BINANCE_COINM))
            .restVariants(Venue.BINANCE_USDM, () -> new BinanceDecoder(Venue.BINANCE_USDM), "BTCUSDT",
                "https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT",
                "https://fapi.binance.com/fapi/v1/fundingRate?symbol=BTCUSDT",
                "https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT",
                "https://fapi.binance.com/futures/data/openInterestHist?symbol=BTCUSDT&period=5m",
                "https://fapi.binance.com/futures/data/globalLongShortAccountRatio?symbol=BTCUSDT&period=5m",
                "https://fapi.binance.com/futures/data/takerlongshortRatio?symbol=BTCUSDT&period=5m");

    @Timeout(value = DecoderFuzzHarness.TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DictionaryEntries({
        "\"stream\"", "\"data\"", "\"e\"", "\"depthUpdate\"", "\"trade\"", "\"aggTrade\"", "\"bookTicker\"",
        "\"markPriceUpdate\"", "\"lastUpdateId\"", "\"bids\"", "\"asks\"", "\"pu\"", "\"U\"", "\"u\"", "\"E\"",
        "\"T\"", "\"s\"", "\"m\"" })
    @FuzzTest(maxDuration = "2m")
    void decode(final byte[] frame)
    {
        HARNESS.decode(frame);
    }

    private static FrameDecoder usdm()
    {
        final BinanceDecoder decoder = new BinanceDecoder(Venue.BINANCE_USDM);
        decoder.contextSymbol("BTCUSDT");
        return decoder;
    }
}
