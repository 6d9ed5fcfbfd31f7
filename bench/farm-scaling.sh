#!/usr/bin/env bash
# Farm throughput on this machine, in one run, over the same input:
#   1. embedded: `chromofarm run` (one process: in-memory bus, local object store, SQLite);
#   2. distributed on one host, 1 worker:  deploy/local/farm.sh INPUT --workers 1;
#   3. distributed on one host, 2 workers: deploy/local/farm.sh INPUT --workers 2.
#
#   bench/farm-scaling.sh INPUT [--split NAME] [--out DIR]
#
# Prints one JSON line per mode, then a markdown table (mode | cells | chromosomes | seconds | cells/s |
# chromosomes/s) headed by the machine it ran on. DIR (default artifacts/bench/farm-scaling) receives:
#   farm-scaling.md      the machine and the table
#   farm-scaling.jsonl   the JSON lines
#   embedded/ embedded.log                      the embedded run's results and output
#   workers-N.json, workers-N.log, workers-N/   farm.sh's JSON, its stderr, and its logs and spans (artifacts/farm)
#   workers-N-stages.md                         the spans' per-stage breakdown (bench/span_breakdown.py)
#   embedded.cpu, workers-N/cpu-seconds.json    CPU seconds of the run, per role and service (also in the table)
#
# The seconds are not taken alike, and the table says so: embedded is the wall clock of the whole `chromofarm run`
# process (start, model load, ingest, analysis, report); distributed is farm.sh's, from the start of ingest until the
# last cell is final in PostgreSQL, with the roles already started and ready.
# Needs `make build`, python3, and for the distributed runs the services of scripts/services.sh (PostgreSQL, RabbitMQ,
# s3rver): those not already running are started here once for both runs and stopped again at exit.
set -euo pipefail

usage() { echo "usage: bench/farm-scaling.sh INPUT [--split NAME] [--out DIR]" >&2; exit 2; }
input=
split=
out=
while [ $# -gt 0 ]; do
  case $1 in
    --split) split=${2:?--split needs a NAME}; shift 2 ;;
    --out) out=${2:?--out needs a DIR}; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "bench: unknown option $1" >&2; usage ;;
    *) [ -z "$input" ] || usage; input=$1; shift ;;
  esac
done
[ -n "$input" ] || usage
[ -e "$input" ] || { echo "bench: $input: no such file or folder" >&2; exit 2; }
# Paths given on the command line are relative to where the script was started; everything else to the repository.
input=$(realpath -- "$input")
[ -z "$out" ] || out=$(realpath -m -- "$out")
cd "$(dirname "$0")/.."
out=${out:-$PWD/artifacts/bench/farm-scaling}
bin=artifacts/bin/chromofarm
[ -x "$bin" ] || { echo "bench: $bin is missing; run 'make build' first" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: python3 is required (it formats the JSON and the table)" >&2; exit 2; }
mkdir -p "$out"
jsonl=$out/farm-scaling.jsonl
: >"$jsonl"

# ---- the machine ----
cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)
[ -n "$cpu" ] || cpu=$(LC_ALL=C lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
cpu=${cpu:-unknown CPU}
cores=$(nproc)
memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain 2>/dev/null)" ] || commit="$commit (with uncommitted changes)"
machine="$cpu, nproc $cores, $memory RAM, $(uname -sr)"
when=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "machine: $machine"
echo "commit:  $commit; input: $input${split:+ (split $split)}; $when"

# One JSON line: MODE, then the counts in farm.sh's form (a JSON object), then the exact chromosome count (empty:
# derive it from chromosomes_per_second × seconds, as an estimate). Printed and appended to the JSONL file.
emit() {
  python3 - "$@" <<'PY' | tee -a "$jsonl"
import json, sys
mode, counts, chromosomes = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
extra = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
seconds = float(counts["seconds"])
row = {"mode": mode, **counts}
if chromosomes:
    row["chromosomes"] = int(chromosomes)
    row["chromosomes_per_second"] = round(int(chromosomes) / seconds, 1) if seconds > 0 else None
else:
    row["chromosomes"] = round(counts["chromosomes_per_second"] * seconds)
    row["chromosomes_estimated"] = True
row["cells_per_second"] = round(counts["cells"] / seconds, 2) if seconds > 0 else None
row.update(extra)
print(json.dumps(row))
PY
}

# ---- 1. embedded ----
sql="SELECT (SELECT count(*) FROM cells),
            (SELECT count(*) FROM cells WHERE status = 'Completed'),
            (SELECT count(*) FROM cells WHERE status = 'Failed'),
            (SELECT count(*) FROM cell_results) - (SELECT count(*) FROM (SELECT DISTINCT cell_id, model_version FROM cell_results) r),
            (SELECT count(*) FROM chromosomes)"
