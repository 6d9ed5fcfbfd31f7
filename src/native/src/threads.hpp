#pragma once

namespace cf {

// Debian's libtorch starts with one intra-op thread whatever the core count. Unless
// OMP_NUM_THREADS says otherwise, the first model (or cf_set_num_threads) sets it to the
// number of cores once; an explicit cf_set_num_threads always wins.
void apply_default_threads();
void set_threads(int threads);

}  // namespace cf
