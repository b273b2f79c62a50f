// Times the Bayesian MSM (reversible Gibbs sampler + per-sample timescales):
//   bench_msm_bayes [SAMPLES]          (default 1000)
// for 100 and 1000 states. The count matrix is that of a Metropolis walk on a
// 2-D grid (10x10, 40x25) with a double-well potential, C_ij = 10^6 pi_i T_ij,
// so it has the sparsity of a real clustering (self + 4 neighbours). Sweeps
// between samples are deeptime's default floor(sqrt(n)). Prints, per size:
// seconds for the sampler alone (its sweeps), for the whole sample_bayesian_msm
// (MLE, sweeps, transition matrices, 10 timescales per sample, summaries),
// and samples/s; plus the number of threads (the spectra run in parallel).

#include <omp.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "msm/bayesian_msm.h"
#include "msm/transition_matrix.h"

namespace {

using namespace nucleate;
using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Double well along x, harmonic across y, in kT.
msm::SparseMatrix grid_counts(int nx, int ny) {
  auto potential = [&](int x, int y) {
    const double u = 2.0 * x / (nx - 1) - 1.0;  // -1 .. 1
    const double v = 2.0 * y / (ny - 1) - 1.0;
    return 4.0 * (u * u - 1.0) * (u * u - 1.0) + 2.0 * v * v;
  };
  const int n = nx * ny;
  std::vector<double> weight(static_cast<std::size_t>(n));
  double z = 0.0;
  for (int x = 0; x < nx; ++x)
    for (int y = 0; y < ny; ++y)
      z += weight[static_cast<std::size_t>(x * ny + y)] = std::exp(-potential(x, y));
  std::vector<Eigen::Triplet<double>> entries;
  for (int x = 0; x < nx; ++x) {
    for (int y = 0; y < ny; ++y) {
      const int i = x * ny + y;
      const double pi = weight[static_cast<std::size_t>(i)] / z;
      double stay = 1.0;
      const int moves[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
      for (const auto& m : moves) {
        const int x2 = x + m[0];
        const int y2 = y + m[1];
        if (x2 < 0 || x2 >= nx || y2 < 0 || y2 >= ny) continue;
        const double p = 0.25 * std::min(1.0, std::exp(potential(x, y) - potential(x2, y2)));
        stay -= p;
        entries.emplace_back(i, x2 * ny + y2, 1e6 * pi * p);
      }
      entries.emplace_back(i, i, 1e6 * pi * stay);
    }
  }
  msm::SparseMatrix c(n, n);
  c.setFromTriplets(entries.begin(), entries.end());
  return c;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return one.empty() ? "?" : one;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t samples = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  std::printf("bench_msm_bayes: %zu samples, %d threads, load average %s\n", samples,
              omp_get_max_threads(), load_average().c_str());
  std::printf("%8s %8s %6s %12s %12s %12s %14s\n", "states", "elements", "sweeps", "sampler_s",
              "total_s", "samples/s", "slowest_its");
  for (const auto& [nx, ny] : {std::pair{10, 10}, std::pair{40, 25}}) {
    const msm::SparseMatrix counts = grid_counts(nx, ny);
    const auto n = static_cast<std::size_t>(counts.rows());
    msm::BayesianOptions options;
    options.samples = samples;
    options.seed = 1;
    options.timescales = 10;
    options.keep_transition_matrices = false;
    const std::size_t sweeps = static_cast<std::size_t>(std::sqrt(static_cast<double>(n)));

    // The chain alone: the sweeps, no matrices or spectra.
    const auto mle = msm::reversible_mle(counts);
    auto start = Clock::now();
    msm::ReversibleTransitionSampler sampler(counts, mle.transition_matrix,
                                             mle.stationary_distribution, 1);
    for (std::size_t s = 0; s < samples; ++s) sampler.sweep(sweeps);
    const double sampler_seconds = seconds(start);

    start = Clock::now();
    const msm::BayesianModel model = msm::sample_bayesian_msm(counts, 1, n, options);
    const double total_seconds = seconds(start);
    std::printf("%8zu %8lld %6zu %12.3f %12.3f %12.1f %8.2f+-%.2f\n", n,
                static_cast<long long>((counts.nonZeros() + static_cast<long long>(n)) / 2),
                model.n_steps, sampler_seconds, total_seconds,
                static_cast<double>(samples) / total_seconds, model.timescales.mean[0],
                model.timescales.std[0]);
  }
  return 0;
}
