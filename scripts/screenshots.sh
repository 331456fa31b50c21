#!/usr/bin/env bash
# Renders the README's screenshots headlessly with `trove --screenshot`, on a fresh demo
# workspace: trove-server fills it, trove-cli finds the demo tasks' ids, and trove renders each
# chosen state to a PNG (offscreen when there is no display).
#   scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]     (defaults: build/release, the build of
#   `scripts/setup.sh run`, and docs/screenshots)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$(realpath "${1:-$ROOT/build/release}")"
OUT="${2:-$ROOT/docs/screenshots}"
SIZE="${TROVE_SCREENSHOT_SIZE:-1280x800}"
mkdir -p "$OUT"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
DATA="$WORK/data"

# The demo workspace, served once to learn the ids of its tasks.
"$BUILD/server/trove-server" --data "$DATA" --demo --api-port 0 --files-port 0 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
    grep -q '^files_server=' "$WORK/server.log" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.1
done
CLI_ENV=(env -i PATH="$PATH" HOME="$WORK/home"
         CLEARML_API_HOST="$(sed -n 's/^api_server=//p' "$WORK/server.log")"
         CLEARML_FILES_HOST="$(sed -n 's/^files_server=//p' "$WORK/server.log")")
while IFS= read -r line; do CLI_ENV+=("$line"); done \
    < <("$BUILD/server/trove-server" --data "$DATA" --print-credentials)
task_id() { # PROJECT NAME
    "${CLI_ENV[@]}" "$BUILD/app/trove-cli" tasks "$1" | awk -v name="$2" 'index($0, "  " name "  ") { print $1; exit }'
}
GALLERY="$(task_id "Trove Demo" "artifact gallery")"
TRAIN="$(task_id "Trove Demo/Vision" "train classifier")"
FINETUNE="$(task_id "Trove Demo/Vision/Experiments" "fine-tune classifier lr=1e-4")"
CUSTOMERS="$(task_id "Trove Demo/Tabular" "prepare customer table")"
kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
for id in "$GALLERY" "$TRAIN" "$FINETUNE" "$CUSTOMERS"; do
    [ -n "$id" ] || { echo "screenshots: a demo task is missing" >&2; exit 1; }
done

shot() { # FILE ARGS...
    local file="$1"; shift
    env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" \
        "$BUILD/app/trove" --data "$DATA" --size "$SIZE" --screenshot "$OUT/$file" "$@" 2>/dev/null
    echo "$OUT/$file"
}
shot table.png --select "$CUSTOMERS/customers" --view artifacts
shot array.png --select "$GALLERY/features" --view artifacts
shot pickle.png --select "$GALLERY/object" --view artifacts
shot lineage.png --select "$FINETUNE" --view lineage
