#!/usr/bin/env bash
# Ingest of a large archive with bounded memory, resumed after a SIGKILL: FILES small distinct PNGs (generated once,
# 100 per case folder) go through `chromofarm ingest` to the one-host farm's ingest role (coordinator and ingest
# over PostgreSQL, RabbitMQ and s3rver on 127.0.0.1; no worker, so the cells stay queued). The client is SIGKILLed
# when KILL_AT of the cells are queued, then run again to the end. Prints one JSON line:
#   files, killed_at_cells, objects_after_kill, uploaded_by_resume, already_stored_at_resume, skipped_at_resume,
#   objects_at_end, cells_queued, uploaded_twice (objects_after_kill + uploaded_by_resume - files: 0),
#   files_per_second (first run, then the resumed one), peak RSS in MB of each client run and of the ingest role,
#   and the resumed client's RSS at each quarter of its cells (flat memory: about equal).
#
#   bench/ingest-scale.sh [--files N] [--kill-at FRACTION] [--parallel N]
#
# Needs `make build`. Takes its own database, vhost and bucket; run it alone. About 15 minutes at 100,000 files on
# 2 cores. docs/reliability.md has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=$root/artifacts/bin/chromofarm
files=100000
kill_at=0.4
parallel=4
while [ $# -gt 0 ]; do
  case $1 in
    --files) files=${2:?--files needs N}; shift 2 ;;
    --kill-at) kill_at=${2:?--kill-at needs a fraction}; shift 2 ;;
    --parallel) parallel=${2:?--parallel needs N}; shift 2 ;;
    *) echo "usage: bench/ingest-scale.sh [--files N] [--kill-at FRACTION] [--parallel N]" >&2; exit 2 ;;
  esac
done
[[ $files =~ ^[1-9][0-9]*$ ]] || { echo "ingest-scale: --files must be a positive number (got $files)" >&2; exit 2; }
[ -x "$bin" ] || { echo "ingest-scale: $bin is missing; run 'make build' first" >&2; exit 2; }

out=$root/artifacts/bench/ingest-scale
archive=$out/archive-$files
mkdir -p "$out"

# The archive: distinct 48x48 grey PNGs (random pixels, so no two share content), generated once per size.
if [ ! -f "$archive/.complete" ]; then
  rm -rf "$archive"
  echo "ingest-scale: writing $files PNGs to $archive" >&2
  python3 - "$archive" "$files" <<'PY'
import os, random, struct, sys, zlib
folder, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261207)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
header = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 48, 48, 8, 0, 0, 0, 0))
for i in range(count):
    case = os.path.join(folder, f"case-{i // 100:05d}")
    if i % 100 == 0:
        os.makedirs(case, exist_ok=True)
    rows = b"".join(b"\x00" + rng.randbytes(48) for _ in range(48))
    with open(os.path.join(case, f"cell-{i % 100:03d}.png"), "wb") as f:
        f.write(header + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b""))
PY
  touch "$archive/.complete"
fi

scripts/services.sh up >/dev/null
database=chromofarm_ingest_scale
vhost=chromofarm-ingest-scale
bucket=chromofarm-ingest-scale
export PGPASSWORD=chromofarm PGOPTIONS='-c client_min_messages=warning'
psql_bench() { psql -h 127.0.0.1 -U chromofarm -v ON_ERROR_STOP=1 -qtA "$@"; }
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
psql_bench -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
"${sudo[@]}" rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
"${sudo[@]}" rabbitmqctl -q add_vhost "$vhost" >/dev/null
"${sudo[@]}" rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
objects_dir=$root/artifacts/services/s3/$bucket
rm -rf "$objects_dir"

export CHROMOFARM_RABBITMQ__URL="amqp://guest:guest@127.0.0.1:5672/$vhost"
export CHROMOFARM_OBJECTSTORE__SERVICEURL=http://127.0.0.1:9000
export CHROMOFARM_OBJECTSTORE__BUCKET=$bucket
export CHROMOFARM_OBJECTSTORE__ACCESSKEY=S3RVER
export CHROMOFARM_OBJECTSTORE__SECRETKEY=S3RVER
export CHROMOFARM_RESULTS__CONNECTIONSTRING="Host=127.0.0.1;Port=5432;Database=$database;Username=chromofarm;Password=chromofarm"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${sudo[@]}" rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

launch() { # role port
  CHROMOFARM_HTTP__PORT=$2 "$bin" serve "$1" >"$out/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$2/readyz" 2>/dev/null && return 0
    sleep 1
  done
  echo "ingest-scale: $1 did not become ready; see $out/$1.log" >&2
  exit 1
}
launch coordinator 18190
launch ingest 18180
ingest_pid=${pids[-1]}
key=$("$bin" apikey create --role ingest --name ingest-scale --database "$CHROMOFARM_RESULTS__CONNECTIONSTRING" 2>"$out/apikey.log")

