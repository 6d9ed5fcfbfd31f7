#!/usr/bin/env bash
# The fault suite at full size: one batch of CELLS Pki-3 val cells (repeated under new ids past the 112 there are)
# through the one-host farm (coordinator, worker and ingest as processes over PostgreSQL, RabbitMQ and s3rver on
# 127.0.0.1), while, one after another and spread over the run: a worker is SIGKILLed mid-batch, RabbitMQ is
# restarted, PostgreSQL is restarted, the object store is down for 30 s, and the coordinator is SIGKILLed.
# Prints one JSON line: cells, completed, failed, lost, duplicate_results, resent, seconds, and per fault the
# seconds it was down and the seconds from its end to the next completed cell. docs/reliability.md has the figures.
#
#   bench/faults.sh [--cells N] [--faults worker,rabbitmq,postgres,objectstore,coordinator]
#
# It is the test `make test` runs at 100 cells with two faults (FaultSuiteTests), run at this size. It restarts the
# services it uses, so run it alone, not beside `make test`. About 15 minutes at 1,000 cells on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

cells=1000
faults=worker,rabbitmq,postgres,objectstore,coordinator
while [ $# -gt 0 ]; do
  case $1 in
    --cells) cells=${2:?--cells needs N}; shift 2 ;;
    --faults) faults=${2:?--faults needs a list}; shift 2 ;;
    *) echo "usage: bench/faults.sh [--cells N] [--faults worker,rabbitmq,postgres,objectstore,coordinator]" >&2; exit 2 ;;
  esac
done

scripts/services.sh up >/dev/null
out=artifacts/bench/faults
mkdir -p "$out"
report=$PWD/$out/faults.json
rm -f "$report"
CHROMOFARM_FAULTS_CELLS=$cells CHROMOFARM_FAULTS=$faults CHROMOFARM_FAULTS_BATCH=8 CHROMOFARM_FAULTS_REPORT=$report \
  dotnet test tests/ChromoFarm.EndToEnd.Tests --nologo -v q --filter "FullyQualifiedName~FaultSuiteTests" \
  --logger "trx;LogFileName=faults.trx" --results-directory "$out" >"$out/test.log" 2>&1 || {
    echo "faults: the suite failed; see $out/test.log" >&2
    grep -E "Assert|Exception|Error Message" -A3 "$out/test.log" | head -n 20 >&2
    exit 1
  }
cat "$report"
