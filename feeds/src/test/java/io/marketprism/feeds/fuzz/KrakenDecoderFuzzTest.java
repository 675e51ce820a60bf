/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.marketprism.feeds.kraken.KrakenDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz test of {@link KrakenDecoder} (v1 and v2 frames): every input is checked as {@link
 * DecoderFuzzHarness} says. Plain {@code mvn test} replays the corpus in {@code KrakenDecoderFuzzTestInputs/decode/}
 * (test resources); with {@code JAZZER_FUZZ=1} it fuzzes (README, Tests and fuzzing).
 */
class KrakenDecoderFuzzTest
{
    private static final DecoderFuzzHarness HARNESS =
        new DecoderFuzzHarness(Venue.KRAKEN, true, KrakenDecoder::new)
            .restVariants(Venue.KRAKEN, KrakenDecoder::new, null,
                "https://api.kraken.com/0/public/Depth?pair=XBTUSD&count=10",
                "https://api.kraken.com/0/public/Trades?pair=XBTUSD",
                "https://api.kraken.com/0/public/Ticker?pair=XBTUSD");

    @Timeout(value = DecoderFuzzHarness.TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DictionaryEntries({
        "\"book-1000\"", "\"book-10\"", "\"trade\"", "\"ticker\"", "\"as\"", "\"bs\"", "\"a\"", "\"b\"", "\"c\"",
        "\"r\"", "\"event\"", "\"heartbeat\"", "\"subscriptionStatus\"", "\"status\"", "\"error\"", "\"channel\"",
        "\"book\"", "\"type\"", "\"snapshot\"", "\"update\"", "\"checksum\"", "\"symbol\"" })
    @FuzzTest(maxDuration = "2m")
    void decode(final byte[] frame)
    {
        HARNESS.decode(frame);
    }
}
