/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketprism.engine.instrument.InstrumentDefinition;

import java.util.List;

/**
 * Reads one venue's instrument metadata response. Cold path.
 */
@FunctionalInterface
public interface MetadataParser
{
    /**
     * @param response the parsed response body.
     * @return a definition (engine id 0) for every instrument in it, with its sizes.
     * @throws IllegalArgumentException naming what is missing when the response is not this venue's metadata.
     */
    List<InstrumentDefinition> parse(JsonNode response);
}
