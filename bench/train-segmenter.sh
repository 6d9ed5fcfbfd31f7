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

out=artifacts/bench/segmenter.cfs
usage="usage: bench/train-segmenter.sh [--data DIR] [--out FILE] [--epochs N] [--composed N] [--seed N] [--strong-augmentation]"
source "$(dirname "$0")/segmenter-recipe.sh"
recipe_options "$@"

"$cli" train-segmenter --data "$data/metaphase-mfish" --data "$data/metaphase-bioimlab" \
  --out "$out" --epochs "$epochs" --composed "$composed" --seed "$seed" --threads "$(nproc)" "${extra[@]}"
bench/segmentation.sh --data "$data" --segmenter-model "$out"
