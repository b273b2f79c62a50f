#pragma once
// Bayesian Markov state model: reversible transition matrices sampled from
// their posterior given a count matrix, by the Gibbs sampler of
// Trendelkamp-Schroer, Wu, Paul & Noé, J. Chem. Phys. 143, 174101 (2015), as
// deeptime 0.4.5's BayesianMSM runs it (deeptime.markov.tools RevSampler).
//
// The chain lives on the symmetric matrix X (x_ij = pi_i T_ij, sum X = 1) on
// the non-zero pattern of C + C^T. Its posterior, with deeptime's "sparse"
// prior (prior count -1 on every element of that pattern; in deeptime it is
// built into the conditional densities below, the count matrix is used as
// it is), is
//   p(X | C) ~ prod_{i<j} x_ij^(c_ij + c_ji - 1) prod_i x_ii^(c_ii - 1) / prod_i x_i^(c_i),
// x_i = sum_j x_ij, c_i = sum_j c_ij. One sweep visits the pattern row by row:
//   diagonal x_ii: x_ii / x_i ~ Beta(c_ii, c_i - c_ii) given the rest of row i;
//   x_ij (i < j): density v^(c_ij + c_ji - 1) (v + s_i)^(-c_i) (v + s_j)^(-c_j)
//   (s_i = x_i - x_ij), one Metropolis-Hastings step with a Gamma proposal
//   fitted at the mode, then one with a log-normal random walk (step 1);
// and ends by renormalising X to sum 1. The chain starts at the reversible
// MLE; n_steps sweeps separate two samples (deeptime's default
// floor(sqrt(n_states_full))). T = X / row sums, pi = row sums / sum X.
//
// Randomness: std::mt19937_64 seeded with `seed` (its output sequence is fixed
// by the C++ standard); uniforms, normals, gammas and betas are drawn from its
// raw bits by code here, not by the standard library's distributions, whose
// algorithms differ between implementations. The same seed gives the same
// samples, byte for byte, with the same build (libm's log/exp may differ in
// the last bit elsewhere).

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "msm/count_matrix.h"

namespace nucleate::msm {

// ---- summaries of any per-sample quantity -------------------------------

/// Percentile q in [0, 100] of sorted values, with linear interpolation
/// between order statistics (numpy.percentile's default).
double percentile_of_sorted(std::span<const double> sorted, double q);

struct Interval {
  double lower = 0.0;
  double upper = 0.0;
};

/// deeptime.util.stats.confidence_interval of one sample (conf in (0, 1]):
/// the mean's fractional position pm in the sorted sample (interpolated
/// between neighbours, im = first index with x >= mean), then the boundaries
/// at positions pm (1 - conf) and pm + conf (n - im), read off by linear
/// interpolation. It is centred on the mean, not on the median, and not a
/// percentile interval. conf = 1 gives [min, max]; a sample whose min and
/// max are close (numpy.isclose) gives [min, max]; any NaN gives NaNs.
Interval deeptime_confidence_interval(std::span<const double> values, double confidence = 0.95);

/// Element-wise statistics of a quantity over samples.
struct SampleSummary {
  std::vector<double> mean;
  std::vector<double> std;         ///< population std (ddof 0), as deeptime's QuantityStatistics
  std::vector<double> lower;       ///< percentile (100 - 100 conf) / 2, e.g. 2.5
  std::vector<double> upper;       ///< percentile (100 + 100 conf) / 2, e.g. 97.5
  std::vector<Interval> deeptime;  ///< deeptime_confidence_interval at conf
};

/// samples[s][k]: element k of the quantity in sample s; every sample must
/// have the same length. Throws UsageError for no samples or ragged ones.
SampleSummary summarize_samples(const std::vector<std::vector<double>>& samples,
                                double confidence = 0.95);

// ---- the sampler --------------------------------------------------------

/// Gibbs sampler over reversible transition matrices for one count matrix
/// (strongly connected, as from restrict_to on a connected set).
class ReversibleTransitionSampler {
 public:
  /// `start` is a reversible transition matrix with stationary distribution
  /// `start_pi` on the pattern of C + C^T (the reversible MLE). Throws
  /// UsageError when the shapes or patterns disagree.
  ReversibleTransitionSampler(const SparseMatrix& counts, const SparseMatrix& start,
                              const Eigen::VectorXd& start_pi, std::uint64_t seed);

