/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.marketprism.feeds.coinbase.CoinbaseDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz test of {@link CoinbaseDecoder}; an event decoded before a bad one keeps its messages
 * (documented), so a status need not be alone: every input is checked as {@link DecoderFuzzHarness} says. Plain {@code
 * mvn test} replays the corpus in {@code CoinbaseDecoderFuzzTestInputs/decode/} (test resources); with {@code
 * JAZZER_FUZZ=1} it fuzzes (README, Tests and fuzzing).
 */
class CoinbaseDecoderFuzzTest
{
    private static final DecoderFuzzHarness HARNESS =
        new DecoderFuzzHarness(Venue.COINBASE, false, () -> new CoinbaseDecoder(Venue.COINBASE))
            .restVariants(Venue.COINBASE, () -> new CoinbaseDecoder(Venue.COINBASE), null,
                "https://api.coinbase.com/api/v3/brokerage/market/product_book?product_id=BTC-USD",
                "https://api.coinbase.com/api/v3/brokerage/market/products/BTC-USD/ticker?limit=3");

    @Timeout(value = DecoderFuzzHarness.TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DictionaryEntries({
        "\"channel\"", "\"l2_data\"", "\"market_trades\"", "\"ticker\"", "\"sequence_num\"", "\"events\"",
        "\"updates\"", "\"type\"", "\"snapshot\"", "\"update\"", "\"l2update\"", "\"match\"", "\"changes\"",
        "\"product_id\"", "\"side\"", "\"price_level\"", "\"new_quantity\"", "\"bid\"", "\"offer\"" })
    @FuzzTest(maxDuration = "2m")
    void decode(final byte[] frame)
    {
        HARNESS.decode(frame);
    }
}