queued() { psql_bench -d "$database" -c "SELECT count(*) FROM cells"; }
objects() { [ -d "$objects_dir" ] && find "$objects_dir" -name '*._S3rver_object' | wc -l || echo 0; }
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }
elapsed() { awk -v s="$1" -v n="$(date +%s.%N)" 'BEGIN { printf "%.2f", n - s }'; }
hwm_mb() { awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# One client run; samples its RSS every half second into $out/rss-NAME.tsv (seconds, cells queued, MB). With a
# kill threshold it is SIGKILLed once that many cells are queued.
client() { # name [kill-at-cells]
  local name=$1 limit=${2:-} start pid
  start=$(date +%s.%N)
  NO_COLOR=1 "$bin" ingest "$archive" --server http://127.0.0.1:18180 --api-key "$key" --parallel "$parallel" --json \
    >"$out/$name.json" 2>"$out/$name.log" &
  pid=$!
  : >"$out/rss-$name.tsv"
  while kill -0 "$pid" 2>/dev/null; do
    local cells mb
    cells=$(queued)
    mb=$(rss_mb "$pid")
    echo "$(elapsed "$start")	$cells	$mb" >>"$out/rss-$name.tsv"
    if [ -n "$limit" ] && [ "$cells" -ge "$limit" ]; then
      kill -KILL "$pid"
      break
    fi
    sleep 0.5
  done
  wait "$pid" 2>/dev/null || true
  elapsed "$start" >"$out/$name.seconds"
}

kill_cells=$(python3 -c "import sys; print(max(1, int(float(sys.argv[1]) * int(sys.argv[2]))))" "$kill_at" "$files")
echo "ingest-scale: first run, SIGKILLed at $kill_cells cells" >&2
client first "$kill_cells"
sleep 2 # a PUT whose body had fully arrived may still be written after the client died
after_kill_cells=$(queued)
after_kill_objects=$(objects)
echo "ingest-scale: resumed run ($after_kill_cells cells queued, $after_kill_objects objects stored)" >&2
client resumed
[ -s "$out/resumed.json" ] || { echo "ingest-scale: the resumed run printed nothing; see $out/resumed.log" >&2; tail -n 5 "$out/resumed.log" >&2; exit 1; }
server_peak=$(hwm_mb "$ingest_pid")

python3 - "$out" "$files" "$kill_cells" "$after_kill_cells" "$after_kill_objects" "$(objects)" "$(queued)" "$server_peak" <<'PY'
import json, sys
out, files, kill_cells, cells1, objects1, objects_end, queued, server = sys.argv[1], *map(int, sys.argv[2:8]), float(sys.argv[8])
def rss(name):
    # The last sample may have been taken as the process exited: no RSS.
    rows = [line.rstrip("\n").split("\t") for line in open(f"{out}/rss-{name}.tsv")]
    return [(float(r[0]), int(r[1]), float(r[2])) for r in rows if len(r) == 3 and r[2].strip() and float(r[2]) > 0]
first, resumed = rss("first"), rss("resumed")
result = json.load(open(f"{out}/resumed.json"))
t1, t2 = (float(open(f"{out}/{n}.seconds").read()) for n in ("first", "resumed"))
# The resumed run's RSS when it had queued a quarter, half, three quarters and all of its own cells.
todo = max(1, files - cells1)
quarters = []
for q in (0.25, 0.5, 0.75, 1.0):
    seen = [m for _, c, m in resumed if c - cells1 >= q * todo * 0.999]
    quarters.append(seen[0] if seen else (resumed[-1][2] if resumed else 0))
print(json.dumps({
    "files": files, "killed_at_cells": cells1, "objects_after_kill": objects1,
    "uploaded_by_resume": result["images_uploaded"], "already_stored_at_resume": result["images_already_stored"],
    "skipped_at_resume": result["duplicate"], "accepted_by_resume": result["accepted"], "rejected": result["rejected"],
    "objects_at_end": objects_end, "cells_queued": queued,
    "uploaded_twice": objects1 + result["images_uploaded"] - files,
    "files_per_second_first": round(cells1 / t1, 1), "files_per_second_resumed": round(result["accepted"] / t2, 1),
    "seconds_first": round(t1, 1), "seconds_resumed": round(t2, 1),
    "client_peak_rss_mb_first": max((m for *_, m in first), default=0),
    "client_peak_rss_mb_resumed": max((m for *_, m in resumed), default=0),
    "client_rss_mb_resumed_quarters": quarters,
    "ingest_role_peak_rss_mb": server,
}))
PY
