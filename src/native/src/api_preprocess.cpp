// C ABI: crop measurement and batch preprocessing.
#include <cmath>
#include <exception>
#include <mutex>
#include <string>

#include <opencv2/core/utility.hpp>

#include "chromofarm.h"
#include "crop.hpp"
#include "image.hpp"
#include "preprocess.hpp"
#include "status.hpp"

namespace {

void check_positive(const char* name, int32_t index, float value) {
  if (!std::isfinite(value) || value <= 0.0f)
    cf::fail(CF_ERR_INVALID_ARGUMENT, std::string(name) + "[" + std::to_string(index) + "] = " +
                                          cf::number_text(value) + " is not a positive number");
}

cf::PreprocessSettings preprocess_settings(const cf_preprocess_options& options) {
  if (options.canvas <= 0 || options.canvas > 4096)
    cf::fail(CF_ERR_INVALID_ARGUMENT, "options.canvas " + std::to_string(options.canvas) + " is outside 1..4096");
  if (!std::isfinite(options.reference_length) || options.reference_length <= 0.0f)
    cf::fail(CF_ERR_INVALID_ARGUMENT, "options.reference_length is not a positive number");
  if (options.augment != 0 && options.augment != 1)
    cf::fail(CF_ERR_INVALID_ARGUMENT, "options.augment must be 0 or 1");
  if (options.augment && !std::isfinite(options.max_rotation_deg))
    cf::fail(CF_ERR_INVALID_ARGUMENT, "options.max_rotation_deg is not a number");
  if (options.orient != 0 && options.orient != 1) cf::fail(CF_ERR_INVALID_ARGUMENT, "options.orient must be 0 or 1");
  if (options.fit != 0 && options.fit != 1) cf::fail(CF_ERR_INVALID_ARGUMENT, "options.fit must be 0 or 1");
  cf::PreprocessSettings settings;
  settings.canvas = options.canvas;
  settings.reference_length = options.reference_length;
  settings.augment = options.augment == 1;
  settings.seed = options.seed;
  settings.max_rotation_deg = options.max_rotation_deg;
  settings.orient = options.orient == 1;
  settings.fit = options.fit == 1;
  return settings;
}

}  // namespace

extern "C" {

CF_API cf_status cf_crop_measure_image(const cf_image* crop, cf_crop_measure* out) {
  return cf::guard(__func__, [&] {
    cf::pixels_of(crop, "crop");
    cf::require(out, "out");
    const cf::CropForeground& foreground = crop->foreground();
    out->length = foreground.length;
    out->area = foreground.area;
    out->light_on_dark = foreground.light_on_dark ? 1 : 0;
  });
}

CF_API cf_status cf_preprocess(const cf_image* const* crops, const float* reference_length,
                               const float* reference_area, int32_t n, const cf_preprocess_options* options,
                               float* out_pixels, size_t pixels_length, float* out_features, size_t features_length) {
  return cf::guard(__func__, [&] {
    const cf::PreprocessSettings settings = preprocess_settings(*cf::require(options, "options"));
    if (n < 0) cf::fail(CF_ERR_INVALID_ARGUMENT, "n " + std::to_string(n) + " is negative");
    if (n == 0) return;
    cf::require(crops, "crops");
    cf::require(reference_length, "reference_length");
    cf::require(reference_area, "reference_area");
    cf::require(out_pixels, "out_pixels");
    cf::require(out_features, "out_features");
    const size_t plane = static_cast<size_t>(settings.canvas) * static_cast<size_t>(settings.canvas);
    const size_t count = static_cast<size_t>(n);
    if (pixels_length < count * plane)
      cf::fail(CF_ERR_INVALID_ARGUMENT, "out_pixels holds " + std::to_string(pixels_length) + " floats; " +
                                            std::to_string(n) + " crops need " + std::to_string(count * plane));
    if (features_length < count * CF_NUM_SIZE_FEATURES)
      cf::fail(CF_ERR_INVALID_ARGUMENT, "out_features holds " + std::to_string(features_length) + " floats; " +
                                            std::to_string(n) + " crops need " +
                                            std::to_string(count * CF_NUM_SIZE_FEATURES));
    for (int32_t i = 0; i < n; ++i) {
      if (crops[i] == nullptr) cf::fail(CF_ERR_INVALID_ARGUMENT, "crops[" + std::to_string(i) + "] is NULL");
      check_positive("reference_length", i, reference_length[i]);
      check_positive("reference_area", i, reference_area[i]);
    }

    const std::vector<cf::Augmentation> draws = cf::draw_augmentations(n, settings);
    std::exception_ptr failure;
    std::mutex failure_lock;
    // Everything was validated above; only resource failures can be left to carry out.
    cv::parallel_for_(cv::Range(0, n), [&](const cv::Range& range) {
      for (int i = range.start; i < range.end; ++i) {
        try {
          cf::preprocess_crop(crops[i]->foreground(), reference_length[i], reference_area[i], settings,
                              draws[static_cast<size_t>(i)], out_pixels + static_cast<size_t>(i) * plane,
                              out_features + static_cast<size_t>(i) * CF_NUM_SIZE_FEATURES);
        } catch (...) {
          std::lock_guard<std::mutex> lock(failure_lock);
          if (!failure) failure = std::current_exception();
        }
      }
    });
    if (failure) std::rethrow_exception(failure);
  });
}

}  // extern "C"
