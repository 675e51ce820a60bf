/**
 * Kraken Futures WebSocket v1: the frame decoder ({@code book_snapshot}, {@code book}, {@code trade},
 * {@code trade_snapshot}, {@code ticker}), the per-product {@code seq} book rule and the product-id conventions.
 */
package io.marketprism.feeds.krakenfutures;
