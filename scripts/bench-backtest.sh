#!/usr/bin/env bash
# JMH: backtest throughput in bars/s with precomputed signals (1,000,000 bars). Extra arguments go to JMH.
exec "$(dirname "$0")/bench.sh" BacktestBenchmark "$@"
