#!/usr/bin/env bash
# JMH: 64-feature rows/s on 1,000,000 bars vs the same four indicators in ta4j. Extra arguments go to JMH (e.g. -f 1 -wi 1 -i 3; -rf json -rff out.json).
exec "$(dirname "$0")/bench.sh" FeatureBenchmark "$@"
