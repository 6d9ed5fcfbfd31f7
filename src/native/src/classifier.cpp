#include "classifier.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <sstream>

#include <torch/nn/functional/activation.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/utils.h>

#include "image.hpp"
#include "status.hpp"
#include "threads.hpp"

namespace cf {
namespace {

// Keys beside the network's parameters and buffers in a model file.
constexpr const char* kFormatKey = "chromofarm.format";
constexpr int64_t kFormatVersion = 1;
constexpr const char* kCanvasKey = "chromofarm.canvas";
constexpr const char* kBaseWidthKey = "chromofarm.base_width";
constexpr const char* kBlocksKey = "chromofarm.blocks_per_stage";
constexpr const char* kClassesKey = "chromofarm.num_classes";
constexpr const char* kMetadataKey = "chromofarm.metadata";

constexpr int64_t kCpuForwardChunk = 64;

NetworkShape shape_of(const cf_model_config& config) {
  return NetworkShape{config.canvas, config.base_width, config.blocks_per_stage, config.num_classes,
                      CF_NUM_SIZE_FEATURES};
}

void check_range(const char* name, int32_t value, int32_t low, int32_t high) {
  if (value < low || value > high)
    fail(CF_ERR_INVALID_ARGUMENT, std::string("config.") + name + " = " + std::to_string(value) + " is outside " +
                                      std::to_string(low) + ".." + std::to_string(high));
}

}  // namespace

int64_t read_int(torch::serialize::InputArchive& archive, const char* key) {
  c10::IValue value;
  archive.read(key, value);
  if (!value.isInt()) fail(CF_ERR_MODEL, std::string("entry '") + key + "' is not an integer");
  return value.toInt();
}

void validate_config(const cf_model_config& config) {
  check_range("canvas", config.canvas, 8, 1024);
  check_range("base_width", config.base_width, 1, 512);
  check_range("blocks_per_stage", config.blocks_per_stage, 1, 16);
  check_range("num_classes", config.num_classes, 2, 4096);
}

cf_model* create_model(const cf_model_config& config, uint64_t seed, torch::Device device) {
  validate_config(config);
  apply_default_threads();
  torch::manual_seed(seed);
  ChromosomeNet net(shape_of(config));
  net->to(device);
  return new cf_model{config, net, device, std::string(), nullptr, cf_script_options{}};
}

cf_model& require_native_network(cf_model& model, const char* what) {
  if (model.script) fail(CF_ERR_INVALID_ARGUMENT, std::string("a TorchScript model cannot be ") + what);
  return model;
}

const cf_model& require_native_network(const cf_model& model, const char* what) {
  if (model.script) fail(CF_ERR_INVALID_ARGUMENT, std::string("a TorchScript model cannot be ") + what);
  return model;
}

void save_archive_atomically(torch::serialize::OutputArchive& archive, const char* path) {
  std::ostringstream stream;
  archive.save_to(stream);
  const std::string bytes = stream.str();

  // Written beside the target and renamed over it, so a crash never leaves half a file.
  const std::string temporary = std::string(path) + ".partial";
  write_file(temporary.c_str(), std::vector<uint8_t>(bytes.begin(), bytes.end()));
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    fail(CF_ERR_IO, std::string("cannot write '") + path + "': " + error.message());
  }
}

void load_archive(torch::serialize::InputArchive& archive, const char* path, torch::Device device, const char* what) {
  std::vector<uint8_t> bytes;
  try {
    bytes = read_file(path);
  } catch (const Error& error) {
    fail(CF_ERR_MODEL, error.what());
  }
  try {
    archive.load_from(reinterpret_cast<const char*>(bytes.data()), bytes.size(), device);
  } catch (const c10::Error& e) {
    fail(CF_ERR_MODEL, std::string("'") + path + "' is not a usable " + what + ": " + e.what_without_backtrace());
  } catch (const std::exception& e) {
    fail(CF_ERR_MODEL, std::string("'") + path + "' is not a usable " + what + ": " + e.what());
  }
}

void save_model(const cf_model& model, const char* path) {
  require_native_network(model, "saved (it is loaded from its own file)");
  require_full_precision(model, "saved");
  torch::serialize::OutputArchive archive;
  model.net->save(archive);
  archive.write(kFormatKey, c10::IValue(kFormatVersion));
  archive.write(kCanvasKey, c10::IValue(static_cast<int64_t>(model.config.canvas)));
  archive.write(kBaseWidthKey, c10::IValue(static_cast<int64_t>(model.config.base_width)));
  archive.write(kBlocksKey, c10::IValue(static_cast<int64_t>(model.config.blocks_per_stage)));
  archive.write(kClassesKey, c10::IValue(static_cast<int64_t>(model.config.num_classes)));
  archive.write(kMetadataKey, c10::IValue(model.metadata));
  save_archive_atomically(archive, path);
}

