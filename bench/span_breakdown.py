"""Per-stage breakdown of a farm run from its span files (deploy/local/farm.sh writes them to artifacts/farm/spans).

    python3 bench/span_breakdown.py SPANS_DIR

Prints a markdown table, one row per (role, span name), longest total first: how many spans, their total and mean
duration, and when the first started and the last ended, in seconds from the run's first span. Spans of one role
overlap (cells are handled concurrently), so totals may exceed the run's wall clock; the first/last columns show
the stretch of the run each stage occupied.
"""

from __future__ import annotations

import collections
import json
import sys
from datetime import datetime
from pathlib import Path


def started(span: dict) -> datetime:
    # .NET writes seven fractional digits; datetime takes six.
    text = span["start"].rstrip("Z")
    head, _, fraction = text.partition(".")
    return datetime.fromisoformat(f"{head}.{(fraction + '000000')[:6]}")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    files = sorted(Path(sys.argv[1]).glob("*.jsonl"))
    spans = [json.loads(line) for f in files for line in f.open() if line.strip()]
    if not spans:
        print(f"span_breakdown: no spans in {sys.argv[1]}", file=sys.stderr)
        return 1
    origin = min(started(s) for s in spans)
    stages: dict[tuple[str, str], list[tuple[float, float]]] = collections.defaultdict(list)
    for span in spans:
        start = (started(span) - origin).total_seconds()
        role = span["service"].removeprefix("chromofarm-")
        stages[(role, span["name"])].append((start, start + span["durationMs"] / 1000))
    print("| role | span | count | total s | mean ms | first start s | last end s |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for (role, name), runs in sorted(stages.items(), key=lambda kv: -sum(b - a for a, b in kv[1])):
        total = sum(b - a for a, b in runs)
        print(f"| {role} | {name} | {len(runs)} | {total:.2f} | {1000 * total / len(runs):.1f} | "
              f"{min(a for a, _ in runs):.2f} | {max(b for _, b in runs):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
