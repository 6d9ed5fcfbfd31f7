// C ABI: the classifier.
#include <cstring>
#include <string>

#include "chromofarm.h"
#include "classifier.hpp"
#include "device.hpp"
#include "status.hpp"

extern "C" {

CF_API cf_status cf_model_create(const cf_model_config* config, uint64_t seed, int32_t device, cf_model** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    cf::require(config, "config");
    *out = cf::create_model(*config, seed, cf::resolve_device(device));
  });
}

CF_API cf_status cf_model_load(const char* path, int32_t device, cf_model** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    cf::require(path, "path");
    *out = cf::load_model(path, cf::resolve_device(device));
  });
}

CF_API cf_status cf_model_load_torchscript(const char* path, const cf_script_options* options, int32_t device,
                                           cf_model** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    cf::require(path, "path");
    *out = cf::load_torchscript(path, *cf::require(options, "options"), cf::resolve_device(device));
  });
}

CF_API cf_status cf_model_is_torchscript(const cf_model* model, int32_t* out) {
  return cf::guard(__func__, [&] { *cf::require(out, "out") = cf::require(model, "model")->script ? 1 : 0; });
}

CF_API cf_status cf_model_save(const cf_model* model, const char* path) {
  return cf::guard(__func__, [&] {
    cf::require(model, "model");
    cf::require(path, "path");
    cf::save_model(*model, path);
  });
}

CF_API void cf_model_destroy(cf_model* model) { delete model; }

CF_API cf_status cf_model_get_config(const cf_model* model, cf_model_config* out) {
  return cf::guard(__func__, [&] { *cf::require(out, "out") = cf::require(model, "model")->config; });
}

CF_API cf_status cf_model_device(const cf_model* model, int32_t* device) {
  return cf::guard(__func__, [&] {
    const bool cuda = cf::require(model, "model")->device.is_cuda();
    *cf::require(device, "device") = cuda ? CF_DEVICE_CUDA : CF_DEVICE_CPU;
  });
}

CF_API cf_status cf_model_parameter_count(const cf_model* model, int64_t* count) {
  return cf::guard(__func__, [&] {
    int64_t total = 0;
    const cf_model& network = cf::require_native_network(*cf::require(model, "model"), "counted (its parameters are opaque)");
    for (const auto& parameter : network.net->parameters()) total += parameter.numel();
    *cf::require(count, "count") = total;
  });
}

CF_API cf_status cf_model_set_metadata(cf_model* model, const char* metadata) {
  return cf::guard(__func__, [&] { cf::require(model, "model")->metadata = cf::require(metadata, "metadata"); });
}

CF_API cf_status cf_model_get_metadata(const cf_model* model, char* buffer, size_t length, size_t* required) {
  return cf::guard(__func__, [&] { cf::copy_text(cf::require(model, "model")->metadata, buffer, length, required); });
}

CF_API cf_status cf_model_set_inference(cf_model* model, int32_t precision, int32_t channels_last) {
  return cf::guard(__func__, [&] { cf::set_inference(*cf::require(model, "model"), precision, channels_last != 0); });
}

CF_API cf_status cf_model_forward(cf_model* model, const float* pixels, const float* features, int32_t n,
                                  float* out_probabilities, size_t probabilities_length) {
  return cf::guard(__func__, [&] {
    cf::require(model, "model");
    if (n < 0) cf::fail(CF_ERR_INVALID_ARGUMENT, "n " + std::to_string(n) + " is negative");
    if (n == 0) return;
    cf::require(pixels, "pixels");
    cf::require(features, "features");
    cf::require(out_probabilities, "out_probabilities");
    const size_t needed = static_cast<size_t>(n) * static_cast<size_t>(model->config.num_classes);
    if (probabilities_length < needed)
      cf::fail(CF_ERR_INVALID_ARGUMENT, "out_probabilities holds " + std::to_string(probabilities_length) +
                                            " floats; " + std::to_string(n) + " crops need " + std::to_string(needed));
    cf::classify(*model, pixels, features, n, out_probabilities);
  });
}

}  // extern "C"
