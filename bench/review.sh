#!/usr/bin/env bash
# The review side, measured on this machine in one run:
#   1. karyogram rendering: the first request of each cell's karyogram.png (query, stored crops, render, PNG) and
#      the same request again (served from the picture cache), over a case of 20 real Pki-3 cells;
#   2. the review page in headless Chromium: the case page of those 20 cells and each cell page (karyogram
#      included) to the load event, first visit and again;
#   3. export of one case (20 cells) and of the 10,000 seeded cells as CSV and JSON over HTTP: time, bytes and the
#      server's peak RSS while it streams (flat memory: the big export must not grow the server by its size).
#
#   bench/review.sh [--data DIR] [--out DIR] [--cells N]
#
# Needs `make build`, curl, python3 and Debian's chromium. Writes OUT/review.json and OUT/review.md
# (default artifacts/bench/review).
set -euo pipefail

data=../shared/data
out=artifacts/bench/review
bulk=10000
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=${2:?--data needs a DIR}; shift 2 ;;
    --out) out=${2:?--out needs a DIR}; shift 2 ;;
    --cells) bulk=${2:?--cells needs N}; shift 2 ;;
    *) echo "usage: bench/review.sh [--data DIR] [--out DIR] [--cells N]" >&2; exit 2 ;;
  esac
