#!/usr/bin/env bash
# Trove's one set-up script for a fresh Debian 12 machine.
#   scripts/setup.sh run    install what is missing, build, launch Trove on the embedded server
#   scripts/setup.sh test   install what is missing, build with -Werror, run the whole test suite
set -euo pipefail

MODE="${1:-run}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '\033[1m[trove-setup]\033[0m %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

# Debian packages the build, the app and the tests need.
PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config clang-format
    qt6-base-dev qt6-base-dev-tools libqt6svg6-dev qt6-image-formats-plugins qt6-qpa-plugins
    libcpp-httplib-dev nlohmann-json3-dev libarchive-dev libsqlite3-dev libssl-dev zlib1g-dev
    xvfb xauth curl
)
if [ "$MODE" = "test" ]; then
    # Test peers: Node.js runs the S3-compatible server (s3rver) from npm.
    command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
    command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)
    # Packaging checks (CTest packaging_desktop_file, packaging_metainfo).
    PACKAGES+=(desktop-file-utils appstream)
    # Reference readers the tests cross-check our writers and decoders against (numpy.save,
    # pandas.read_csv, pickle): they never run our code, and nothing of ours depends on them.
    PACKAGES+=(python3 python3-numpy python3-pandas)
fi

if [ "$MODE" = "bench" ]; then
    # Benchmarks (tests/bench) and the SDK acceptance run (tests/sdk), never the test suite.
    # nginx-light (the static-server reference of bench_server.py) is left out on purpose: its
    # package starts a system nginx on port 80; see tests/bench/README.md.
    PACKAGES+=(wrk time python3-numpy python3-pandas python3-requests python3-jsonschema python3-jwt
               python3-yaml python3-psutil python3-furl python3-attr python3-pil python3-six
               python3-urllib3 python3-pyparsing)
fi

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

JOBS="$(nproc)"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
# Cache hits across clones in other folders (CI builds a fresh clone).
export CCACHE_BASEDIR="$ROOT"
export CCACHE_NOHASHDIR=true

case "$MODE" in
run)
    # The app as users run it: optimized and without the tests, which also makes the first
    # build shorter. Developers use the dev preset (README, Development).
    cmake --preset release >/dev/null
    cmake --build --preset release -j "$JOBS"
    DATA="${XDG_DATA_HOME:-$HOME/.local/share}/trove/embedded"
    mkdir -p "$DATA"
    if [ -x build/release/app/trove ] && [ "${TROVE_SERVER_ONLY:-0}" != "1" ]; then
        if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            log "no display (DISPLAY/WAYLAND_DISPLAY unset): run it under xvfb-run, or render a"
            log "picture with: build/release/app/trove --screenshot trove.png"
        fi
        log "launching Trove"
        exec build/release/app/trove "${@:2}"
    fi
    log "launching trove-server with a demo workspace in $DATA"
    exec build/release/server/trove-server --data "$DATA" --demo
    ;;
test)
    if [ -f tests/peers/package.json ]; then
        log "installing test peers from npm (tests/peers)"
        (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
    fi
    cmake --preset ci >/dev/null
    cmake --build --preset ci -j "$JOBS"
    log "running the test suite"
    ctest --preset ci
    ;;
bench)
    cmake --preset ci >/dev/null
    cmake --build --preset ci -j "$JOBS" --target trove-server
    log "benchmarks: see tests/bench/README.md; SDK acceptance: tests/sdk/README.md"
    ;;
*)
    echo "usage: scripts/setup.sh run|test|bench" >&2
    exit 2
    ;;
esac
