#!/usr/bin/env bash
# JMH: decision latency, one closed bar → one fused decision through ModelStrategy (p50/p99/p99.9), against the forward pass alone, one PyTorch thread. Extra arguments go to JMH (e.g. -f 1 -wi 1 -i 3, -rf json -rff out.json).
exec "$(dirname "$0")/bench.sh" DecisionBenchmark "$@"
