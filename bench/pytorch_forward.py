"""Forward-only throughput in plain PyTorch, for bench/classifier-throughput.sh to print beside ChromoFarm's own.

Two networks, random weights (speed only), on the same machine and threads:
  reference   torchvision ResNet-18 (1-channel stem), 96 px: the reference the model card compares against;
  chromofarm  a plain-PyTorch twin of ChromoFarm's own network (src/native/src/model.cpp: 3x3/2 stem, four stages
              of one basic block, 32..256 channels, pooled features beside an MLP over the two size features), 80 px:
              the same network computed by PyTorch's own Python front end, so the native core's cost is visible.
Each in fp32 or bf16 (weights and activations, as `--precision bf16` does), channels first or last.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples" / "pytorch"))
import reference_net  # noqa: E402

SIZE_FEATURES = 2
SIZE_EMBEDDING = 16
CLASSES = 24


class Block(nn.Module):
    def __init__(self, inputs: int, outputs: int, stride: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(outputs)
        self.conv2 = nn.Conv2d(outputs, outputs, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(outputs)
        self.projection = (
            nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride, bias=False), nn.BatchNorm2d(outputs))
            if stride != 1 or inputs != outputs
            else nn.Identity()
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(y)) + self.projection(x))


class ChromoFarmNet(nn.Module):
    def __init__(self, width: int = 32) -> None:
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, width, 3, 2, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
        widths, blocks, channels = [width, 2 * width, 4 * width, 8 * width], [], width
        for stage, out in enumerate(widths):
            blocks.append(Block(channels, out, 1 if stage == 0 else 2))
            channels = out
        self.stages = nn.Sequential(*blocks)
        self.size_embedding = nn.Linear(SIZE_FEATURES, SIZE_EMBEDDING)
        self.classifier = nn.Linear(channels + SIZE_EMBEDDING, CLASSES)

    def forward(self, pixels: torch.Tensor, sizes: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(nn.functional.adaptive_avg_pool2d(self.stages(self.stem(pixels)), 1), 1)
        return self.classifier(torch.cat([x, torch.relu(self.size_embedding(sizes))], 1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--net", choices=["reference", "chromofarm"], default="reference")
    parser.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
    parser.add_argument("--channels-last", action="store_true")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--iters", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    torch.manual_seed(1)
    torch.set_num_threads(args.threads)
    dtype = torch.bfloat16 if args.precision == "bf16" else torch.float32
    layout = torch.channels_last if args.channels_last else torch.contiguous_format
    if args.net == "reference":
        model, canvas, name = reference_net.build(channels=1), reference_net.CANVAS, "torchvision resnet18 (1-channel stem), 96 px"
    else:
        model, canvas, name = ChromoFarmNet(), 80, "chromofarm network twin, 80 px"
    model = model.eval().to(dtype=dtype, memory_format=layout)
    pixels = torch.rand(args.batch, 1, canvas, canvas).to(dtype=dtype, memory_format=layout)
    sizes = torch.rand(args.batch, SIZE_FEATURES).to(dtype)
    inputs = (pixels,) if args.net == "reference" else (pixels, sizes)
    with torch.no_grad():
        torch.softmax(model(*inputs).float(), 1)  # warm-up: allocator and kernels
        start = time.perf_counter()
        for _ in range(args.iters):
            torch.softmax(model(*inputs).float(), 1)
        seconds = time.perf_counter() - start
    parameters = sum(p.numel() for p in model.parameters())
    print(json.dumps({"model": name, "parameters": parameters, "precision": args.precision,
                      "channels_last": args.channels_last, "batch": args.batch, "threads": args.threads,
                      "chromosomes_per_second": round(args.batch * args.iters / seconds, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
