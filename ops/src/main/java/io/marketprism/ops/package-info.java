/**
 * The {@code marketprism} command line: {@code demo}, {@code decode}, {@code replay}; configuration loading.
 */
package io.marketprism.ops;
