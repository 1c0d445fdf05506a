#!/usr/bin/env bash
# Loads the search page in headless Chromium against a release `kensaku serve` and checks the
# rendered DOM: the first result for アルテミス計画 must show アルテミス計画に向けた研究開発等 and 76億円.
#
# Usage: scripts/browser-check.sh        (from anywhere; uses the repository's Corpus/)
# Needs: swift, python3, curl, chromium (installed with apt-get when missing and running as root).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUERY="アルテミス計画"
EXPECT=("アルテミス計画に向けた研究開発等" "76億円")

fail() { echo "browser-check: FAIL: $*" >&2; exit 1; }
step() { echo "browser-check: $*"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kensaku-browser-check.XXXXXX")
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v python3 >/dev/null || fail "python3 is needed"
command -v curl >/dev/null || fail "curl is needed"

step "building release kensaku"
timeout 1800 sh -c "swift build -c release --product kensaku && swift build -c release --product kensaku-server" >"$WORK/build.log" 2>&1 \
    || { tail -30 "$WORK/build.log" >&2; fail "swift build -c release --product kensaku failed"; }
BIN="$ROOT/.build/release/kensaku"
[[ -x "$BIN" ]] || fail "no $BIN after the build"

if ! command -v chromium >/dev/null; then
    [[ $(id -u) == 0 ]] || fail "chromium is not installed (apt-get install -y chromium)"
    step "installing chromium"
    timeout 600 apt-get install -y chromium >"$WORK/apt.log" 2>&1 \
        || { timeout 300 apt-get update >>"$WORK/apt.log" 2>&1 && timeout 600 apt-get install -y chromium >>"$WORK/apt.log" 2>&1; } \
        || { tail -20 "$WORK/apt.log" >&2; fail "cannot install chromium"; }
fi

step "building the index in $WORK/index"
timeout 300 "$BIN" index --index "$WORK/index" --corpus "$ROOT/Corpus" >"$WORK/index.log" 2>&1 \
    || { cat "$WORK/index.log" >&2; fail "kensaku index failed"; }

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
step "starting kensaku serve on $BASE"
"$BIN" serve --index "$WORK/index" --corpus "$ROOT/Corpus" --host 127.0.0.1 --port "$PORT" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!

deadline=$((SECONDS + 60))
until curl -fsS --max-time 2 "$BASE/healthz" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; fail "the server exited before answering /healthz"; }
    (( SECONDS < deadline )) || { cat "$WORK/server.err" >&2; fail "no answer from $BASE/healthz within 60 s"; }
    sleep 0.2
done
step "server up: $(curl -fsS --max-time 5 "$BASE/healthz")"

ENCODED=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$QUERY")
URL="$BASE/?q=$ENCODED"
step "rendering $URL in headless chromium"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$WORK/chromium" --window-size=390,844 --virtual-time-budget=10000 \
    --dump-dom "$URL" >"$WORK/dom.html" 2>"$WORK/chromium.log" \
    || { tail -20 "$WORK/chromium.log" >&2; fail "chromium failed or timed out"; }
[[ -s "$WORK/dom.html" ]] || { tail -20 "$WORK/chromium.log" >&2; fail "chromium dumped an empty DOM"; }

timeout 30 python3 "$ROOT/scripts/browser_check.py" "$WORK/dom.html" "${EXPECT[@]}" \
    || { echo "--- server log (last 10 lines)" >&2; tail -10 "$WORK/server.err" >&2; fail "the rendered page is wrong"; }
grep -q "GET /v1/search 200" "$WORK/server.err" || fail "the page never called /v1/search"
step "passed"
