#include "segment_contrast.hpp"

#include <algorithm>
#include <array>

#include <opencv2/imgproc.hpp>

namespace cf {

// Counts of the pixels where `ignore` is zero (all pixels when it is empty).
std::array<int, 256> histogram(const cv::Mat& grey, const cv::Mat& ignore) {
  std::array<int, 256> counts{};
  for (int y = 0; y < grey.rows; ++y) {
    const uint8_t* row = grey.ptr<uint8_t>(y);
    const uint8_t* skip = ignore.empty() ? nullptr : ignore.ptr<uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x)
      if (skip == nullptr || skip[x] == 0) ++counts[row[x]];
  }
  return counts;
}

int64_t total_of(const std::array<int, 256>& counts) {
  int64_t total = 0;
  for (int c : counts) total += c;
  return total;
}

int percentile(const std::array<int, 256>& counts, int64_t total, double fraction) {
  int64_t target = static_cast<int64_t>(fraction * static_cast<double>(total)), seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += counts[v];
    if (seen > target) return v;
  }
  return 255;
}

namespace {

// Otsu's threshold of a histogram: the level that maximises the between-class variance.
double otsu(const std::array<int, 256>& counts) {
  const double total = static_cast<double>(total_of(counts));
  double sum = 0;
  for (int v = 0; v < 256; ++v) sum += static_cast<double>(v) * counts[v];
  double below = 0, below_sum = 0, best = -1, level = 0;
  for (int v = 0; v < 255; ++v) {
    below += counts[v];
    below_sum += static_cast<double>(v) * counts[v];
    if (below == 0 || below == total) continue;
    const double above = total - below;
    const double difference = below_sum / below - (sum - below_sum) / above;
    const double between = below * above * difference * difference;
    if (between > best) {
      best = between;
      level = v;
    }
  }
  return level;
}

// Chromosomes bright, background removed: a white top-hat (the image minus its opening by a
// disc wider than a chromosome), which follows uneven illumination and the dark margins of
// registered fluorescence images.
cv::Mat foreground_contrast(const cv::Mat& bright, int radius) {
  // The opening runs on a reduced image: the background is smooth at this scale anyway.
  const int reduce = std::max(1, radius / 8);
  cv::Mat small;
  cv::resize(bright, small, cv::Size(std::max(1, bright.cols / reduce), std::max(1, bright.rows / reduce)), 0, 0,
             cv::INTER_AREA);
  const int r = std::max(1, radius / reduce);
  cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * r + 1, 2 * r + 1));
  cv::Mat background;
  cv::morphologyEx(small, background, cv::MORPH_OPEN, kernel, cv::Point(-1, -1), 1, cv::BORDER_REPLICATE);
  cv::blur(background, background, cv::Size(3, 3));
  cv::resize(background, background, bright.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat contrast;
  cv::subtract(bright, background, contrast);
  return contrast;
}

}  // namespace

bool is_light_on_dark(const cv::Mat& grey) {
  // The background is the majority of the pixels, so the median sits on the background's
  // side of the intensity range.
  auto counts = histogram(grey);
  int64_t total = static_cast<int64_t>(grey.total());
  int low = percentile(counts, total, 0.01), high = percentile(counts, total, 0.99);
  int middle = percentile(counts, total, 0.5);
  return middle - low < high - middle;
}

SpreadContrast spread_contrast(const cv::Mat& bright, int radius, const cv::Mat& ignore) {
  cv::Mat contrast = foreground_contrast(bright, radius);
  cv::GaussianBlur(contrast, contrast, cv::Size(3, 3), 0);

  // A few very bright objects (debris, nuclei) would pull Otsu's threshold above faint
  // chromosomes: the contrast is clipped at a high percentile first, and what `ignore` marks
  // (nuclei) does not count at all.
  auto counts = histogram(contrast, ignore);
  const int ceiling = std::max(1, percentile(counts, total_of(counts), 0.995));
  SpreadContrast result;
  cv::min(contrast, ceiling, result.contrast);
  result.contrast.convertTo(result.contrast, CV_8U, 255.0 / ceiling);
  result.otsu = otsu(histogram(result.contrast, ignore));
  return result;
}

cv::Mat foreground(const cv::Mat& contrast, double threshold) {
  cv::Mat binary;
  cv::threshold(contrast, binary, threshold, 255, cv::THRESH_BINARY);
  // Opening only: a closing would also bridge the narrow gaps between neighbours.
  cv::morphologyEx(binary, binary, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
  return binary;
}

cv::Mat threshold_spread(const cv::Mat& bright, int radius) {
  SpreadContrast spread = spread_contrast(bright, radius);
  return foreground(spread.contrast, spread.otsu);
}

}  // namespace cf
