// Interphase nuclei and large stain blobs in a metaphase spread.
#pragma once

#include <opencv2/core.hpp>

namespace cf {

// Pixels of objects far wider than a chromosome and roughly convex (255 inside), grown by a
// chromosome width; empty when there are none. `bright`: chromosomes bright on dark.
// `width`: typical chromosome width, px; `typical_area`: typical chromosome area, px.
cv::Mat find_nuclei(const cv::Mat& bright, double width, double typical_area);

}  // namespace cf
