#!/usr/bin/env python3
"""Export the reference torchvision resnet18 as TorchScript plus the JSON sidecar ChromoFarm reads.

    python3 export_torchvision.py --weights reference.pth --summary reference.summary.json --out models/resnet18
    python3 export_torchvision.py --random-init --seed 7 --out /tmp/x/random     # for tests

writes OUT.pt (torch.jit.save) and OUT.json; `chromofarm evaluate --model OUT.pt` then runs it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys

import torch

import reference_net

FORMAT = "chromofarm-torchscript/1"


def main() -> int:
    args = parse_args()
    try:
        class_order = reference_net.parse_class_order(args.class_order)
        weights_order = reference_net.parse_class_order(args.weights_class_order)
    except ValueError as error:
        print(f"export_torchvision: {error}", file=sys.stderr)
        return 2

    torch.manual_seed(args.seed)
    model = reference_net.build(args.channels)
    if args.weights:
        model.load_state_dict(read_state_dict(args.weights))
    reference_net.reorder_outputs(model, weights_order, class_order)
    model.eval()

    example = torch.zeros(2, args.channels, args.canvas, args.canvas)
    module = torch.jit.trace(model, example) if args.trace else torch.jit.script(model)
    output = module(example)
    if tuple(output.shape) != (2, len(class_order)):
        print(f"export_torchvision: the module returns shape {tuple(output.shape)}, expected (2, 24)", file=sys.stderr)
        return 1

    base = args.out[:-3] if args.out.endswith(".pt") else args.out
    os.makedirs(os.path.dirname(os.path.abspath(base)), exist_ok=True)
    torch.jit.save(module, base + ".pt")
    sidecar = build_sidecar(args, class_order)
    with open(base + ".json", "w", encoding="utf-8") as file:
        json.dump(sidecar, file, indent=2)
        file.write("\n")
    print(f"wrote {base}.pt and {base}.json (version {sidecar['version']})")
    return 0


def parse_args() -> argparse.Namespace:
    farm_order = ",".join(reference_net.FARM_CLASSES)
    parser = argparse.ArgumentParser(
        description="Script the reference torchvision resnet18 (1-channel 7x7/2 stem, 24 classes) with "
        "torch.jit and write OUT.pt plus the sidecar OUT.json that ChromoFarm needs to run it.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--weights", metavar="FILE",
                        help="state_dict to load (torch.save(model.state_dict()), e.g. from train_reference.py)")
    source.add_argument("--random-init", action="store_true",
                        help="no weights: torchvision's initialisation seeded with --seed (for tests)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of --random-init: the same seed gives the same network")
    parser.add_argument("--out", required=True, metavar="OUT",
                        help="writes OUT.pt and OUT.json (a trailing .pt is allowed)")
    parser.add_argument("--class-order", default=farm_order, metavar="LABELS",
                        help="labels of the exported module's output columns, comma-separated; "
                        "any permutation of 1..22,X,Y")
    parser.add_argument("--weights-class-order", default=farm_order, metavar="LABELS",
                        help="labels of the weights' final-layer rows as trained; "
                        "the layer is permuted into --class-order")
    parser.add_argument("--channels", type=int, choices=(1, 3), default=1,
                        help="input planes of the stem; with 3 the farm repeats its grey canvas (ImageNet-shaped stems)")
    parser.add_argument("--canvas", type=int, default=reference_net.CANVAS,
                        help="input side in px the network was trained at")
    parser.add_argument("--mean", type=float, default=0.0,
                        help="the module sees (pixel - mean) / std, pixels in [0, 1]")
    parser.add_argument("--std", type=float, default=1.0, help="see --mean; positive")
    parser.add_argument("--version",
                        help="model version stored with every result (default: torchvision-resnet18-<UTC timestamp>)")
    parser.add_argument("--summary", metavar="FILE",
                        help="JSON written by train_reference.py; its training and metrics go into the sidecar")
    parser.add_argument("--trace", action="store_true", help="torch.jit.trace instead of torch.jit.script")
    args = parser.parse_args()
    if not 8 <= args.canvas <= 1024:
        parser.error("--canvas must be within 8..1024")
    if not args.std > 0:
        parser.error("--std must be positive")
    return args


def read_state_dict(path: str) -> dict:
    state = torch.load(path, map_location="cpu")
    if isinstance(state, dict) and isinstance(state.get("state_dict"), dict):
        state = state["state_dict"]
    # Checkpoints saved from nn.DataParallel prefix every key.
    return {key[len("module."):] if key.startswith("module.") else key: value for key, value in state.items()}


def build_sidecar(args: argparse.Namespace, class_order: list[str]) -> dict:
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    if args.version:
        version = args.version
    else:
        kind = f"random{args.seed}-" if args.random_init else ""
        version = f"torchvision-resnet18-{kind}{now.strftime('%Y%m%dT%H%M%S')}"
    stem = f"{args.channels}-channel 7x7/2 stem" if args.channels == 1 else "RGB stem"
    sidecar = {
        "format": FORMAT,
        "version": version,
        "architecture": f"torchvision resnet18 ({stem}, 24 classes)",
        "classes": class_order,
        "input": {
            "canvas": args.canvas, "channels": args.channels, "size_features": False, "mean": args.mean, "std": args.std,
        },
        # "fit": each crop's longer side fills the canvas, as train_reference.py draws them.
        "preprocessing": {"scale": "fit", "reference_length": 44.0, "orient": False},
        "output": "logits",
        "created_at": now.isoformat(),
    }
    if args.summary:
        with open(args.summary, encoding="utf-8") as file:
            summary = json.load(file)
        for key in ("training", "metrics"):
            if key in summary:
                sidecar[key] = summary[key]
    return sidecar


if __name__ == "__main__":
    sys.exit(main())
