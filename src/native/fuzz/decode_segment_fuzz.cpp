// libFuzzer target over the C API a worker calls on untrusted bytes: decode, segment (classical), cut crops,
// measure and preprocess them. Any status is fine; a crash, a sanitizer report, a leak or a hang is a finding.
// Built and run by bench/fuzz.sh (clang with -fsanitize=fuzzer,address,undefined).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "chromofarm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cf_image* image = nullptr;
  // 4 Mpx: the worker's limit is larger, but a fuzzer's time is better spent on many small inputs.
  if (cf_image_decode_buffer(data, size, 4'000'000, &image) != CF_OK) return 0;

  cf_segment_options options{};
  options.polarity = CF_POLARITY_AUTO;
  cf_segmentation* segmentation = nullptr;
  if (cf_segment(image, &options, &segmentation) == CF_OK) {
    int32_t count = 0;
    cf_segmentation_count(segmentation, &count);
    std::vector<cf_image*> crops;
    for (int32_t i = 0; i < count && i < 8; ++i) {
      cf_image* crop = nullptr;
      if (cf_segmentation_crop(segmentation, i, 4, &crop) == CF_OK) crops.push_back(crop);
    }
    if (!crops.empty()) {
      std::vector<float> lengths(crops.size(), 40.0f), areas(crops.size(), 400.0f);
      for (cf_image* crop : crops) {
        cf_crop_measure measure{};
        cf_crop_measure_image(crop, &measure);
      }
      cf_preprocess_options pre{};
      pre.canvas = 32;
      pre.reference_length = 20.0f;
      pre.orient = 1;
      std::vector<float> pixels(crops.size() * 32 * 32), features(crops.size() * CF_NUM_SIZE_FEATURES);
      cf_preprocess(crops.data(), lengths.data(), areas.data(), static_cast<int32_t>(crops.size()), &pre, pixels.data(),
                    pixels.size(), features.data(), features.size());
    }
    for (cf_image* crop : crops) cf_image_destroy(crop);
    cf_segmentation_destroy(segmentation);
  }
  cf_image_destroy(image);
  return 0;
}
