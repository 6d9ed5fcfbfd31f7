#include "segment_net.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/loss.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/functional/upsampling.h>
#include <torch/nn/init.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/utils.h>

#include "classifier.hpp"
#include "segment_contrast.hpp"
#include "status.hpp"
#include "threads.hpp"

namespace cf {
namespace {

constexpr const char* kFormatKey = "chromofarm.segment_net_format";
constexpr int64_t kFormatVersion = 1;
constexpr const char* kWidthKey = "chromofarm.segment_net_width";
constexpr const char* kMetadataKey = "chromofarm.metadata";

torch::nn::Conv2d conv3x3(int64_t in_channels, int64_t out_channels) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, 3).padding(1).bias(false));
}

torch::Tensor up(const torch::Tensor& x) {
  namespace F = torch::nn::functional;
  return F::interpolate(x, F::InterpolateFuncOptions()
                               .scale_factor(std::vector<double>{2.0, 2.0})
                               .mode(torch::kBilinear)
                               .align_corners(false));
}

void check_width(int64_t width) {
  if (width < 1 || width > 256)
    fail(CF_ERR_INVALID_ARGUMENT, "width " + std::to_string(width) + " is outside 1..256");
}

}  // namespace

ConvPairImpl::ConvPairImpl(int64_t in_channels, int64_t out_channels)
    : conv1_(register_module("conv1", conv3x3(in_channels, out_channels))),
      conv2_(register_module("conv2", conv3x3(out_channels, out_channels))),
      bn1_(register_module("bn1", torch::nn::BatchNorm2d(out_channels))),
      bn2_(register_module("bn2", torch::nn::BatchNorm2d(out_channels))) {}

torch::Tensor ConvPairImpl::forward(const torch::Tensor& x) {
  return torch::relu(bn2_(conv2_(torch::relu(bn1_(conv1_(x))))));
}

SegmentNetImpl::SegmentNetImpl(int64_t width) : width_(width) {
  const int64_t w = width;
  down1_ = register_module("down1", ConvPair(1, w));
  down2_ = register_module("down2", ConvPair(w, 2 * w));
  down3_ = register_module("down3", ConvPair(2 * w, 4 * w));
  bottom_ = register_module("bottom", ConvPair(4 * w, 8 * w));
  up3_ = register_module("up3", ConvPair(8 * w + 4 * w, 4 * w));
  up2_ = register_module("up2", ConvPair(4 * w + 2 * w, 2 * w));
  up1_ = register_module("up1", ConvPair(2 * w + w, w));
  head_ = register_module("head", torch::nn::Conv2d(torch::nn::Conv2dOptions(w, CF_SEGMENT_CLASSES, 1)));
  for (auto& module : modules(/*include_self=*/false)) {
    if (auto* conv = module->as<torch::nn::Conv2d>())
      torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
  }
}

torch::Tensor SegmentNetImpl::forward(const torch::Tensor& x) {
  namespace F = torch::nn::functional;
  const auto pool = F::MaxPool2dFuncOptions(2);
  torch::Tensor d1 = down1_(x);
  torch::Tensor d2 = down2_(F::max_pool2d(d1, pool));
  torch::Tensor d3 = down3_(F::max_pool2d(d2, pool));
  torch::Tensor b = bottom_(F::max_pool2d(d3, pool));
  torch::Tensor u3 = up3_(torch::cat({up(b), d3}, 1));
  torch::Tensor u2 = up2_(torch::cat({up(u3), d2}, 1));
  torch::Tensor u1 = up1_(torch::cat({up(u2), d1}, 1));
  return head_(u1);
}

cv::Mat network_input(const cv::Mat& grey, bool light_on_dark) {
  cv::Mat bright = light_on_dark ? grey : 255 - grey;
  const auto counts = histogram(bright);
  const int64_t total = static_cast<int64_t>(bright.total());
  auto level = [&](double fraction) { return percentile(counts, total, fraction); };
  // The background is most of the image: its median is the zero and the spread of its darker
  // half the noise. Heights above it are taken in units of noise and compressed (asinh), so a
  // bright nucleus no longer squeezes faint chromosomes into a few levels, whatever the exposure.
  const int background = level(0.5);
  const double noise = std::max(1.0, (background - level(0.1)) / 1.28);
  cv::Mat input;
  bright.convertTo(input, CV_32F, 1.0 / (3.0 * noise), -background / (3.0 * noise));
  for (int y = 0; y < input.rows; ++y) {
    float* row = input.ptr<float>(y);
    for (int x = 0; x < input.cols; ++x) row[x] = std::asinh(row[x]) / 3.0f;
  }
  return input;
}

cf_segment_net* create_segment_net(int64_t width, uint64_t seed, torch::Device device) {
  check_width(width);
  apply_default_threads();
  torch::manual_seed(seed);
  SegmentNet net(width);
  net->to(device);
  net->eval();
  return new cf_segment_net{net, device, std::string(), nullptr};
}

void save_segment_net(const cf_segment_net& net, const char* path) {
  torch::serialize::OutputArchive archive;
  net.net->save(archive);
  archive.write(kFormatKey, c10::IValue(kFormatVersion));
  archive.write(kWidthKey, c10::IValue(net.net->width()));
  archive.write(kMetadataKey, c10::IValue(net.metadata));
  save_archive_atomically(archive, path);
}

