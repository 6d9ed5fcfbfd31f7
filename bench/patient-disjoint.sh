#!/usr/bin/env bash
# Trains a classifier whose every choice (best epoch, temperature) is made on patients it never
# trained on, then scores it once on Pki-3 val, whose patients neither training nor selection saw.
# Pki-3's train patients are split by the SHA-1 of the patient id: a first byte below 46 (18%)
# makes the patient `dev`, the rest `fit`. Run it with several seeds for the spread (docs/model.md).
#
#   bench/patient-disjoint.sh [--data DIR] [--seed N] [--epochs N] [--patience N] [--out DIR] [--threads N] [--cli PATH]
#
# 45–75 minutes per seed on 2 CPU cores (two seeds side by side with --threads 1 take about as long). --cli runs a copy of the binary, so that a rebuild of
# artifacts/bin during a long run does not change what it runs.
set -euo pipefail

data=../shared/data
seed=3
epochs=30
patience=0
out=artifacts/bench/patient-disjoint
threads=$(nproc)
cli=artifacts/bin/chromofarm
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=${2:?--data needs a DIR}; shift 2 ;;
    --seed) seed=${2:?--seed needs N}; shift 2 ;;
    --epochs) epochs=${2:?--epochs needs N}; shift 2 ;;
    --patience) patience=${2:?--patience needs N}; shift 2 ;;
    --out) out=${2:?--out needs a DIR}; shift 2 ;;
    --threads) threads=${2:?--threads needs N}; shift 2 ;;
    --cli) cli=${2:?--cli needs a PATH}; shift 2 ;;
    *) echo "usage: bench/patient-disjoint.sh [--data DIR] [--seed N] [--epochs N] [--patience N] [--out DIR] [--threads N] [--cli PATH]" >&2; exit 2 ;;
  esac
done
[ -x "$cli" ] || { echo "bench/patient-disjoint.sh: $cli is missing; run make build first" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench/patient-disjoint.sh: python3 is required (it writes the split)" >&2; exit 2; }
source_manifest=$data/pki3/manifest.csv
[ -f "$source_manifest" ] || { echo "bench/patient-disjoint.sh: $source_manifest is missing" >&2; exit 2; }

mkdir -p "$out"
manifest=$out/manifest.csv
# Paths in the manifest are relative to its folder, so the split manifest names them absolutely.
python3 - "$source_manifest" "$manifest" <<'PY'
import csv, hashlib, os, sys
source, target = sys.argv[1], sys.argv[2]
root = os.path.dirname(os.path.abspath(source))
with open(source, newline="") as f:
    rows = list(csv.DictReader(f))
patients = {"fit": set(), "dev": set()}
with open(target, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["path", "patient", "cell", "label", "split"])
    w.writeheader()
    for r in rows:
        if r["split"] == "train":
            r["split"] = "dev" if hashlib.sha1(r["patient"].encode()).digest()[0] < 46 else "fit"
            patients[r["split"]].add(r["patient"])
        r["path"] = os.path.join(root, r["path"])
        w.writerow({k: r[k] for k in w.fieldnames})
print(f"split: {len(patients['fit'])} patients fit, {len(patients['dev'])} dev", file=sys.stderr)
PY

model=$out/seed$seed.cfm
"$cli" train --data "$manifest" --out "$model" --train-split fit --val-split dev --seed "$seed" --epochs "$epochs" --patience "$patience" --threads "$threads"
"$cli" evaluate --model "$model" --data "$manifest" --split val --json | tee "$out/seed$seed-val.json"
