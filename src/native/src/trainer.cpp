#include "trainer.hpp"

#include <cmath>
#include <string>

#include <torch/nn/functional/loss.h>

#include "classifier.hpp"
#include "status.hpp"

namespace cf {
namespace {

void check_learning_rate(float learning_rate) {
  if (!std::isfinite(learning_rate) || learning_rate <= 0.0f)
    fail(CF_ERR_INVALID_ARGUMENT, "learning_rate " + number_text(learning_rate) + " is not a positive number");
}

}  // namespace

cf_trainer* create_trainer(cf_model& model, const cf_trainer_options& options) {
  check_learning_rate(options.learning_rate);
  if (!std::isfinite(options.weight_decay) || options.weight_decay < 0.0f)
    fail(CF_ERR_INVALID_ARGUMENT, "weight_decay " + number_text(options.weight_decay) + " is negative");
  if (!std::isfinite(options.label_smoothing) || options.label_smoothing < 0.0f || options.label_smoothing >= 1.0f)
    fail(CF_ERR_INVALID_ARGUMENT, "label_smoothing " + number_text(options.label_smoothing) + " is outside [0, 1)");
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

}  // namespace cf
