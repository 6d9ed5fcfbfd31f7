#include "threads.hpp"

#include <cstdlib>
#include <mutex>
#include <thread>

#include <ATen/Parallel.h>
#include <opencv2/core.hpp>

namespace cf {
namespace {
std::once_flag g_defaults;
}  // namespace

void apply_default_threads() {
  std::call_once(g_defaults, [] {
    if (std::getenv("OMP_NUM_THREADS") != nullptr) return;
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    if (cores > 1 && at::get_num_threads() < cores) at::set_num_threads(cores);
  });
}

void set_threads(int threads) {
  apply_default_threads();
  at::set_num_threads(threads);
  cv::setNumThreads(threads);
}

}  // namespace cf
