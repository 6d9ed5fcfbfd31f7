// Segmentation by the learned network: its interiors are the chromosomes' cores, grown back over
// every pixel it calls chromosome; then the same filters as the classical segmenter.
#pragma once

#include "segment.hpp"

struct cf_segment_net;

namespace cf {

cf_segmentation segment_learned(const cv::Mat& grey, const cf_segment_net& net, const SegmentSettings& settings);

}  // namespace cf
