#include "preprocess.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include <opencv2/imgproc.hpp>

#include "crop.hpp"

namespace cf {
namespace {

// Uniform in [0, 1) from the top 53 bits: the same sequence with every standard library,
// which std::uniform_real_distribution does not promise.
double uniform(std::mt19937_64& generator) { return static_cast<double>(generator() >> 11) * 0x1.0p-53; }

double uniform(std::mt19937_64& generator, double low, double high) {
  return low + (high - low) * uniform(generator);
}

// Degrees in (-90, 90] that turn the mask's principal axis vertical once the flips are applied;
// 0 for shapes too round for the axis to mean anything (an axis ratio under 1.3).
double vertical_turn_deg(const cv::Mat& mask, bool flip_x, bool flip_y) {
  double theta = 0.0;
  if (!principal_axis(mask, theta)) return 0.0;
  // The warp flips first, then rotates by a: the axis (cos t, sin t) becomes vertical when t' + a = 90 deg.
  const double flipped = std::atan2((flip_y ? -1.0 : 1.0) * std::sin(theta), (flip_x ? -1.0 : 1.0) * std::cos(theta));
  double turn = 90.0 - flipped * 180.0 / CV_PI;
  while (turn > 90.0) turn -= 180.0;
  while (turn <= -90.0) turn += 180.0;
  return turn;
}

}  // namespace

std::vector<Augmentation> draw_augmentations(int count, const PreprocessSettings& settings) {
  std::vector<Augmentation> draws(static_cast<size_t>(count));
  if (!settings.augment) return draws;
  std::mt19937_64 generator(settings.seed);
  const double rotation = std::fabs(settings.max_rotation_deg);
  for (Augmentation& draw : draws) {
    draw.angle_deg = uniform(generator, -rotation, rotation);
    draw.flip_x = uniform(generator) < 0.5;
    draw.flip_y = uniform(generator) < 0.5;
    draw.scale = uniform(generator, 0.9, 1.1);
    draw.contrast = uniform(generator, 0.9, 1.1);
    draw.brightness = uniform(generator, -0.1, 0.1);
  }
  return draws;
}

void preprocess_crop(const CropForeground& foreground, float reference_length, float reference_area,
                     const PreprocessSettings& settings, const Augmentation& augmentation, float* pixels,
                     float* features) {
  const int canvas = settings.canvas;
  cv::Mat out(canvas, canvas, CV_32FC1, pixels);
  out.setTo(0.0f);

  features[0] = static_cast<float>(foreground.length / reference_length * augmentation.scale);
  features[1] = static_cast<float>(foreground.area / reference_area * augmentation.scale * augmentation.scale);

  cv::Rect tight = cv::boundingRect(foreground.keep);
  if (tight.empty()) return;
  cv::Mat chromosome = foreground.bright(tight).clone();
  cv::Mat keep = foreground.keep(tight);
  chromosome.setTo(0, keep == 0);

  // Scale relative to the cell, then shrink whatever would not fit once rotated.
  const double turn = settings.orient ? vertical_turn_deg(keep, augmentation.flip_x, augmentation.flip_y) : 0.0;
  const double angle = (turn + augmentation.angle_deg) * CV_PI / 180.0;
  const double cos_a = std::cos(angle), sin_a = std::sin(angle);
  double scale = (settings.fit ? settings.canvas / static_cast<double>(std::max(chromosome.cols, chromosome.rows))
                              : settings.reference_length / reference_length) *
                 augmentation.scale;
  const double w = chromosome.cols * scale, h = chromosome.rows * scale;
  const double extent = std::max(std::fabs(w * cos_a) + std::fabs(h * sin_a), std::fabs(w * sin_a) + std::fabs(h * cos_a));
  const double room = canvas - 1.0;
  if (extent > room) scale *= room / extent;

  cv::Size scaled_size(std::max(1, static_cast<int>(std::lround(chromosome.cols * scale))),
                       std::max(1, static_cast<int>(std::lround(chromosome.rows * scale))));
  cv::Mat scaled, scaled_keep;
  cv::resize(chromosome, scaled, scaled_size, 0, 0, scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);

  // dst = A (p - c_scaled) + c_canvas with A = rotation * flips; the translation is rounded so
  // that an unaugmented, unturned crop is copied pixel for pixel.
  const double fx = augmentation.flip_x ? -1.0 : 1.0, fy = augmentation.flip_y ? -1.0 : 1.0;
  const double a00 = cos_a * fx, a01 = -sin_a * fy, a10 = sin_a * fx, a11 = cos_a * fy;
  const double cx = (scaled.cols - 1) / 2.0, cy = (scaled.rows - 1) / 2.0, cc = (canvas - 1) / 2.0;
  const double tx = std::round(cc - (a00 * cx + a01 * cy)), ty = std::round(cc - (a10 * cx + a11 * cy));
  cv::Matx23d transform(a00, a01, tx, a10, a11, ty);

  cv::Mat drawn;
  cv::warpAffine(scaled, drawn, transform, cv::Size(canvas, canvas), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar(0));
  drawn.convertTo(out, CV_32F, 1.0 / 255.0);

  if (augmentation.contrast != 1.0 || augmentation.brightness != 0.0) {
    cv::resize(keep, scaled_keep, scaled_size, 0, 0, cv::INTER_NEAREST);
    cv::Mat drawn_keep;
    cv::warpAffine(scaled_keep, drawn_keep, transform, cv::Size(canvas, canvas), cv::INTER_NEAREST,
                   cv::BORDER_CONSTANT, cv::Scalar(0));
    for (int y = 0; y < canvas; ++y) {
      float* row = out.ptr<float>(y);
      const uint8_t* inside = drawn_keep.ptr<uint8_t>(y);
      for (int x = 0; x < canvas; ++x) {
        if (!inside[x]) continue;
        float v = static_cast<float>(row[x] * augmentation.contrast + augmentation.brightness);
        row[x] = std::min(1.0f, std::max(0.0f, v));
      }
    }
  }
}

}  // namespace cf
