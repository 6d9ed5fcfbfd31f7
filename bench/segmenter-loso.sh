#!/usr/bin/env bash
# Leave one source out: how a learned-segmenter recipe holds up on spreads from a source it was not trained on
# (issue 20, item 3). Each training reads only the tuning images of its sets (SpreadSet holds every fourth back).
#   1. trained on BioImLab (Q-band)                      -> scored on all of M-FISH (DAPI) and on composed Pki-3 spreads
#   2. trained on M-FISH + spreads composed from it      -> scored on all of BioImLab and on composed Pki-3 spreads
#   3. trained on both (the shipped recipe's sets)       -> scored on the held-out quarter of each, and on Pki-3
# The composed fluorescence spreads are made of M-FISH chromosomes, so they go with M-FISH, never into run 1.
# The Pki-3 G-band spreads (40 val cells) are outside every training.
#
#   bench/segmenter-loso.sh [--data DIR] [--out DIR] [--epochs N] [--composed N] [--seed N] [--strong-augmentation]
#
# Defaults are the shipped recipe (180 epochs, 40 composed spreads, seed 2): about 3 hours on 2 CPU cores in all
# (run 3 alone is bench/train-segmenter.sh). OUT (default artifacts/bench/segmenter-loso) receives each network,
# each score as JSON and loso.md, a table of the unseen-source scores. Needs `make build` and python3.
set -euo pipefail

out=artifacts/bench/segmenter-loso
usage="usage: bench/segmenter-loso.sh [--data DIR] [--out DIR] [--epochs N] [--composed N] [--seed N] [--strong-augmentation]"
source "$(dirname "$0")/segmenter-recipe.sh"
recipe_options "$@"
mkdir -p "$out"
bioimlab=$data/metaphase-bioimlab
mfish=$data/metaphase-mfish
pki3=$data/pki3/manifest.csv

train() { # NAME ARGS...: one network from the named sets, with the recipe's settings
  local name=$1; shift
  echo "== training $name ($epochs epochs, seed $seed${extra:+, ${extra[*]}})" >&2
  "$cli" train-segmenter "$@" --out "$out/$name.cfs" --epochs "$epochs" --seed "$seed" --threads "$(nproc)" "${extra[@]}" \
    > "$out/$name.train.log"
}
score() { # NETWORK SET-NAME DATA [ARGS...]: one set, one thread, learned segmenter
  local net=$1 name=$2 set=$3; shift 3
  "$cli" evaluate-segmentation --data "$set" --segmenter learned --segmenter-model "$out/$net.cfs" --json "$@" \
    > "$out/$net-on-$name.json"
}

train bioimlab-only --data "$bioimlab"
score bioimlab-only mfish "$mfish"
score bioimlab-only pki3 "$pki3" --cells 40

train mfish-only --data "$mfish" --composed "$composed"
score mfish-only bioimlab "$bioimlab"
score mfish-only pki3 "$pki3" --cells 40

train both --data "$mfish" --data "$bioimlab" --composed "$composed"
score both mfish "$mfish"
score both bioimlab "$bioimlab"
score both pki3 "$pki3" --cells 40

python3 - "$out" "$epochs" "$seed" "${extra[*]:-}" <<'PY'
import json, os, sys
out, epochs, seed, extra = sys.argv[1:5]
rows = ["| trained on | scored on | spreads | precision | recall | F1 | merges | splits |", "|---|---|---:|---:|---:|---:|---:|---:|"]
def row(trained, net, name, part, label):
    r = json.load(open(os.path.join(out, f"{net}-on-{name}.json")))
    s = r if part is None else r[part]
    merges = s.get("merges", "")
    splits = s.get("splits", "")
    rows.append(f"| {trained} | {label} | {s['images']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {merges} | {splits} |")
row("BioImLab", "bioimlab-only", "mfish", None, "**M-FISH, all (unseen source)**")
row("BioImLab", "bioimlab-only", "pki3", None, "Pki-3 G-band, composed (unseen source)")
row("M-FISH + composed", "mfish-only", "bioimlab", None, "**BioImLab, all (unseen source)**")
row("M-FISH + composed", "mfish-only", "pki3", None, "Pki-3 G-band, composed (unseen source)")
row("both + composed", "both", "mfish", "held_out", "M-FISH, held-out quarter")
row("both + composed", "both", "bioimlab", "held_out", "BioImLab, held-out quarter")
row("both + composed", "both", "pki3", None, "Pki-3 G-band, composed (unseen source)")
head = f"Recipe: {epochs} epochs, seed {seed}{', ' + extra if extra else ''}; targets (issue 20): BioImLab F1 >= 0.93, M-FISH F1 >= 0.85 with recall >= 0.85.\n\n"
text = head + "\n".join(rows) + "\n"
open(os.path.join(out, "loso.md"), "w").write(text)
print(text)
PY
