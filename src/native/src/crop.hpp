// A single-chromosome crop: polarity, foreground and the size measurements the classifier
// sees beside the pixels.
#pragma once

#include <opencv2/core.hpp>

namespace cf {

struct CropForeground {
  cv::Mat bright;       // polarity-normalised: chromosome bright, background dark
  cv::Mat measured;     // Otsu foreground that length and area are measured on (255 inside)
  cv::Mat keep;         // measured, with pale bands and edges closed over: what survives cleaning
  bool light_on_dark;   // the crop as given had a dark background
  float length;         // long side of the foreground's minimum-area rectangle, px
  float area;           // foreground pixels
};

CropForeground crop_foreground(const cv::Mat& crop);

// Long side of the minimum-area rectangle around the mask's pixels (counting whole pixels,
// so a single pixel is 1 long).
float long_side(const cv::Mat& mask);

// Angle in radians of the mask's principal (long) axis from +x, y pointing down; false for
// shapes too round for the axis to mean anything (axes within 1.3 : 1) and for specks.
bool principal_axis(const cv::Mat& mask, double& theta);

// Degrees for cv::getRotationMatrix2D (counter-clockwise on screen) that stand the mask's
// principal axis upright; 0 for shapes too round to have one.
double upright_turn_deg(const cv::Mat& mask);

// Turns `crop` (dark chromosome on white) and `mask` (255 inside) by `turn_deg` about `pivot`,
// whitens everything outside the turned mask and cuts to its box plus `margin` px. Both must be
// large enough that the turn loses nothing of the chromosome.
cv::Mat stand_upright(cv::Mat crop, cv::Mat mask, double turn_deg, cv::Point2f pivot, int margin);

// A single-chromosome crop of either polarity as a karyogram shows it: dark on white, long axis
// vertical, outside the chromosome white, cut to it plus `margin` px.
cv::Mat upright_crop(const cv::Mat& crop, int margin);

}  // namespace cf
