#!/usr/bin/env bash
# Renders a Tatra HTML report in headless Chromium (Debian package `chromium`): fails when the page reports a
# script error, and writes a screenshot. Usage: scripts/check-report.sh REPORT.html [SCREENSHOT.png]
set -euo pipefail
html="$(realpath "$1")"; png="${2:-${html%.html}.png}"
chromium="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chromium" ] || { echo "check-report: chromium is not installed (apt install chromium)" >&2; exit 2; }
profile="$(mktemp -d)"; trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir="$profile" --virtual-time-budget=10000 --hide-scrollbars)
status="$("$chromium" "${flags[@]}" --dump-dom "file://$html" 2>/dev/null | grep -o 'data-status="[a-z]*"' | head -1)"
"$chromium" "${flags[@]}" --screenshot="$png" --window-size=1400,3200 "file://$html" 2>/dev/null
if [ "$status" != 'data-status="rendered"' ]; then echo "check-report: $html did not render ($status)" >&2; exit 1; fi
echo "check-report: $html rendered without script errors; screenshot $png"
