/**
 * Binance spot, USD-M and COIN-M futures: the frame decoder (combined-stream envelope or bare event, REST depth
 * snapshot, {@code forceOrder} liquidations), the decoder of the polled futures REST bodies (premium index, funding
 * rate, open interest and its history, long/short ratios) with the endpoints it knows, symbol conventions, instrument
 * metadata from {@code exchangeInfo}, and the documented order book synchronisation rules ({@code U}/{@code u} for
 * spot, {@code pu} for futures).
 */
package io.marketprism.feeds.binance;
