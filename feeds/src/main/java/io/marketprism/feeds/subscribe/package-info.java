/**
 * Subscription requests in each venue's own protocol: a venue-neutral {@link
 * io.marketprism.feeds.subscribe.SubscriptionRequest} (instruments, named as the decoders name them, times
 * {@link io.marketprism.feeds.subscribe.DataType}s, subscribe or unsubscribe) becomes, through the venue's
 * {@link io.marketprism.feeds.subscribe.SubscriptionBuilder}, a list of
 * {@link io.marketprism.feeds.subscribe.ConnectionPlan}s: the WebSocket URL of each connection (production by
 * default, any base URL for a simulator) and its ordered {@link io.marketprism.feeds.subscribe.RequestFrame}s,
 * split by the venue's documented limits (streams per connection, names or characters per request), with
 * deterministic ids. Each builder's Javadoc shows its frames and cites the venue documentation its facts come from.
 * <p>
 * Only streams that a decoder of this project reads can be asked for; anything else is refused with an exception
 * naming the venue, the data type and the instrument. Planning is a cold path and allocates; encoding a frame into a
 * caller's buffer does not. The venue's reply to a frame is a control frame for its decoder (0 messages), or a
 * {@code VENUE_ERROR} status when the venue refuses it. Pacing the frames ({@code minFrameIntervalNs}), keep-alive
 * and resubscribing are the session's job (issue 4).
 */
package io.marketprism.feeds.subscribe;
