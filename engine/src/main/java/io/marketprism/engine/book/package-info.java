/**
 * Order books kept correct by each venue's own rule: the book itself ({@link io.marketprism.engine.book.OrderBook}),
 * the venue rule deciding whether an update applies ({@link io.marketprism.engine.book.BookSequenceRule}) and the
 * per-instrument state machine that buffers, resynchronises and reports health
 * ({@link io.marketprism.engine.book.BookSynchronizer}).
 */
package io.marketprism.engine.book;
