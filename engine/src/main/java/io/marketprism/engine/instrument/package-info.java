/**
 * Instruments: canonical definitions ({@link io.marketprism.engine.instrument.InstrumentDefinition}), the registry
 * that maps a venue's symbol bytes to an id without allocating, and
 * {@link io.marketprism.engine.instrument.VenueRules}, through which each venue's package supplies its symbol
 * conventions and book sequence rule.
 */
package io.marketprism.engine.instrument;
