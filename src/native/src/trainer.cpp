#include "trainer.hpp"

#include <cmath>
#include <mutex>
#include <string>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/functional/loss.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include "classifier.hpp"
#include "status.hpp"

namespace cf {
namespace {

void check_learning_rate(float learning_rate) {
  if (!std::isfinite(learning_rate) || learning_rate <= 0.0f)
    fail(CF_ERR_INVALID_ARGUMENT, "learning_rate " + number_text(learning_rate) + " is not a positive number");
}

constexpr const char* kStateFormatKey = "chromofarm.trainer_format";
constexpr int64_t kStateFormatVersion = 1;
constexpr const char* kCpuGeneratorKey = "chromofarm.cpu_generator";

}  // namespace

cf_trainer* create_trainer(cf_model& model, const cf_trainer_options& options) {
  check_learning_rate(options.learning_rate);
  if (!std::isfinite(options.weight_decay) || options.weight_decay < 0.0f)
    fail(CF_ERR_INVALID_ARGUMENT, "weight_decay " + number_text(options.weight_decay) + " is negative");
  if (!std::isfinite(options.label_smoothing) || options.label_smoothing < 0.0f || options.label_smoothing >= 1.0f)
    fail(CF_ERR_INVALID_ARGUMENT, "label_smoothing " + number_text(options.label_smoothing) + " is outside [0, 1)");
  require_native_network(model, "trained");
  require_full_precision(model, "trained");
  auto optimizer = std::make_unique<torch::optim::AdamW>(
      model.net->parameters(),
      torch::optim::AdamWOptions(options.learning_rate).weight_decay(options.weight_decay));
  return new cf_trainer{&model, std::move(optimizer), options.label_smoothing};
}

void set_learning_rate(cf_trainer& trainer, float learning_rate) {
  check_learning_rate(learning_rate);
  for (auto& group : trainer.optimizer->param_groups())
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(learning_rate);
}

StepResult train_step(cf_trainer& trainer, const float* pixels, const float* features, const int64_t* labels,
                      int64_t n, const float* class_weights) {
  cf_model& model = *trainer.model;
  const int64_t classes = model.config.num_classes;
  for (int64_t i = 0; i < n; ++i) {
    if (labels[i] < 0 || labels[i] >= classes)
      fail(CF_ERR_INVALID_ARGUMENT, "labels[" + std::to_string(i) + "] = " + std::to_string(labels[i]) +
                                        " is outside 0.." + std::to_string(classes - 1));
  }

  model.net->train();
  torch::Tensor targets =
      torch::from_blob(const_cast<int64_t*>(labels), {n}, torch::kInt64).to(model.device);
  torch::Tensor logits = model.net->forward(pixels_tensor(model, pixels, n), features_tensor(model, features, n));

  auto loss_options = torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(trainer.label_smoothing);
  if (class_weights != nullptr)
    loss_options.weight(
        torch::from_blob(const_cast<float*>(class_weights), {classes}, torch::kFloat32).to(model.device));
  torch::Tensor loss = torch::nn::functional::cross_entropy(logits, targets, loss_options);

  trainer.optimizer->zero_grad();
  loss.backward();
  trainer.optimizer->step();

  torch::NoGradGuard no_grad;
  StepResult result;
  result.loss = loss.item<float>();
  result.correct = static_cast<int32_t>(logits.argmax(1).eq(targets).sum().item<int64_t>());
  return result;
}

void save_trainer_state(const cf_trainer& trainer, const char* path) {
  torch::serialize::OutputArchive archive;
  trainer.optimizer->save(archive);
  archive.write(kStateFormatKey, c10::IValue(kStateFormatVersion));
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  {
    std::lock_guard<std::mutex> lock(generator.mutex());
    archive.write(kCpuGeneratorKey, generator.get_state(), /*is_buffer=*/true);
  }
  save_archive_atomically(archive, path);
}

void load_trainer_state(cf_trainer& trainer, const char* path) {
  torch::serialize::InputArchive archive;
  // The moments go where the parameters are; the generator state is read back onto the CPU below.
  load_archive(archive, path, trainer.model->device, "trainer state");
  try {
    c10::IValue format;
    archive.read(kStateFormatKey, format);
    if (!format.isInt() || format.toInt() != kStateFormatVersion)
      fail(CF_ERR_MODEL, "unsupported trainer state format");
    torch::Tensor generator_state;
    archive.read(kCpuGeneratorKey, generator_state, /*is_buffer=*/true);
    generator_state = generator_state.to(torch::kCPU);
    // Load into a fresh optimiser first, so that a state of another shape leaves the trainer as it was.
    auto parameters = trainer.model->net->parameters();
    auto restored = std::make_unique<torch::optim::AdamW>(
        parameters, static_cast<const torch::optim::AdamWOptions&>(trainer.optimizer->defaults()));
    restored->load(archive);
    for (const auto& parameter : parameters) {
      auto found = restored->state().find(c10::guts::to_string(parameter.unsafeGetTensorImpl()));
      if (found == restored->state().end()) continue;
      const auto& moments = static_cast<const torch::optim::AdamWParamState&>(*found->second);
      if (!moments.exp_avg().sizes().equals(parameter.sizes()))
        fail(CF_ERR_MODEL, "its optimiser moments do not fit this model's parameters");
    }
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    {
      std::lock_guard<std::mutex> lock(generator.mutex());
      generator.set_state(generator_state);
    }
    trainer.optimizer = std::move(restored);
  } catch (const Error& e) {
    fail(CF_ERR_MODEL, std::string("'") + path + "' is not a usable trainer state: " + e.what());
  } catch (const c10::Error& e) {
    fail(CF_ERR_MODEL, std::string("'") + path + "' is not a usable trainer state: " + e.what_without_backtrace());
  } catch (const std::exception& e) {  // torch::jit reports missing entries as plain runtime errors
    fail(CF_ERR_MODEL, std::string("'") + path + "' is not a usable trainer state: " + e.what());
  }
}

}  // namespace cf
