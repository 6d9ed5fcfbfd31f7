#include "device.hpp"

#include <string>

#include <torch/cuda.h>

#include "chromofarm.h"
#include "status.hpp"

namespace cf {

torch::Device resolve_device(int32_t device) {
  switch (device) {
    case CF_DEVICE_CPU:
      return torch::kCPU;
    case CF_DEVICE_CUDA:
      if (!torch::cuda::is_available())
        fail(CF_ERR_DEVICE, "CUDA was requested but is not available (no GPU, no driver, or a CPU-only libtorch)");
      return torch::Device(torch::kCUDA, 0);
    case CF_DEVICE_AUTO:
      return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
    default:
      fail(CF_ERR_INVALID_ARGUMENT, "device " + std::to_string(device) + " is not a cf_device");
  }
}

}  // namespace cf
