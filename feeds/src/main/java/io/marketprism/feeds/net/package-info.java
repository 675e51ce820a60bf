/**
 * The client transport: WebSocket (RFC 6455) over TCP or TLS on Netty. A
 * {@link io.marketprism.feeds.net.WebSocketClient} owns the event-loop threads and makes
 * {@link io.marketprism.feeds.net.WebSocketConnection}s; each connection hands every received message to its
 * {@link io.marketprism.feeds.net.WebSocketHandler} as bytes in a reused buffer, with its receive time, and allocates
 * nothing per message. TLS verifies certificates and host names; protocol-level ping/pong keeps the connection
 * honest; every way a connection ends has a {@link io.marketprism.feeds.net.CloseReason} and a sentence. Sessions
 * (subscribe pacing, reconnect, resync) build on this; they are not here yet.
 */
package io.marketprism.feeds.net;
