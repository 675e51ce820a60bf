/**
 * Venue feeds: one package per venue (decoders from raw frame bytes to SBE, symbol conventions, book sequence rules),
 * the zero-allocation JSON cursor they share, readers of recorded captures, and each venue's subscription requests
 * ({@code subscribe}).
 */
package io.marketprism.feeds;
