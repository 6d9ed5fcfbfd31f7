// Image dimensions read from the container header, so that an oversized image can be refused
// before a decoder allocates its pixels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace cf {

enum class ImageFormat { Unknown, Png, Jpeg, Bmp, Tiff };

struct ImageHeader {
  ImageFormat format = ImageFormat::Unknown;
  // 0 when the header does not say (the size is then checked after decoding).
  int64_t width = 0;
  int64_t height = 0;
  // Set when the signature is recognised but the data is broken or cut short (the size, when
  // known, is still worth checking first).
  std::string problem;
};

ImageHeader read_image_header(const uint8_t* data, size_t length);
const char* format_name(ImageFormat format);

}  // namespace cf
