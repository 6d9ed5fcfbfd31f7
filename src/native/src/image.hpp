#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "chromofarm.h"
#include "crop.hpp"

// The opaque handle: always a continuous 8-bit single-channel image, never changed once made.
struct cf_image {
  cv::Mat pixels;

  // The pixels taken as one chromosome crop: measured (cf_crop_measure_image) and preprocessed (cf_preprocess) from
  // the same foreground, found once on first use (thread-safe) instead of once per call.
  const cf::CropForeground& foreground() const {
    std::call_once(foreground_once_, [this] { foreground_ = std::make_unique<cf::CropForeground>(cf::crop_foreground(pixels)); });
    return *foreground_;
  }

  mutable std::once_flag foreground_once_{};
  mutable std::unique_ptr<const cf::CropForeground> foreground_{};
};

namespace cf {

std::vector<uint8_t> read_file(const char* path);
void write_file(const char* path, const std::vector<uint8_t>& bytes);

// max_pixels <= 0: no limit. Throws cf::Error (CF_ERR_DECODE / CF_ERR_TOO_LARGE).
cv::Mat decode_image(const uint8_t* data, size_t length, int64_t max_pixels);

const cv::Mat& pixels_of(const cf_image* image, const char* name = "image");

}  // namespace cf
