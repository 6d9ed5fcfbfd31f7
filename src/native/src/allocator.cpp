// glibc's allocator, set once when the library is loaded (docs/benchmarks.md, "Memory kept between forward passes").
//
// By default glibc serves a block over its dynamic mmap threshold with a fresh mapping and unmaps it when freed, and
// trims free memory at the top of the heap back to the kernel. A forward pass allocates and frees tens of megabytes
// of activations, so every pass came back to fresh pages: page faults, zeroing and cgroup accounting were 15-20% of
// `evaluate`'s CPU. Serving blocks up to 32 MB (glibc's upper limit on 64-bit) from the heap and keeping up to 256 MB
// of free heap lets the next pass reuse the same pages: `evaluate` on Pki-3 val took 0.1-0.4 M page faults instead of
// 0.5-1.0 M, and the forward pass alone ran 1.35-1.4x as fast. The price: up to 256 MB held after a peak.
// MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_ in the environment still win.
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

#if defined(__GLIBC__)
constexpr int kMmapThreshold = 32 << 20;
constexpr int kTrimThreshold = 256 << 20;

const bool configured = [] {
  // Set both or neither: glibc stops adapting the mmap threshold once either is set, and a trim threshold alone
  // would leave every block over 128 kB mapped afresh (half the speed).
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") == nullptr && std::getenv("MALLOC_TRIM_THRESHOLD_") == nullptr) {
    mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
    mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
  }
  return true;
}();
#endif

}  // namespace
