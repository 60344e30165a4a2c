/**
 * JMH benchmarks: features, model forward passes, backtest throughput and decision latency. Run by scripts/bench-*.sh, never by unit tests.
 */
package io.tatra.bench;
