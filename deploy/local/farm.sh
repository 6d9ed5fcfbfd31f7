#!/usr/bin/env bash
# A one-host distributed farm: PostgreSQL, RabbitMQ and an S3-compatible server on 127.0.0.1, the coordinator, N
# workers and the ingest role as separate processes. Ingests INPUT, waits until every cell is completed or failed,
# prints one JSON object counted from PostgreSQL, and stops what it started.
#
#   deploy/local/farm.sh INPUT [--workers N] [--split NAME] [--timeout SECONDS]
#
# INPUT is a folder of images, an image, or a dataset manifest (--split picks its cells). Needs `make build`.
# Each run gets a fresh database (chromofarm_farm) and RabbitMQ vhost (chromofarm-farm); images go to the bucket
# chromofarm-farm, where content already stored from an earlier run is not uploaded again.
# Logs, spans and the CPU seconds of each role and service during the run (cpu-seconds.json): artifacts/farm/. Output:
#   {"cells":…,"completed":…,"failed":…,"duplicate_results":…,"seconds":…,"chromosomes_per_second":…}
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$PWD
bin=$root/artifacts/bin/chromofarm
state=$root/artifacts/farm
workers=1
split=
timeout=1800
input=

usage() { echo "usage: deploy/local/farm.sh INPUT [--workers N] [--split NAME] [--timeout SECONDS]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --workers) workers=${2:?}; shift 2 ;;
    --split) split=${2:?}; shift 2 ;;
    --timeout) timeout=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "farm: unknown option $1" >&2; usage ;;
    *) [ -z "$input" ] || usage; input=$1; shift ;;
  esac
