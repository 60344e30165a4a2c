#!/usr/bin/env bash
# JMH: unified-model training ms/step (summed loss vs PCGrad vs four specialists) and single-window inference p50/p99 with one PyTorch thread. Extra arguments go to JMH (e.g. -p threads=2, -f 1 -wi 1 -i 3).
exec "$(dirname "$0")/bench.sh" ModelBenchmark "$@"
