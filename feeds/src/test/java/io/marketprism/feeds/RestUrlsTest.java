/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RestUrlsTest
{
    @Test
    void thePathOfAUrlKeepsItsQuery()
    {
        assertEquals("/0/public/Depth?pair=XBTUSD", RestUrls.path("https://api.kraken.com/0/public/Depth?pair=XBTUSD"));
        assertEquals("/", RestUrls.path("https://api.coinbase.com"));
        assertEquals("/v5/market/tickers", RestUrls.path("/v5/market/tickers"));
        assertEquals("public/get_order_book", RestUrls.path("public/get_order_book"));
        assertNull(RestUrls.path(null));
    }
}
