// The metaphase spread as chromosome contrast: polarity, background removal, thresholds.
#pragma once

#include <array>
#include <cstdint>

#include <opencv2/core.hpp>

namespace cf {

// Counts of the 8-bit pixels where `ignore` is zero (all pixels when it is empty).
std::array<int, 256> histogram(const cv::Mat& grey, const cv::Mat& ignore = {});
int64_t total_of(const std::array<int, 256>& counts);
// The grey level below which `fraction` of the `total` counted pixels lie.
int percentile(const std::array<int, 256>& counts, int64_t total, double fraction);

// True when the spread's background is darker than its chromosomes (fluorescence).
bool is_light_on_dark(const cv::Mat& grey);

// Background-subtracted contrast of a spread whose chromosomes are bright, clipped and
// stretched to 0..255, with its Otsu threshold.
struct SpreadContrast {
  cv::Mat contrast;
  double otsu = 0.0;
};

// Pixels where `ignore` is non-zero (nuclei) do not count towards the clipping or the threshold.
SpreadContrast spread_contrast(const cv::Mat& bright, int radius, const cv::Mat& ignore = {});

// Pixels above threshold, with specks opened away (255 inside).
cv::Mat foreground(const cv::Mat& contrast, double threshold);

// foreground() at the Otsu threshold of spread_contrast().
cv::Mat threshold_spread(const cv::Mat& bright, int radius);

}  // namespace cf
