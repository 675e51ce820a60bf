/**
 * Hand-written helpers around the generated SBE codecs: exact decimals, venue names, message sizes and the
 * JSON-lines printed form.
 */
package io.marketprism.codecs;
