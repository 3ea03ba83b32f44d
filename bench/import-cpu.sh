#!/usr/bin/env bash
# Where an import's CPU goes, thread by thread (docs/import.md, "Where the CPU goes").
# Starts a fresh Neo4j 5.26 from the test setup's jars (.cache/neo4j, fetched by `npm test`),
# migrates, imports a warm-up library, wipes, then times the import of the measured library and
# prints wall clock, the importer's CPU and the CPU of each Neo4j thread group during it.
#
# usage: bash bench/import-cpu.sh [MEASURED_LIBRARY] [WARMUP_LIBRARY]
#   defaults: .cache/bench/library-100000-bench.txt and .cache/bench/library-10000-bench.txt
#   (written by `npm run bench`, or by `node dist/src/cli/kg.js generate`)
# env: KG_SCHEMA=FILE applies another schema file instead of cypher/schema.cypher (to compare
#      index choices); PORT (default 17790); HEAP (default 6g); KG_NEO4J_PAGECACHE (default 2048).
set -euo pipefail
cd "$(dirname "$0")/.."
MEASURED=${1:-.cache/bench/library-100000-bench.txt}
WARMUP=${2:-.cache/bench/library-10000-bench.txt}
PORT=${PORT:-17790}
SCHEMA=${KG_SCHEMA:-cypher/schema.cypher}
LIB=".cache/neo4j/5.26.30/lib"
[ -d "$LIB" ] || { echo "no Neo4j jars in $LIB: run npm test once" >&2; exit 1; }
[ -f dist/src/cli/kg.js ] || npm run build >/dev/null
DIR=$(mktemp -d /tmp/kg-import-cpu.XXXXXX)
LOG="$DIR/neo4j.log"
mkfifo "$DIR/stdin"
KG_NEO4J_PAGECACHE=${KG_NEO4J_PAGECACHE:-2048} java -Xms256m -Xmx"${HEAP:-6g}" $(cat .cache/jvmflags 2>/dev/null || true) \
  -cp "$LIB/*" test/neo4j/Launcher.java "$DIR/db" "$PORT" < "$DIR/stdin" > "$LOG" 2>&1 &
JPID=$!
exec 3> "$DIR/stdin" # Launcher stops when its stdin closes
cleanup() { exec 3>&-; kill "$JPID" 2>/dev/null || true; wait "$JPID" 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT
for _ in $(seq 1 180); do grep -q NEO4J_READY "$LOG" && break; sleep 1; done
grep -q NEO4J_READY "$LOG" || { cat "$LOG" >&2; exit 1; }
export NEO4J_URI="bolt://127.0.0.1:$PORT"

node -e "
const neo4j = require('neo4j-driver');
const { splitStatements } = require('./dist/src/store/neo4j/cypher-loader');
(async () => {
  const d = neo4j.driver(process.env.NEO4J_URI);
  for (const s of splitStatements(require('fs').readFileSync('$SCHEMA', 'utf8'))) await d.executeQuery(s);
  await d.executeQuery('CALL db.awaitIndexes(300)');
  await d.close();
})();"
node dist/src/cli/kg.js import "$WARMUP" > /dev/null
node -e "
const neo4j = require('neo4j-driver');
(async () => {
  const d = neo4j.driver(process.env.NEO4J_URI); const s = d.session();
  await s.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  await s.close(); await d.close();
})();"

threads() { for t in /proc/"$JPID"/task/*; do echo "$(cat "$t/comm")|$(awk '{print $14 + $15}' "$t/stat")"; done; }
threads > "$DIR/before"
START=$(date +%s.%N)
/usr/bin/time -f "importer CPU: %U s user, %S s system; peak RSS %M KB" node dist/src/cli/kg.js import "$MEASURED" > "$DIR/import.out" 2> "$DIR/time.out"
END=$(date +%s.%N)
threads > "$DIR/after"
tail -1 "$DIR/time.out"
grep -E 'imported|publications' "$DIR/import.out" | head -3
echo "wall clock: $(echo "$END - $START" | bc) s"
echo "Neo4j CPU seconds by thread group during the import:"
python3 - "$DIR/before" "$DIR/after" "$(getconf CLK_TCK)" <<'PY'
import re, sys
from collections import defaultdict
def load(path):
    out = defaultdict(int)
    for line in open(path):
        name, ticks = line.rstrip('\n').rsplit('|', 1)
        out[re.sub(r'[#\-]?\d+$', '', name)] += int(ticks)
    return out
before, after, hz = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
rows = sorted(((after[k] - before.get(k, 0)) / hz, k) for k in after)
for seconds, name in reversed(rows):
    if seconds >= 0.1: print(f'  {seconds:6.1f}  {name}')
print(f'  {sum(s for s, _ in rows):6.1f}  total')
PY
