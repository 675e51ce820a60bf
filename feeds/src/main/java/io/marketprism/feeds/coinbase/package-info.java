/**
 * Coinbase: the frame decoder for the Advanced Trade WebSocket feed and the legacy Exchange feed of the recordings,
 * the book rule (the connection-wide {@code sequence_num} of Advanced Trade, no sequence on the legacy feed), symbol
 * conventions, and a zero-allocation ISO-8601 time reader.
 */
package io.marketprism.feeds.coinbase;
