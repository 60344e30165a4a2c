#!/usr/bin/env bash
# Builds the JMH jar and runs one benchmark class: scripts/bench.sh CLASS [JMH arguments...]
# Native threads are passive and single unless the caller says otherwise (PyTorch spins on shared cores).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
[ $# -ge 1 ] || { echo "usage: scripts/bench.sh BenchmarkClass [JMH args]" >&2; exit 2; }
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
./mvnw -q -B -pl tatra-bench -am install -DskipTests
exec "$JAVA_HOME/bin/java" -jar tatra-bench/target/benchmarks.jar "$@"
