// Times the MSM estimation hot path: counting at a lag, the largest strongly
// connected set, the reversible MLE and the slowest implied timescales.
//   bench_msm_estimate [STATES] [FRAMES] [LAG]      (default 1000 10000000 10)
// The discrete trajectory is sampled from a reversible random walk on a ring
// of STATES states with jumps of up to 3 states (a sparse, slowly mixing
// chain), so the estimate has real work to do. Prints seconds per stage.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "msm/connectivity.h"
#include "msm/count_matrix.h"
#include "msm/simulate.h"
#include "msm/spectral.h"
#include "msm/transition_matrix.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A symmetric-flux walk: uniform stationary distribution, reversible.
nucleate::msm::SparseMatrix ring_walk(int states) {
  std::vector<Eigen::Triplet<double>> entries;
  for (int i = 0; i < states; ++i) {
    entries.emplace_back(i, i, 0.5);
    for (int d = 1; d <= 3; ++d) {
      entries.emplace_back(i, (i + d) % states, 0.25 / 3);
      entries.emplace_back(i, (i - d + states) % states, 0.25 / 3);
    }
  }
  nucleate::msm::SparseMatrix t(states, states);
  t.setFromTriplets(entries.begin(), entries.end());
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const int states = argc > 1 ? std::atoi(argv[1]) : 1000;
  const std::size_t frames = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10000000;
  const std::size_t lag = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 10;
  const std::vector<nucleate::msm::DiscreteTrajectory> dtrajs = {
      nucleate::msm::simulate(ring_walk(states), 0, frames, 2026)};

  // estimate_markov_model first maps the labels that occur (here 0..n-1,
  // so no copy is made); the pass is timed on its own.
  auto start = std::chrono::steady_clock::now();
  const auto compact = nucleate::msm::compact_labels(dtrajs);
  const double t_labels = seconds_since(start);
  start = std::chrono::steady_clock::now();
  const auto counts = nucleate::msm::count_transitions(compact.of(dtrajs), lag);
  const double t_count = seconds_since(start);
  start = std::chrono::steady_clock::now();
  const auto sets = nucleate::msm::strongly_connected_sets(counts);
  const auto active = nucleate::msm::restrict_to(counts, sets.front());
  const double t_connect = seconds_since(start);
  start = std::chrono::steady_clock::now();
  const auto estimate = nucleate::msm::reversible_mle(active);
  const double t_mle = seconds_since(start);
  start = std::chrono::steady_clock::now();
  const auto spectrum =
      nucleate::msm::eigenvalues(estimate.transition_matrix, 11, estimate.stationary_distribution);
  std::vector<std::string> warnings;
  const auto its = nucleate::msm::implied_timescales(spectrum, static_cast<double>(lag), warnings);
  const double t_its = seconds_since(start);

  std::printf("msm estimate: %d states, %zu frames, lag %zu, %zu nonzero counts\n", states, frames,
              lag, static_cast<std::size_t>(counts.nonZeros()));
  std::printf("  labels that occur %.3f s (%zu labels, %s)\n", t_labels, compact.labels.size(),
              compact.trajectories.empty() ? "0..n-1, no copy" : "relabelled copy");
  std::printf(
      "  counting %.3f s (%.3g frames/s), connected sets %.3f s, reversible MLE %.3f s (%zu "
      "iterations, %s), "
      "10 timescales %.3f s\n",
      t_count, static_cast<double>(frames) / t_count, t_connect, t_mle, estimate.iterations,
      estimate.converged ? "converged" : "NOT converged", t_its);
  std::printf("  total %.3f s; slowest timescale %.4g frames\n",
              t_labels + t_count + t_connect + t_mle + t_its, its.empty() ? 0.0 : its[0]);
  return 0;
}
