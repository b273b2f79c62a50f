#include "msm/bayesian_msm.h"

#include <Spectra/MatOp/SparseSymMatProd.h>
#include <Spectra/SymEigsSolver.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>

#include "core/error.h"
#include "msm/connectivity.h"
#include "msm/effective_counts.h"
#include "msm/spectral.h"
#include "msm/transition_matrix.h"

namespace nucleate::msm {
namespace {

// deeptime's guard on every proposal: finite and > 0.
bool positive(double x) {
  return x > 0.0 && std::isfinite(x);
}

// numpy.isclose(a, b) with its defaults rtol = 1e-5, atol = 1e-8 (inf == inf).
bool numpy_isclose(double a, double b) {
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= 1e-8 + 1e-5 * std::abs(b);
}

Eigen::VectorXd row_sums(const SparseMatrix& m) {
  Eigen::VectorXd sums = Eigen::VectorXd::Zero(m.rows());
  for (Eigen::Index i = 0; i < m.outerSize(); ++i)
    for (SparseMatrix::InnerIterator it(m, i); it; ++it) sums[i] += it.value();
  return sums;
}

// From this size on, a few leading eigenvalues of a sample come from a Krylov
// solver instead of a dense decomposition (O(n^3) per sample: 0.2 s at 1000
// states, which would dominate the sampling).
constexpr Eigen::Index kKrylovFrom = 300;

// From this size on, the spectra of a batch of samples run on the OpenMP threads.
constexpr std::size_t kParallelSpectraFrom = 100;

// Leading `count` eigenvalues (0: all) of a reversible T with stationary pi,
// sorted by modulus; as msm::eigenvalues, which keeps the dense solver up to
// 2000 states.
Spectrum sample_spectrum(const SparseMatrix& t, const Eigen::VectorXd& pi, std::size_t count) {
  const Eigen::Index n = t.rows();
  const auto k = static_cast<Eigen::Index>(count);
  if (count == 0 || n < kKrylovFrom || 4 * k > n) return eigenvalues(t, count, pi);
  // S = D^1/2 T D^-1/2 is symmetric; average with its transpose against rounding.
  const Eigen::VectorXd root = pi.cwiseSqrt();
  SparseMatrix s = t;
  for (Eigen::Index i = 0; i < s.outerSize(); ++i)
    for (SparseMatrix::InnerIterator it(s, i); it; ++it) it.valueRef() *= root[i] / root[it.col()];
  const SparseMatrix symmetric = 0.5 * (s + SparseMatrix(s.transpose()));
  Spectra::SparseSymMatProd<double, Eigen::Upper | Eigen::Lower, Eigen::RowMajor> op(symmetric);
  Spectra::SymEigsSolver<decltype(op)> solver(
      op, k, std::min<Eigen::Index>(n, std::max<Eigen::Index>(2 * k + 1, 20)));
  solver.init();
  solver.compute(Spectra::SortRule::LargestMagn, 10000, 1e-12);
  if (solver.info() != Spectra::CompInfo::Successful) return eigenvalues(t, count, pi);
  Spectrum out;
  for (Eigen::Index i = 0; i < solver.eigenvalues().size(); ++i)
    out.eigenvalues.emplace_back(solver.eigenvalues()[i], 0.0);
  std::stable_sort(out.eigenvalues.begin(), out.eigenvalues.end(),
                   [](const auto& a, const auto& b) { return std::abs(a) > std::abs(b); });
  return out;
}

}  // namespace

// ---- summaries -----------------------------------------------------------

double percentile_of_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) throw UsageError("percentile of an empty sample");
  const double position = q / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  if (below + 1 >= sorted.size()) return sorted.back();
  const double fraction = position - static_cast<double>(below);
  if (fraction == 0.0 || sorted[below] == sorted[below + 1])
    return sorted[below];  // also inf == inf
  return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

