/**
 * Bybit v5 public WebSocket (spot, linear, inverse, option): the frame decoder, symbol conventions (the venue symbol
 * carries the connection's category, {@code linear:BTCUSDT}) and the order book rule ({@code u} contiguous, every
 * snapshot resets).
 */
package io.marketprism.feeds.bybit;
