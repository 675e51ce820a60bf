/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.marketprism.feeds.deribit.DeribitDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz test of {@link DeribitDecoder}: every input is checked as {@link DecoderFuzzHarness} says.
 * Plain {@code mvn test} replays the corpus in {@code DeribitDecoderFuzzTestInputs/decode/} (test resources); with
 * {@code JAZZER_FUZZ=1} it fuzzes (README, Tests and fuzzing).
 */
class DeribitDecoderFuzzTest
{
    private static final DecoderFuzzHarness HARNESS =
        new DecoderFuzzHarness(Venue.DERIBIT, true, DeribitDecoder::new)
            .restVariants(Venue.DERIBIT, DeribitDecoder::new, "BTC_USD-DVOL",
                "https://www.deribit.com/api/v2/public/get_order_book?instrument_name=BTC-PERPETUAL",
                "https://www.deribit.com/api/v2/public/ticker?instrument_name=BTC-PERPETUAL",
                "https://www.deribit.com/api/v2/public/get_last_trades_by_instrument?instrument_name=BTC-PERPETUAL",
                "https://www.deribit.com/api/v2/public/get_volatility_index_data?currency=BTC",
                "https://www.deribit.com/api/v2/public/get_book_summary_by_currency?currency=BTC");

    @Timeout(value = DecoderFuzzHarness.TIMEOUT_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DictionaryEntries({
        "\"jsonrpc\"", "\"method\"", "\"subscription\"", "\"params\"", "\"channel\"", "\"book.BTC-PERPETUAL.raw\"",
        "\"trades.BTC-PERPETUAL.raw\"", "\"ticker.BTC-PERPETUAL.raw\"", "\"quote.BTC-PERPETUAL\"", "\"data\"",
        "\"type\"", "\"change_id\"", "\"prev_change_id\"", "\"bids\"", "\"asks\"", "\"new\"", "\"change\"",
        "\"delete\"", "\"result\"", "\"error\"" })
    @FuzzTest(maxDuration = "2m")
    void decode(final byte[] frame)
    {
        HARNESS.decode(frame);
    }
}
