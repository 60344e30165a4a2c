#!/usr/bin/env bash
# JMH: decision latency, one closed bar → one fused decision through ModelStrategy (p50/p99/p99.9),
# against the forward pass alone, one PyTorch thread. Extra arguments go to JMH (e.g. -f 1 -wi 1 -i 3,
# -rf json -rff out.json).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
./mvnw -q -B -pl tatra-bench -am install -DskipTests
exec "$JAVA_HOME/bin/java" -jar tatra-bench/target/benchmarks.jar DecisionBenchmark "$@"
