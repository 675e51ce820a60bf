/**
 * Deribit API v2: the WebSocket frame decoder (JSON-RPC notifications of the book, trades, ticker and quote
 * channels) and the instrument-name conventions. Deribit's {@code change_id} / {@code prev_change_id} book rule is
 * the shared {@link io.marketprism.feeds.PreviousIdBookRule}.
 */
package io.marketprism.feeds.deribit;
