/**
 * Coinbase: the frame decoder for the Advanced Trade WebSocket feed, its REST {@code product_book} and product
 * {@code ticker} bodies, and the legacy Exchange feed of the recordings; the products lists (Exchange and Advanced
 * Trade) as instrument metadata; the book rule (the connection-wide {@code sequence_num} of Advanced Trade, no
 * sequence on the legacy feed), symbol conventions, and a zero-allocation ISO-8601 time reader.
 */
package io.marketprism.feeds.coinbase;
