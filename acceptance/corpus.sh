#!/usr/bin/env bash
# Acceptance run on real logs from ../shared/corpus (not shipped: their licences forbid it).
# Starts `watchfloor serve` with acceptance/watchfloor.yaml, sends three corpus files as LF-framed TCP
# like a relay forwarding files would, then checks the journal count, alerts and coverage states.
#   acceptance/corpus.sh [CORPUS_DIR]      (default: ../shared/corpus beside the repository)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$home/../shared/corpus}"
files=("$corpus/loghub/OpenSSH/OpenSSH_2k.log" "$corpus/loghub/Linux/Linux_2k.log"
       "$corpus/zeek-wrccdc2018/syslog_wire_reconstructed.log")
api=http://127.0.0.1:18080
data="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT

"$home/watchfloor" serve --config "$home/acceptance/watchfloor.yaml" --data-dir "$data" >"$data/serve.log" 2>&1 &
pid=$!
for _ in $(seq 120); do curl -sf "$api/readyz" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "$api/readyz" >/dev/null || { cat "$data/serve.log"; exit 1; }

expected=0
for f in "${files[@]}"; do
  n=$(awk 'END { print NR }' "$f")   # counts a last line without LF too
  expected=$((expected + n))
  python3 - "$f" <<'PY'
import socket, sys
data = open(sys.argv[1], 'rb').read()
s = socket.create_connection(('127.0.0.1', 15514))
s.sendall(data)
s.shutdown(socket.SHUT_WR)
s.recv(1)
s.close()
PY
done

for _ in $(seq 60); do
  got=$(curl -sf "$api/api/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["journal"]["events"])')
  [ "$got" -ge "$expected" ] && break; sleep 1
done
curl -sf "$api/api/stats"; echo
echo "journaled $got of $expected lines"
sleep 2   # coverage snapshots are published on each TICK (1 s)
python3 - "$api" "$expected" <<'PY'
import json, sys, urllib.request
api, expected = sys.argv[1], int(sys.argv[2])
get = lambda p: json.load(urllib.request.urlopen(api + p))
stats = get('/api/stats')
tcp = stats['listeners']['syslog_tcp']
alerts = get('/api/alerts?limit=10000')['alerts']
by_rule = {}
for a in alerts:
    by_rule[a['rule.name']] = by_rule.get(a['rule.name'], 0) + 1
cov = get('/api/coverage')
states = {s['id']: s['state'] for s in cov['sources']}
unmanaged = sorted(u['host'] for u in cov['unmanaged'])
print('alerts by rule:', json.dumps(by_rule, indent=1))
print('source states:', states)
print('unmanaged:', unmanaged)
checks = [
    ('every line journaled', stats['journal']['events'] == expected and tcp['journaled'] == expected),
    ('received = journaled + rejected + dropped', tcp['received'] == tcp['journaled'] + tcp['rejected'] + tcp['dropped']),
    ('SSH failure alerts', by_rule.get('SSH Authentication Failure', 0) > 0),
    ('declared hosts reporting', all(states[s] == 'reporting' for s in ('labsz-ssh', 'combo-linux', 'kramer-windows'))),
    ('never-sending source never seen', states['edge-firewall'] == 'never_seen'),
    ('undeclared hosts unmanaged', 'PC-newman.jerry.land' in unmanaged and 'PC-helen.jerry.land' in unmanaged),
]
for name, ok in checks:
    print(('PASS ' if ok else 'FAIL ') + name)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
