#include "image.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>

#include <opencv2/imgcodecs.hpp>

#include "image_header.hpp"
#include "status.hpp"

namespace cf {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

[[noreturn]] void fail_io(const char* verb, const char* path) {
  fail(CF_ERR_IO, std::string("cannot ") + verb + " '" + path + "': " + std::strerror(errno));
}

void check_limit(int64_t width, int64_t height, int64_t max_pixels) {
  // Dimensions come from untrusted headers: w*h > max <=> h > max/w, without overflowing.
  if (max_pixels > 0 && width > 0 && height > 0 && height > max_pixels / width)
    fail(CF_ERR_TOO_LARGE, "image is " + std::to_string(width) + "x" + std::to_string(height) +
                               ", over the limit of " + std::to_string(max_pixels) + " px");
}

std::string undecodable(const ImageHeader& header, size_t length) {
  std::string why;
  if (header.format == ImageFormat::Unknown)
    why = "not PNG, JPEG, TIFF or BMP, and no other decoder accepted it";
  else
    why = std::string(format_name(header.format)) + " header but truncated or corrupt data";
  return "not a decodable image (" + why + "; " + std::to_string(length) + " bytes)";
}

}  // namespace

std::vector<uint8_t> read_file(const char* path) {
  errno = 0;
  File file(std::fopen(path, "rb"));
  if (!file) fail_io("open", path);
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  for (;;) {
    size_t n = std::fread(chunk, 1, sizeof chunk, file.get());
    bytes.insert(bytes.end(), chunk, chunk + n);
    if (n < sizeof chunk) break;
  }
  if (std::ferror(file.get())) fail_io("read", path);
  return bytes;
}

void write_file(const char* path, const std::vector<uint8_t>& bytes) {
  errno = 0;
  File file(std::fopen(path, "wb"));
  if (!file) fail_io("create", path);
  if (std::fwrite(bytes.data(), 1, bytes.size(), file.get()) != bytes.size()) fail_io("write", path);
  if (std::fclose(file.release()) != 0) fail_io("write", path);
}

cv::Mat decode_image(const uint8_t* data, size_t length, int64_t max_pixels) {
  if (length == 0) fail(CF_ERR_DECODE, "not a decodable image (empty data)");
  if (length > static_cast<size_t>(INT_MAX))
    fail(CF_ERR_TOO_LARGE, "image data is " + std::to_string(length) + " bytes, over the 2 GiB a decoder accepts");

  ImageHeader header = read_image_header(data, length);
  check_limit(header.width, header.height, max_pixels);
  if (!header.problem.empty()) fail(CF_ERR_DECODE, "not a decodable image (" + header.problem + ")");

  cv::Mat encoded(1, static_cast<int>(length), CV_8UC1, const_cast<uint8_t*>(data));
  cv::Mat grey;
  try {
    grey = cv::imdecode(encoded, cv::IMREAD_GRAYSCALE);
  } catch (const cv::Exception& e) {
    fail(CF_ERR_DECODE, undecodable(header, length) + ": " + e.what());
  }
  if (grey.empty()) fail(CF_ERR_DECODE, undecodable(header, length));
  // Formats without a parsed header are checked once their size is known.
  check_limit(grey.cols, grey.rows, max_pixels);
  if (grey.type() != CV_8UC1) fail(CF_ERR_DECODE, "decoder returned an image that is not 8-bit grey");
  return grey.isContinuous() ? grey : grey.clone();
}

const cv::Mat& pixels_of(const cf_image* image, const char* name) { return require(image, name)->pixels; }

}  // namespace cf
