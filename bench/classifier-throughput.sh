#!/usr/bin/env bash
# Classifier throughput side by side on this machine, in one run:
#   1. ChromoFarm's network, forward only (cf_driver bench-forward, the default model's shape);
#   2. the PyTorch reference (torchvision ResNet-18, 96 px), forward only, in plain PyTorch;
#   3. `chromofarm evaluate` end to end (read, decode, preprocess, forward, assignment) with the default model;
#   4. the same reference architecture exported to TorchScript and run end to end by the farm.
# Usage: bench/classifier-throughput.sh [MANIFEST] [SPLIT]   (needs `make build`; python3-torch for 2 and 4)
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=${1:-../shared/data/pki3/manifest.csv}
split=${2:-val}
threads=${THREADS:-2}
python=${CHROMOFARM_PYTHON:-/usr/bin/python3}
bin=artifacts/bin/chromofarm
driver=artifacts/native/cf_driver
[[ -x $bin && -x $driver ]] || { echo "bench: run 'make build' first" >&2; exit 2; }
[[ -f $manifest ]] || { echo "bench: $manifest: no such manifest" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== 1. ChromoFarm network, forward only (canvas 80, batch 256, $threads threads)"
"$driver" bench-forward --canvas 80 --batch 256 --iters 10 --threads "$threads"

has_torch=0
"$python" -c 'import torch, torchvision' 2>/dev/null && has_torch=1
if (( has_torch )); then
  echo "== 2. PyTorch reference, forward only (plain PyTorch, batch 256, $threads threads)"
  "$python" bench/pytorch_forward.py --batch 256 --iters 10 --threads "$threads"
else
  echo "== 2. skipped: $python has no torch/torchvision (apt-get install python3-torch python3-torchvision)"
fi

echo "== 3. chromofarm evaluate, default model, end to end ($split)"
"$bin" evaluate --data "$manifest" --split "$split" --threads "$threads" --json

if (( has_torch )); then
  echo "== 4. chromofarm evaluate, reference ResNet-18 as TorchScript (random weights: speed only), end to end ($split)"
  "$python" examples/pytorch/export_torchvision.py --random-init --seed 1 --out "$work/resnet18" >/dev/null
  "$bin" evaluate --model "$work/resnet18.pt" --data "$manifest" --split "$split" --threads "$threads" --json
fi
