// Crops to the classifier's input: a fixed canvas, background 0, chromosome bright, drawn at a
// scale relative to its cell so that relative size survives.
#pragma once

#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "crop.hpp"

namespace cf {

struct PreprocessSettings {
  int canvas = 64;
  float reference_length = 44.0f;
  bool augment = false;
  uint64_t seed = 0;
  float max_rotation_deg = 0.0f;
  bool orient = false;
  bool fit = false;  // scale every crop to fill the canvas instead of the per-cell scale
};

struct Augmentation {
  double angle_deg = 0.0;
  bool flip_x = false;
  bool flip_y = false;
  double scale = 1.0;
  double contrast = 1.0;
  double brightness = 0.0;
};

// One draw sequence per call: crop i gets the i-th set of draws from a generator seeded once.
std::vector<Augmentation> draw_augmentations(int count, const PreprocessSettings& settings);

// Writes canvas*canvas floats to pixels and the size features to features[0..1], from the crop's foreground
// (cf_image::foreground).
void preprocess_crop(const CropForeground& foreground, float reference_length, float reference_area,
                     const PreprocessSettings& settings, const Augmentation& augmentation, float* pixels,
                     float* features);

}  // namespace cf