Interval deeptime_confidence_interval(std::span<const double> values, double confidence) {
  if (values.empty()) throw UsageError("confidence interval of an empty sample");
  if (!(confidence > 0.0 && confidence <= 1.0)) {
    throw UsageError(fmt::format("confidence level {} is not in (0, 1]", confidence));
  }
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> x(values.begin(), values.end());
  for (double v : x)
    if (std::isnan(v)) return {nan, nan};
  std::sort(x.begin(), x.end());
  if (confidence == 1.0 || numpy_isclose(x.front(), x.back())) return {x.front(), x.back()};
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
  const auto n = static_cast<double>(x.size());
  // Fractional index of the mean among the sorted values.
  const auto im = static_cast<std::size_t>(std::lower_bound(x.begin(), x.end(), mean) - x.begin());
  auto pm = static_cast<double>(im);
  if (im != 0 && im != x.size() &&
      !(std::isinf(mean - x[im - 1]) && std::isinf(x[im] - x[im - 1]))) {
    pm = static_cast<double>(im - 1) + (mean - x[im - 1]) / (x[im] - x[im - 1]);
  }
  auto boundary = [&](double p) {
    const auto i1 = static_cast<std::size_t>(std::max(0.0, std::floor(p)));
    const auto i2 = static_cast<std::size_t>(std::min(n - 1.0, std::ceil(p)));
    if (numpy_isclose(x[i1], x[i2])) return x[i1];
    return x[i1] + (p - static_cast<double>(i1)) * (x[i2] - x[i1]);
  };
  // deeptime measures the right side from the integer index im, not pm.
  return {boundary(pm - confidence * pm),
          boundary(pm + confidence * (n - static_cast<double>(im)))};
}

SampleSummary summarize_samples(const std::vector<std::vector<double>>& samples,
                                double confidence) {
  if (samples.empty()) throw UsageError("no samples to summarise");
  const std::size_t width = samples.front().size();
  for (const auto& s : samples) {
    if (s.size() != width) throw UsageError("samples to summarise differ in length");
  }
  SampleSummary out;
  const auto count = static_cast<double>(samples.size());
  std::vector<double> column(samples.size());
  for (std::size_t k = 0; k < width; ++k) {
    for (std::size_t s = 0; s < samples.size(); ++s) column[s] = samples[s][k];
    double mean = 0.0;
    for (double v : column) mean += v;
    mean /= count;
    double variance = 0.0;
    for (double v : column) variance += (v - mean) * (v - mean);
    out.mean.push_back(mean);
    out.std.push_back(std::sqrt(variance / count));
    out.deeptime.push_back(deeptime_confidence_interval(column, confidence));
    std::sort(column.begin(), column.end());
    out.lower.push_back(percentile_of_sorted(column, 50.0 * (1.0 - confidence)));
    out.upper.push_back(percentile_of_sorted(column, 50.0 * (1.0 + confidence)));
  }
  return out;
}

// ---- random variates from the engine's bits -------------------------------

