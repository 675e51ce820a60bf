/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.marketprism.feeds.okx.OkxDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz test of {@link OkxDecoder}; a bad element of {@code data} may follow the messages of the good
 * ones (documented), so a status need not be alone: every input is checked as {@link DecoderFuzzHarness} says. Plain
 * {@code mvn test} replays the corpus in {@code OkxDecoderFuzzTestInputs/decode/} (test resources); with {@code
 * JAZZER_FUZZ=1} it fuzzes (README, Tests and fuzzing).
 */
class OkxDecoderFuzzTest
{
    private static final DecoderFuzzHarness HARNESS =
        new DecoderFuzzHarness(Venue.OKX, false, OkxDecoder::new)
            .restVariants(Venue.OKX, OkxDecoder::new, "BTC-USDT",
                "https://www.okx.com/api/v5/market/books?instId=BTC-USDT&sz=20",
                "https://www.okx.com/api/v5/market/trades?instId=BTC-USDT",
                "https://www.okx.com/api/v5/public/mark-price?instType=SWAP",
                "https://www.okx.com/api/v5/market/index-tickers?instId=BTC-USDT",
                "https://www.okx.com/api/v5/public/funding-rate?instId=BTC-USDT-SWAP",
                "https://www.okx.com/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP",
                "https://www.okx.com/api/v5/public/open-interest?instType=SWAP",
                "https://www.okx.com/api/v5/public/liquidation-orders?instType=SWAP");

    @Timeout(value = DecoderFuzzHarness.TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DictionaryEntries({
        "\"arg\"", "\"channel\"", "\"instId\"", "\"action\"", "\"snapshot\"", "\"update\"", "\"data\"", "\"books\"",
        "\"books5\"", "\"bbo-tbt\"", "\"books-l2-tbt\"", "\"trades\"", "\"tickers\"", "\"funding-rate\"",
        "\"mark-price\"", "\"event\"", "\"error\"", "\"seqId\"", "\"prevSeqId\"", "\"checksum\"" })
    @FuzzTest(maxDuration = "2m")
    void decode(final byte[] frame)
    {
        HARNESS.decode(frame);
    }
}
