/**
 * Kraken spot: the WebSocket v1 and v2 frame decoder, the symbol conventions, the book rule (no sequence ids: every
 * update applies, the checksum decides) and the order book checksum.
 */
package io.marketprism.feeds.kraken;
