// The chromosome classifier network: a compact ResNet over the crop plus the crop's size
// relative to its cell.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

namespace cf {

struct NetworkShape {
  int64_t canvas;
  int64_t base_width;
  int64_t blocks_per_stage;
  int64_t num_classes;
  int64_t size_features;
};

class ResidualBlockImpl : public torch::nn::Module {
 public:
  ResidualBlockImpl(int64_t in_channels, int64_t out_channels, int64_t stride);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::BatchNorm2d bn1_{nullptr}, bn2_{nullptr};
  torch::nn::Sequential projection_{nullptr};  // empty when the shape is unchanged
};
TORCH_MODULE(ResidualBlock);

class ChromosomeNetImpl : public torch::nn::Module {
 public:
  explicit ChromosomeNetImpl(const NetworkShape& shape);
  // pixels [N,1,canvas,canvas], size features [N,size_features] -> logits [N,num_classes]
  torch::Tensor forward(const torch::Tensor& pixels, const torch::Tensor& size_features);
  const NetworkShape& shape() const { return shape_; }

 private:
  NetworkShape shape_;
  torch::nn::Conv2d stem_conv_{nullptr};
  torch::nn::BatchNorm2d stem_bn_{nullptr};
  torch::nn::Sequential stages_{nullptr};
  torch::nn::Linear size_embedding_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear classifier_{nullptr};
};
TORCH_MODULE(ChromosomeNet);

}  // namespace cf