done
[ -n "$input" ] || usage
[ -e "$input" ] || { echo "farm: $input: no such file or folder" >&2; exit 2; }
[[ $workers =~ ^[1-9][0-9]*$ ]] || { echo "farm: --workers must be a positive number (got $workers)" >&2; exit 2; }
[ -x "$bin" ] || { echo "farm: $bin is missing; run 'make build' first" >&2; exit 2; }

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Say what is missing instead of installing it.
missing=()
command -v pg_ctlcluster >/dev/null || missing+=("postgresql (apt)")
command -v rabbitmqctl >/dev/null || missing+=("rabbitmq-server (apt)")
[ -x artifacts/tools/s3rver/node_modules/.bin/s3rver ] || listening 9000 || missing+=("s3rver (npm, into artifacts/tools)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "farm: missing: ${missing[*]}; 'scripts/services.sh install' installs them" >&2
  exit 2
fi

mapfile -t started_services < <(scripts/services.sh not-running)
pids=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ ${#started_services[@]} -eq 0 ] || scripts/services.sh stop "${started_services[@]}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ${#started_services[@]} -gt 0 ]; then
  echo "farm: starting ${started_services[*]}" >&2
  scripts/services.sh start >/dev/null
fi

# A clean slate for this run: database and vhost.
database=chromofarm_farm
vhost=chromofarm-farm
export PGPASSWORD=chromofarm PGOPTIONS='-c client_min_messages=warning'
psql_farm() { psql -h 127.0.0.1 -U chromofarm -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_farm -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
"${sudo[@]}" rabbitmqctl -q delete_vhost "$vhost" >/dev/null 2>&1 || true
"${sudo[@]}" rabbitmqctl -q add_vhost "$vhost" >/dev/null
"${sudo[@]}" rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null

rm -rf "$state" && mkdir -p "$state"
export CHROMOFARM_RABBITMQ__URL="amqp://guest:guest@127.0.0.1:5672/$vhost"
export CHROMOFARM_OBJECTSTORE__SERVICEURL=http://127.0.0.1:9000
export CHROMOFARM_OBJECTSTORE__BUCKET=chromofarm-farm
export CHROMOFARM_OBJECTSTORE__ACCESSKEY=S3RVER
export CHROMOFARM_OBJECTSTORE__SECRETKEY=S3RVER
export CHROMOFARM_RESULTS__CONNECTIONSTRING="Host=127.0.0.1;Port=5432;Database=$database;Username=chromofarm;Password=chromofarm"
export CHROMOFARM_TELEMETRY__SPANDIRECTORY=$state/spans

launch() { # role port [name]
  local name=${3:-$1}
  CHROMOFARM_HTTP__PORT=$2 "$bin" serve "$1" >"$state/$name.log" 2>&1 &
  pids+=($!)
}

wait_ready() { # name port
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$2/readyz" 2>/dev/null && return 0
    sleep 1
  done
  echo "farm: $1 did not become ready on port $2 within 120 s; see $state/$1.log" >&2
  tail -n 5 "$state/$1.log" >&2
  exit 1
}

# The coordinator first: it applies the migrations the other roles wait for.
launch coordinator 18090
wait_ready coordinator 18090
for i in $(seq 1 "$workers"); do
  launch worker $((18090 + i)) "worker-$i"
done
launch ingest 18080
wait_ready ingest 18080
for i in $(seq 1 "$workers"); do wait_ready "worker-$i" $((18090 + i)); done

# Uploads need an ingest key; this run's own, made in the database the coordinator just migrated.
ingest_key=$("$bin" apikey create --role ingest --name farm.sh --database "$CHROMOFARM_RESULTS__CONNECTIONSTRING" 2>"$state/apikey.log") \
  || { echo "farm: could not create an ingest key; see $state/apikey.log" >&2; exit 1; }

# CPU seconds per part (cpu-seconds.json): the roles and services from /proc, the ingest client from its own
# rusage (it has exited before the second snapshot).
python3 deploy/local/cpu-seconds.py snapshot "$state/cpu-before.json"
start=$(date +%s.%N)
ingest_args=(ingest "$input" --server http://127.0.0.1:18080 --json --api-key "$ingest_key")
[ -z "$split" ] || ingest_args+=(--split "$split")
ingest_status=0
NO_COLOR=1 python3 deploy/local/cpu-seconds.py run "$state/ingest-client.cpu" "$bin" "${ingest_args[@]}" \
  >"$state/ingest-client.json" 2>"$state/ingest-client.log" || ingest_status=$?
if [ ! -s "$state/ingest-client.json" ]; then
  echo "farm: ingest failed (exit $ingest_status); see $state/ingest-client.log" >&2
  tail -n 5 "$state/ingest-client.log" >&2
  exit 1
fi
cells=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cells"])' "$state/ingest-client.json")

# Every cell ingest counted must reach a final state; a worker crash only delays that (its batch is redelivered).
deadline=$(( $(date +%s) + timeout ))
while :; do
  done_cells=$(psql_farm -d "$database" -c "SELECT count(*) FROM cells WHERE status IN ('Completed', 'Failed')")
  [ "$done_cells" -ge "$cells" ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "farm: only $done_cells of $cells cells finished within $timeout s; see $state/*.log" >&2
    exit 1
  fi
  sleep 0.5
done
end=$(date +%s.%N)
python3 deploy/local/cpu-seconds.py snapshot "$state/cpu-after.json"
python3 deploy/local/cpu-seconds.py diff "$state/cpu-before.json" "$state/cpu-after.json" \
  "ingest client=$state/ingest-client.cpu" >"$state/cpu-seconds.json"

psql_farm -d "$database" -F ' ' -c "
  SELECT (SELECT count(*) FROM cells),
         (SELECT count(*) FROM cells WHERE status = 'Completed'),
         (SELECT count(*) FROM cells WHERE status = 'Failed'),
         (SELECT count(*) FROM cell_results) - (SELECT count(*) FROM (SELECT DISTINCT cell_id, model_version FROM cell_results) r),
         (SELECT count(*) FROM chromosomes)" | {
  read -r total completed failed duplicates chromosomes
  python3 - "$total" "$completed" "$failed" "$duplicates" "$chromosomes" "$start" "$end" <<'PY'
import json, sys
total, completed, failed, duplicates, chromosomes = map(int, sys.argv[1:6])
seconds = float(sys.argv[7]) - float(sys.argv[6])
print(json.dumps({"cells": total, "completed": completed, "failed": failed, "duplicate_results": duplicates,
                  "seconds": round(seconds, 2), "chromosomes_per_second": round(chromosomes / seconds, 1)}))
PY
}
