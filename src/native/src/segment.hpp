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

// Whether the spread is light on dark: as the settings say, or measured when they say auto.
bool spread_polarity(const cv::Mat& grey, const SegmentSettings& settings);

// A candidate object: its box in the image and a box-sized mask (255 inside).
struct Piece {
  cv::Rect box;
  cv::Mat mask;
  int area;  // pixels inside
};

// Adds the piece of `mask` (placed at `offset`) cut to its bounding box; an empty mask adds nothing.
void emit(const cv::Mat& mask, cv::Point offset, std::vector<Piece>& pieces);

// The segmentation of `grey` from candidate pieces: debris, pieces on `nuclei` (may be empty)
// and oversized blobs are dropped, clusters flagged needs_review.
cf_segmentation assemble(const cv::Mat& grey, bool light_on_dark, std::vector<Piece> pieces, const cv::Mat& nuclei,
                         const SegmentSettings& settings);

// The chromosome in the training crops' convention: dark on white, white outside its mask.
cv::Mat crop_chromosome(const cf_segmentation& segmentation, int index, int margin);

}  // namespace cf