sqlite_query() { # DB SQL: one line, values separated by spaces
  if command -v sqlite3 >/dev/null; then
    sqlite3 -separator ' ' "$1" "$2"
  else
    python3 -c 'import sqlite3, sys
with sqlite3.connect(sys.argv[1]) as db:
    print(*db.execute(sys.argv[2]).fetchone())' "$1" "$2"
  fi
}

echo "== embedded: chromofarm run" >&2
rm -rf "$out/embedded"
run_args=(run "$input" --out "$out/embedded")
[ -z "$split" ] || run_args+=(--split "$split")
status=0
start=$(date +%s.%N)
NO_COLOR=1 python3 deploy/local/cpu-seconds.py run "$out/embedded.cpu" "$bin" "${run_args[@]}" >"$out/embedded.log" 2>&1 || status=$?
end=$(date +%s.%N)
# Exit 1 or 2 with results.db written means some cells failed (they are counted); without it, the run itself failed.
if [ ! -s "$out/embedded/results.db" ]; then
  echo "bench: chromofarm run failed (exit $status) and wrote no results.db; see $out/embedded.log" >&2
  tail -n 5 "$out/embedded.log" >&2
  exit 1
fi
counted=$(sqlite_query "$out/embedded/results.db" "$sql") || { echo "bench: cannot read $out/embedded/results.db" >&2; exit 1; }
read -r cells completed failed duplicates chromosomes <<<"$counted"
if ! [[ ${cells:-} =~ ^[1-9][0-9]*$ ]]; then
  echo "bench: chromofarm run stored no cells (exit $status); see $out/embedded.log" >&2
  exit 1
