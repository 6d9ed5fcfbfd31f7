#!/usr/bin/env bash
# Segmentation against the annotated sets, on one core, in one run:
#   1. metaphase-bioimlab (labelme polygons, class-agnostic);
#   2. metaphase-mfish (per-pixel classes; also segmented-and-classified end to end with the shipped model);
#   3. synthetic spreads from Pki-3 val cells, no touching, and the sweep over touching and overlap rates.
#
#   bench/segmentation.sh [--data DIR] [--out DIR]
#
# DATA defaults to ../shared/data. OUT (default artifacts/bench/segmentation) receives one JSON file per set,
# sweep.json and contact-curve.png, and segmentation.md: the machine and a table of the results.
# Needs `make build` and python3.
set -euo pipefail

data=../shared/data
out=artifacts/bench/segmentation
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=${2:?--data needs a DIR}; shift 2 ;;
    --out) out=${2:?--out needs a DIR}; shift 2 ;;
    *) echo "usage: bench/segmentation.sh [--data DIR] [--out DIR]" >&2; exit 2 ;;
  esac
done
cli=artifacts/bin/chromofarm
[ -x "$cli" ] || { echo "bench/segmentation.sh: $cli is missing; run make build first" >&2; exit 2; }
mkdir -p "$out"

"$cli" evaluate-segmentation --data "$data/metaphase-bioimlab" --json > "$out/bioimlab.json"
"$cli" evaluate-segmentation --data "$data/metaphase-mfish" --json > "$out/mfish.json"
"$cli" evaluate-segmentation --data "$data/pki3/manifest.csv" --cells 40 --json > "$out/synthetic.json"
"$cli" evaluate-segmentation --data "$data/pki3/manifest.csv" --cells 20 --curve "$out/contact-curve.png" > "$out/sweep.json"

python3 - "$out" <<'PY'
import json, os, platform, sys
out = sys.argv[1]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
rows = ["| set | images | precision | recall | F1 | held-out F1 | mean IoU | merges | splits | flagged merges | s/image (1 thread) | end to end |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for name in ("bioimlab", "mfish", "synthetic"):
    r = json.load(open(os.path.join(out, name + ".json")))
    held = r.get("held_out") or {}
    e2e = "" if r.get("end_to_end") is None else f"{r['end_to_end']:.3f}"
    rows.append(f"| {name} | {r['images']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {held.get('f1', 0):.3f} | "
                f"{r['mean_iou']:.3f} | {r['merges']} | {r['splits']} | {r['needs_review_merges']} | {r['seconds_per_image']:.3f} | {e2e} |")
rows += ["", "| touching | overlap | precision | recall | F1 | merges | flagged merges |", "|---:|---:|---:|---:|---:|---:|---:|"]
for run in json.load(open(os.path.join(out, "sweep.json"))):
    r = run["report"]
    rows.append(f"| {run['touching_rate']:.1f} | {run['overlap_rate']:.1f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['merges']} | {r['needs_review_merges']} |")
text = f"Machine: {cpu}, {os.cpu_count()} cores\n\n" + "\n".join(rows) + "\n"
open(os.path.join(out, "segmentation.md"), "w").write(text)
print(text)
PY
