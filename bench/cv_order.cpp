// Times the per-frame order-parameter hot path on frames held in memory:
//   bench_cv_order TRAJ [REPEATS]
// Every frame of TRAJ (any format nucleate reads) is read first, untimed.
// Then, per frame, two pipelines are timed (best of REPEATS passes):
//  1. "solid clusters", the definitions of LAMMPS `compute orientorder/atom
//     nnn NULL cutoff 1.5 components 6` + `coord/atom orientorder 0.5` +
//     `cluster/atom 1.5` on the solid-like atoms: neighbours within 1.5,
//     unweighted q6, ten Wolde-Frenkel solid bonds with d_ij > 0.5, solid-like
//     = at least 7 bonds, clusters of solid-like atoms within 1.5;
//  2. "LOCAL_Q6", PLUMED's Q6 + LOCAL_Q6 with one switching function:
//     neighbours within its D_MAX, switched q6, switched local average.
// One thread: a frame is computed in one thread (nucleate spreads whole
// frames over threads, bench/cv_threads_busy.sh). Prints atoms, frames,
// seconds per stage and atoms*frames/s, plus
// the solid-like count and largest cluster of each frame, which
// bench/cv_vs_lammps.sh compares with LAMMPS frame by frame.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/heap_policy.h"
#include "cv/bond_order_averages.h"
#include "cv/coordination.h"
#include "cv/crystal_clusters.h"
#include "cv/steinhardt.h"
#include "cv/switching_function.h"
#include "geom/neighbor_list.h"
#include "geom/periodic_cell.h"
#include "io/formats.h"

namespace {

using namespace nucleate;
using Clock = std::chrono::steady_clock;

constexpr double kCutoff = 1.5;         // first minimum of the LJ g(r), sigma units
constexpr double kBondThreshold = 0.5;  // d_ij > 0.5 is a solid bond
constexpr std::size_t kMinSolidBonds = 7;
// PLUMED-style switching function that reaches 0 at the same cutoff.
constexpr const char* kSwitching = "RATIONAL R_0=1.3 NN=6 MM=12 D_MAX=1.5";

double seconds_since(Clock::time_point& start) {
  const auto now = Clock::now();
  const std::chrono::duration<double> elapsed = now - start;
  start = now;
  return elapsed.count();
}

template <std::size_t N>
struct Pass {
  std::array<double, N> stage{};  // seconds per stage, summed over frames
  [[nodiscard]] double total() const {
    double sum = 0.0;
    for (double s : stage) sum += s;
    return sum;
  }
};

struct FrameResult {
  std::size_t solid = 0;
  std::size_t largest = 0;
  double mean_local_q6 = 0.0;
};

// Pipeline 1 on one frame; adds stage times to `pass`.
void solid_clusters(const io::Frame& frame, std::span<const std::uint32_t> all,
                    cv::BondOrderVectors& q, Pass<4>& pass, FrameResult& result) {
  auto clock = Clock::now();
  const geom::PeriodicCell cell(frame.box);
  const auto list = geom::neighbors_within(cell, frame.positions, all, all, kCutoff);
  pass.stage[0] += seconds_since(clock);
  cv::SteinhardtOptions options;  // l = 6, unweighted: LAMMPS orientorder/atom
  cv::compute_bond_order(list, all, options, q);
  pass.stage[1] += seconds_since(clock);
  const auto bonds = cv::count_solid_bonds(list, all, q, kBondThreshold);
  pass.stage[2] += seconds_since(clock);
  std::vector<bool> selected(frame.atom_count(), false);
  std::size_t solid = 0;
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (bonds[k] >= kMinSolidBonds) {
      selected[all[k]] = true;
      ++solid;
    }
  }
  const auto clusters = cv::find_crystal_clusters(list, all, selected);
  pass.stage[3] += seconds_since(clock);
  result.solid = solid;
  result.largest = clusters.largest();
}

