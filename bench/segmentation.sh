#!/usr/bin/env bash
# Segmentation against the annotated sets, on one core, in one run:
#   1. metaphase-bioimlab (labelme polygons, class-agnostic);
#   2. metaphase-mfish (per-pixel classes; also segmented-and-classified end to end with the shipped DAPI model);
#   3. synthetic spreads from Pki-3 val cells, no touching (also end to end with the shipped G-band default);
#   each set by the classical segmenter and by the learned one (models/segmenter.cfs, or --segmenter-model);
#   4. the sweep over touching and overlap rates, classical segmenter (docs/segmentation-contact-curve.png).
#
#   bench/segmentation.sh [--data DIR] [--out DIR] [--segmenter-model FILE]
#
# DATA defaults to ../shared/data. OUT (default artifacts/bench/segmentation) receives one JSON file per set,
# sweep.json and contact-curve.png, and segmentation.md: the machine and a table of the results.
# Needs `make build` and python3.
set -euo pipefail

data=../shared/data
out=artifacts/bench/segmentation
net=models/segmenter.cfs
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=${2:?--data needs a DIR}; shift 2 ;;
    --out) out=${2:?--out needs a DIR}; shift 2 ;;
    --segmenter-model) net=${2:?--segmenter-model needs a FILE}; shift 2 ;;
    *) echo "usage: bench/segmentation.sh [--data DIR] [--out DIR] [--segmenter-model FILE]" >&2; exit 2 ;;
  esac
done
cli=artifacts/bin/chromofarm
[ -x "$cli" ] || { echo "bench/segmentation.sh: $cli is missing; run make build first" >&2; exit 2; }
mkdir -p "$out"

for kind in classical learned; do
  args=(--segmenter "$kind")
  [ "$kind" = learned ] && args+=(--segmenter-model "$net")
  "$cli" evaluate-segmentation --data "$data/metaphase-bioimlab" "${args[@]}" --json > "$out/bioimlab-$kind.json"
  "$cli" evaluate-segmentation --data "$data/metaphase-mfish" "${args[@]}" --json > "$out/mfish-$kind.json"
  "$cli" evaluate-segmentation --data "$data/pki3/manifest.csv" --cells 40 "${args[@]}" --json > "$out/synthetic-$kind.json"
done
"$cli" evaluate-segmentation --data "$data/pki3/manifest.csv" --cells 20 --segmenter classical --curve "$out/contact-curve.png" > "$out/sweep.json"

python3 - "$out" <<'PY'
import json, os, platform, sys
out = sys.argv[1]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
rows = ["| set | segmenter | images | precision | recall | F1 | held-out F1 | mean IoU | merges | splits | flagged merges | s/image (1 thread) | end to end |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for name, kind in [(n, k) for n in ("bioimlab", "mfish", "synthetic") for k in ("classical", "learned")]:
    r = json.load(open(os.path.join(out, f"{name}-{kind}.json")))
    held = r.get("held_out") or {}
    e2e = "" if r.get("end_to_end") is None else f"{r['end_to_end']:.3f}"
    rows.append(f"| {name} | {kind} | {r['images']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {held.get('f1', 0):.3f} | "
                f"{r['mean_iou']:.3f} | {r['merges']} | {r['splits']} | {r['needs_review_merges']} | {r['seconds_per_image']:.3f} | {e2e} |")
rows += ["", "| touching | overlap | precision | recall | F1 | merges | flagged merges |", "|---:|---:|---:|---:|---:|---:|---:|"]
for run in json.load(open(os.path.join(out, "sweep.json"))):
    r = run["report"]
    rows.append(f"| {run['touching_rate']:.1f} | {run['overlap_rate']:.1f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['merges']} | {r['needs_review_merges']} |")
text = f"Machine: {cpu}, {os.cpu_count()} cores\n\n" + "\n".join(rows) + "\n"
open(os.path.join(out, "segmentation.md"), "w").write(text)
print(text)
PY
