#!/usr/bin/env bash
# A real client nobody here wrote: ccxt's bybit class (npm ccxt 4.5.x) loads markets, fetches candles, funding history,
# balance and positions, places a market order with stop loss and take profit, and places and cancels a limit order,
# all against `tatra exchange serve` on loopback. Installs ccxt with npm into a scratch folder (CCXT_DIR to reuse one).
# Exit 0: passed; 1: a check failed; 3: node/npm missing or ccxt could not be installed (said plainly).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CCXT_VERSION="${CCXT_VERSION:-4.5}"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "ccxt-check: node and npm are needed to install and run ccxt (Debian: apt-get install nodejs npm); the check did not run" >&2
  exit 3
fi
WORK="$(mktemp -d)"
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
export CCXT_DIR="${CCXT_DIR:-$WORK/npm}"
if [ ! -d "$CCXT_DIR/node_modules/ccxt" ]; then
  echo "ccxt-check: npm install ccxt@$CCXT_VERSION into $CCXT_DIR" >&2
  npm install --prefix "$CCXT_DIR" --no-audit --no-fund --loglevel=error "ccxt@$CCXT_VERSION" >&2 \
    || { echo "ccxt-check: npm could not install ccxt@$CCXT_VERSION (no registry access?); the check did not run" >&2; exit 3; }
fi
export TATRA_HOME="$WORK/home"
"$ROOT/tatra" generate --symbol-count 1 --bars 3000 --seed 7 --out "$WORK/gen" >/dev/null
"$ROOT/tatra" import "$WORK/gen/SYN01USDT_1h.csv" "$WORK/gen/SYN01USDT_funding.csv" "$WORK/gen/SYN01USDT_open_interest.csv" >/dev/null
export BYBIT_API_KEY="ccxtcheckkey0001" BYBIT_API_SECRET="ccxtchecksecret0000000001"
"$ROOT/tatra" exchange serve --symbols SYN01USDT --interval 1h --speed 60 --port-file "$WORK/port" --duration 600 > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do [ -s "$WORK/port" ] && break; kill -0 "$SERVER" 2>/dev/null || break; sleep 0.2; done
if [ ! -s "$WORK/port" ]; then echo "ccxt-check: the paper exchange did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; fi
node "$ROOT/scripts/ccxt/paper-check.cjs" "http://127.0.0.1:$(cat "$WORK/port")" SYN01USDT