fi
[ "$status" -eq 0 ] || echo "bench: note: chromofarm run exited $status ($failed failed cells); see $out/embedded.log" >&2
# The run's own summary ("time N s", after the model is loaded), kept beside the wall clock.
reported=$(python3 -c 'import re, sys
m = re.search(r"\btime\s+([0-9.]+)\s+s\b", open(sys.argv[1], errors="replace").read())
print(m.group(1) if m else "null")' "$out/embedded.log")
counts=$(python3 -c 'import json, sys
c, ok, bad, dup, n = map(int, sys.argv[1:6]); s = float(sys.argv[7]) - float(sys.argv[6])
print(json.dumps({"cells": c, "completed": ok, "failed": bad, "duplicate_results": dup, "seconds": round(s, 2),
                  "chromosomes_per_second": round(n / s, 1)}))' "$cells" "$completed" "$failed" "$duplicates" "$chromosomes" "$start" "$end")
emit embedded "$counts" "$chromosomes" "{\"run_reported_seconds\": $reported, \"cpu_seconds\": {\"embedded\": $(cat "$out/embedded.cpu")}}"

# ---- 2, 3. distributed on this host ----
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
missing=()
command -v pg_ctlcluster >/dev/null || missing+=("postgresql (apt)")
command -v rabbitmqctl >/dev/null || missing+=("rabbitmq-server (apt)")
command -v psql >/dev/null || missing+=("psql (apt: postgresql-client)")
[ -x artifacts/tools/s3rver/node_modules/.bin/s3rver ] || listening 9000 || missing+=("s3rver (npm, into artifacts/tools)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: the distributed runs need: ${missing[*]}; 'scripts/services.sh install' installs them" >&2
  exit 2
fi

# Started once here, so that farm.sh neither starts nor stops them between the two runs, and so that PostgreSQL
# still answers after each run (the chromosome count is read from it).
mapfile -t started < <(scripts/services.sh not-running)
cleanup() {
  [ ${#started[@]} -eq 0 ] || scripts/services.sh stop "${started[@]}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ ${#started[@]} -gt 0 ]; then
  echo "bench: starting ${started[*]} (stopped again at exit)" >&2
  scripts/services.sh start >/dev/null
fi

# farm.sh's database (it recreates it at the start of every run) and its state folder (emptied likewise).
farm_database=chromofarm_farm
farm_state=artifacts/farm
for workers in 1 2; do
  echo "== distributed: deploy/local/farm.sh --workers $workers" >&2
  farm_args=("$input" --workers "$workers")
  [ -z "$split" ] || farm_args+=(--split "$split")
  status=0
  deploy/local/farm.sh "${farm_args[@]}" >"$out/workers-$workers.json" 2>"$out/workers-$workers.log" || status=$?
  rm -rf "$out/workers-$workers"
  [ ! -d "$farm_state" ] || cp -r "$farm_state" "$out/workers-$workers"
  counts=$(grep '^{' "$out/workers-$workers.json" | tail -n 1 || true)
  if [ "$status" -ne 0 ] || [ -z "$counts" ]; then
    echo "bench: farm.sh --workers $workers failed (exit $status); see $out/workers-$workers.log and $out/workers-$workers/" >&2
    tail -n 5 "$out/workers-$workers.log" >&2
    exit 1
  fi
  chromosomes=$(PGPASSWORD=chromofarm psql -h 127.0.0.1 -U chromofarm -d "$farm_database" -qtA \
    -c "SELECT count(*) FROM chromosomes" 2>/dev/null || true)
  # Images farm.sh's ingest uploaded: its bucket outlives a run, so a later run over the same input uploads none.
  extra=$(python3 -c 'import json, sys
extra = {}
try:
    ingest = json.load(open(sys.argv[1]))
    extra.update({"images_uploaded": ingest["images_uploaded"], "images_already_stored": ingest["images_already_stored"]})
except (OSError, ValueError, KeyError):
    pass
try:
    extra["cpu_seconds"] = json.load(open(sys.argv[2]))
except (OSError, ValueError):
    pass
print(json.dumps(extra))' "$out/workers-$workers/ingest-client.json" "$out/workers-$workers/cpu-seconds.json")
  emit "distributed, $workers worker$([ "$workers" -eq 1 ] || echo s)" "$counts" "$chromosomes" "$extra"
  python3 bench/span_breakdown.py "$out/workers-$workers/spans" >"$out/workers-$workers-stages.md" ||
    echo "bench: no span breakdown for --workers $workers (see $out/workers-$workers/spans)" >&2
done

# ---- the table ----
python3 - "$jsonl" "$machine" "$commit" "$input" "$split" "$when" >"$out/farm-scaling.md" <<'PY'
import json, sys
path, machine, commit, source, split, when = sys.argv[1:7]
rows = [json.loads(line) for line in open(path) if line.strip()]
print(f"Machine: {machine}  ")
print(f"Commit {commit}; input `{source}`{f' (split {split})' if split else ''}; {when}")
print()
print("| mode | cells | chromosomes | seconds | cells/s | chromosomes/s |")
print("|---|---:|---:|---:|---:|---:|")
for r in rows:
    approx = "≈" if r.get("chromosomes_estimated") else ""
    print(f"| {r['mode']} | {r['cells']} | {approx}{r['chromosomes']} | {r['seconds']:.2f} | "
          f"{r['cells_per_second']:.2f} | {r['chromosomes_per_second']:.1f} |")
print()
print("Embedded seconds: wall clock of the whole `chromofarm run` process, model load included "
      "(its own summary, after the model load, is `run_reported_seconds` in farm-scaling.jsonl). "
      "Distributed seconds: deploy/local/farm.sh, from the start of ingest until every cell is final in PostgreSQL, "
      "roles already running.")
# CPU seconds per part: on a host whose cores are all busy, the farm's cost over the embedded run is this.
parts = []
for r in rows:
    for name in r.get("cpu_seconds", {}):
        if name not in parts:
            parts.append(name)
if parts:
    print()
    print("CPU seconds per part during the run (deploy/local/cpu-seconds.py; `other` and `cli …` are processes outside "
          "the farm, such as other work on the host):")
    print()
    print("| mode | " + " | ".join(parts) + " | total | CPU ms per chromosome |")
    print("|---|" + "---:|" * (len(parts) + 2))
    for r in rows:
        cpu = r.get("cpu_seconds", {})
        farm = sum(v for k, v in cpu.items() if k != "other" and not k.startswith("cli "))
        cells = " | ".join(f"{cpu[p]:.2f}" if p in cpu else "–" for p in parts)
        per = f"{1000 * farm / r['chromosomes']:.2f}" if cpu and r["chromosomes"] else "–"
        print(f"| {r['mode']} | {cells} | {farm:.2f} | {per} |")
failed = [r for r in rows if r["failed"] or r["duplicate_results"]]
for r in failed:
    print(f"- {r['mode']}: {r['failed']} failed cells, {r['duplicate_results']} duplicate results.")
for r in rows:
    if "images_uploaded" in r:
        print(f"- {r['mode']}: ingest uploaded {r['images_uploaded']} images, "
              f"{r['images_already_stored']} were already in the bucket from an earlier run.")
PY
echo
cat "$out/farm-scaling.md"
echo
echo "written: $out/farm-scaling.md, $out/farm-scaling.jsonl"
