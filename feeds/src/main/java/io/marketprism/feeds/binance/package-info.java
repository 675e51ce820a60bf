/**
 * Binance spot, USD-M and COIN-M futures: the frame decoder (combined-stream envelope or bare event, REST depth
 * snapshot), symbol conventions and the documented order book synchronisation rules ({@code U}/{@code u} for spot,
 * {@code pu} for futures).
 */
package io.marketprism.feeds.binance;
