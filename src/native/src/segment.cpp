#include "segment.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "crop.hpp"
#include "segment_contrast.hpp"
#include "segment_necks.hpp"
#include "segment_nuclei.hpp"
#include "status.hpp"

namespace cf {
namespace {

double median(std::vector<int> values) {
  if (values.empty()) return 0.0;
  auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

struct Components {
  cv::Mat labels, stats;
  int count = 0;
};

Components label_components(const cv::Mat& binary) {
  Components components;
  cv::Mat centroids;
  components.count = cv::connectedComponentsWithStats(binary, components.labels, components.stats, centroids, 8, CV_32S);
  return components;
}

cv::Rect box_of(const Components& components, int label) {
  const cv::Mat& s = components.stats;
  return cv::Rect(s.at<int>(label, cv::CC_STAT_LEFT), s.at<int>(label, cv::CC_STAT_TOP),
                  s.at<int>(label, cv::CC_STAT_WIDTH), s.at<int>(label, cv::CC_STAT_HEIGHT));
}

int area_of(const Components& components, int label) { return components.stats.at<int>(label, cv::CC_STAT_AREA); }

double typical_area(const Components& components, int min_area) {
  std::vector<int> areas;
  for (int label = 1; label < components.count; ++label)
    if (area_of(components, label) >= min_area) areas.push_back(area_of(components, label));
  return median(areas);
}

// Typical chromosome width (area / length of ordinary-sized objects), 0 when there are none.
double typical_width(const Components& components, int min_area) {
  const double typical = typical_area(components, min_area);
  std::vector<int> widths;  // in tenths of a pixel, for the integer median
  for (int label = 1; label < components.count; ++label) {
    int area = area_of(components, label);
    if (area < min_area || area < typical / 3 || area > typical * 2) continue;
    float length = long_side(components.labels(box_of(components, label)) == label);
    if (length > 0) widths.push_back(static_cast<int>(10.0 * area / length));
  }
  return median(widths) / 10.0;
}


double median_area(const std::vector<Piece>& pieces, int min_area) {
  std::vector<int> areas;
  for (const Piece& piece : pieces)
    if (piece.area >= min_area) areas.push_back(piece.area);
  return median(areas);
}

// A component too big for one chromosome is thresholded higher, step by step up to `to`,
// until it falls apart into pieces of at least min_area; the pieces then grow back over the
// component (watershed on the contrast) and are split further the same way. A component that
// never falls apart stays whole.
void split_piece(const cv::Mat& contrast, const cv::Mat& mask, cv::Point offset, double from, double to,
                 double limit, int min_area, std::vector<Piece>& pieces) {
  const int area = cv::countNonZero(mask);
  if (area <= limit) return emit(mask, offset, pieces);
  constexpr double kStep = 2.0;  // contrast levels (0..255)
  for (double t = from + kStep; t <= to; t += kStep) {
    cv::Mat sub;
    cv::threshold(contrast, sub, t, 255, cv::THRESH_BINARY);
    sub &= mask;
    Components parts = label_components(sub);
    std::vector<int> kept;
    for (int label = 1; label < parts.count; ++label)
      if (area_of(parts, label) >= min_area) kept.push_back(label);
    if (kept.empty()) break;
    if (kept.size() < 2) continue;
    cv::Mat markers(mask.size(), CV_32S, cv::Scalar(0));
    const int outside = static_cast<int>(kept.size()) + 1;
    markers.setTo(outside, mask == 0);
    for (size_t i = 0; i < kept.size(); ++i) markers.setTo(static_cast<int>(i) + 1, parts.labels == kept[i]);
    cv::Mat colour;
    cv::cvtColor(contrast, colour, cv::COLOR_GRAY2BGR);
    cv::watershed(colour, markers);
    for (size_t i = 0; i < kept.size(); ++i) {
      cv::Mat part = markers == static_cast<int>(i) + 1;
      split_piece(contrast, part, offset, t, to, limit, min_area, pieces);
    }
    return;
  }
  emit(mask, offset, pieces);
}

// Too big for one chromosome, or bigger than usual and far from convex (a cross, a T, a V).
// Merged objects flagged, all images, M-FISH / BioImLab: by size alone 88 of 185 / 126 of 248
// (203 / 293 flags); with the shape rule 111 / 163 (273 / 401 flags).
bool looks_like_cluster(const cv::Mat& mask, int area, double typical, double cluster_area_factor) {
  if (area > cluster_area_factor * typical) return true;
  if (area < 1.2 * typical) return false;
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  if (contours.empty()) return false;
  const auto& outline = *std::max_element(contours.begin(), contours.end(),
                                          [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::vector<cv::Point> hull;
  cv::convexHull(outline, hull);
  return area < 0.7 * cv::contourArea(hull);
}

}  // namespace

bool spread_polarity(const cv::Mat& grey, const SegmentSettings& settings) {
  return settings.polarity == CF_POLARITY_AUTO ? is_light_on_dark(grey) : settings.polarity == CF_POLARITY_LIGHT_ON_DARK;
}

void emit(const cv::Mat& mask, cv::Point offset, std::vector<Piece>& pieces) {
  cv::Rect tight = cv::boundingRect(mask);
  if (tight.empty()) return;
  cv::Mat tight_mask = mask(tight).clone();
  const int area = cv::countNonZero(tight_mask);
  pieces.push_back(Piece{tight + offset, std::move(tight_mask), area});
}

SegmentSettings segment_settings(const cf_segment_options& options) {
  SegmentSettings settings;
  if (options.polarity < CF_POLARITY_AUTO || options.polarity > CF_POLARITY_LIGHT_ON_DARK)
    fail(CF_ERR_INVALID_ARGUMENT, "options.polarity " + std::to_string(options.polarity) + " is not a cf_polarity");
  settings.polarity = static_cast<cf_polarity>(options.polarity);
  if (options.min_area > 0) settings.min_area = options.min_area;
  if (options.max_area_factor > 0) settings.max_area_factor = options.max_area_factor;
  if (options.cluster_area_factor > 0) settings.cluster_area_factor = options.cluster_area_factor;
  if (options.background_radius > 0) settings.background_radius = options.background_radius;
  return settings;
}

cf_segmentation segment(const cv::Mat& grey, const SegmentSettings& settings) {
  const bool light_on_dark = spread_polarity(grey, settings);
  cv::Mat bright = light_on_dark ? grey : 255 - grey;

  // The background kernel should be just wider than a chromosome (diameter 1.5 widths): wider
  // kernels keep the haze between neighbouring chromosomes and merge them. Unless told, a first
  // pass with a coarse kernel measures the chromosome width. (Instance F1 at IoU 0.5, M-FISH
  // 70 images / BioImLab 20 images, plain Otsu: coarse kernel 0.59 / 0.80, this 0.64 / 0.86.)
  const int coarse = std::max(8, std::min(grey.cols, grey.rows) / 20);
  const Components first = label_components(threshold_spread(bright, coarse));
  const double width = typical_width(first, settings.min_area);
  int radius = settings.background_radius;
  if (radius <= 0) radius = width > 0 ? std::clamp(static_cast<int>(std::lround(width * 0.75)), 4, coarse) : coarse;

  // Nuclei are found first and left out of the threshold's statistics: a bright nucleus would
  // otherwise set the contrast scale, and faint chromosomes fall below Otsu's level.
  const cv::Mat nuclei = find_nuclei(bright, width, typical_area(first, settings.min_area));
  const SpreadContrast spread = spread_contrast(bright, radius, nuclei);
  const Components high = label_components(foreground(spread.contrast, spread.otsu));

  // Objects are cut at 0.8 x Otsu, which keeps faint chromosomes and whole outlines; objects
  // over 1.5 x the typical area at Otsu's level are split between there and Otsu's level, so
  // nothing ends up more merged than plain Otsu would leave it. (Instance F1 M-FISH / BioImLab:
  // Otsu 0.647 / 0.859, 0.8 x Otsu 0.657 / 0.877, with splitting 0.667 / 0.883.)
  const double low_threshold = 0.8 * spread.otsu;
  const double split_area = 1.5 * typical_area(high, settings.min_area);
  const Components low = label_components(foreground(spread.contrast, low_threshold));
  std::vector<Piece> pieces;
  for (int label = 1; label < low.count; ++label) {
    if (area_of(low, label) < settings.min_area) continue;
    const cv::Rect box = box_of(low, label);
    split_piece(spread.contrast(box), low.labels(box) == label, box.tl(), low_threshold, spread.otsu, split_area,
                settings.min_area, pieces);
  }

  // Objects larger than a typical chromosome are cut at narrow necks (chromosomes touching end
  // to end); every part must still be a third of a typical chromosome. (Instance F1 on the
  // tuning images, M-FISH / BioImLab: 0.662 / 0.898 without, 0.665 / 0.898 with; cutting at
  // wider necks, under half the widest point, split centromeres: BioImLab 0.861.)
  const double piece_typical = median_area(pieces, 0);
  std::vector<Piece> cut;
  for (Piece& piece : pieces) {
    if (piece.area > 1.2 * piece_typical) {
      auto parts = split_at_necks(piece.mask, piece_typical / 3);
      if (!parts.empty()) {
        for (auto& part : parts) emit(part, piece.box.tl(), cut);
        continue;
      }
    }
    cut.push_back(std::move(piece));
  }
  return assemble(grey, light_on_dark, std::move(cut), nuclei, settings);
}

cf_segmentation assemble(const cv::Mat& grey, bool light_on_dark, std::vector<Piece> pieces, const cv::Mat& nuclei,
                         const SegmentSettings& settings) {
  cf_segmentation result;
  result.source = grey;
  result.light_on_dark = light_on_dark;

  const double typical = median_area(pieces, settings.min_area);
  for (Piece& piece : pieces) {
    const int area = piece.area;
    // Debris: under a quarter of a typical chromosome (the smallest annotated BioImLab objects are
    // a third). Tuning F1, M-FISH / BioImLab: min_area alone 0.665 / 0.898, a quarter 0.669 / 0.908.
    if (area < settings.min_area || area < 0.25 * typical) continue;
    if (!nuclei.empty() && cv::countNonZero(nuclei(piece.box) & piece.mask) * 2 > area) continue;
    if (area > settings.max_area_factor * typical) continue;  // nuclei, stain blobs
    SegmentedChromosome chromosome;
    chromosome.mask = piece.mask;
    cf_instance& instance = chromosome.instance;
    instance.x = piece.box.x;
    instance.y = piece.box.y;
    instance.width = piece.box.width;
    instance.height = piece.box.height;
    instance.area = area;
    instance.length = long_side(chromosome.mask);
    instance.needs_review = looks_like_cluster(piece.mask, area, typical, settings.cluster_area_factor) ? 1 : 0;
    result.chromosomes.push_back(std::move(chromosome));
  }
  return result;
}

cv::Mat crop_chromosome(const cf_segmentation& segmentation, int index, int margin) {
  const SegmentedChromosome& chromosome = segmentation.chromosomes.at(static_cast<size_t>(index));
  const cf_instance& instance = chromosome.instance;
  const cv::Rect box(instance.x, instance.y, instance.width, instance.height);
  margin = std::min(margin, std::max(segmentation.source.cols, segmentation.source.rows));  // no overflow

  // Room for the turn: the box's diagonal around its centre, clipped to the image.
  const int reach = static_cast<int>(std::ceil(std::hypot(box.width, box.height) / 2.0)) + margin + 1;
  const cv::Point centre(box.x + box.width / 2, box.y + box.height / 2);
  const cv::Rect area = cv::Rect(centre.x - reach, centre.y - reach, 2 * reach + 1, 2 * reach + 1) &
                        cv::Rect(0, 0, segmentation.source.cols, segmentation.source.rows);
  cv::Mat crop = segmentation.source(area).clone();
  if (segmentation.light_on_dark) cv::bitwise_not(crop, crop);  // the training crops' polarity

  // The thresholded mask sits slightly inside the chromosome's blurred edge.
  cv::Mat mask = cv::Mat::zeros(area.size(), CV_8UC1);
  chromosome.mask.copyTo(mask(cv::Rect(box.x - area.x, box.y - area.y, box.width, box.height)));
  cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));

  // Long axis vertical, as a karyogram shows it (principal axis of the mask; shapes too round
  // for an axis are left as they are). Outside the chromosome is white, like the training crops.
  const double turn = upright_turn_deg(chromosome.mask);
  const cv::Point2f pivot(static_cast<float>(centre.x - area.x), static_cast<float>(centre.y - area.y));
  return stand_upright(crop, mask, turn, pivot, margin);
}

}  // namespace cf