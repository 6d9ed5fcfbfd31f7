#pragma once

#include <torch/types.h>

namespace cf {

// Resolves a cf_device; CF_DEVICE_CUDA without CUDA is CF_ERR_DEVICE.
torch::Device resolve_device(int32_t device);

}  // namespace cf
