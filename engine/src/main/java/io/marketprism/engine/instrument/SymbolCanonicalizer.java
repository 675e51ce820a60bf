/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.instrument;

import io.marketprism.sbe.Venue;

/**
 * A venue's symbol conventions: turns the venue's symbol into a canonical definition. Called once per new instrument,
 * off the steady-state path; may allocate.
 */
@FunctionalInterface
public interface SymbolCanonicalizer
{
    /**
     * @param instrumentId the id the engine assigns.
     * @param venue        the venue.
     * @param venueSymbol  the venue's symbol as it appeared on the wire.
     * @return the definition; never null (an unknown convention still yields a definition named after the venue's
     * symbol).
     */
    InstrumentDefinition define(int instrumentId, Venue venue, String venueSymbol);
}
