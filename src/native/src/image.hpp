#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "chromofarm.h"

// The opaque handle: always a continuous 8-bit single-channel image.
struct cf_image {
  cv::Mat pixels;
};

namespace cf {

std::vector<uint8_t> read_file(const char* path);
void write_file(const char* path, const std::vector<uint8_t>& bytes);

// max_pixels <= 0: no limit. Throws cf::Error (CF_ERR_DECODE / CF_ERR_TOO_LARGE).
cv::Mat decode_image(const uint8_t* data, size_t length, int64_t max_pixels);

const cv::Mat& pixels_of(const cf_image* image, const char* name = "image");

}  // namespace cf
