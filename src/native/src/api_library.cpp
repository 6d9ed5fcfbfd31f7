// C ABI: library-wide calls.
#include <string>

#include <ATen/Context.h>
#include <opencv2/core.hpp>
#include <torch/cuda.h>
#include <torch/version.h>

#include "chromofarm.h"
#include "status.hpp"
#include "threads.hpp"

extern "C" {

CF_API int32_t cf_abi_version(void) { return CF_ABI_VERSION; }

CF_API const char* cf_last_error(void) { return cf::last_error(); }

CF_API const char* cf_build_info(void) {
  // Built once; the libtorch flavour is only known at run time.
  static const std::string info = [] {
    try {
      return std::string("chromofarm ") + CF_LIBRARY_VERSION + "; libtorch " + TORCH_VERSION +
             (at::hasCUDA() ? " (cuda)" : " (cpu)") + "; opencv " + CV_VERSION;
    } catch (...) {
      return std::string("chromofarm ") + CF_LIBRARY_VERSION;
    }
  }();
  return info.c_str();
}

CF_API int32_t cf_cuda_available(void) {
  try {
    return torch::cuda::is_available() ? 1 : 0;
  } catch (...) {
    return 0;
  }
}

CF_API cf_status cf_set_num_threads(int32_t threads) {
  return cf::guard(__func__, [&] {
    if (threads > 0) cf::set_threads(threads);
  });
}

}  // extern "C"
