#!/usr/bin/env python3
"""Train the PyTorch reference (torchvision resnet18, grey stem) on a ChromoFarm manifest.

    python3 train_reference.py --data ../shared/data/pki3/manifest.csv --out reference.pth
    python3 export_torchvision.py --weights reference.pth --summary reference.summary.json --out resnet18

Protocol of /work/shared/reference/README.md: AdamW lr 1e-3, weight decay 1e-4, batch 64,
label smoothing 0.1, cosine schedule, rotation ±10° and horizontal flips, best epoch on the
validation split. Crops are drawn by farm_preprocessing.py exactly as the farm draws them at
inference (the reference's plain resize-to-fit ignored the farm's foreground mask).
Writes the best state_dict to OUT and its training record to OUT's name + .summary.json.
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

import farm_preprocessing
import reference_net


def main() -> int:
    args = parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    rows = read_manifest(args.data)
    train = select(rows, args.train_split, args.limit_cells)
    val = select(rows, args.val_split, args.limit_cells)
    if not train or not val:
        empty = args.train_split if not train else args.val_split
        print(f"train_reference: {args.data}: no crops in split '{empty}'", file=sys.stderr)
        return 2
    train_pixels, train_labels = draw(train, args.canvas, "train")
    val_pixels, val_labels = draw(val, args.canvas, "val")

    model = reference_net.build(channels=1)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    steps_per_epoch = math.ceil(len(train_labels) / args.batch_size)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, T_max=args.epochs * steps_per_epoch)
    loss_of = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)

    started = time.monotonic()
    best_accuracy, best_epoch, best_state = -1.0, 0, None
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(train_labels))
        total_loss = 0.0
        for first in range(0, len(order), args.batch_size):
            batch = order[first : first + args.batch_size]
            pixels = augment(train_pixels[batch].float() / 255.0, args.max_rotation)
            loss = loss_of(model(pixels), train_labels[batch])
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            schedule.step()
            total_loss += loss.item() * len(batch)
        accuracy = evaluate(model, val_pixels, val_labels)
        if accuracy > best_accuracy:
            best_accuracy, best_epoch, best_state = accuracy, epoch, copy.deepcopy(model.state_dict())
        print(f"epoch {epoch}/{args.epochs}: train loss {total_loss / len(order):.4f}, "
              f"val top-1 {accuracy:.4f}{' (best)' if best_epoch == epoch else ''}, "
              f"{time.monotonic() - started:.0f} s", flush=True)

    torch.save(best_state, args.out)
    summary_path = os.path.splitext(args.out)[0] + ".summary.json"
    summary = {
        # The farm's record names the data as "<folder>/<manifest>", e.g. pki3/manifest.csv.
        "training": {
            "data": "/".join(os.path.abspath(args.data).split(os.sep)[-2:]),
            "split": args.train_split,
            "cells": len({row["cell"] for row in train}),
            "chromosomes": len(train),
            "epochs": args.epochs,
            "best_epoch": best_epoch,
            "seed": args.seed,
            "seconds": round(time.monotonic() - started, 1),
        },
        "metrics": {"val_accuracy": round(best_accuracy, 5)},
        "class_order": reference_net.FARM_CLASSES,
    }
    with open(summary_path, "w", encoding="utf-8") as file:
        json.dump(summary, file, indent=2)
        file.write("\n")
    print(f"best val top-1 {best_accuracy:.4f} at epoch {best_epoch}; wrote {args.out} and {summary_path}")
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Train torchvision resnet18 (1-channel stem, 24 classes) on a ChromoFarm manifest "
        "(path,patient,cell,label,split) with crops drawn as the farm draws them; keeps the best epoch on the "
        "validation split and saves its state_dict for export_torchvision.py.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--data", required=True, metavar="MANIFEST", help="manifest CSV; paths relative to its folder")
    parser.add_argument("--out", default="reference.pth", help="state_dict of the best epoch (and OUT.summary.json)")
    parser.add_argument("--train-split", default="train", help="split trained on")
    parser.add_argument("--val-split", default="val", help="chooses the best epoch")
    parser.add_argument("--limit-cells", type=int, default=0, metavar="N",
                        help="first N cells of each split only (smoke tests); 0: all")
    parser.add_argument("--epochs", type=int, default=12, help="passes over the training split")
    parser.add_argument("--batch-size", type=int, default=64, help="crops per step")
    parser.add_argument("--lr", type=float, default=1e-3, help="AdamW learning rate, cosine-annealed to 0 over all steps")
    parser.add_argument("--weight-decay", type=float, default=1e-4, help="AdamW decoupled weight decay")
    parser.add_argument("--label-smoothing", type=float, default=0.1, help="cross-entropy label smoothing")
    parser.add_argument("--max-rotation", type=float, default=10.0, help="training rotation, uniform in ± degrees")
    parser.add_argument("--canvas", type=int, default=reference_net.CANVAS, help="input side in px")
    parser.add_argument("--seed", type=int, default=0, help="initialisation, shuffling and augmentation seed")
    parser.add_argument("--threads", type=int, default=0, help="torch threads; 0: torch's default")
    args = parser.parse_args()
    if args.epochs < 1 or args.batch_size < 1 or args.limit_cells < 0:
        parser.error("--epochs and --batch-size must be positive, --limit-cells not negative")
    return args


def read_manifest(path: str) -> list[dict]:
    folder = os.path.dirname(os.path.abspath(path))
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        row["path"] = os.path.join(folder, row["path"])
    return rows


def select(rows: list[dict], split: str, limit_cells: int) -> list[dict]:
    chosen = [row for row in rows if row["split"] == split]
    if limit_cells:
        cells = list(dict.fromkeys(row["cell"] for row in chosen))[:limit_cells]
        chosen = [row for row in chosen if row["cell"] in set(cells)]
    return chosen


def draw(rows: list[dict], canvas: int, name: str) -> tuple[torch.Tensor, torch.Tensor]:
    """Every crop drawn once (uint8 N x 1 x canvas x canvas, about 150 MB for Pki-3 train) and its class index."""
    started = time.monotonic()
    pixels = np.zeros((len(rows), 1, canvas, canvas), dtype=np.uint8)
    for i, row in enumerate(rows):
        pixels[i, 0] = farm_preprocessing.crop_to_canvas(farm_preprocessing.load_grey(row["path"]), canvas)
    labels = torch.tensor([reference_net.FARM_CLASSES.index(row["label"]) for row in rows])
    print(f"{name}: {len(rows)} crops drawn in {time.monotonic() - started:.0f} s", flush=True)
    return torch.from_numpy(pixels), labels


def augment(pixels: torch.Tensor, max_rotation: float) -> torch.Tensor:
    """Per crop: a rotation uniform in ±max_rotation degrees about the centre and a horizontal flip at p = 0.5."""
    n = pixels.shape[0]
    angle = (torch.rand(n) * 2 - 1) * math.radians(max_rotation)
    flip = torch.where(torch.rand(n) < 0.5, -1.0, 1.0)
    cos, sin = torch.cos(angle), torch.sin(angle)
    zero = torch.zeros(n)
    theta = torch.stack([torch.stack([cos * flip, -sin, zero], 1), torch.stack([sin * flip, cos, zero], 1)], 1)
    grid = F.affine_grid(theta, list(pixels.shape), align_corners=False)
    return F.grid_sample(pixels, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


@torch.no_grad()
def evaluate(model: nn.Module, pixels: torch.Tensor, labels: torch.Tensor) -> float:
    model.eval()
    correct = 0
    for first in range(0, len(labels), 256):
        logits = model(pixels[first : first + 256].float() / 255.0)
        correct += int((logits.argmax(1) == labels[first : first + 256]).sum())
    return correct / len(labels)


if __name__ == "__main__":
    sys.exit(main())
