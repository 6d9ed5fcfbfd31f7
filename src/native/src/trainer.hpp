#pragma once

#include <memory>

#include <torch/optim/adamw.h>

#include "chromofarm.h"

struct cf_trainer {
  cf_model* model;  // not owned; must outlive the trainer
  std::unique_ptr<torch::optim::AdamW> optimizer;
  float label_smoothing;
};

namespace cf {

struct StepResult {
  float loss;
  int32_t correct;
};

cf_trainer* create_trainer(cf_model& model, const cf_trainer_options& options);
void set_learning_rate(cf_trainer& trainer, float learning_rate);
StepResult train_step(cf_trainer& trainer, const float* pixels, const float* features, const int64_t* labels,
                      int64_t n, const float* class_weights);
void save_trainer_state(const cf_trainer& trainer, const char* path);
void load_trainer_state(cf_trainer& trainer, const char* path);

}  // namespace cf