double ReversibleTransitionSampler::uniform() {
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

// Marsaglia's polar method.
double ReversibleTransitionSampler::normal() {
  if (spare_normal_) {
    const double z = *spare_normal_;
    spare_normal_.reset();
    return z;
  }
  double u = 0.0;
  double v = 0.0;
  double s = 0.0;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_normal_ = v * factor;
  return u * factor;
}

// Marsaglia & Tsang, ACM Trans. Math. Softw. 26, 363 (2000); shape < 1 by
// Gamma(a) = Gamma(a + 1) U^(1/a).
double ReversibleTransitionSampler::gamma(double shape, double scale) {
  if (shape < 1.0) {
    const double boost = std::pow(1.0 - uniform(), 1.0 / shape);
    return gamma(shape + 1.0, scale) * boost;
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double z = 0.0;
    double v = 0.0;
    do {
      z = normal();
      v = 1.0 + c * z;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform();
    if (u < 1.0 - 0.0331 * z * z * z * z) return d * v * scale;
    if (std::log(u) < 0.5 * z * z + d * (1.0 - v + std::log(v))) return d * v * scale;
  }
}

double ReversibleTransitionSampler::beta(double a, double b) {
  const double x = gamma(a, 1.0);
  const double y = gamma(b, 1.0);
  return x / (x + y);
}

// Metropolis acceptance of log(p_new / p_old) (a uniform is drawn only when
// the ratio is below 1, as in deeptime).
bool ReversibleTransitionSampler::accept(double log_ratio) {
  return log_ratio > 0.0 || uniform() < std::exp(std::min(log_ratio, 0.0));
}

// ---- the sampler ----------------------------------------------------------

ReversibleTransitionSampler::ReversibleTransitionSampler(const SparseMatrix& counts,
                                                         const SparseMatrix& start,
                                                         const Eigen::VectorXd& start_pi,
                                                         std::uint64_t seed)
    : states_(static_cast<std::size_t>(counts.rows())), engine_(seed) {
  if (counts.rows() != counts.cols() || start.rows() != counts.rows() ||
      start.cols() != counts.cols() || start_pi.size() != counts.rows()) {
    throw UsageError(
        "sampler: the count matrix, the start matrix and its stationary distribution differ in "
        "size");
  }
  const Eigen::VectorXd c = row_sums(counts);
  row_counts_.assign(c.data(), c.data() + c.size());
  for (std::size_t i = 0; i < states_; ++i) {
    if (!(row_counts_[i] > 0.0)) {
      throw UsageError(fmt::format(
          "sampler: state {} has no transitions out of it (not strongly connected)", i));
    }
  }
  const SparseMatrix symmetric = SparseMatrix(counts + SparseMatrix(counts.transpose()));
  const SparseMatrix start_t = SparseMatrix(start.transpose());
  std::size_t pattern = 0;
  for (Eigen::Index i = 0; i < symmetric.outerSize(); ++i) {
    for (SparseMatrix::InnerIterator it(symmetric, i); it; ++it) {
      if (!(it.value() > 0.0)) continue;
      ++pattern;
      const Eigen::Index j = it.col();
      if (j < i) continue;
      // x_ij = pi_i T_ij, averaged with pi_j T_ji so that X is exactly symmetric.
      const double x = 0.5 * (start_pi[i] * start.coeff(i, j) + start_pi[j] * start_t.coeff(i, j));
      if (!positive(x)) {
        throw UsageError(
            fmt::format("sampler: the start matrix has no weight at ({}, {}), where C + C^T has "
                        "counts",
                        i, j));
      }
      const double element_counts = i == j ? it.value() / 2.0 : it.value();
      elements_.push_back(
          {static_cast<std::int32_t>(i), static_cast<std::int32_t>(j), element_counts});
      x_.push_back(x);
    }
  }
  std::size_t start_pattern = 0;
  for (Eigen::Index i = 0; i < start.outerSize(); ++i)
    for (SparseMatrix::InnerIterator it(start, i); it; ++it)
      start_pattern += it.value() > 0.0 ? 1 : 0;
  if (start_pattern != pattern) {
    throw UsageError("sampler: the start matrix has weight where C + C^T has no counts");
  }
  double total = 0.0;
  for (std::size_t e = 0; e < elements_.size(); ++e)
    total += elements_[e].i == elements_[e].j ? x_[e] : 2.0 * x_[e];
  for (double& x : x_) x /= total;
  row_x_.assign(states_, 0.0);
}

// One update of x_ij (i != j), density v^(c0 - 1) (v + s_i)^(-c_i) (v + s_j)^(-c_j).
// Gamma proposal (shape k, scale theta) matched to the mode v_bar and the
// curvature h there of f(v) = c0 log v - c_i log(v + s_i) - c_j log(v + s_j);
// v_bar solves a v^2 + b v + c = 0 (f'(v) = 0). Then a log-normal random walk,
// whose target in log v carries the Jacobian: exponent c0 instead of c0 - 1.
double ReversibleTransitionSampler::update_off_diagonal(double v, double s_i, double s_j, double c0,
                                                        double c_i, double c_j) {
  const double a = c_i + c_j - c0;
  const double b = (c_i - c0) * s_j + (c_j - c0) * s_i;
  const double c = -c0 * s_i * s_j;
  const double v_bar = 0.5 * (-b + std::sqrt(b * b - 4.0 * a * c)) / a;
  const double h = c_i / ((v_bar + s_i) * (v_bar + s_i)) + c_j / ((v_bar + s_j) * (v_bar + s_j)) -
                   c0 / (v_bar * v_bar);
  const double k = -h * v_bar * v_bar;
  const double theta = -1.0 / (h * v_bar);
  // log v, log(v + s_i), log(v + s_j) of the current value, reused by both steps.
  struct Logs {
    double v, i, j;
  };
  auto logs_of = [&](double w) { return Logs{std::log(w), std::log(w + s_i), std::log(w + s_j)}; };
  auto log_target = [&](const Logs& l) { return (c0 - 1.0) * l.v - c_i * l.i - c_j * l.j; };
  Logs current{};
  if (v > 0.0) current = logs_of(v);
  if (positive(k) && positive(theta)) {
    const double w = gamma(k, theta);
    if (positive(w)) {
      const Logs proposed = logs_of(w);
      // Independence proposal: the ratio carries the proposal density q(v) ~ v^(k-1) e^(-v/theta).
      if (v == 0.0 || accept(log_target(proposed) - ((k - 1.0) * proposed.v - w / theta) -
                             log_target(current) + ((k - 1.0) * current.v - v / theta))) {
        v = w;
        current = proposed;
      }
    }
  }
  const double w = v * std::exp(normal());
  if (positive(w)) {
    const Logs proposed = logs_of(w);
    // Symmetric in log v: the target there is p(v) v, exponent c0.
    if (v == 0.0 || accept(log_target(proposed) + proposed.v - log_target(current) - current.v))
      v = w;
  }
  return v;
}

void ReversibleTransitionSampler::sweep(std::size_t sweeps) {
  for (std::size_t step = 0; step < sweeps; ++step) {
    std::fill(row_x_.begin(), row_x_.end(), 0.0);
    for (std::size_t e = 0; e < elements_.size(); ++e) {
      row_x_[static_cast<std::size_t>(elements_[e].i)] += x_[e];
      if (elements_[e].i != elements_[e].j)
        row_x_[static_cast<std::size_t>(elements_[e].j)] += x_[e];
    }
    for (std::size_t e = 0; e < elements_.size(); ++e) {
      const auto i = static_cast<std::size_t>(elements_[e].i);
      const auto j = static_cast<std::size_t>(elements_[e].j);
      const double c_ij = elements_[e].counts;
      if (i == j) {
        // x_ii / x_i ~ Beta(c_ii, c_i - c_ii) given the other elements of row i.
        const double rest = row_counts_[i] - c_ij;
        if (positive(c_ij) && positive(rest)) {
          const double p = beta(c_ij, rest);
          const double value = p / (1.0 - p) * (row_x_[i] - x_[e]);
          if (positive(value)) {
            row_x_[i] += value - x_[e];
            x_[e] = value;
          }
        }
      } else {
        const double s_i = row_x_[i] - x_[e];
        const double s_j = row_x_[j] - x_[e];
        x_[e] = update_off_diagonal(x_[e], s_i, s_j, c_ij, row_counts_[i], row_counts_[j]);
        row_x_[i] = s_i + x_[e];
        row_x_[j] = s_j + x_[e];
      }
    }
    double total = 0.0;
    for (std::size_t e = 0; e < elements_.size(); ++e)
      total += elements_[e].i == elements_[e].j ? x_[e] : 2.0 * x_[e];
    for (double& x : x_) x /= total;
  }
}

SparseMatrix ReversibleTransitionSampler::transition_matrix() const {
  std::vector<double> rows(states_, 0.0);
  for (std::size_t e = 0; e < elements_.size(); ++e) {
    rows[static_cast<std::size_t>(elements_[e].i)] += x_[e];
    if (elements_[e].i != elements_[e].j) rows[static_cast<std::size_t>(elements_[e].j)] += x_[e];
  }
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(2 * elements_.size());
  for (std::size_t e = 0; e < elements_.size(); ++e) {
    const auto i = elements_[e].i;
    const auto j = elements_[e].j;
    entries.emplace_back(i, j, x_[e] / rows[static_cast<std::size_t>(i)]);
    if (i != j) entries.emplace_back(j, i, x_[e] / rows[static_cast<std::size_t>(j)]);
  }
  SparseMatrix t(static_cast<Eigen::Index>(states_), static_cast<Eigen::Index>(states_));
  t.setFromTriplets(entries.begin(), entries.end());
  return t;
}

Eigen::VectorXd ReversibleTransitionSampler::stationary_distribution() const {
  Eigen::VectorXd rows = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(states_));
  for (std::size_t e = 0; e < elements_.size(); ++e) {
    rows[elements_[e].i] += x_[e];
    if (elements_[e].i != elements_[e].j) rows[elements_[e].j] += x_[e];
  }
  return rows / rows.sum();
}

// ---- Bayesian MSM -----------------------------------------------------------

BayesianModel sample_bayesian_msm(const SparseMatrix& counts, std::size_t lag,
                                  std::size_t n_states_full, const BayesianOptions& options) {
  if (options.samples == 0) throw UsageError("the number of samples must be at least 1");
  if (counts.rows() < 2) throw UsageError("a Bayesian MSM needs at least two connected states");
  BayesianModel model;
  model.lag = lag;
  model.seed = options.seed;
  model.counts = counts;
  model.n_steps = options.steps.value_or(std::max<std::size_t>(
      1, static_cast<std::size_t>(std::sqrt(static_cast<double>(n_states_full)))));
  if (model.n_steps == 0)
    throw UsageError("the number of sweeps between samples must be at least 1");
  const auto n = static_cast<std::size_t>(counts.rows());
  const std::size_t eigen_count = options.timescales == 0 ? 0 : std::min(n, options.timescales + 1);

  const TransitionMatrixEstimate mle = reversible_mle(counts, options.mle_tolerance);
  model.mle_transition_matrix = mle.transition_matrix;
  model.mle_stationary_distribution = mle.stationary_distribution;
  model.mle_converged = mle.converged;
  if (!mle.converged) {
    model.warnings.push_back(
        fmt::format("the reversible MLE that starts the sampler did not converge (last "
                    "relative change {:.3g})",
                    mle.relative_change));
  }
  std::set<std::string> warnings;
  {
    std::vector<std::string> w;
    const Spectrum spectrum =
        sample_spectrum(mle.transition_matrix, mle.stationary_distribution, eigen_count);
    model.mle_timescales = implied_timescales(spectrum, static_cast<double>(lag), w);
    for (const auto& s : spectrum.warnings) model.warnings.push_back(s);
    for (auto& s : w) model.warnings.push_back(s);
  }

  ReversibleTransitionSampler sampler(counts, mle.transition_matrix, mle.stationary_distribution,
                                      options.seed);
  model.samples.resize(options.samples);
  // The chain runs in order; the spectra of a batch of samples are then
  // independent and computed in parallel (same results for any thread count).
  constexpr std::size_t kBatch = 64;
  std::vector<std::vector<std::string>> sample_warnings(kBatch);
  for (std::size_t first = 0; first < options.samples; first += kBatch) {
    const std::size_t last = std::min(options.samples, first + kBatch);
    for (std::size_t s = first; s < last; ++s) {
      sampler.sweep(model.n_steps);
      model.samples[s].transition_matrix = sampler.transition_matrix();
      model.samples[s].stationary_distribution = sampler.stationary_distribution();
    }
    // Small spectra cost microseconds: threads would only add their overhead.
#pragma omp parallel for schedule(dynamic, 1) if (n >= kParallelSpectraFrom)
    for (std::size_t s = first; s < last; ++s) {
      auto& sample = model.samples[s];
      auto& w = sample_warnings[s - first];
      w.clear();
      const Spectrum spectrum =
          sample_spectrum(sample.transition_matrix, sample.stationary_distribution, eigen_count);
      sample.timescales = implied_timescales(spectrum, static_cast<double>(lag), w);
      for (const auto& x : spectrum.warnings) w.push_back(x);
      if (!options.keep_transition_matrices) sample.transition_matrix = SparseMatrix();
    }
    for (std::size_t s = first; s < last; ++s)
      for (const auto& x : sample_warnings[s - first]) warnings.insert(x);
    if (options.on_samples) options.on_samples(last);
  }
  for (const auto& w : warnings) model.warnings.push_back("samples: " + w);

  std::vector<std::vector<double>> timescales;
  std::vector<std::vector<double>> stationary;
  timescales.reserve(model.samples.size());
  stationary.reserve(model.samples.size());
  for (const auto& s : model.samples) {
    timescales.push_back(s.timescales);
    stationary.emplace_back(s.stationary_distribution.data(),
                            s.stationary_distribution.data() + s.stationary_distribution.size());
  }
  model.timescales = summarize_samples(timescales, options.confidence);
  model.stationary_distribution = summarize_samples(stationary, options.confidence);
  return model;
}

BayesianTrajectoryModel estimate_bayesian_msm(std::span<const DiscreteTrajectory> trajectories,
                                              std::size_t lag, BayesCountMode count_mode,
                                              const BayesianOptions& options) {
  if (trajectories.empty()) throw UsageError("no discrete trajectory given");
  BayesianTrajectoryModel out;
  out.count_mode = count_mode;
  // Counted on the labels that occur (count_matrix.h), mapped back below.
  const CompactLabels compact = compact_labels(trajectories);
  const auto counted = compact.of(trajectories);
  const SparseMatrix full = count_mode == BayesCountMode::effective
                                ? effective_counts(counted, lag)
                                : count_transitions(counted, lag, CountMode::sliding);
  out.states_seen =
      compact.labels.empty() ? 0 : static_cast<std::size_t>(compact.labels.back()) + 1;
  if (full.nonZeros() == 0) {
    std::size_t longest = 0;
    for (const auto& t : trajectories) longest = std::max(longest, t.size());
    throw UsageError(fmt::format(
        "no transition at lag {}: the longest trajectory has {} frames (needs at least {})", lag,
        longest, lag + 1));
  }
  const auto sets = strongly_connected_sets(full);  // indices of compact.labels
  for (std::int32_t i : sets.front())
    out.active_set.push_back(compact.labels[static_cast<std::size_t>(i)]);
  if (out.active_set.size() < 2) {
    throw UsageError(
        "the largest strongly connected set holds a single state: no dynamics to sample");
  }
  const auto population = state_populations(counted, compact.labels.size());
  for (std::size_t k = 1; k < sets.size(); ++k) {
    for (std::int32_t i : sets[k]) {
      out.dropped_states.push_back(compact.labels[static_cast<std::size_t>(i)]);
      out.dropped_frames += population[static_cast<std::size_t>(i)];
    }
  }
  std::sort(out.dropped_states.begin(), out.dropped_states.end());
  out.model = sample_bayesian_msm(restrict_to(full, sets.front()), lag, out.states_seen, options);
  if (!out.dropped_states.empty()) {
    out.model.warnings.insert(
        out.model.warnings.begin(),
        fmt::format("{} states outside the largest strongly connected set were dropped ({} "
                    "frames)",
                    out.dropped_states.size(), out.dropped_frames));
  }
  return out;
}

}  // namespace nucleate::msm
