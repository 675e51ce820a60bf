/**
 * OKX v5: the order book checksum (more to come: the frame decoder, symbol conventions and the {@code seqId} /
 * {@code prevSeqId} book rule).
 */
package io.marketprism.feeds.okx;
