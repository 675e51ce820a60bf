/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import java.nio.charset.StandardCharsets;

/**
 * Multi-letter JSON keys of Binance messages, as ASCII bytes for allocation-free comparison.
 */
final class BinanceKeys
{
    static final byte[] BIDS = "bids".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ASKS = "asks".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SYMBOL = "symbol".getBytes(StandardCharsets.US_ASCII);
    static final byte[] LAST_UPDATE_ID = "lastUpdateId".getBytes(StandardCharsets.US_ASCII);
    static final byte[] RESULT = "result".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CODE = "code".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MSG = "msg".getBytes(StandardCharsets.US_ASCII);

    private BinanceKeys()
    {
    }
}
