#!/usr/bin/env bash
# Availability under load (issue 8) on the ×50 index: ordinary queries at 64 connections; the same
# while eight clients loop the worst query of finding 1 and one client polls /healthz; memory;
# a new client beside 1,000 idle connections. Figures in BENCHMARKS.md, "Availability under load".
set -u
# Needs a release build, wrk, python3, and a ×50 corpus in /tmp/x50 indexed into /tmp/x50ix:
#   mkdir -p /tmp/x50; for f in Corpus/*.txt; do for k in $(seq -w 1 50); do
#     cp "$f" "/tmp/x50/$(basename "$f" .txt)_$k.txt"; done; done
#   .build/release/kensaku index --corpus /tmp/x50 --index /tmp/x50ix
cd "$(dirname "$0")/.."
BIN=$(pwd)/.build/release/kensaku
PORT=18111
BASE="http://127.0.0.1:$PORT"
$BIN serve --index /tmp/x50ix --corpus /tmp/x50 --port $PORT 2>/tmp/lt-server.log &
PID=$!
until curl -fs "$BASE/healthz" >/dev/null 2>&1; do sleep 0.2; done
Q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("量子"))')
W=$(python3 -c 'import urllib.parse;print(urllib.parse.quote(" ".join(["の"]*500)))')
curl -s -o /dev/null "$BASE/v1/search?q=$Q"
echo "== load average: $(cat /proc/loadavg)"
echo "== RSS before: $(grep VmRSS /proc/$PID/status)"
echo "== 1. ordinary queries, 64 connections, 20 s"
wrk -t2 -c64 -d20s --latency "$BASE/v1/search?q=$Q" | grep -E "Latency|50%|75%|90%|99%|Requests/sec|requests in|Non-2xx|Socket errors"
echo "== RSS after 1: $(grep VmRSS /proc/$PID/status)"
echo "== 2. eight clients loop the worst query of finding 1 while 64 connections search and one polls /healthz"
python3 - "$BASE" "$W" <<'PY' &
import sys, time, urllib.request, threading
base, w = sys.argv[1], sys.argv[2]
stop = time.time() + 22
counts = []
def loop():
    n = 0
    while time.time() < stop:
        try:
            with urllib.request.urlopen(f"{base}/v1/search?q={w}", timeout=30) as r: r.read()
        except Exception as e: pass
        n += 1
    counts.append(n)
ts = [threading.Thread(target=loop) for _ in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
print("   worst-query requests answered by the 8 attackers:", sum(counts))
PY
ATT=$!
sleep 1
wrk -t1 -c1 -d20s --latency "$BASE/healthz" > /tmp/lt-health.txt &
H=$!
wrk -t2 -c64 -d20s --latency "$BASE/v1/search?q=$Q" | grep -E "Latency|50%|75%|90%|99%|Requests/sec|requests in|Non-2xx|Socket errors"
wait $H; echo "   /healthz under attack:"; grep -E "Latency|50%|99%|Requests/sec" /tmp/lt-health.txt
wait $ATT
sleep 2
echo "== RSS after 2: $(grep VmRSS /proc/$PID/status)"
echo "== 3. 1,000 idle connections, then a new client"
python3 - "$PORT" <<'PY'
import socket, sys, time, urllib.request
port = int(sys.argv[1]); idle = []
for _ in range(1000):
    idle.append(socket.create_connection(("127.0.0.1", port)))
t = time.time()
with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/search?q=%E9%87%8F%E5%AD%90", timeout=10) as r: r.read()
print(f"   new client served in {(time.time()-t)*1000:.1f} ms beside {len(idle)} idle connections")
for s in idle: s.close()
PY
echo "== 4. fairness: 64 clients, each its own connection, 20 s"
python3 - "$BASE" "$Q" <<'PY'
import http.client, sys, threading, time
base, q = sys.argv[1], sys.argv[2]
host, port = base.replace("http://", "").split(":")
stop = time.time() + 20
counts = [0] * 64
def client(i):
    c = http.client.HTTPConnection(host, int(port), timeout=30)
    while time.time() < stop:
        c.request("GET", f"/v1/search?q={q}"); c.getresponse().read(); counts[i] += 1
ts = [threading.Thread(target=client, args=(i,)) for i in range(64)]
[t.start() for t in ts]; [t.join() for t in ts]
print(f"   answers per connection: min {min(counts)}, median {sorted(counts)[32]}, max {max(counts)}, total {sum(counts)}")
PY
echo "== RSS end: $(grep VmRSS /proc/$PID/status)"
echo "== load average: $(cat /proc/loadavg)"
kill $PID