  /// `sweeps` full Gibbs sweeps over the pattern.
  void sweep(std::size_t sweeps = 1);

  [[nodiscard]] SparseMatrix transition_matrix() const;
  [[nodiscard]] Eigen::VectorXd stationary_distribution() const;
  [[nodiscard]] std::size_t states() const { return states_; }

 private:
  struct Element {
    std::int32_t i;
    std::int32_t j;
    double counts;  ///< c_ij + c_ji off the diagonal, c_ii on it
  };
  double uniform();
  double normal();
  double gamma(double shape, double scale);
  double beta(double a, double b);
  bool accept(double log_ratio);
  double update_off_diagonal(double v, double s_i, double s_j, double c0, double c_i, double c_j);

  std::size_t states_ = 0;
  std::vector<Element> elements_;   ///< upper triangle of the pattern, row-major
  std::vector<double> x_;           ///< x_ij of each element
  std::vector<double> row_counts_;  ///< c_i
  std::vector<double> row_x_;       ///< x_i, kept current during a sweep
  std::mt19937_64 engine_;
  std::optional<double> spare_normal_;  ///< the polar method draws normals in pairs
};

// ---- Bayesian MSM from a count matrix or from trajectories --------------

struct BayesianOptions {
  std::size_t samples = 100;
  std::optional<std::size_t> steps;  ///< sweeps between samples; default floor(sqrt(n_states_full))
  std::uint64_t seed = 0;
  std::size_t timescales = 0;  ///< implied timescales kept per sample (0: all n - 1)
  double confidence = 0.95;
  double mle_tolerance = 1e-8;           ///< reversible MLE that starts the chain
  bool keep_transition_matrices = true;  ///< else samples hold pi and timescales only
  /// Called with the number of samples drawn so far, every few samples (for
  /// progress displays; the library itself never prints).
  std::function<void(std::size_t)> on_samples;
};

struct BayesianSample {
  SparseMatrix transition_matrix;
  Eigen::VectorXd stationary_distribution;
  std::vector<double> timescales;  ///< frames
};

struct BayesianModel {
  std::size_t lag = 1;
  std::size_t n_steps = 1;
  std::uint64_t seed = 0;
  SparseMatrix counts;  ///< on the active set, as sampled
  SparseMatrix mle_transition_matrix;
  Eigen::VectorXd mle_stationary_distribution;
  std::vector<double> mle_timescales;  ///< frames
  bool mle_converged = true;
  std::vector<BayesianSample> samples;
  SampleSummary timescales;  ///< frames
  SampleSummary stationary_distribution;
  std::vector<std::string> warnings;
};

/// Samples the posterior of a connected count matrix at `lag`.
/// `n_states_full` sets the default number of sweeps (deeptime uses the size
/// of the count matrix before restriction to the connected set).
BayesianModel sample_bayesian_msm(const SparseMatrix& counts, std::size_t lag,
                                  std::size_t n_states_full, const BayesianOptions& options);

enum class BayesCountMode { effective, sliding };

struct BayesianTrajectoryModel {
  BayesCountMode count_mode = BayesCountMode::effective;
  std::size_t states_seen = 0;
  std::vector<std::int32_t> active_set;      ///< original labels, ascending
  std::vector<std::int32_t> dropped_states;  ///< visited states outside it
  std::size_t dropped_frames = 0;
  BayesianModel model;
};

/// Counts (effective by default, as deeptime's BayesianMSM is meant to be
/// used; or sliding), restricts them to the largest strongly connected set and
/// samples. Throws UsageError when nothing can be counted or the set holds a
/// single state.
BayesianTrajectoryModel estimate_bayesian_msm(std::span<const DiscreteTrajectory> trajectories,
                                              std::size_t lag, BayesCountMode count_mode,
                                              const BayesianOptions& options);

}  // namespace nucleate::msm
