#include "segment_necks.hpp"

#include <opencv2/imgproc.hpp>

namespace cf {

std::vector<cv::Mat> split_at_necks(const cv::Mat& mask, double min_part_area) {
  cv::Mat padded;  // a border so the distance to the outside is measured at the box edge too
  cv::copyMakeBorder(mask, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, cv::Scalar(0));
  cv::Mat distance;
  cv::distanceTransform(padded, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  double deepest = 0;
  cv::minMaxLoc(distance, nullptr, &deepest);
  if (deepest < 2.0) return {};

  // A neck under 0.3 of the object's widest point does not survive (wider ones are often
  // centromeres); a crossing, whose middle is
  // the widest point, does, so crossings are never cut into pieces here.
  cv::Mat cores = distance > 0.3 * deepest;
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(cores, labels, stats, centroids, 8, CV_32S);
  if (count < 3) return {};  // background and one core

  cv::Mat markers(padded.size(), CV_32S, cv::Scalar(0));
  int parts = 0;
  for (int label = 1; label < count; ++label) {
    if (stats.at<int>(label, cv::CC_STAT_AREA) < 4) continue;  // a ripple on the outline
    markers.setTo(++parts, labels == label);
  }
  if (parts < 2) return {};
  markers.setTo(parts + 1, padded == 0);

  // Watershed on the inverted distance: the parts meet along the narrowest line between cores.
  cv::Mat relief;
  cv::normalize(distance, relief, 0, 255, cv::NORM_MINMAX);
  relief.convertTo(relief, CV_8U);
  relief = 255 - relief;
  cv::Mat colour;
  cv::cvtColor(relief, colour, cv::COLOR_GRAY2BGR);
  cv::watershed(colour, markers);

  const cv::Rect inner(1, 1, mask.cols, mask.rows);
  std::vector<cv::Mat> result;
  for (int part = 1; part <= parts; ++part) {
    cv::Mat piece = (markers(inner) == part) & mask;
    if (cv::countNonZero(piece) < min_part_area) return {};
    result.push_back(piece);
  }
  return result;
}

}  // namespace cf
