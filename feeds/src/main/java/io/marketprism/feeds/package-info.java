/**
 * Venue feeds: one package per venue (decoders from raw frame bytes to SBE, symbol conventions, book sequence rules),
 * the zero-allocation JSON cursor they share, and readers of recorded captures.
 */
package io.marketprism.feeds;
