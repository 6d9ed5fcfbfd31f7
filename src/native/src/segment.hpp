// Classical segmentation of a metaphase spread into chromosome instances.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "chromofarm.h"

namespace cf {

struct SegmentedChromosome {
  cf_instance instance;
  cv::Mat mask;  // instance.width x instance.height, 255 inside
};

struct SegmentSettings {
  cf_polarity polarity = CF_POLARITY_AUTO;
  int min_area = 40;
  double max_area_factor = 6.0;
  double cluster_area_factor = 2.2;
  int background_radius = 0;  // 0: derived from the image size
};

SegmentSettings segment_settings(const cf_segment_options& options);

}  // namespace cf

struct cf_segmentation {
  cv::Mat source;      // the grey image that was segmented (shares the caller's pixels)
  bool light_on_dark;  // polarity the segmentation used
  std::vector<cf::SegmentedChromosome> chromosomes;
};

namespace cf {

cf_segmentation segment(const cv::Mat& grey, const SegmentSettings& settings);

// The chromosome in the training crops' convention: dark on white, white outside its mask.
cv::Mat crop_chromosome(const cf_segmentation& segmentation, int index, int margin);

}  // namespace cf
