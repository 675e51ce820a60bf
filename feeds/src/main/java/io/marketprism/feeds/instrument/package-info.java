/**
 * Instrument metadata from each venue's REST endpoints, read once at start (cold path): tick size, lot size,
 * contract size, expiry, strike and canonical symbol of every instrument, held in an {@link
 * io.marketprism.feeds.instrument.InstrumentCatalog} that normalize asks when it first meets a venue symbol.
 */
package io.marketprism.feeds.instrument;
