/**
 * Bybit v5 public WebSocket (spot, linear, inverse, option) and REST market bodies (orderbook, recent-trade, tickers,
 * open-interest, funding/history): the frame decoder, {@code instruments-info} as instrument metadata, symbol
 * conventions (the venue symbol carries the connection's category, {@code linear:BTCUSDT}) and the order book rule
 * ({@code u} contiguous, every snapshot resets).
 */
package io.marketprism.feeds.bybit;
