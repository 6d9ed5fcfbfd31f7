#include "segment_learned.hpp"

#include <queue>

#include <opencv2/imgproc.hpp>

#include "segment_net.hpp"

namespace cf {

cf_segmentation segment_learned(const cv::Mat& grey, const cf_segment_net& net, const SegmentSettings& settings) {
  const bool light_on_dark = spread_polarity(grey, settings);
  const std::vector<cv::Mat> p = segment_net_probabilities(net, network_input(grey, light_on_dark));

  // Chromosome pixels are those the network does not call background; a confident interior is
  // one chromosome's core, kept apart from its neighbours by the contact class between them.
  // (Instance F1 on the M-FISH tuning images: interior as the most likely class 0.760,
  // interior probability over 0.5 0.786, over 0.6 0.800, over 0.7 0.794.)
  constexpr double kCore = 0.6;
  const cv::Mat chromosome = p[CF_SEGMENT_BACKGROUND] < 0.5;
  const cv::Mat interior = p[CF_SEGMENT_INTERIOR] > kCore;
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(interior, labels, stats, centroids, 4, CV_32S);

  // Cores smaller than a speck are noise: unlabelled, so their pixels go to a neighbour.
  const int min_core = std::max(4, settings.min_area / 8);
  std::queue<cv::Point> frontier;
  for (int y = 0; y < labels.rows; ++y) {
    int* row = labels.ptr<int>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (row[x] == 0) continue;
      if (stats.at<int>(row[x], cv::CC_STAT_AREA) < min_core) row[x] = 0;
      else frontier.emplace(x, y);
    }
  }
  // Each core grows over the chromosome pixels nearest to it (breadth first, 4-connected), so
  // contact pixels are shared out between the chromosomes on either side.
  const cv::Point steps[4] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
  while (!frontier.empty()) {
    const cv::Point at = frontier.front();
    frontier.pop();
    const int label = labels.at<int>(at);
    for (const cv::Point& step : steps) {
      const cv::Point next = at + step;
      if (next.x < 0 || next.y < 0 || next.x >= labels.cols || next.y >= labels.rows) continue;
      if (labels.at<int>(next) != 0 || chromosome.at<uint8_t>(next) == 0) continue;
      labels.at<int>(next) = label;
      frontier.push(next);
    }
  }

  std::vector<cv::Rect> boxes(static_cast<size_t>(count));
  for (int y = 0; y < labels.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (row[x] == 0) continue;
      cv::Rect& box = boxes[static_cast<size_t>(row[x])];
      box = box.empty() ? cv::Rect(x, y, 1, 1) : box | cv::Rect(x, y, 1, 1);
    }
  }
  std::vector<Piece> pieces;
  for (int label = 1; label < count; ++label) {
    const cv::Rect& box = boxes[static_cast<size_t>(label)];
    if (!box.empty()) emit(labels(box) == label, box.tl(), pieces);
  }
  return assemble(grey, light_on_dark, std::move(pieces), cv::Mat(), settings);
}

}  // namespace cf
