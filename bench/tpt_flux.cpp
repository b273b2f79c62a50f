// Times transition path theory on sparse chains of 10^3 to 10^5 states:
// forward and backward committors, gross/net/total flux, and the pathway
// decomposition.
//   bench_tpt_flux [FRACTION] [MAX_PATHWAYS]     (default 0.95 1000)
// The chains are Metropolis walks on 2-D and 3-D grids over a rugged energy
// landscape (a tilt-free double well along x plus seeded random site
// energies of ~1 kT), so the reactive flux spreads over many channels the
// way it does in a real MSM. A is the plane x = 0, B the plane x = L-1.
// Prints seconds per stage, the number of pathways and the flux they explain.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "tpt/committor.h"
#include "tpt/pathways.h"
#include "tpt/reactive_flux.h"

namespace {

using nucleate::msm::SparseMatrix;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Chain {
  SparseMatrix transition_matrix;
  Eigen::VectorXd stationary;
  std::vector<std::int32_t> source;
  std::vector<std::int32_t> sink;
};

// Sites of a grid with `side` points per axis in `dims` dimensions.
Chain grid_walk(int side, int dims, unsigned seed) {
  int states = 1;
  for (int d = 0; d < dims; ++d) states *= side;
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> energy(static_cast<std::size_t>(states));
  auto coordinate = [&](int state, int axis) {
    for (int a = 0; a < axis; ++a) state /= side;
    return state % side;
  };
  for (int s = 0; s < states; ++s) {
    const double x = -1.5 + 3.0 * coordinate(s, 0) / (side - 1);
    energy[static_cast<std::size_t>(s)] = 3.0 * (x * x - 1.0) * (x * x - 1.0) + noise(engine);
  }
  std::vector<Eigen::Triplet<double>> entries;
  Chain chain;
  chain.stationary.resize(states);
  for (int s = 0; s < states; ++s) {
    double stay = 1.0;
    int stride = 1;
    for (int axis = 0; axis < dims; ++axis, stride *= side) {
      const int c = coordinate(s, axis);
      for (int step : {-1, 1}) {
        if (c + step < 0 || c + step >= side) continue;
        const int t = s + step * stride;
        const double p = std::min(1.0, std::exp(energy[static_cast<std::size_t>(s)] -
                                                energy[static_cast<std::size_t>(t)])) /
                         (2.0 * dims);
        entries.emplace_back(s, t, p);
        stay -= p;
      }
    }
    entries.emplace_back(s, s, stay);
    chain.stationary[s] = std::exp(-energy[static_cast<std::size_t>(s)]);
    if (coordinate(s, 0) == 0) chain.source.push_back(s);
    if (coordinate(s, 0) == side - 1) chain.sink.push_back(s);
  }
  chain.stationary /= chain.stationary.sum();
  chain.transition_matrix.resize(states, states);
  chain.transition_matrix.setFromTriplets(entries.begin(), entries.end());
  chain.transition_matrix.makeCompressed();
  return chain;
}

void run(const char* name, const Chain& chain, double fraction, std::size_t max_pathways) {
  using nucleate::tpt::make_endpoints;
  const auto n = static_cast<std::size_t>(chain.transition_matrix.rows());
  auto start = std::chrono::steady_clock::now();
  const auto endpoints = make_endpoints(chain.source, chain.sink, n);
  const Eigen::VectorXd forward =
      nucleate::tpt::forward_committor(chain.transition_matrix, endpoints);
  const Eigen::VectorXd backward =
      nucleate::tpt::backward_committor(chain.transition_matrix, chain.stationary, endpoints);
  const double committors = seconds_since(start);
  start = std::chrono::steady_clock::now();
  const SparseMatrix gross =
      nucleate::tpt::gross_flux(chain.transition_matrix, chain.stationary, backward, forward);
  const SparseMatrix net = nucleate::tpt::net_flux(gross);
  const double total = nucleate::tpt::total_flux(net, endpoints.in_source);
  const double flux = seconds_since(start);
  start = std::chrono::steady_clock::now();
  nucleate::tpt::PathwayOptions options;
  options.fraction = fraction;
  options.max_pathways = max_pathways;
  const auto paths = nucleate::tpt::decompose_pathways(net, endpoints, options);
  const double pathways = seconds_since(start);
  std::printf(
      "%-12s %8zu states %9ld edges | committors %7.3f s | flux %6.3f s | %4zu pathways (%.1f%% of "
      "F=%.3g) %7.3f s\n",
      name, n, static_cast<long>(chain.transition_matrix.nonZeros()), committors, flux,
      paths.pathways.size(), 100.0 * paths.explained_fraction, total, pathways);
}

}  // namespace

int main(int argc, char** argv) {
  const double fraction = argc > 1 ? std::atof(argv[1]) : 0.95;
  const std::size_t max_pathways = argc > 2 ? static_cast<std::size_t>(std::atol(argv[2])) : 1000;
  std::printf("TPT on Metropolis grid walks; pathways until %.0f%% of the flux or %zu pathways\n",
              100 * fraction, max_pathways);
  run("2-D 32^2", grid_walk(32, 2, 1), fraction, max_pathways);
  run("2-D 100^2", grid_walk(100, 2, 2), fraction, max_pathways);
  run("3-D 22^3", grid_walk(22, 3, 3), fraction, max_pathways);
  run("2-D 316^2", grid_walk(316, 2, 4), fraction, max_pathways);
  run("3-D 46^3", grid_walk(46, 3, 5), fraction, max_pathways);
  return 0;
}
