#!/usr/bin/env bash
# JMH: backtest throughput in bars/s with precomputed signals (1,000,000 bars). Extra arguments go to JMH.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
./mvnw -q -B -pl tatra-bench -am install -DskipTests
exec "$JAVA_HOME/bin/java" -jar tatra-bench/target/benchmarks.jar BacktestBenchmark "$@"
