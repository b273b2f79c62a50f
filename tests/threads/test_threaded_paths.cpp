// The threaded paths that the unit tests do not already run with several
// threads, each run with 1 and with 3 threads (more than this machine's
// cores, so one thread always waits for a core) and compared bit for bit.
// Built with ThreadSanitizer in CI (NUCLEATE_TSAN, tests/threads/), where
// a data race between the threads is a failure.

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "cv/presets.h"
#include "cv/trajectory_cvs.h"
#include "msm/bayesian_msm.h"
#include "msm/effective_counts.h"
#include "support/omp_threads.h"

namespace nucleate {
namespace {

using test::with_omp_threads;

// Frames are shared out by the worker pool; values and their order must
// not depend on how many threads took them.
TEST(Threads, CvFramesOverThreadsGiveTheSameValues) {
  const std::string xtc = NUCLEATE_EXAMPLES "/lj-nucleation/trajectories/shoot-001-a.xtc";
  const auto values = [&](std::size_t threads) {
    cv::CvOptions options;
    options.preset = "lj-tenwolde";
    options.threads = threads;
    std::vector<std::size_t> frames;
    std::vector<std::vector<double>> rows;
    cv::FrameCvsRequest request;
    request.per_atom = true;
    request.on_frame = [&](const cv::FrameCvs& f) {
      frames.push_back(f.index);
      rows.push_back(f.values);
      for (const auto& column : f.per_atom) rows.push_back(column.values);
    };
    cv::evaluate_trajectory(cv::cv_definition(options), xtc, options, request);
    return std::pair{frames, rows};
  };
  const auto one = values(1);
  const auto three = values(3);
  ASSERT_EQ(one.first.size(), 21U);
  EXPECT_EQ(one.first, three.first);
  EXPECT_EQ(one.second, three.second);  // exact: no tolerance
}

// A 120-state random walk: enough states for the Bayesian sampler's
// per-sample spectra to run in parallel (kParallelSpectraFrom = 100).
std::vector<msm::DiscreteTrajectory> ring_walk() {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> step(-1, 1);
  std::vector<msm::DiscreteTrajectory> trajectories(3);
  for (auto& t : trajectories) {
    int state = 0;
    for (int i = 0; i < 20000; ++i) {
      state = (state + step(rng) + 120) % 120;
      t.push_back(state);
    }
  }
  return trajectories;
}

TEST(Threads, EffectiveCountsAndBayesianSamplesDoNotDependOnThreads) {
  const auto trajectories = ring_walk();
  const auto counts = [&](int threads) {
    return with_omp_threads(
        threads, [&] { return Eigen::MatrixXd(msm::effective_counts(trajectories, 5)); });
  };
  EXPECT_EQ(counts(1), counts(3));
  msm::BayesianOptions options;
  options.samples = 8;
  options.seed = 3;
  const auto sample = [&](int threads) {
    return with_omp_threads(threads, [&] {
      return msm::estimate_bayesian_msm(trajectories, 5, msm::BayesCountMode::effective, options);
    });
  };
  const auto one = sample(1);
  const auto three = sample(3);
  ASSERT_EQ(one.model.samples.size(), 8U);
  for (std::size_t s = 0; s < one.model.samples.size(); ++s)
    EXPECT_EQ(one.model.samples[s].timescales, three.model.samples[s].timescales) << "sample " << s;
}

}  // namespace
}  // namespace nucleate
