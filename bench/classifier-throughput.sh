#!/usr/bin/env bash
# Classifier throughput side by side on this machine, in one run, each configuration REPEATS times (interleaved, so
# drift in the machine's speed hits every configuration alike):
#   forward only  ChromoFarm's network through the native core (cf_driver bench-forward, the default model's shape):
#                 fp32 channels first, fp32 channels last (what `evaluate`/`run`/workers use on CPU), bf16;
#                 the same network in plain PyTorch (bench/pytorch_forward.py --net chromofarm), same formats;
#                 the PyTorch reference, torchvision ResNet-18 at 96 px, fp32;
#                 the PyTorch twin in bf16 again with glibc's allocator set as the native core sets it
#                 (src/native/src/allocator.cpp), so that the comparison is like for like;
#   end to end    `chromofarm evaluate` (read, decode, measure, preprocess, forward, assignment) with the first
#                 shipped G-band network alone (models/default.cfm: the network the forward-only rows time; the
#                 default --model is a three-network ensemble): decoding in turn (--prefetch 0), prefetched (the
#                 default), prefetched with bf16;
#   one thread    bf16 forward only and end to end again with one inference thread, where decoding and
#                 preprocessing have the other core to themselves;
#                 the reference ResNet-18 exported to TorchScript and run end to end by the farm.
# Usage: bench/classifier-throughput.sh [MANIFEST] [SPLIT]   (needs `make build`; python3-torch for the PyTorch rows)
#   THREADS (2), REPEATS (3), OUT (artifacts/bench/classifier-throughput) in the environment.
# Writes OUT/runs.jsonl (every run), OUT/series.jsonl (per configuration), OUT/table.md and OUT/throughput.png.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=${1:-../shared/data/pki3/manifest.csv}
split=${2:-val}
threads=${THREADS:-2}
repeats=${REPEATS:-3}
out=${OUT:-artifacts/bench/classifier-throughput}
python=${CHROMOFARM_PYTHON:-/usr/bin/python3}
bin=artifacts/bin/chromofarm
network=artifacts/bin/models/default.cfm
driver=artifacts/native/cf_driver
[[ -x $bin && -x $driver ]] || { echo "bench: run 'make build' first" >&2; exit 2; }
[[ -f $manifest ]] || { echo "bench: $manifest: no such manifest" >&2; exit 2; }
mkdir -p "$out"
runs=$out/runs.jsonl
: >"$runs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

has_torch=0
"$python" -c 'import torch, torchvision' 2>/dev/null && has_torch=1
(( has_torch )) || echo "bench: $python has no torch/torchvision: the PyTorch rows are left out (apt-get install python3-torch python3-torchvision)" >&2
if (( has_torch )); then
  "$python" examples/pytorch/export_torchvision.py --random-init --seed 1 --out "$work/resnet18" >/dev/null
fi

# record LABEL GROUP JSON: one run; JSON has chromosomes_per_second and whatever else the tool reported.
record() { printf '{"label": "%s", "group": "%s", "result": %s}\n' "$1" "$2" "$3" >>"$runs"; }
forward() { # LABEL ARGS...: the native core, forward only
  local label=$1; shift
  local line
  line=$("$driver" bench-forward --canvas 80 --batch 256 --iters 10 --threads "${THREADS_OVERRIDE:-$threads}" "$@")
  echo "  $line"
  record "$label" "forward only" "{\"chromosomes_per_second\": $(sed -E 's/.* ([0-9.]+) chromosomes\/s.*/\1/' <<<"$line")}"
}
pytorch() { # LABEL ARGS...: plain PyTorch, forward only
  local label=$1; shift
  local line
  line=$("$python" bench/pytorch_forward.py --batch 256 --iters 10 --threads "$threads" "$@")
  echo "  $line"
  record "$label" "forward only, plain PyTorch" "$line"
}
evaluate() { # LABEL MODEL ARGS...: chromofarm evaluate end to end
  local label=$1 model=$2; shift 2
  local line
  line=$("$bin" evaluate --data "$manifest" --split "$split" --threads "${THREADS_OVERRIDE:-$threads}" --json --model "$model" "$@")
  echo "  $label: $("$python" -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["chromosomes_per_second"], "chromosomes/s; stages", r.get("stage_seconds"))' "$line")"
  record "$label" "end to end" "$line"
}

echo "machine: $(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1), nproc $(nproc), threads $threads; commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
for repeat in $(seq 1 "$repeats"); do
  echo "== run $repeat of $repeats"
  forward "ChromoFarm net, fp32" --precision fp32
  forward "ChromoFarm net, fp32 channels-last" --channels-last
  forward "ChromoFarm net, bf16 channels-last" --precision bf16 --channels-last
  THREADS_OVERRIDE=1 forward "ChromoFarm net, bf16 channels-last, 1 thread" --precision bf16 --channels-last
  if (( has_torch )); then
    pytorch "PyTorch twin, fp32" --net chromofarm
    pytorch "PyTorch twin, fp32 channels-last" --net chromofarm --channels-last
    pytorch "PyTorch twin, bf16 channels-last" --net chromofarm --precision bf16 --channels-last
    MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=268435456 \
      pytorch "PyTorch twin, bf16 channels-last, heap kept" --net chromofarm --precision bf16 --channels-last
    pytorch "PyTorch ResNet-18, fp32" --net reference
  fi
  evaluate "evaluate, fp32, decode in turn" "$network" --prefetch 0
  evaluate "evaluate, fp32 (default)" "$network"
  evaluate "evaluate, bf16" "$network" --precision bf16
  THREADS_OVERRIDE=1 evaluate "evaluate, bf16, 1 thread" "$network" --precision bf16
  if (( has_torch )); then
    evaluate "evaluate, ResNet-18 TorchScript, fp32" "$work/resnet18.pt"
  fi
done

"$python" - "$runs" "$out" <<'PY'
import json, statistics, sys
from collections import OrderedDict
runs_path, out = sys.argv[1], sys.argv[2]
series = OrderedDict()
for line in open(runs_path):
    row = json.loads(line)
    series.setdefault((row["label"], row["group"]), []).append(row["result"])
with open(f"{out}/series.jsonl", "w") as f:
    for (label, group), results in series.items():
        f.write(json.dumps({"label": label, "group": group, "runs": [r["chromosomes_per_second"] for r in results]}) + "\n")
lines = ["| configuration | kind | chromosomes/s, median | runs | accuracy after assignment | stages (s, median run) |", "|---|---|---:|---|---:|---|"]
for (label, group), results in series.items():
    rates = [r["chromosomes_per_second"] for r in results]
    median = statistics.median(rates)
    middle = min(results, key=lambda r: abs(r["chromosomes_per_second"] - median))
    accuracy = f'{middle["accuracy_assigned"] * 100:.2f}%' if "accuracy_assigned" in middle else ""
    stages = ", ".join(f"{k} {v:.2f}" for k, v in sorted(middle.get("stage_seconds", {}).items()))
    lines.append(f"| {label} | {group} | {median:,.0f} | {' / '.join(f'{r:,.0f}' for r in rates)} | {accuracy} | {stages} |")
open(f"{out}/table.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
dotnet run --project bench/BenchCharts -c Release -v q -- throughput "$out/series.jsonl" "$out/throughput.png" \
  "Classifier throughput, $threads threads ($(nproc) cores)" "chromosomes/s"
