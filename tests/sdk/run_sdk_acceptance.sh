#!/usr/bin/env bash
# Runs tests/sdk/sdk_workflow.py (the official ClearML SDK, unchanged) against a fresh
# trove-server. Not part of CTest. See README.md.
#   tests/sdk/run_sdk_acceptance.sh [--demo|--cache] [path/to/trove-server]
# With --demo the server starts with its demo workspace and sdk_demo_check.py reads it back.
# With --cache sdk_cache_sharing.py checks the cache shared by trove-cli and the SDK, both ways
# (trove-cli is taken next to the server's build folder, or from $TROVE_CLI).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEMO=()
SCRIPT=sdk_workflow.py
if [ "${1:-}" = "--demo" ]; then
    DEMO=(--demo)
    SCRIPT=sdk_demo_check.py
    shift
elif [ "${1:-}" = "--cache" ]; then
    SCRIPT=sdk_cache_sharing.py
    shift
fi
SERVER="${1:-$ROOT/build/ci/server/trove-server}"
SERVER="$(cd "$(dirname "$SERVER")" && pwd)/$(basename "$SERVER")"
export TROVE_CLI="${TROVE_CLI:-$(dirname "$(dirname "$SERVER")")/app/trove-cli}"
if [ "$SCRIPT" = sdk_cache_sharing.py ] && [ ! -x "$TROVE_CLI" ]; then
    echo "no trove-cli at $TROVE_CLI (set TROVE_CLI)" >&2
    exit 2
fi
SDK_DIR="${CLEARML_SDK_DIR:-/tmp/clearml-sdk}"      # a checkout of allegroai/clearml (v1.17.0)
PY="${PYTHON:-/usr/bin/python3}"                     # Debian's python3 with the Debian packages

if [ ! -d "$SDK_DIR/clearml" ]; then
    echo "no ClearML SDK source in $SDK_DIR (set CLEARML_SDK_DIR)" >&2
    exit 2
fi
SCRATCH="$(mktemp -d /tmp/trove-sdk-run.XXXXXX)"
mkdir -p "$SCRATCH/home" "$SCRATCH/shim" "$SCRATCH/run" "$SCRATCH/data"
echo 'from pathlib import *' > "$SCRATCH/shim/pathlib2.py"

"$SERVER" --data "$SCRATCH/data" --host 127.0.0.1 --api-port 0 --files-port 0 "${DEMO[@]}" \
    >"$SCRATCH/server.out" 2>"$SCRATCH/server.err" &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null || true' EXIT
for _ in $(seq 1200); do
    grep -q '^files_server=' "$SCRATCH/server.out" 2>/dev/null && break
    sleep 0.1
done
API="$(sed -n 's/^api_server=//p' "$SCRATCH/server.out")"
FILES="$(sed -n 's/^files_server=//p' "$SCRATCH/server.out")"
[ -n "$API" ] && [ -n "$FILES" ] || { cat "$SCRATCH/server.err"; exit 1; }
eval "$("$SERVER" --data "$SCRATCH/data" --print-credentials | grep '^CLEARML_API_.*_KEY=' | sed 's/^/export /')"

export CLEARML_API_HOST="$API" CLEARML_FILES_HOST="$FILES" CLEARML_WEB_HOST="$API"
export HOME="$SCRATCH/home" CLEARML_CACHE_DIR="$SCRATCH/cache"
export PYTHONPATH="$SDK_DIR:$SCRATCH/shim"
cp "$ROOT/tests/sdk/$SCRIPT" "$SCRATCH/run/"
cd "$SCRATCH/run"   # outside any git repository (see clearml-sdk-observed.md §7.3)
set +e
timeout "${SDK_TIMEOUT:-600}" "$PY" "$SCRIPT" 2>&1 | tee "$SCRATCH/sdk.log"
RC=${PIPESTATUS[0]}
echo "server log: $SCRATCH/server.err   sdk log: $SCRATCH/sdk.log   (exit $RC)"
exit "$RC"
