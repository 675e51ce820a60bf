/**
 * Data-quality checks on the messages normalize passes on (time going backwards, clock skew, repeated trade ids,
 * zero quantities): flagged and counted, never dropped.
 */
package io.marketprism.engine.quality;
