"""Forward-only throughput of the PyTorch reference (torchvision ResNet-18, 96 px, 1 channel) in plain PyTorch.

Run by bench/classifier-throughput.sh beside ChromoFarm's own numbers, on the same machine and threads.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples" / "pytorch"))
import reference_net  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--iters", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    model = reference_net.build(channels=1).eval()
    batch = torch.rand(args.batch, 1, reference_net.CANVAS, reference_net.CANVAS)
    with torch.no_grad():
        model(batch)  # warm-up: allocator and kernels
        start = time.perf_counter()
        for _ in range(args.iters):
            model(batch)
        seconds = time.perf_counter() - start
    parameters = sum(p.numel() for p in model.parameters())
    print(json.dumps({"model": "torchvision resnet18 (1-channel stem), 96 px", "parameters": parameters,
                      "batch": args.batch, "threads": args.threads,
                      "chromosomes_per_second": round(args.batch * args.iters / seconds, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
