// C ABI: training.
#include <string>

#include "chromofarm.h"
#include "classifier.hpp"
#include "status.hpp"
#include "trainer.hpp"

extern "C" {

CF_API cf_status cf_trainer_create(cf_model* model, const cf_trainer_options* options, cf_trainer** out) {
  return cf::guard(__func__, [&] {
    *cf::require(out, "out") = nullptr;
    cf::require(model, "model");
    *out = cf::create_trainer(*model, *cf::require(options, "options"));
  });
}

CF_API void cf_trainer_destroy(cf_trainer* trainer) { delete trainer; }

CF_API cf_status cf_trainer_set_learning_rate(cf_trainer* trainer, float learning_rate) {
  return cf::guard(__func__, [&] { cf::set_learning_rate(*cf::require(trainer, "trainer"), learning_rate); });
}

CF_API cf_status cf_trainer_step(cf_trainer* trainer, const float* pixels, const float* features,
                                 const int64_t* labels, int32_t n, const float* class_weights, float* out_loss,
                                 int32_t* out_correct) {
  return cf::guard(__func__, [&] {
    cf::require(trainer, "trainer");
    if (n <= 0) cf::fail(CF_ERR_INVALID_ARGUMENT, "n " + std::to_string(n) + " is not positive");
    cf::require(pixels, "pixels");
    cf::require(features, "features");
    cf::require(labels, "labels");
    cf::require(out_loss, "out_loss");
    cf::require(out_correct, "out_correct");
    const cf::StepResult result = cf::train_step(*trainer, pixels, features, labels, n, class_weights);
    *out_loss = result.loss;
    *out_correct = result.correct;
  });
}

CF_API cf_status cf_trainer_save_state(const cf_trainer* trainer, const char* path) {
  return cf::guard(__func__, [&] { cf::save_trainer_state(*cf::require(trainer, "trainer"), cf::require(path, "path")); });
}

CF_API cf_status cf_trainer_load_state(cf_trainer* trainer, const char* path) {
  return cf::guard(__func__, [&] { cf::load_trainer_state(*cf::require(trainer, "trainer"), cf::require(path, "path")); });
}

}  // extern "C"
