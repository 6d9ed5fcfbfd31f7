#include "image_header.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

namespace cf {
namespace {

// Bounds-checked reads; an empty optional means "past the end of the data".
class Bytes {
 public:
  Bytes(const uint8_t* data, size_t length, bool big_endian = false)
      : data_(data), length_(length), big_endian_(big_endian) {}

  size_t length() const { return length_; }
  void set_big_endian(bool big_endian) { big_endian_ = big_endian; }

  std::optional<uint64_t> uint(size_t offset, size_t size) const {
    if (offset > length_ || size > length_ - offset) return std::nullopt;
    uint64_t value = 0;
    for (size_t i = 0; i < size; ++i) {
      size_t index = big_endian_ ? i : size - 1 - i;
      value = (value << 8) | data_[offset + index];
    }
    return value;
  }
  std::optional<uint64_t> u8(size_t offset) const { return uint(offset, 1); }
  std::optional<uint64_t> u16(size_t offset) const { return uint(offset, 2); }
  std::optional<uint64_t> u32(size_t offset) const { return uint(offset, 4); }
  std::optional<uint64_t> u64(size_t offset) const { return uint(offset, 8); }

  bool starts_with(const char* signature, size_t size) const {
    return length_ >= size && std::memcmp(data_, signature, size) == 0;
  }

