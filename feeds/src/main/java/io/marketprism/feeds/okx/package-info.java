/**
 * OKX v5: the order book checksum (more to come: the frame decoder and symbol conventions). OKX's {@code seqId} /
 * {@code prevSeqId} book rule is the shared {@link io.marketprism.feeds.PreviousIdBookRule}.
 */
package io.marketprism.feeds.okx;
