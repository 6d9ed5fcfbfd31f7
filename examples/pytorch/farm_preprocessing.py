"""The crop → canvas step of ChromoFarm's inference ("fit" scale), redone with numpy and PIL.

A network trained on these canvases sees at training time what the farm hands it at
inference (src/native/src/crop.cpp and preprocess.cpp): polarity normalised so the
chromosome is bright on 0, an Otsu foreground with specks dropped, closed and grown a
little, pixels outside it zeroed, cropped to it, longer side scaled to canvas - 1 px with
the aspect kept, centred. Resampling follows OpenCV's (area average when shrinking,
bilinear when enlarging) in floating point where OpenCV rounds in fixed point, so a pixel
can differ by a grey level.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

# OpenCV's 5x5 and 3x3 MORPH_ELLIPSE structuring elements.
_ELLIPSE_5 = np.array(
    [[0, 0, 1, 0, 0], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [0, 0, 1, 0, 0]], dtype=bool
)
_CROSS_3 = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], dtype=bool)


def load_grey(path: str) -> np.ndarray:
    """A crop file as 8-bit grey (H, W)."""
    with Image.open(path) as image:
        return np.asarray(image.convert("L"), dtype=np.uint8)


def crop_to_canvas(grey: np.ndarray, canvas: int) -> np.ndarray:
    """One crop (uint8, either polarity) drawn as the farm draws it: uint8 (canvas, canvas)."""
    bright = grey if _border_mean(grey) <= 127.0 else 255 - grey
    measured = _chromosome_components(bright > _otsu_threshold(bright))
    keep = _dilate(_erode(_dilate(measured, _ELLIPSE_5), _ELLIPSE_5), _CROSS_3)

    out = np.zeros((canvas, canvas), dtype=np.uint8)
    rows, cols = np.nonzero(keep)
    if rows.size == 0:
        return out
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    chromosome = np.where(keep[top:bottom, left:right], bright[top:bottom, left:right], 0).astype(np.uint8)

    height, width = chromosome.shape
    # The farm keeps the drawn extent within canvas - 1 px so that a rotation never clips it.
    scale = (canvas - 1) / max(width, height)
    size = (max(1, _round(width * scale)), max(1, _round(height * scale)))
    weights = _area_weights if scale < 1.0 else _linear_weights
    scaled = weights(height, size[1]) @ chromosome.astype(np.float64) @ weights(width, size[0]).T
    scaled = np.clip(np.rint(scaled), 0, 255).astype(np.uint8)

    # Same rounding as the farm's warp: an unscaled crop lands on the same pixels.
    x = _round((canvas - 1) / 2.0 - (size[0] - 1) / 2.0)
    y = _round((canvas - 1) / 2.0 - (size[1] - 1) / 2.0)
    out[y : y + size[1], x : x + size[0]] = scaled[: canvas - y, : canvas - x]
    return out


def _round(value: float) -> int:
    """Half away from zero, as std::round (Python's round() goes to even)."""
    return int(math.floor(value + 0.5)) if value >= 0 else -int(math.floor(-value + 0.5))


def _area_weights(source: int, target: int) -> np.ndarray:
    """(target, source) matrix: each output pixel averages the source span it covers (INTER_AREA)."""
    step = source / target
    starts = np.arange(target)[:, None] * step
    pixels = np.arange(source)[None, :]
    overlap = np.minimum(pixels + 1, starts + step) - np.maximum(pixels, starts)
    return np.clip(overlap, 0.0, None) / step


def _linear_weights(source: int, target: int) -> np.ndarray:
    """(target, source) matrix of bilinear taps on pixel centres, edges clamped (INTER_LINEAR)."""
    position = (np.arange(target) + 0.5) * (source / target) - 0.5
    left = np.floor(position).astype(int)
    fraction = position - left
    fraction[left < 0] = 0.0
    left[left < 0] = 0
    last = left >= source - 1
    left[last], fraction[last] = source - 1, 0.0
    weights = np.zeros((target, source))
    rows = np.arange(target)
    weights[rows, left] += 1.0 - fraction
    weights[rows, np.minimum(left + 1, source - 1)] += fraction
    return weights


def _border_mean(grey: np.ndarray) -> float:
    if grey.shape[0] < 3 or grey.shape[1] < 3:
        return float(grey.mean())
    border = np.concatenate([grey[0], grey[-1], grey[1:-1, 0], grey[1:-1, -1]])
    return float(border.mean())


def _otsu_threshold(bright: np.ndarray) -> int:
    """The grey level OpenCV's THRESH_OTSU picks (foreground is strictly above it)."""
    histogram = np.bincount(bright.ravel(), minlength=256).astype(np.float64) / bright.size
    below = np.cumsum(histogram)
    mean_below = np.cumsum(histogram * np.arange(256))
    total_mean = mean_below[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mean * below - mean_below) ** 2 / (below * (1.0 - below))
    between[(below < 1e-12) | (1.0 - below < 1e-12)] = -1.0
    return int(np.argmax(between))


def _chromosome_components(binary: np.ndarray) -> np.ndarray:
    """8-connected components of at least max(4, largest / 5) px: arms split at a pale
    centromere stay, specks and slivers of neighbours go."""
    labels = _label_components(binary)
    areas = np.bincount(labels.ravel())
    if areas.size <= 1:
        return np.zeros_like(binary)
    minimum = max(4, int(areas[1:].max()) // 5)
    kept = areas >= minimum
    kept[0] = False
    return kept[labels]


def _label_components(binary: np.ndarray) -> np.ndarray:
    """8-connected labels (0 = background) by runs and union-find: fast enough in pure Python
    for crops, which hold a few hundred runs."""
    parent: list[int] = [0]

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    labels = np.zeros(binary.shape, dtype=np.int32)
    previous: list[tuple[int, int, int]] = []
    for y in range(binary.shape[0]):
        row = np.concatenate([[False], binary[y], [False]]).astype(np.int8)
        edges = np.flatnonzero(np.diff(row))
        current = []
        for start, end in zip(edges[0::2], edges[1::2]):
            label = 0
            for p_start, p_end, p_label in previous:
                # Diagonal neighbours touch: runs overlap once widened by one pixel.
                if p_start <= end and start <= p_end:
                    if label == 0:
                        label = find(p_label)
                    else:
                        a, b = find(label), find(p_label)
                        if a != b:
                            parent[max(a, b)] = min(a, b)
                            label = min(a, b)
            if label == 0:
                label = len(parent)
                parent.append(label)
            labels[y, start:end] = label
            current.append((int(start), int(end), label))
        previous = current
    roots = np.array([find(i) for i in range(len(parent))], dtype=np.int32)
    return roots[labels]


def _dilate(mask: np.ndarray, element: np.ndarray) -> np.ndarray:
    """Binary dilation; outside the image counts as background (OpenCV's default border)."""
    return _shifted(mask, element, fill=False, combine=np.logical_or)


def _erode(mask: np.ndarray, element: np.ndarray) -> np.ndarray:
    """Binary erosion; outside the image counts as foreground (OpenCV's default border)."""
    return _shifted(mask, element, fill=True, combine=np.logical_and)


def _shifted(mask: np.ndarray, element: np.ndarray, fill: bool, combine) -> np.ndarray:
    r = element.shape[0] // 2
    padded = np.pad(mask, r, constant_values=fill)
    height, width = mask.shape
    result = np.full(mask.shape, combine is np.logical_and)
    for dy, dx in zip(*np.nonzero(element)):
        result = combine(result, padded[dy : dy + height, dx : dx + width])
    return result
