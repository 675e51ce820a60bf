/**
 * Kraken spot: the v1 order book checksum (more to come: the v1/v2 frame decoders, symbol conventions and the book
 * rule).
 */
package io.marketprism.feeds.kraken;
