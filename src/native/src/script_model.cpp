// TorchScript models trained outside ChromoFarm (e.g. a torchvision network exported from
// Python): loaded with torch::jit and run forward-only behind the same cf_model handle.
#include <cmath>
#include <sstream>
#include <string>

#include <torch/script.h>

#include "classifier.hpp"
#include "status.hpp"
#include "threads.hpp"

namespace cf {
namespace {

void validate_script_options(const cf_script_options& options) {
  if (options.canvas < 8 || options.canvas > 1024)
    fail(CF_ERR_INVALID_ARGUMENT, "options.canvas " + std::to_string(options.canvas) + " is outside 8..1024");
  if (options.channels != 1 && options.channels != 3)
    fail(CF_ERR_INVALID_ARGUMENT, "options.channels " + std::to_string(options.channels) + " is neither 1 nor 3");
  if (options.size_features != 0 && options.size_features != 1)
    fail(CF_ERR_INVALID_ARGUMENT, "options.size_features must be 0 or 1");
  if (options.outputs_probabilities != 0 && options.outputs_probabilities != 1)
    fail(CF_ERR_INVALID_ARGUMENT, "options.outputs_probabilities must be 0 or 1");
  if (options.num_classes < 2 || options.num_classes > 4096)
    fail(CF_ERR_INVALID_ARGUMENT, "options.num_classes " + std::to_string(options.num_classes) + " is outside 2..4096");
  if (!std::isfinite(options.mean)) fail(CF_ERR_INVALID_ARGUMENT, "options.mean is not a number");
  if (!std::isfinite(options.std) || options.std <= 0.0f)
    fail(CF_ERR_INVALID_ARGUMENT, "options.std is not a positive number");
}

std::string shape_text(const torch::Tensor& tensor) {
  std::ostringstream text;
  text << tensor.sizes();
  return text.str();
}

}  // namespace

cf_model* load_torchscript(const char* path, const cf_script_options& options, torch::Device device) {
  validate_script_options(options);
  apply_default_threads();
  auto module = std::make_shared<torch::jit::Module>();
  try {
    *module = torch::jit::load(path, device);
  } catch (const c10::Error& e) {
    fail(CF_ERR_MODEL, std::string("'") + path + "' is not a loadable TorchScript module: " + e.what_without_backtrace());
  } catch (const std::exception& e) {
    fail(CF_ERR_MODEL, std::string("'") + path + "' is not a loadable TorchScript module: " + e.what());
  }
  module->eval();
  cf_model_config config{};
  config.canvas = options.canvas;
  config.num_classes = options.num_classes;
  return new cf_model{config, ChromosomeNet(nullptr), device, std::string(), module, options};
}

torch::Tensor script_forward(cf_model& model, const float* pixels, const float* features, int64_t n) {
  const cf_script_options& options = model.script_options;
  torch::Tensor x = pixels_tensor(model, pixels, n);
  if (options.mean != 0.0f || options.std != 1.0f) x = (x - options.mean) / options.std;
  if (options.channels == 3) x = x.expand({n, 3, options.canvas, options.canvas});
  std::vector<torch::jit::IValue> inputs{x};
  if (options.size_features) inputs.emplace_back(features_tensor(model, features, n));

  torch::jit::IValue result;
  try {
    result = model.script->forward(inputs);
  } catch (const c10::Error& e) {
    fail(CF_ERR_MODEL, std::string("the TorchScript module's forward failed: ") + e.what_without_backtrace());
  }
  if (!result.isTensor()) fail(CF_ERR_MODEL, "the TorchScript module returned " + result.tagKind() + ", not a tensor");
  torch::Tensor output = result.toTensor();
  if (output.dim() != 2 || output.size(0) != n || output.size(1) != options.num_classes)
    fail(CF_ERR_MODEL, "the TorchScript module returned shape " + shape_text(output) + "; expected [" +
                           std::to_string(n) + ", " + std::to_string(options.num_classes) + "]");
  return output;
}

}  // namespace cf
