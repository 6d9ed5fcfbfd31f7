// C ABI: segmentation of a metaphase spread.
#include <cstring>
#include <string>

#include "chromofarm.h"
#include "image.hpp"
#include "segment.hpp"
#include "status.hpp"

namespace {

const cf::SegmentedChromosome& chromosome_at(const cf_segmentation* segmentation, int32_t index) {
  const auto& chromosomes = cf::require(segmentation, "segmentation")->chromosomes;
  if (index < 0 || static_cast<size_t>(index) >= chromosomes.size())
    cf::fail(CF_ERR_INVALID_ARGUMENT, "index " + std::to_string(index) + " is out of range: the segmentation has " +
                                          std::to_string(chromosomes.size()) + " instances");
  return chromosomes[static_cast<size_t>(index)];
}

}  // namespace

extern "C" {

CF_API cf_status cf_segment(const cf_image* image, const cf_segment_options* options, cf_segmentation** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    const cv::Mat& pixels = cf::pixels_of(image);
    cf::SegmentSettings settings = cf::segment_settings(*cf::require(options, "options"));
    *out = new cf_segmentation(cf::segment(pixels, settings));
  });
}

CF_API void cf_segmentation_destroy(cf_segmentation* segmentation) { delete segmentation; }

CF_API cf_status cf_segmentation_count(const cf_segmentation* segmentation, int32_t* count) {
  return cf::guard(__func__, [&] {
    const auto& chromosomes = cf::require(segmentation, "segmentation")->chromosomes;
    *cf::require(count, "count") = static_cast<int32_t>(chromosomes.size());
  });
}

CF_API cf_status cf_segmentation_instance(const cf_segmentation* segmentation, int32_t index, cf_instance* out) {
  return cf::guard(__func__, [&] {
    const cf::SegmentedChromosome& chromosome = chromosome_at(segmentation, index);
    *cf::require(out, "out") = chromosome.instance;
  });
}

CF_API cf_status cf_segmentation_mask(const cf_segmentation* segmentation, int32_t index, uint8_t* buffer,
                                      size_t length) {
  return cf::guard(__func__, [&] {
    const cv::Mat& mask = chromosome_at(segmentation, index).mask;
    cf::require(buffer, "buffer");
    if (length < mask.total())
      cf::fail(CF_ERR_INVALID_ARGUMENT, "buffer holds " + std::to_string(length) + " bytes; the mask needs " +
                                            std::to_string(mask.total()));
    for (int y = 0; y < mask.rows; ++y)
      std::memcpy(buffer + static_cast<size_t>(y) * mask.cols, mask.ptr<uint8_t>(y), static_cast<size_t>(mask.cols));
  });
}

CF_API cf_status cf_segmentation_crop(const cf_segmentation* segmentation, int32_t index, int32_t margin,
                                      cf_image** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    chromosome_at(segmentation, index);
    if (margin < 0) cf::fail(CF_ERR_INVALID_ARGUMENT, "margin " + std::to_string(margin) + " is negative");
    *out = new cf_image{cf::crop_chromosome(*segmentation, index, margin)};
  });
}

}  // extern "C"
