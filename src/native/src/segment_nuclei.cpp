#include "segment_nuclei.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace cf {

cv::Mat find_nuclei(const cv::Mat& bright, double width, double typical_area) {
  if (width <= 0 || typical_area <= 0) return {};
  // Everything brighter than the background, smoothed at the chromosome scale so a textured
  // nucleus is one solid object; the top-hat contrast used for chromosomes would hollow it.
  cv::Mat smooth, binary;
  cv::GaussianBlur(bright, smooth, cv::Size(0, 0), std::max(1.0, width / 4));
  cv::threshold(smooth, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);

  // An opening by a disc of 4 chromosome widths removes every chromosome and crossing,
  // and keeps what is much wider than a chromosome.
  const int r = std::max(2, static_cast<int>(std::lround(2.0 * width)));
  const cv::Mat disc = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * r + 1, 2 * r + 1));
  cv::Mat wide;
  cv::morphologyEx(binary, wide, cv::MORPH_OPEN, disc);

  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(wide, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  cv::Mat nuclei = cv::Mat::zeros(bright.size(), CV_8UC1);
  bool any = false;
  for (const auto& contour : contours) {
    const double area = cv::contourArea(contour);
    if (area < 4.0 * typical_area) continue;  // a clump of a few chromosomes
    std::vector<cv::Point> hull;
    cv::convexHull(contour, hull);
    const double solidity = area / std::max(1.0, cv::contourArea(hull));
    if (solidity < 0.7) continue;  // a pile of chromosomes is ragged; nuclei are round, two touching still fairly convex
    cv::drawContours(nuclei, std::vector<std::vector<cv::Point>>{contour}, 0, cv::Scalar(255), cv::FILLED);
    any = true;
  }
  if (!any) return {};
  const int grow = std::max(1, static_cast<int>(std::lround(width)));
  cv::dilate(nuclei, nuclei, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * grow + 1, 2 * grow + 1)));
  return nuclei;
}

}  // namespace cf