// Pipeline 2 on one frame.
void local_q6(const io::Frame& frame, std::span<const std::uint32_t> all,
              const cv::SwitchingFunction& switching, cv::BondOrderVectors& q, Pass<3>& pass,
              FrameResult& result) {
  auto clock = Clock::now();
  const geom::PeriodicCell cell(frame.box);
  const auto list =
      geom::neighbors_within(cell, frame.positions, all, all, switching.parameters().d_max);
  pass.stage[0] += seconds_since(clock);
  cv::SteinhardtOptions options;
  options.switching = &switching;
  cv::compute_bond_order(list, all, options, q);
  pass.stage[1] += seconds_since(clock);
  const auto s = cv::local_bond_order(list, all, switching, q);
  pass.stage[2] += seconds_since(clock);
  double sum = 0.0;
  for (double v : s) sum += v;
  result.mean_local_q6 = sum / static_cast<double>(s.size());
}

void print_rate(const char* name, std::size_t atoms, std::size_t frames, int repeats,
                double seconds) {
  std::printf("%s: %zu atoms, %zu frames, 1 thread, best of %d: %.4f s, %.4g atoms*frames/s\n",
              name, atoms, frames, repeats, seconds,
              static_cast<double>(atoms) * static_cast<double>(frames) / seconds);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s TRAJ [REPEATS]\n", argv[0]);
    return 2;
  }
  nucleate::keep_freed_memory_for_reuse();  // as the nucleate program does
  const std::string path = argv[1];
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  try {
    std::vector<io::Frame> frames;
    {
      auto reader = io::open_trajectory(path);
      io::Frame frame;
      while (reader->read_next(frame)) frames.push_back(frame);
    }
    if (frames.empty()) throw std::runtime_error(path + ": no frames");
    const std::size_t atoms = frames.front().atom_count();
    const auto all = geom::all_indices(atoms);
    const auto switching = cv::SwitchingFunction::parse(kSwitching);
    cv::BondOrderVectors q(6, atoms);  // reused across frames, as a pipeline would
    std::vector<FrameResult> results(frames.size());

    Pass<4> best_solid;
    best_solid.stage.fill(1e300);
    Pass<3> best_local;
    best_local.stage.fill(1e300);
    for (int r = 0; r < repeats; ++r) {
      Pass<4> solid_pass;
      for (std::size_t f = 0; f < frames.size(); ++f) {
        solid_clusters(frames[f], all, q, solid_pass, results[f]);
      }
      if (solid_pass.total() < best_solid.total()) best_solid = solid_pass;
      Pass<3> local_pass;
      for (std::size_t f = 0; f < frames.size(); ++f) {
        local_q6(frames[f], all, switching, q, local_pass, results[f]);
      }
      if (local_pass.total() < best_local.total()) best_local = local_pass;
    }

    std::printf("solid-like per frame:");
    for (const auto& f : results) std::printf(" %zu", f.solid);
    std::printf("\nlargest cluster per frame:");
    for (const auto& f : results) std::printf(" %zu", f.largest);
    std::printf("\nmean LOCAL_Q6 per frame:");
    for (const auto& f : results) std::printf(" %.4f", f.mean_local_q6);
    std::printf("\n");
    print_rate("solid clusters", atoms, frames.size(), repeats, best_solid.total());
    std::printf("  stages (s): neighbours %.4f, q6 %.4f, solid bonds %.4f, clusters %.4f\n",
                best_solid.stage[0], best_solid.stage[1], best_solid.stage[2], best_solid.stage[3]);
    print_rate("LOCAL_Q6", atoms, frames.size(), repeats, best_local.total());
    std::printf("  stages (s): neighbours %.4f, switched q6 %.4f, local q6 %.4f  [%s]\n",
                best_local.stage[0], best_local.stage[1], best_local.stage[2], kSwitching);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_cv_order: %s\n", e.what());
    return 1;
  }
  return 0;
}
