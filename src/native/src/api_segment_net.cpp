// C ABI: the learned segmenter's network, its training and segmentation with it.
#include <cstring>
#include <string>

#include "chromofarm.h"
#include "device.hpp"
#include "image.hpp"
#include "segment_learned.hpp"
#include "segment_net.hpp"
#include "status.hpp"

extern "C" {

CF_API cf_status cf_segment_net_create(int32_t width, uint64_t seed, int32_t device, cf_segment_net** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    *out = cf::create_segment_net(width, seed, cf::resolve_device(device));
  });
}

CF_API cf_status cf_segment_net_load(const char* path, int32_t device, cf_segment_net** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    *out = cf::load_segment_net(cf::require(path, "path"), cf::resolve_device(device));
  });
}

CF_API cf_status cf_segment_net_save(const cf_segment_net* net, const char* path) {
  return cf::guard(__func__, [&] { cf::save_segment_net(*cf::require(net, "net"), cf::require(path, "path")); });
}

CF_API void cf_segment_net_destroy(cf_segment_net* net) { delete net; }

CF_API cf_status cf_segment_net_set_metadata(cf_segment_net* net, const char* metadata) {
  return cf::guard(__func__, [&] { cf::require(net, "net")->metadata = cf::require(metadata, "metadata"); });
}

CF_API cf_status cf_segment_net_get_metadata(const cf_segment_net* net, char* buffer, size_t length,
                                             size_t* required) {
  return cf::guard(__func__, [&] { cf::copy_text(cf::require(net, "net")->metadata, buffer, length, required); });
}

CF_API cf_status cf_segment_net_input(const cf_image* image, int32_t polarity, float* buffer, size_t length) {
  return cf::guard(__func__, [&] {
    const cv::Mat& pixels = cf::pixels_of(image);
    cf_segment_options options{};
    options.polarity = polarity;
    const bool light_on_dark = cf::spread_polarity(pixels, cf::segment_settings(options));
    cf::require(buffer, "buffer");
    if (length < pixels.total())
      cf::fail(CF_ERR_INVALID_ARGUMENT, "buffer holds " + std::to_string(length) + " floats; the image needs " +
                                            std::to_string(pixels.total()));
    const cv::Mat input = cf::network_input(pixels, light_on_dark);
    for (int y = 0; y < input.rows; ++y)
      std::memcpy(buffer + static_cast<size_t>(y) * input.cols, input.ptr<float>(y), sizeof(float) * input.cols);
  });
}

CF_API cf_status cf_segment_net_step(cf_segment_net* net, const float* inputs, const uint8_t* targets, int32_t n,
                                     int32_t size, float learning_rate, const float* class_weights,
                                     float* out_loss) {
  return cf::guard(__func__, [&] {
    cf::require(net, "net");
    if (n <= 0) cf::fail(CF_ERR_INVALID_ARGUMENT, "n " + std::to_string(n) + " is not positive");
    *cf::require(out_loss, "out_loss") = cf::segment_net_step(*net, cf::require(inputs, "inputs"),
                                                              cf::require(targets, "targets"), n, size,
                                                              learning_rate, class_weights);
  });
}

CF_API cf_status cf_segment_learned(const cf_image* image, const cf_segment_net* net, const cf_segment_options* options,
                                    cf_segmentation** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    const cv::Mat& pixels = cf::pixels_of(image);
    cf::SegmentSettings settings = cf::segment_settings(*cf::require(options, "options"));
    *out = new cf_segmentation(cf::segment_learned(pixels, *cf::require(net, "net"), settings));
  });
}

}  // extern "C"
