#!/usr/bin/env bash
# Scores two or more classifiers alone and as an ensemble (`--model A,B`: mean of their calibrated probabilities) on
# one split in one run, so the ensemble's gain is measured against its own members. Use members whose choices were
# made without the split (bench/patient-disjoint.sh trains such models on Pki-3).
#
#   bench/ensemble.sh [--data MANIFEST] [--split val] [--out DIR] [--cli PATH] [--precision fp32|bf16] MODEL MODEL [MODEL...]
#
# Writes DIR/<name>.json per evaluation and DIR/table.md. About 1 minute per model per evaluation on 2 cores.
set -euo pipefail

data=../shared/data/pki3/manifest.csv
split=val
out=artifacts/bench/ensemble
cli=artifacts/bin/chromofarm
precision=fp32
models=()
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=${2:?--data needs a MANIFEST}; shift 2 ;;
    --split) split=${2:?--split needs a NAME}; shift 2 ;;
    --out) out=${2:?--out needs a DIR}; shift 2 ;;
    --cli) cli=${2:?--cli needs a PATH}; shift 2 ;;
    --precision) precision=${2:?--precision needs fp32 or bf16}; shift 2 ;;
    -*) echo "bench/ensemble.sh: unknown option $1" >&2; exit 2 ;;
    *) models+=("$1"); shift ;;
  esac
done
[ ${#models[@]} -ge 2 ] || { echo "usage: bench/ensemble.sh [options] MODEL MODEL [MODEL...]" >&2; exit 2; }
[ -x "$cli" ] || { echo "bench/ensemble.sh: $cli is missing; run make build first" >&2; exit 2; }
[ -f "$data" ] || { echo "bench/ensemble.sh: $data is missing" >&2; exit 2; }
for m in "${models[@]}"; do [ -f "$m" ] || { echo "bench/ensemble.sh: $m is missing" >&2; exit 2; }; done
command -v python3 >/dev/null || { echo "bench/ensemble.sh: python3 is required (it writes the table)" >&2; exit 2; }

mkdir -p "$out"
evaluate() { # NAME MODEL
  echo "bench/ensemble.sh: $1" >&2
  "$cli" evaluate --model "$2" --data "$data" --split "$split" --precision "$precision" --json > "$out/$1.json"
}
names=()
for m in "${models[@]}"; do
  name=$(basename "$m" .cfm)
  evaluate "$name" "$m"
  names+=("$name")
done
ensemble=$(IFS=,; echo "${models[*]}")
evaluate ensemble "$ensemble"
names+=(ensemble)

python3 - "$out" "$split" "$precision" "${names[@]}" <<'PY' | tee "$out/table.md"
import json, os, sys
out, split, precision, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
print(f"| model ({split}, {precision}) | argmax | after assignment | cells all correct | karyotype exact | abnormal exact | normal called abnormal | chromosomes/s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for name in names:
    r = json.load(open(os.path.join(out, name + ".json")))
    pct = lambda k: f"{100 * r[k]:.2f}%"
    print(f"| {name} | {pct('accuracy')} | {pct('accuracy_assigned')} | {pct('cells_all_correct_assigned')} | "
          f"{pct('karyotype_exact')} | {pct('abnormal_cells_detected')} | {pct('normal_cells_false_abnormal')} | {r['chromosomes_per_second']:.0f} |")
PY
