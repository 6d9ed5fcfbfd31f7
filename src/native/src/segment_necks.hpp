// Separating chromosomes that touch end to end or side by side along a narrow neck.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace cf {

// Cuts `mask` (255 inside) where it narrows to a neck much thinner than the object around it:
// the cores that stay once the thin parts are shaved off (distance transform above 0.3 of its
// maximum) grow back over the mask by watershed. The cut is kept only when every part is a
// plausible chromosome (at least `min_part_area` px). Returns the parts, or nothing when the
// mask stays whole.
std::vector<cv::Mat> split_at_necks(const cv::Mat& mask, double min_part_area);

}  // namespace cf
