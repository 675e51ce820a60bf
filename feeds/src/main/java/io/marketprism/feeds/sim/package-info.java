/**
 * The venue simulator: a {@link io.marketprism.feeds.sim.VenueSimulator} serves one venue's WebSocket protocol
 * ({@link io.marketprism.feeds.sim.VenueProtocol}; Binance so far) on loopback, plain or TLS with a certificate made
 * at start, and replays a recording to every client that subscribes, at the recorded pace, flat out or at a fixed
 * rate. Every outgoing frame passes an {@link io.marketprism.feeds.sim.OutboundFrameHook}, where faults will act.
 * Tests and {@code marketprism simulate} drive the same client code against it as against a real venue.
 */
package io.marketprism.feeds.sim;