cf_segment_net* load_segment_net(const char* path, torch::Device device) {
  apply_default_threads();
  torch::serialize::InputArchive archive;
  load_archive(archive, path, torch::Device(torch::kCPU), "ChromoFarm segmentation network");
  const std::string refused = std::string("'") + path + "' is not a usable ChromoFarm segmentation network: ";
  try {
    if (read_int(archive, kFormatKey) != kFormatVersion) fail(CF_ERR_MODEL, "unsupported format version");
    const int64_t width = read_int(archive, kWidthKey);
    check_width(width);
    c10::IValue metadata;
    archive.read(kMetadataKey, metadata);
    if (!metadata.isString()) fail(CF_ERR_MODEL, "entry 'chromofarm.metadata' is not a string");
    SegmentNet net(width);
    net->load(archive);
    net->to(device);
    net->eval();
    return new cf_segment_net{net, device, metadata.toStringRef(), nullptr};
  } catch (const Error& e) {
    fail(CF_ERR_MODEL, refused + e.what());
  } catch (const c10::Error& e) {
    fail(CF_ERR_MODEL, refused + e.what_without_backtrace());
  } catch (const std::exception& e) {  // torch::jit reports missing entries as plain runtime errors
    fail(CF_ERR_MODEL, refused + e.what());
  }
}

float segment_net_step(cf_segment_net& net, const float* inputs, const uint8_t* targets, int64_t n, int64_t size,
                       float learning_rate, const float* class_weights) {
  if (size <= 0 || size % CF_SEGMENT_NET_STRIDE != 0)
    fail(CF_ERR_INVALID_ARGUMENT, "size " + std::to_string(size) + " is not a positive multiple of " +
                                      std::to_string(CF_SEGMENT_NET_STRIDE));
  // Batch norm cannot train on one value per channel, which is what n tiles of size 8 leave at
  // the coarsest level when n is 1; libtorch would fail inside the forward pass.
  const int64_t coarsest = n * (size / CF_SEGMENT_NET_STRIDE) * (size / CF_SEGMENT_NET_STRIDE);
  if (coarsest < 2)
    fail(CF_ERR_INVALID_ARGUMENT, "n " + std::to_string(n) + " tiles of size " + std::to_string(size) +
                                      " leave one value per channel at the network's coarsest level, too few for "
                                      "batch norm to train on: give more tiles or larger ones");
  if (!std::isfinite(learning_rate) || learning_rate <= 0.0f)
    fail(CF_ERR_INVALID_ARGUMENT, "learning_rate " + number_text(learning_rate) + " is not a positive number");
  const int64_t pixels = n * size * size;
  for (int64_t i = 0; i < pixels; ++i) {
    if (targets[i] >= CF_SEGMENT_CLASSES && targets[i] != CF_SEGMENT_IGNORE)
      fail(CF_ERR_INVALID_ARGUMENT, "targets[" + std::to_string(i) + "] = " + std::to_string(targets[i]) +
                                        " is neither a class nor CF_SEGMENT_IGNORE");
  }
  if (!net.optimizer)
    net.optimizer = std::make_unique<torch::optim::AdamW>(net.net->parameters(),
                                                          torch::optim::AdamWOptions(learning_rate).weight_decay(1e-4));
  for (auto& group : net.optimizer->param_groups())
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(learning_rate);

  // Back to evaluation mode however the step ends: a network left training would segment with
  // batch statistics and move its running averages under concurrent readers.
  struct EvalOnExit {
    SegmentNet& net;
    ~EvalOnExit() { net->eval(); }
  } restore{net.net};
  net.net->train();
  torch::Tensor x = torch::from_blob(const_cast<float*>(inputs), {n, 1, size, size}, torch::kFloat32).to(net.device);
  torch::Tensor y = torch::from_blob(const_cast<uint8_t*>(targets), {n, size, size}, torch::kUInt8)
                        .to(net.device, torch::kInt64);
  auto options = torch::nn::functional::CrossEntropyFuncOptions().ignore_index(CF_SEGMENT_IGNORE);
  if (class_weights != nullptr)
    options.weight(torch::from_blob(const_cast<float*>(class_weights), {CF_SEGMENT_CLASSES}, torch::kFloat32)
                       .to(net.device));
  torch::Tensor loss = torch::nn::functional::cross_entropy(net.net->forward(x), y, options);
  net.optimizer->zero_grad();
  loss.backward();
  net.optimizer->step();
  return loss.item<float>();
}

std::vector<cv::Mat> segment_net_probabilities(const cf_segment_net& net, const cv::Mat& input) {
  // Padded (reflected) to the network's stride, then cut back.
  const int stride = CF_SEGMENT_NET_STRIDE;
  const int height = (input.rows + stride - 1) / stride * stride, width = (input.cols + stride - 1) / stride * stride;
  cv::Mat padded;
  cv::copyMakeBorder(input, padded, 0, height - input.rows, 0, width - input.cols, cv::BORDER_REFLECT);
  padded = padded.isContinuous() ? padded : padded.clone();

  torch::NoGradGuard no_grad;
  SegmentNet module = net.net;  // shares the parameters; kept in eval mode outside training steps
  torch::Tensor x = torch::from_blob(padded.data, {1, 1, height, width}, torch::kFloat32).to(net.device);
  torch::Tensor p = torch::softmax(module->forward(x), 1).to(torch::kCPU).contiguous();
  std::vector<cv::Mat> planes;
  for (int c = 0; c < CF_SEGMENT_CLASSES; ++c) {
    cv::Mat plane(height, width, CV_32F, p[0][c].data_ptr<float>());
    planes.push_back(plane(cv::Rect(0, 0, input.cols, input.rows)).clone());
  }
  return planes;
}

}  // namespace cf