done
cli=artifacts/bin/chromofarm
[ -x "$cli" ] || { echo "bench/review.sh: $cli is missing; run make build first" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"
results=$out/results

# A case of 20 cells: the first 20 Pki-3 val cells, given one case id (crops read in place).
python3 - "$data/pki3/manifest.csv" "$out/case.csv" <<'PY'
import csv, os, sys
source, target = sys.argv[1:]
root = os.path.dirname(os.path.abspath(source))
rows = [r for r in csv.DictReader(open(source)) if r["split"] == "val"]
cells = list(dict.fromkeys(r["cell"] for r in rows))[:20]
with open(target, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["path", "patient", "cell", "label", "split"])
    for r in rows:
        if r["cell"] in cells:
            w.writerow([os.path.join(root, r["path"]), "BENCH-20", r["cell"], r["label"], r["split"]])
PY
"$cli" run "$out/case.csv" --out "$results" >/dev/null
dotnet run --project bench/ReviewBench -c Release -v q -- seed "$results/results.db" "$bulk"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$cli" review "$results" --port "$port" >"$out/review.url" 2>"$out/review.log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do grep -q '^review:' "$out/review.url" 2>/dev/null && break; sleep 0.5; done
url=$(sed -n 's/^review: //p' "$out/review.url")
base=${url%%/login*}
key=${url##*key=}
header=(-H "X-Api-Key: $key")

# 1. Karyograms: every cell of the case, first request then cached.
cells=$(curl -fsS "${header[@]}" "$base/v1/cases/BENCH-20/cells" | python3 -c 'import json,sys; print(" ".join(c["cellId"] for c in json.load(sys.stdin)))')
: >"$out/karyograms.tsv"
for cell in $cells; do
  first=$(curl -fsS "${header[@]}" -o /dev/null -w '%{time_total}' "$base/v1/cases/BENCH-20/cells/$cell/karyogram.png")
  again=$(curl -fsS "${header[@]}" -o /dev/null -w '%{time_total}' "$base/v1/cases/BENCH-20/cells/$cell/karyogram.png")
  printf '%s\t%s\t%s\n' "$cell" "$first" "$again" >>"$out/karyograms.tsv"
done

# 2. The page in Chromium: a fresh server state for the pictures (restart), then the case and its cells.
kill -TERM $pid; wait $pid || true
"$cli" review "$results" --port "$port" >"$out/review.url" 2>"$out/review.log" &
pid=$!
for _ in $(seq 1 60); do grep -q '^review:' "$out/review.url" 2>/dev/null && break; sleep 0.5; done
url=$(sed -n 's/^review: //p' "$out/review.url")
key=${url##*key=}
header=(-H "X-Api-Key: $key")
dotnet run --project bench/ReviewBench -c Release -v q -- browse "$base" "$key" BENCH-20 >"$out/browse.json"

# 3. Exports, with the server's resident memory sampled every 20 ms while each streams.
export_run() { # name query
  local rss_before peak=0 rss
  rss_before=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  curl -fsS "${header[@]}" -o "$out/$1.out" -w '%{time_total} %{size_download}\n' "$base$2" >"$out/$1.curl" &
  local curl_pid=$!
  while kill -0 $curl_pid 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status); [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.02
  done
  wait $curl_pid
  local rows
  rows=$(python3 -c 'import json,sys; t=open(sys.argv[1]).read(); print(len(json.loads(t)) if t.startswith("[") else t.count("\n") - 1)' "$out/$1.out")
  printf '%s %s %s %s %s\n' "$1" "$(cat "$out/$1.curl")" "$rss_before" "$peak" "$rows" >>"$out/exports.txt"
  rm -f "$out/$1.out"
}
: >"$out/exports.txt"
export_run csv-one-case "/v1/export.csv?case=BENCH-20"
export_run csv-bulk "/v1/export.csv?model=bench-model"
export_run json-bulk "/v1/export.json?model=bench-model"
export_run csv-everything "/v1/export.csv"

python3 - "$out" "$bulk" <<'PY'
import json, os, platform, statistics, sys
out, bulk = sys.argv[1], int(sys.argv[2])
k = [l.split("\t") for l in open(os.path.join(out, "karyograms.tsv")).read().split("\n") if l]
first = sorted(float(x[1]) * 1000 for x in k)
again = sorted(float(x[2]) * 1000 for x in k)
browse = json.load(open(os.path.join(out, "browse.json")))
exports = []
for line in open(os.path.join(out, "exports.txt")):
    name, seconds, size, before, peak, rows = line.split()
    exports.append({"export": name, "seconds": float(seconds), "mb": round(int(size) / 1e6, 1), "rows": int(rows),
                    "rss_before_mb": round(int(before) / 1024), "rss_peak_mb": round(int(peak) / 1024)})
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
result = {"machine": f"{cpu}, {os.cpu_count()} cores", "bulk_cells": bulk,
          "karyogram_first_ms": {"median": round(statistics.median(first), 1), "max": round(first[-1], 1), "n": len(first)},
          "karyogram_cached_ms": {"median": round(statistics.median(again), 1), "max": round(again[-1], 1)},
          "browser": browse, "exports": exports}
json.dump(result, open(os.path.join(out, "review.json"), "w"), indent=2)
with open(os.path.join(out, "review.md"), "w") as md:
    md.write(f"Machine: {result['machine']}.\n\n")
    md.write(f"| measure | median | max |\n|---|---|---|\n")
    md.write(f"| karyogram.png, first request (render) | {result['karyogram_first_ms']['median']} ms | {result['karyogram_first_ms']['max']} ms |\n")
    md.write(f"| karyogram.png, cached | {result['karyogram_cached_ms']['median']} ms | {result['karyogram_cached_ms']['max']} ms |\n")
    md.write(f"| case page of {browse['case_cells']} cells, Chromium load | {browse['case_page_ms']['median']} ms | {browse['case_page_ms']['max']} ms |\n")
    md.write(f"| cell page, first visit (renders karyogram), Chromium load | {browse['cell_page_first_visit_ms']['median']} ms | {browse['cell_page_first_visit_ms']['max']} ms |\n")
    md.write(f"| cell page, again | {browse['cell_page_cached_ms']['median']} ms | {browse['cell_page_cached_ms']['max']} ms |\n\n")
    md.write("| export | rows | MB | seconds | server RSS before | server RSS peak |\n|---|---|---|---|---|---|\n")
    for e in exports:
        md.write(f"| {e['export']} | {e['rows']} | {e['mb']} | {e['seconds']:.2f} | {e['rss_before_mb']} MB | {e['rss_peak_mb']} MB |\n")
print(open(os.path.join(out, "review.md")).read())
PY
