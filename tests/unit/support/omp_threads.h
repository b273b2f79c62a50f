#pragma once
// Runs f() with OpenMP's thread count set to `threads`, then restores it:
// the tests that compare results between thread counts.

#include <omp.h>

namespace nucleate::test {

template <typename F>
auto with_omp_threads(int threads, F&& f) {
  const int before = omp_get_max_threads();
  omp_set_num_threads(threads);
  auto result = f();
  omp_set_num_threads(before);
  return result;
}

}  // namespace nucleate::test
