#!/usr/bin/env bash
# Fault injection against a release kensaku on a temporary ×5 corpus (issue 8). Each step does
# something an attacker or an unlucky operator would, then checks that the last good index
# verifies and answers, that nothing outside the corpus is served, and that the server answers.
#
# Steps: kill indexers at random points; fill a small tmpfs (when mount is allowed, else skipped
# with a note); hostile corpus entries (a folder named *.txt, an unreadable file, a symlink out,
# a FIFO, an empty file); a damaged manifest; hostile queries and slow clients against a live
# server. About 1–3 minutes.
#
# Usage: scripts/chaos.sh      Needs: swift, python3, curl.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
fail() { echo "chaos: FAIL: $*" >&2; exit 1; }
step() { echo "chaos: $*"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kensaku-chaos.XXXXXX")
SERVER_PID=""
MOUNTED=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        sleep 0.5
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    [[ -n "$MOUNTED" ]] && umount "$MOUNTED" 2>/dev/null || true
    chmod -R u+rwX "$WORK" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v curl >/dev/null || fail "curl is needed"
step "building release kensaku"
timeout 1800 sh -c "swift build -c release --product kensaku && swift build -c release --product kensaku-server" >"$WORK/build.log" 2>&1 \
    || { tail -30 "$WORK/build.log" >&2; fail "swift build failed"; }
BIN="$ROOT/.build/release/kensaku"

# A ×5 corpus: five renamed copies of each document.
CORPUS="$WORK/corpus"
mkdir -p "$CORPUS"
for f in "$ROOT"/Corpus/*.txt; do
    for k in 1 2 3 4 5; do cp "$f" "$CORPUS/$(basename "$f" .txt)_$k.txt"; done
done
SECRET="$WORK/secret.txt"
echo "機密メモ chaosleakcanary 外部のファイル" >"$SECRET"
INDEX="$WORK/index"

verify_and_answer() {  # $1: what just happened
    timeout 60 "$BIN" verify --index "$INDEX" >/dev/null 2>"$WORK/verify.err" \
        || { cat "$WORK/verify.err" >&2; fail "after $1: the index does not verify"; }
    timeout 60 "$BIN" search --index "$INDEX" --corpus "$CORPUS" --limit 1 量子 >/dev/null 2>"$WORK/search.err" \
        || { cat "$WORK/search.err" >&2; fail "after $1: the index does not answer"; }
    # Exit 1 (no hits) is the only right answer: 0 is a leak, 2 an error that could hide one.
    local status=0
    timeout 60 "$BIN" search --index "$INDEX" --corpus "$CORPUS" chaosleakcanary >/dev/null 2>&1 || status=$?
    [[ $status == 1 ]] || fail "after $1: searching for a file outside the corpus exited $status, not 1"
}

step "building the index of $(ls "$CORPUS" | wc -l) files"
timeout 300 "$BIN" index --corpus "$CORPUS" --index "$INDEX" >/dev/null 2>&1 || fail "the first index failed"
verify_and_answer "the first build"

step "killing indexers at random points"
for i in $(seq 1 8); do
    echo "変更 $i 量子" >"$CORPUS/zz_change.txt"
    "$BIN" index --corpus "$CORPUS" --index "$INDEX" >/dev/null 2>&1 &
    pid=$!
    sleep "0.$((RANDOM % 9 + 1))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    verify_and_answer "kill -9 of indexer $i"
done
rm -f "$CORPUS/zz_change.txt"

step "hostile corpus entries"
mkdir "$CORPUS/dir.txt"
echo "読めない" >"$CORPUS/unreadable.txt"; chmod 000 "$CORPUS/unreadable.txt"
ln -s "$SECRET" "$CORPUS/link.txt"
ln -s /etc/passwd "$CORPUS/passwd.txt"
mkfifo "$CORPUS/fifo.txt"
: >"$CORPUS/empty.txt"
timeout 300 "$BIN" index --corpus "$CORPUS" --index "$INDEX" >/dev/null 2>"$WORK/hostile.err" \
    || { cat "$WORK/hostile.err" >&2; fail "one bad corpus entry stopped the index"; }
grep -q "link.txt: refused" "$WORK/hostile.err" || fail "no warning for the symlink out"
grep -q "fifo.txt: skipped" "$WORK/hostile.err" || fail "no warning for the FIFO"
grep -q "dir.txt: skipped" "$WORK/hostile.err" || fail "no warning for the folder"
verify_and_answer "hostile corpus entries"
if timeout 30 "$BIN" search --index "$INDEX" --corpus "$CORPUS" root >/dev/null 2>&1; then
    timeout 30 "$BIN" search --index "$INDEX" --corpus "$CORPUS" --format json root | grep -q '"doc":"passwd.txt"' \
        && fail "/etc/passwd is served"
fi

step "a damaged manifest"
DAMAGED="$WORK/damaged"
cp -r "$INDEX" "$DAMAGED"
truncate -s 100 "$DAMAGED/MANIFEST"
gens_before=$(ls -d "$DAMAGED"/gen-* | wc -l)
if (cd "$WORK" && timeout 60 "$BIN" search --index "$DAMAGED" 量子 >/dev/null 2>"$WORK/damaged.err"); then
    fail "a damaged manifest was accepted"
fi
grep -q "manifest is damaged" "$WORK/damaged.err" || { cat "$WORK/damaged.err" >&2; fail "no clear error for a damaged manifest"; }
[[ $(ls -d "$DAMAGED"/gen-* | wc -l) == "$gens_before" ]] || fail "generations were deleted"
verify_and_answer "a damaged copy of the manifest"

step "a full disk"
TMPFS="$WORK/tmpfs"
mkdir -p "$TMPFS"
if mount -t tmpfs -o size=3m tmpfs "$TMPFS" 2>/dev/null; then
    MOUNTED="$TMPFS"
    small="$WORK/small"; mkdir -p "$small"; cp "$ROOT"/Corpus/001_*.txt "$small/"
    timeout 120 "$BIN" index --corpus "$small" --index "$TMPFS/ix" >/dev/null 2>&1 || fail "the small index does not fit 3 MB"
    # Regular files only: cp would block forever on the FIFO.
    find "$CORPUS" -maxdepth 1 -type f -name '*.txt' -exec cp {} "$small/" \; 2>/dev/null || true
    if timeout 120 "$BIN" index --corpus "$small" --index "$TMPFS/ix" >/dev/null 2>"$WORK/full.err"; then
        step "note: the bigger index fitted the tmpfs"
    fi
    timeout 60 "$BIN" verify --index "$TMPFS/ix" >/dev/null || fail "a full disk broke the old index"
    [[ $(ls -d "$TMPFS"/ix/gen-* | wc -l) == 1 ]] || fail "a failed commit left a partial generation"
    timeout 60 "$BIN" search --index "$TMPFS/ix" --corpus "$small" 量子 >/dev/null 2>"$WORK/full-search.err" \
        || { cat "$WORK/full-search.err" >&2; fail "search failed instead of using the old index"; }
    umount "$TMPFS"; MOUNTED=""
else
    step "note: mount is not allowed here; the full-disk step is skipped"
fi

step "starting a server"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
"$BIN" serve --index "$INDEX" --corpus "$CORPUS" --port "$PORT" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
deadline=$((SECONDS + 60))
until curl -fsS --max-time 2 "$BASE/healthz" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; fail "the server exited"; }
    (( SECONDS < deadline )) || fail "no /healthz within 60 s"
    sleep 0.2
done

healthy() {  # $1: what just happened; /healthz within 1 s
    curl -fsS --max-time 1 "$BASE/healthz" >/dev/null || fail "after $1: /healthz did not answer within 1 s"
}

step "hostile queries"
python3 - "$BASE" <<'PY' || fail "a hostile query was not answered as expected"
import sys, urllib.parse, urllib.request, urllib.error, json, time
base = sys.argv[1]
def get(q, expect):
    url = base + "/v1/search?q=" + urllib.parse.quote(q)
    started = time.time()
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            status, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    took = time.time() - started
    assert status in expect, f"{q[:40]!r}: status {status}, expected {expect}"
    json.loads(body)  # every answer is JSON
    assert took < 5, f"{q[:40]!r}: took {took:.1f} s"
get(" ".join(["の"] * 500), {200})
get("の" * 900, {400})
get(" ".join(f"語{i}" for i in range(40)), {400})
get("\x01量子", {400})
get('"' + "量子" * 50 + '"', {200})
get("量子 OR", {400})
print("chaos: hostile queries answered")
PY
healthy "hostile queries"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/v1/search?q=$(python3 -c 'print("a"*20000)')")
[[ "$code" == 414 ]] || fail "a 20 KB query got $code, not 414"
healthy "a huge URI"

step "slow and idle clients"
python3 - "$PORT" <<'PY' || fail "slow or idle clients starved the server"
import socket, sys, time, urllib.request
port = int(sys.argv[1])
idle = []
for _ in range(300):
    s = socket.create_connection(("127.0.0.1", port)); idle.append(s)
slow = socket.create_connection(("127.0.0.1", port)); slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
started = time.time()
with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
    assert r.status == 200
assert time.time() - started < 1, "a new client waited more than 1 s"
for s in idle: s.close()
print("chaos: a new client was served beside 300 idle connections")
PY
healthy "idle connections"

step "the server is still the same process"
kill -0 "$SERVER_PID" 2>/dev/null || fail "the server died"
step "passed"
