/**
 * Benchmarks: the end-to-end pipeline harness ({@link io.marketprism.bench.PipelineBenchmark}) and JMH
 * micro-benchmarks of the decoders and the book. Every harness checks its own result and prints what it measured.
 */
package io.marketprism.bench;
