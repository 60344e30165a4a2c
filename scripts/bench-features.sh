#!/usr/bin/env bash
# JMH: 64-feature rows/s on 1,000,000 bars vs the same four indicators in ta4j. Extra arguments go to JMH
# (e.g. -f 1 -wi 1 -i 3 for a quicker run; -rf json -rff out.json for a JSON result).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
./mvnw -q -B -pl tatra-bench -am package -DskipTests
exec "$JAVA_HOME/bin/java" -jar tatra-bench/target/benchmarks.jar FeatureBenchmark "$@"
