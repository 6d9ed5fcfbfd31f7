#include "model.hpp"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/init.h>

namespace cf {
namespace {

constexpr int64_t kSizeEmbedding = 16;

torch::nn::Conv2d conv3x3(int64_t in_channels, int64_t out_channels, int64_t stride) {
  return torch::nn::Conv2d(
      torch::nn::Conv2dOptions(in_channels, out_channels, 3).stride(stride).padding(1).bias(false));
}

}  // namespace

ResidualBlockImpl::ResidualBlockImpl(int64_t in_channels, int64_t out_channels, int64_t stride)
    : conv1_(register_module("conv1", conv3x3(in_channels, out_channels, stride))),
      conv2_(register_module("conv2", conv3x3(out_channels, out_channels, 1))),
      bn1_(register_module("bn1", torch::nn::BatchNorm2d(out_channels))),
      bn2_(register_module("bn2", torch::nn::BatchNorm2d(out_channels))) {
  if (stride != 1 || in_channels != out_channels) {
    projection_ = register_module(
        "projection",
        torch::nn::Sequential(
            torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, 1).stride(stride).bias(false)),
            torch::nn::BatchNorm2d(out_channels)));
  }
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x) {
  torch::Tensor y = torch::relu(bn1_(conv1_(x)));
  y = bn2_(conv2_(y));
  torch::Tensor shortcut = projection_.is_empty() ? x : projection_->forward(x);
  return torch::relu(y + shortcut);
}

ChromosomeNetImpl::ChromosomeNetImpl(const NetworkShape& shape) : shape_(shape) {
  const int64_t b = shape.base_width;
  stem_conv_ = register_module("stem_conv", conv3x3(1, b, 2));
  stem_bn_ = register_module("stem_bn", torch::nn::BatchNorm2d(b));

  stages_ = register_module("stages", torch::nn::Sequential());
  const int64_t widths[4] = {b, 2 * b, 4 * b, 8 * b};
  const int64_t strides[4] = {1, 2, 2, 2};
  int64_t channels = b;
  for (int stage = 0; stage < 4; ++stage) {
    for (int64_t block = 0; block < shape.blocks_per_stage; ++block) {
      stages_->push_back(ResidualBlock(channels, widths[stage], block == 0 ? strides[stage] : 1));
      channels = widths[stage];
    }
  }
  size_embedding_ = register_module("size_embedding", torch::nn::Linear(shape.size_features, kSizeEmbedding));
  dropout_ = register_module("dropout", torch::nn::Dropout(0.2));
  classifier_ = register_module("classifier", torch::nn::Linear(channels + kSizeEmbedding, shape.num_classes));

  for (auto& module : modules(/*include_self=*/false)) {
    if (auto* conv = module->as<torch::nn::Conv2d>()) {
      torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
    } else if (auto* bn = module->as<torch::nn::BatchNorm2d>()) {
      torch::nn::init::ones_(bn->weight);
      torch::nn::init::zeros_(bn->bias);
    }
  }
}

torch::Tensor ChromosomeNetImpl::forward(const torch::Tensor& pixels, const torch::Tensor& size_features) {
  torch::Tensor x = torch::relu(stem_bn_(stem_conv_(pixels)));
  x = stages_->forward(x);
  x = torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
  torch::Tensor size = torch::relu(size_embedding_(size_features));
  return classifier_(dropout_(torch::cat({x, size}, 1)));
}

}  // namespace cf
