/**
 * Recorded captures replayed through the same decoders as live: readers of the hftbacktest and cryptofeed formats
 * and of plain frame-per-line files (gzip, zip or plain), a pacer for original-speed replay, and the agent that
 * feeds frames into the ring.
 */
package io.marketprism.feeds.capture;
