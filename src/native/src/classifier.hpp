// The opaque cf_model: the network, where it lives, its configuration and its metadata.
#pragma once

#include <memory>
#include <string>

#include "chromofarm.h"
#include "model.hpp"

#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

namespace torch::jit {
struct Module;
}

struct cf_model {
  cf_model_config config;
  cf::ChromosomeNet net;  // null for a TorchScript model
  torch::Device device;
  std::string metadata;
  std::shared_ptr<torch::jit::Module> script;  // set for a TorchScript model (forward only)
  cf_script_options script_options{};
  // Set by cf_model_set_inference: the dtype the network computes in, and NHWC activations.
  torch::Dtype compute_dtype = torch::kFloat32;
  bool channels_last = false;
};

namespace cf {

void validate_config(const cf_model_config& config);
cf_model* create_model(const cf_model_config& config, uint64_t seed, torch::Device device);
cf_model* load_model(const char* path, torch::Device device);
void save_model(const cf_model& model, const char* path);
cf_model* load_torchscript(const char* path, const cf_script_options& options, torch::Device device);

// Fails with CF_ERR_INVALID_ARGUMENT when the model is a TorchScript module; `what` names the refused operation.
cf_model& require_native_network(cf_model& model, const char* what);
const cf_model& require_native_network(const cf_model& model, const char* what);

// cf_model_set_inference: precision is a cf_precision.
void set_inference(cf_model& model, int32_t precision, bool channels_last);

// Fails with CF_ERR_INVALID_ARGUMENT when the model computes in bf16 (its weights are rounded); `what` names the
// refused operation.
void require_full_precision(const cf_model& model, const char* what);

// Logits (or probabilities, when the module already outputs them) of a TorchScript model.
torch::Tensor script_forward(cf_model& model, const float* pixels, const float* features, int64_t n);

// Serialises an archive to path through a temporary file renamed over it.
void save_archive_atomically(torch::serialize::OutputArchive& archive, const char* path);

// Reads an archive written by save_archive_atomically; a missing or unreadable file is CF_ERR_MODEL
// (the header promises that status for model files, not the generic I/O one). `what` names the
// expected content in the message ("ChromoFarm model", "trainer state").
void load_archive(torch::serialize::InputArchive& archive, const char* path, torch::Device device, const char* what);

// An integer entry of a model archive; anything else is CF_ERR_MODEL naming the key.
int64_t read_int(torch::serialize::InputArchive& archive, const char* key);

// Softmax over the classes for n crops; out gets n*num_classes floats.
void classify(cf_model& model, const float* pixels, const float* features, int64_t n, float* out);

// Caller buffers as tensors on the model's device.
torch::Tensor pixels_tensor(const cf_model& model, const float* pixels, int64_t n);
torch::Tensor features_tensor(const cf_model& model, const float* features, int64_t n);

}  // namespace cf
