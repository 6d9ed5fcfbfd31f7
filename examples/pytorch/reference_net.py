"""The PyTorch reference network: torchvision's resnet18 with a grey (or RGB-shaped) stem."""

from __future__ import annotations

import torch
from torch import nn
from torchvision.models import resnet18

# The farm's class order; a sidecar may list any permutation of it.
FARM_CLASSES = [str(n) for n in range(1, 23)] + ["X", "Y"]
CANVAS = 96


def build(channels: int = 1) -> nn.Module:
    """resnet18(num_classes=24) whose first conv takes `channels` planes (7x7, stride 2)."""
    model = resnet18(num_classes=len(FARM_CLASSES))
    if channels != 3:
        model.conv1 = nn.Conv2d(channels, 64, kernel_size=7, stride=2, padding=3, bias=False)
    return model


def parse_class_order(text: str) -> list[str]:
    """Comma-separated labels; must be a permutation of 1..22, X, Y."""
    labels = [label.strip() for label in text.split(",") if label.strip()]
    if sorted(labels) != sorted(FARM_CLASSES) or len(labels) != len(FARM_CLASSES):
        missing = sorted(set(FARM_CLASSES) - set(labels), key=FARM_CLASSES.index)
        extra = sorted(set(labels) - set(FARM_CLASSES))
        repeated = sorted({label for label in labels if labels.count(label) > 1})
        problems = [f"missing {','.join(missing)}" if missing else "", f"unknown {','.join(extra)}" if extra else "",
                    f"repeated {','.join(repeated)}" if repeated else ""]
        raise ValueError("class order must list 1..22,X,Y once each: " + "; ".join(p for p in problems if p))
    return labels


@torch.no_grad()
def reorder_outputs(model: nn.Module, from_order: list[str], to_order: list[str]) -> None:
    """Permutes the final layer so that output column j holds class to_order[j]."""
    rows = torch.tensor([from_order.index(label) for label in to_order])
    model.fc.weight.copy_(model.fc.weight[rows].clone())
    model.fc.bias.copy_(model.fc.bias[rows].clone())
