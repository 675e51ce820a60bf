/**
 * A zero-allocation, strict JSON cursor over {@link org.agrona.DirectBuffer}: walks objects and arrays, parses exact
 * decimals and 64-bit integers, and reports malformed input with status codes instead of exceptions.
 */
package io.marketprism.feeds.json;
