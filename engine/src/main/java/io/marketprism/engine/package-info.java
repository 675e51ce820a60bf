/**
 * The ring and its topology. A feed decodes frames into the {@link io.marketprism.engine.MessageLog} through a
 * {@link io.marketprism.engine.RingProducer} and publishes one {@link io.marketprism.engine.MarketEvent} per message;
 * normalize then journal and publish consume them, as wired in {@link io.marketprism.engine.MarketDataPipeline}.
 */
package io.marketprism.engine;
