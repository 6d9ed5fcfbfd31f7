// C ABI: images.
#include <cstring>
#include <string>

#include <opencv2/imgcodecs.hpp>

#include "chromofarm.h"
#include "crop.hpp"
#include "image.hpp"
#include "status.hpp"

extern "C" {

CF_API cf_status cf_image_decode_file(const char* path, int64_t max_pixels, cf_image** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    cf::require(path, "path");
    const std::vector<uint8_t> bytes = cf::read_file(path);
    try {
      *out = new cf_image{cf::decode_image(bytes.data(), bytes.size(), max_pixels)};
    } catch (const cf::Error& e) {
      cf::fail(e.status(), std::string("'") + path + "': " + e.what());
    }
  });
}

CF_API cf_status cf_image_decode_buffer(const uint8_t* data, size_t length, int64_t max_pixels, cf_image** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    // An empty managed array pins to NULL: that is empty data, not a missing argument.
    if (length > 0) cf::require(data, "data");
    *out = new cf_image{cf::decode_image(data, length, max_pixels)};
  });
}

CF_API cf_status cf_image_from_pixels(const uint8_t* pixels, int32_t width, int32_t height, int32_t stride,
                                      cf_image** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    cf::require(pixels, "pixels");
    if (width <= 0 || height <= 0)
      cf::fail(CF_ERR_INVALID_ARGUMENT,
               "size " + std::to_string(width) + "x" + std::to_string(height) + " is not positive");
    if (stride < width)
      cf::fail(CF_ERR_INVALID_ARGUMENT,
               "stride " + std::to_string(stride) + " is less than the width " + std::to_string(width));
    cv::Mat view(height, width, CV_8UC1, const_cast<uint8_t*>(pixels), static_cast<size_t>(stride));
    *out = new cf_image{view.clone()};
  });
}

CF_API void cf_image_destroy(cf_image* image) { delete image; }

CF_API cf_status cf_image_size(const cf_image* image, int32_t* width, int32_t* height) {
  return cf::guard(__func__, [&] {
    const cv::Mat& pixels = cf::pixels_of(image);
    *cf::require(width, "width") = pixels.cols;
    *cf::require(height, "height") = pixels.rows;
  });
}

CF_API cf_status cf_image_copy_pixels(const cf_image* image, uint8_t* buffer, size_t length) {
  return cf::guard(__func__, [&] {
    const cv::Mat& pixels = cf::pixels_of(image);
    cf::require(buffer, "buffer");
    if (length < pixels.total())
      cf::fail(CF_ERR_INVALID_ARGUMENT, "buffer holds " + std::to_string(length) + " bytes; the image needs " +
                                            std::to_string(pixels.total()));
    std::memcpy(buffer, pixels.data, pixels.total());
  });
}

CF_API cf_status cf_image_write_png(const cf_image* image, const char* path) {
  return cf::guard(__func__, [&] {
    const cv::Mat& pixels = cf::pixels_of(image);
    cf::require(path, "path");
    std::vector<uint8_t> png;
    if (!cv::imencode(".png", pixels, png)) cf::fail(CF_ERR_INTERNAL, "PNG encoding failed");
    cf::write_file(path, png);
  });
}

CF_API cf_status cf_image_encode_png(const cf_image* image, uint8_t* buffer, size_t length, size_t* required) {
  return cf::guard(__func__, [&] {
    const cv::Mat& pixels = cf::pixels_of(image);
    cf::require(required, "required");
    std::vector<uint8_t> png;
    if (!cv::imencode(".png", pixels, png)) cf::fail(CF_ERR_INTERNAL, "PNG encoding failed");
    *required = png.size();
    if (buffer == nullptr || length < png.size())
      cf::fail(CF_ERR_INVALID_ARGUMENT, "buffer holds " + std::to_string(length) + " bytes; the PNG needs " +
                                            std::to_string(png.size()));
    std::memcpy(buffer, png.data(), png.size());
  });
}

CF_API cf_status cf_image_upright(const cf_image* crop, int32_t margin, cf_image** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    const cv::Mat& pixels = cf::pixels_of(crop, "crop");
    if (margin < 0) cf::fail(CF_ERR_INVALID_ARGUMENT, "margin " + std::to_string(margin) + " is negative");
    *out = new cf_image{cf::upright_crop(pixels, margin)};
  });
}

}  // extern "C"