cf_model* load_model(const char* path, torch::Device device) {
  apply_default_threads();
  torch::serialize::InputArchive archive;
  load_archive(archive, path, torch::Device(torch::kCPU), "ChromoFarm model");
  try {
    if (read_int(archive, kFormatKey) != kFormatVersion)
      fail(CF_ERR_MODEL, "unsupported model format version");
    cf_model_config config{};
    config.canvas = static_cast<int32_t>(read_int(archive, kCanvasKey));
    config.base_width = static_cast<int32_t>(read_int(archive, kBaseWidthKey));
    config.blocks_per_stage = static_cast<int32_t>(read_int(archive, kBlocksKey));
    config.num_classes = static_cast<int32_t>(read_int(archive, kClassesKey));
    validate_config(config);
    c10::IValue metadata;
    archive.read(kMetadataKey, metadata);
    if (!metadata.isString()) fail(CF_ERR_MODEL, "entry 'chromofarm.metadata' is not a string");

    ChromosomeNet net(shape_of(config));
    net->load(archive);
    net->to(device);
    return new cf_model{config, net, device, metadata.toStringRef(), nullptr, cf_script_options{}};
  } catch (const Error& e) {
    fail(CF_ERR_MODEL, std::string("'") + path + "' is not a usable ChromoFarm model: " + e.what());
  } catch (const c10::Error& e) {
    fail(CF_ERR_MODEL, std::string("'") + path + "' is not a usable ChromoFarm model: " + e.what_without_backtrace());
  } catch (const std::exception& e) {  // torch::jit reports missing entries as plain runtime errors
    fail(CF_ERR_MODEL, std::string("'") + path + "' is not a usable ChromoFarm model: " + e.what());
  }
}

torch::Tensor pixels_tensor(const cf_model& model, const float* pixels, int64_t n) {
  const int64_t canvas = model.config.canvas;
  torch::Tensor tensor = torch::from_blob(const_cast<float*>(pixels), {n, 1, canvas, canvas}, torch::kFloat32)
                             .to(model.device, model.compute_dtype);
  return model.channels_last ? tensor.contiguous(torch::MemoryFormat::ChannelsLast) : tensor;
}

torch::Tensor features_tensor(const cf_model& model, const float* features, int64_t n) {
  return torch::from_blob(const_cast<float*>(features), {n, CF_NUM_SIZE_FEATURES}, torch::kFloat32)
      .to(model.device, model.compute_dtype);
}

void set_inference(cf_model& model, int32_t precision, bool channels_last) {
  require_native_network(model, "set to another precision (it computes as it was exported)");
  if (precision != CF_PRECISION_FP32 && precision != CF_PRECISION_BF16)
    fail(CF_ERR_INVALID_ARGUMENT, "precision " + std::to_string(precision) + " is not a cf_precision");
  const torch::Dtype dtype = precision == CF_PRECISION_BF16 ? torch::kBFloat16 : torch::kFloat32;
  if (model.compute_dtype == torch::kBFloat16 && dtype == torch::kFloat32)
    fail(CF_ERR_INVALID_ARGUMENT, "the model's weights were rounded to bf16; load it again for fp32");
  torch::NoGradGuard no_grad;
  model.net->to(dtype);
  // Convolution weights in NHWC let oneDNN skip reordering them on every call; a Linear's 2-d weight has no layout.
  const auto format = channels_last ? torch::MemoryFormat::ChannelsLast : torch::MemoryFormat::Contiguous;
  for (torch::Tensor& parameter : model.net->parameters())
    if (parameter.dim() == 4) parameter.set_data(parameter.contiguous(format));
  model.compute_dtype = dtype;
  model.channels_last = channels_last;
}

void require_full_precision(const cf_model& model, const char* what) {
  if (model.compute_dtype != torch::kFloat32)
    fail(CF_ERR_INVALID_ARGUMENT, std::string("a model set to bf16 inference cannot be ") + what +
                                      ": its weights were rounded; load the file again");
}

void classify(cf_model& model, const float* pixels, const float* features, int64_t n, float* out) {
  torch::NoGradGuard no_grad;
  if (!model.script) model.net->eval();
  // On CPU, sub-batches keep each activation under glibc's largest mmap threshold (32 MiB), so
  // buffers are reused from the heap instead of being mapped and faulted in anew per layer:
  // batch 256 at canvas 64 spent half its time in the kernel before this.
  const int64_t chunk = model.device.is_cpu() ? kCpuForwardChunk : n;
  const int64_t plane = int64_t{model.config.canvas} * model.config.canvas;
  const int64_t classes = model.config.num_classes;
  for (int64_t start = 0; start < n; start += chunk) {
    const int64_t count = std::min(chunk, n - start);
    const float* chunk_pixels = pixels + start * plane;
    const float* chunk_features = features + start * CF_NUM_SIZE_FEATURES;
    torch::Tensor probabilities;
    if (model.script) {
      probabilities = script_forward(model, chunk_pixels, chunk_features, count);
      if (!model.script_options.outputs_probabilities) probabilities = torch::softmax(probabilities, 1);
    } else {
      torch::Tensor logits = model.net->forward(pixels_tensor(model, chunk_pixels, count),
                                                features_tensor(model, chunk_features, count));
      probabilities = torch::softmax(logits.to(torch::kFloat32), 1);
    }
    probabilities = probabilities.to(torch::kCPU, torch::kFloat32).contiguous();
    std::memcpy(out + start * classes, probabilities.data_ptr<float>(),
                sizeof(float) * static_cast<size_t>(probabilities.numel()));
  }
}

}  // namespace cf
