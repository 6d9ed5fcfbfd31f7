// The opaque cf_model: the network, where it lives, its configuration and its metadata.
#pragma once

#include <string>

#include "chromofarm.h"
#include "model.hpp"

struct cf_model {
  cf_model_config config;
  cf::ChromosomeNet net;
  torch::Device device;
  std::string metadata;
};

namespace cf {

void validate_config(const cf_model_config& config);
cf_model* create_model(const cf_model_config& config, uint64_t seed, torch::Device device);
cf_model* load_model(const char* path, torch::Device device);
void save_model(const cf_model& model, const char* path);

// Softmax over the classes for n crops; out gets n*num_classes floats.
void classify(cf_model& model, const float* pixels, const float* features, int64_t n, float* out);

// Caller buffers as tensors on the model's device.
torch::Tensor pixels_tensor(const cf_model& model, const float* pixels, int64_t n);
torch::Tensor features_tensor(const cf_model& model, const float* features, int64_t n);

}  // namespace cf
