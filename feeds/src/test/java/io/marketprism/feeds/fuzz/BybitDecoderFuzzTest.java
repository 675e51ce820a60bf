/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.marketprism.feeds.bybit.BybitCategory;
import io.marketprism.feeds.bybit.BybitDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz test of {@link BybitDecoder}: linear against itself, spot, inverse and option as variants:
 * every input is checked as {@link DecoderFuzzHarness} says. Plain {@code mvn test} replays the corpus in {@code
 * BybitDecoderFuzzTestInputs/decode/} (test resources); with {@code JAZZER_FUZZ=1} it fuzzes (README, Tests and
 * fuzzing).
 */
class BybitDecoderFuzzTest
{
    private static final DecoderFuzzHarness HARNESS =
        new DecoderFuzzHarness(Venue.BYBIT, true, () -> new BybitDecoder(BybitCategory.LINEAR))
            .variant(Venue.BYBIT, new BybitDecoder(BybitCategory.SPOT))
            .variant(Venue.BYBIT, new BybitDecoder(BybitCategory.INVERSE))
            .variant(Venue.BYBIT, new BybitDecoder(BybitCategory.OPTION))
            .restVariants(Venue.BYBIT, () -> new BybitDecoder(BybitCategory.LINEAR), null,
                "https://api.bybit.com/v5/market/orderbook?category=linear&symbol=BTCUSDT",
                "https://api.bybit.com/v5/market/recent-trade?category=linear&symbol=BTCUSDT",
                "https://api.bybit.com/v5/market/tickers?category=linear",
                "https://api.bybit.com/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=5min",
                "https://api.bybit.com/v5/market/funding/history?category=linear&symbol=BTCUSDT");

    @Timeout(value = DecoderFuzzHarness.TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DictionaryEntries({
        "\"topic\"", "\"orderbook.50.BTCUSDT\"", "\"publicTrade.BTCUSDT\"", "\"tickers.BTCUSDT\"", "\"type\"",
        "\"snapshot\"", "\"delta\"", "\"data\"", "\"cts\"", "\"ts\"", "\"seq\"", "\"success\"", "\"op\"",
        "\"bid1Price\"", "\"markPrice\"" })
    @FuzzTest(maxDuration = "2m")
    void decode(final byte[] frame)
    {
        HARNESS.decode(frame);
    }
}
