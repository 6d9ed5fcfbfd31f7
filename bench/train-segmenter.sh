#!/usr/bin/env bash
# Trains the learned segmenter as shipped in models/segmenter.cfs, then scores it beside the
# classical one (bench/segmentation.sh). Tuning images only: every fourth image of each set is
# held out by SpreadSet and never read by the training.
#
#   bench/train-segmenter.sh [--data DIR] [--out FILE] [--epochs N] [--composed N] [--seed N] [--strong-augmentation]
#
# The shipped recipe: 180 epochs on both sets plus 40 spreads composed from the M-FISH tuning
# chromosomes (--composed; 0 leaves them out), seed 2. About an hour on 2 CPU cores. On a GPU, run the CLI
# itself with --device cuda, where the native core was built with CUDA.
set -euo pipefail

data=../shared/data
out=artifacts/bench/segmenter.cfs
epochs=180
composed=40
seed=2
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=${2:?--data needs a DIR}; shift 2 ;;
    --out) out=${2:?--out needs a FILE}; shift 2 ;;
    --epochs) epochs=${2:?--epochs needs N}; shift 2 ;;
    --composed) composed=${2:?--composed needs N}; shift 2 ;;
    --seed) seed=${2:?--seed needs N}; shift 2 ;;
    --strong-augmentation) extra+=(--strong-augmentation); shift ;;
    *) echo "usage: bench/train-segmenter.sh [--data DIR] [--out FILE] [--epochs N] [--composed N] [--seed N] [--strong-augmentation]" >&2; exit 2 ;;
  esac
done
cli=artifacts/bin/chromofarm
[ -x "$cli" ] || { echo "bench/train-segmenter.sh: $cli is missing; run make build first" >&2; exit 2; }

"$cli" train-segmenter --data "$data/metaphase-mfish" --data "$data/metaphase-bioimlab" \
  --out "$out" --epochs "$epochs" --composed "$composed" --seed "$seed" --threads "$(nproc)" "${extra[@]}"
bench/segmentation.sh --data "$data" --segmenter-model "$out"
