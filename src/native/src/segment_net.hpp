// The learned segmenter's network: a small U-Net that labels every pixel of a spread as
// background, chromosome interior, or contact between two chromosomes. Instances are then the
// interiors grown back over the chromosome pixels (segment_learned.cpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>
#include <torch/optim/adamw.h>

#include "chromofarm.h"

namespace cf {

class ConvPairImpl : public torch::nn::Module {
 public:
  ConvPairImpl(int64_t in_channels, int64_t out_channels);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::BatchNorm2d bn1_{nullptr}, bn2_{nullptr};
};
TORCH_MODULE(ConvPair);

class SegmentNetImpl : public torch::nn::Module {
 public:
  explicit SegmentNetImpl(int64_t width);
  // [N,1,H,W] -> logits [N,CF_SEGMENT_CLASSES,H,W]; H and W multiples of CF_SEGMENT_NET_STRIDE.
  torch::Tensor forward(const torch::Tensor& x);
  int64_t width() const { return width_; }

 private:
  int64_t width_;
  ConvPair down1_{nullptr}, down2_{nullptr}, down3_{nullptr}, bottom_{nullptr};
  ConvPair up3_{nullptr}, up2_{nullptr}, up1_{nullptr};
  torch::nn::Conv2d head_{nullptr};
};
TORCH_MODULE(SegmentNet);

// The network's input for a spread: chromosomes bright, the background at 0, heights above it
// in units of the background's noise, log-compressed; stains and exposures meet the network on
// one scale.
cv::Mat network_input(const cv::Mat& grey, bool light_on_dark);

}  // namespace cf

struct cf_segment_net {
  cf::SegmentNet net;
  torch::Device device;
  std::string metadata;
  std::unique_ptr<torch::optim::AdamW> optimizer;  // made by the first training step
};

namespace cf {

cf_segment_net* create_segment_net(int64_t width, uint64_t seed, torch::Device device);
cf_segment_net* load_segment_net(const char* path, torch::Device device);
void save_segment_net(const cf_segment_net& net, const char* path);

// One AdamW step on n square tiles of side `size`; returns the mean cross-entropy.
float segment_net_step(cf_segment_net& net, const float* inputs, const uint8_t* targets, int64_t n, int64_t size,
                       float learning_rate, const float* class_weights);

// Per-pixel class probabilities of a network input (CV_32F): CF_SEGMENT_CLASSES planes of its size.
std::vector<cv::Mat> segment_net_probabilities(const cf_segment_net& net, const cv::Mat& input);

}  // namespace cf
