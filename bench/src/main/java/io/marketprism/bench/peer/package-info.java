/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The peer baseline of the decode benchmark: Binance stream events as Jackson databind DTOs with {@code BigDecimal}
 * prices and quantities, the way XChange-stream and most Java clients decode them (our own classes, written for the
 * comparison; XChange's own DTOs are measured beside them).
 */
package io.marketprism.bench.peer;