 private:
  const uint8_t* data_;
  size_t length_;
  bool big_endian_;
};

std::string truncated(const char* what, size_t length) {
  return std::string(what) + " is truncated at " + std::to_string(length) + " bytes";
}

// Every PNG ends with an IEND chunk; writers sometimes append bytes after it.
bool has_png_end(const Bytes& bytes) {
  const size_t window = std::min<size_t>(bytes.length(), 4096);
  for (size_t offset = bytes.length() - window; offset + 8 <= bytes.length(); ++offset)
    if (bytes.uint(offset, 4) == uint64_t{0x444E4549} /* "IEND", little-endian read */) return true;
  return false;
}

void read_png(const Bytes& bytes, ImageHeader& header) {
  // Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4).
  Bytes be = bytes;
  be.set_big_endian(true);
  auto width = be.u32(16), height = be.u32(20);
  if (!width || !height) {
    header.problem = truncated("PNG header", bytes.length());
  } else if (!bytes.starts_with("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16)) {
    header.problem = "PNG signature but no IHDR chunk where the header belongs";
  } else {
    header.width = static_cast<int64_t>(*width);
    header.height = static_cast<int64_t>(*height);
    // Caught here rather than by libpng, which would also print to stderr.
    if (!has_png_end(bytes))
      header.problem = "PNG data is truncated at " + std::to_string(bytes.length()) + " bytes, no IEND chunk";
  }
}

bool is_frame_marker(uint64_t marker) {
  // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

void read_jpeg(const Bytes& bytes, ImageHeader& header) {
  Bytes be = bytes;
  be.set_big_endian(true);
  size_t offset = 2;
  for (;;) {
    auto prefix = be.u8(offset);
    if (!prefix) {
      header.problem = "JPEG data ends at " + std::to_string(bytes.length()) + " bytes, before its frame header";
      return;
    }
    // Anything but a marker here: leave the verdict to the decoder.
    if (*prefix != 0xFF) return;
    auto marker = be.u8(offset + 1);
    while (marker && *marker == 0xFF) marker = be.u8(++offset + 1);  // fill bytes
    if (!marker) {
      header.problem = truncated("JPEG header", bytes.length());
      return;
    }
    if (*marker == 0xD9 || *marker == 0xDA) {
      header.problem = "JPEG without a frame header before its image data";
      return;
    }
    if (*marker == 0x01 || (*marker >= 0xD0 && *marker <= 0xD8)) {  // markers without a length
      offset += 2;
      continue;
    }
    auto segment_length = be.u16(offset + 2);
    if (is_frame_marker(*marker)) {
      // length (2), precision (1), height (2), width (2)
      auto height = be.u16(offset + 5), width = be.u16(offset + 7);
      if (!height || !width) {
        header.problem = truncated("JPEG frame header", bytes.length());
        return;
      }
      // A height of 0 is legal (defined later by a DNL marker): checked after decoding.
      header.width = static_cast<int64_t>(*width);
      header.height = static_cast<int64_t>(*height);
      if (header.height == 0) header.width = 0;
      return;
    }
    if (!segment_length || *segment_length < 2) {
      header.problem = truncated("JPEG header", bytes.length());
      return;
    }
    offset += 2 + *segment_length;
  }
}

void read_bmp(const Bytes& bytes, ImageHeader& header) {
  auto info_size = bytes.u32(14);
  if (!info_size) {
    header.problem = truncated("BMP header", bytes.length());
    return;
  }
  std::optional<uint64_t> width, height;
  bool signed_dims = true;
  if (*info_size == 12) {  // BITMAPCOREHEADER: 16-bit unsigned dimensions
    width = bytes.u16(18);
    height = bytes.u16(20);
    signed_dims = false;
  } else if (*info_size >= 16) {
    width = bytes.u32(18);
    height = bytes.u32(22);
  } else {
    header.problem = "BMP with an unknown info header size (" + std::to_string(*info_size) + ")";
    return;
  }
  if (!width || !height) {
    header.problem = truncated("BMP header", bytes.length());
    return;
  }
  int64_t w = static_cast<int64_t>(*width), h = static_cast<int64_t>(*height);
  if (signed_dims) {
    w = static_cast<int32_t>(*width);
    h = static_cast<int32_t>(*height);
    if (h < 0) h = -h;  // top-down rows
  }
  if (w <= 0 || h <= 0) {
    header.problem = "BMP header gives an invalid size (" + std::to_string(w) + "x" + std::to_string(h) + ")";
    return;
  }
  header.width = w;
  header.height = h;
}

void read_tiff(const Bytes& bytes, ImageHeader& header) {
  Bytes data = bytes;
  data.set_big_endian(bytes.starts_with("MM", 2));
  bool big_tiff = *data.u16(2) == 43;
  // Classic: IFD offset (4) at 4, entry count (2), entries of 12 bytes with a 4-byte value.
  // BigTIFF: IFD offset (8) at 8, entry count (8), entries of 20 bytes with an 8-byte value.
  auto ifd = big_tiff ? data.u64(8) : data.u32(4);
  if (!ifd) {
    header.problem = truncated("TIFF header", bytes.length());
    return;
  }
  auto count = big_tiff ? data.u64(*ifd) : data.u16(*ifd);
  if (!count) {
    header.problem = "TIFF directory lies beyond the end of the data (offset " + std::to_string(*ifd) + ", " +
                     std::to_string(bytes.length()) + " bytes)";
    return;
  }
  const size_t entry_size = big_tiff ? 20 : 12;
  const size_t first = *ifd + (big_tiff ? 8 : 2);
  const size_t value_at = big_tiff ? 12 : 8;
  for (uint64_t i = 0; i < *count; ++i) {
    size_t entry = first + i * entry_size;
    auto tag = data.u16(entry), type = data.u16(entry + 2);
    if (!tag || !type) {
      header.problem = truncated("TIFF directory", bytes.length());
      return;
    }
    if (*tag != 256 && *tag != 257) continue;
    // Values shorter than the field are left-justified in it, in the file's byte order.
    std::optional<uint64_t> value;
    if (*type == 3) value = data.u16(entry + value_at);        // SHORT
    else if (*type == 4) value = data.u32(entry + value_at);   // LONG
    else if (*type == 16) value = data.u64(entry + value_at);  // LONG8 (BigTIFF)
    if (!value) {
      header.problem = "TIFF directory has an unreadable image " + std::string(*tag == 256 ? "width" : "length");
      return;
    }
    (*tag == 256 ? header.width : header.height) = static_cast<int64_t>(std::min<uint64_t>(*value, INT64_MAX));
  }
  if (header.width <= 0 || header.height <= 0) {
    header.problem = "TIFF directory without a valid image width and length";
    header.width = header.height = 0;
  }
}

}  // namespace

ImageHeader read_image_header(const uint8_t* data, size_t length) {
  Bytes bytes(data, length);
  ImageHeader header;
  if (bytes.starts_with("\x89PNG\r\n\x1a\n", 8)) {
    header.format = ImageFormat::Png;
    read_png(bytes, header);
  } else if (bytes.starts_with("\xFF\xD8\xFF", 3)) {
    header.format = ImageFormat::Jpeg;
    read_jpeg(bytes, header);
  } else if (bytes.starts_with("BM", 2)) {
    header.format = ImageFormat::Bmp;
    read_bmp(bytes, header);
  } else if (bytes.starts_with("II*\0", 4) || bytes.starts_with("MM\0*", 4) || bytes.starts_with("II+\0", 4) ||
             bytes.starts_with("MM\0+", 4)) {
    header.format = ImageFormat::Tiff;
    read_tiff(bytes, header);
  }
  return header;
}

const char* format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::Tiff: return "TIFF";
    case ImageFormat::Unknown: break;
  }
  return "unknown";
}

}  // namespace cf
