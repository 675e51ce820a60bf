/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.marketprism.feeds.krakenfutures.KrakenFuturesDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz test of {@link KrakenFuturesDecoder}: every input is checked as {@link DecoderFuzzHarness}
 * says. Plain {@code mvn test} replays the corpus in {@code KrakenFuturesDecoderFuzzTestInputs/decode/} (test
 * resources); with {@code JAZZER_FUZZ=1} it fuzzes (README, Tests and fuzzing).
 */
class KrakenFuturesDecoderFuzzTest
{
    private static final DecoderFuzzHarness HARNESS =
        new DecoderFuzzHarness(Venue.KRAKEN_FUTURES, true, KrakenFuturesDecoder::new)
            .restVariants(Venue.KRAKEN_FUTURES, KrakenFuturesDecoder::new, null,
                "https://futures.kraken.com/derivatives/api/v3/orderbook?symbol=PI_XBTUSD",
                "https://futures.kraken.com/derivatives/api/v3/tickers",
                "https://futures.kraken.com/api/history/v2/market/PI_XBTUSD/executions");

    @Timeout(value = DecoderFuzzHarness.TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DictionaryEntries({
        "\"feed\"", "\"book\"", "\"book_snapshot\"", "\"trade\"", "\"trade_snapshot\"", "\"ticker\"",
        "\"product_id\"", "\"seq\"", "\"side\"", "\"buy\"", "\"sell\"", "\"price\"", "\"qty\"", "\"bids\"",
        "\"asks\"", "\"trades\"", "\"event\"", "\"error\"", "\"relative_funding_rate\"", "\"markPrice\"" })
    @FuzzTest(maxDuration = "2m")
    void decode(final byte[] frame)
    {
        HARNESS.decode(frame);
    }
}
