#include "msm/effective_counts.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"

namespace nucleate::msm {
namespace {

// Target sequences Y^(i): targets[i] holds one time-ordered sequence of
// x_{t+lag} (over t with x_t = i) per trajectory that starts a pair in i.
std::vector<std::vector<std::vector<std::int32_t>>> target_sequences(
    std::span<const DiscreteTrajectory> trajectories, std::size_t lag, std::size_t states) {
  std::vector<std::vector<std::vector<std::int32_t>>> targets(states);
  std::vector<std::vector<std::int32_t>> current(states);
  for (const auto& t : trajectories) {
    for (std::size_t k = 0; k + lag < t.size(); ++k) {
      if (t[k] < 0 || t[k + lag] < 0) continue;
      current[static_cast<std::size_t>(t[k])].push_back(t[k + lag]);
    }
    for (std::size_t i = 0; i < states; ++i) {
      if (current[i].empty()) continue;
      targets[i].push_back(std::move(current[i]));
      current[i] = {};
    }
  }
  return targets;
}

}  // namespace

double statistical_inefficiency(std::span<const std::vector<double>> series, bool truncate_acf,
                                double mact) {
  std::size_t longest = 0;
  std::size_t total = 0;
  double sum = 0.0;
  double sum_squares = 0.0;
  for (const auto& x : series) {
    longest = std::max(longest, x.size());
    total += x.size();
    for (double v : x) {
      sum += v;
      sum_squares += v * v;
    }
  }
  if (total == 0) throw UsageError("statistical inefficiency of an empty signal");
  const double mean = sum / static_cast<double>(total);
  const double mean_square = sum_squares / static_cast<double>(total);
  std::vector<std::vector<double>> centred;
  centred.reserve(series.size());
  for (const auto& x : series) {
    centred.emplace_back(x.size());
    for (std::size_t t = 0; t < x.size(); ++t) centred.back()[t] = x[t] - mean;
  }
  // Damped, truncated integral of the autocovariance, lag 0 excluded (its
  // share is the 1/2 below).
  double integral = 0.0;
  for (std::size_t k = 0; k < longest; ++k) {
    double acf = 0.0;
    std::size_t pairs = 0;
    for (const auto& y : centred) {
      if (y.size() <= k) continue;
      const std::size_t n = y.size() - k;
      double s = 0.0;
      for (std::size_t t = 0; t < n; ++t) s += y[t] * y[t + k];
      acf += s;
      pairs += n;
    }
    acf /= static_cast<double>(pairs);
    if (acf <= 0.0 && truncate_acf) break;
    if (k > 0) integral += acf * (1.0 - static_cast<double>(k) / static_cast<double>(longest));
  }
  const double correlation_time = 0.5 + mact * integral / mean_square;
  return 1.0 / (2.0 * correlation_time);
}

SparseMatrix statistical_inefficiencies(std::span<const DiscreteTrajectory> trajectories,
                                        std::size_t lag, std::size_t states) {
  SparseMatrix result = count_transitions(trajectories, lag, CountMode::sliding, states);
  const auto targets = target_sequences(trajectories, lag, static_cast<std::size_t>(result.rows()));
  // Rows are independent and each entry is written by one thread only, so
  // the result does not depend on the number of threads.
#pragma omp parallel for schedule(dynamic, 1)
  for (Eigen::Index i = 0; i < result.outerSize(); ++i) {
    const auto& sequences = targets[static_cast<std::size_t>(i)];
    std::vector<std::vector<double>> indicator(sequences.size());
    for (SparseMatrix::InnerIterator it(result, i); it; ++it) {
      const auto j = static_cast<std::int32_t>(it.col());
      for (std::size_t s = 0; s < sequences.size(); ++s) {
        indicator[s].resize(sequences[s].size());
        for (std::size_t t = 0; t < sequences[s].size(); ++t)
          indicator[s][t] = sequences[s][t] == j ? 1.0 : 0.0;
      }
      it.valueRef() = statistical_inefficiency(indicator);
    }
  }
  return result;
}

SparseMatrix effective_counts(std::span<const DiscreteTrajectory> trajectories, std::size_t lag,
                              std::size_t states) {
  SparseMatrix counts = count_transitions(trajectories, lag, CountMode::sliding, states);
  const SparseMatrix inefficiency =
      statistical_inefficiencies(trajectories, lag, static_cast<std::size_t>(counts.rows()));
  for (Eigen::Index i = 0; i < counts.outerSize(); ++i) {
    double row = 0.0;
    double effective = 0.0;
    // Same pattern, same order: both come from count_transitions.
    SparseMatrix::InnerIterator ineff(inefficiency, i);
    for (SparseMatrix::InnerIterator it(counts, i); it; ++it, ++ineff) {
      row += it.value();
      effective += it.value() * ineff.value();
    }
    const double factor = effective / std::max(1.0, row);
    for (SparseMatrix::InnerIterator it(counts, i); it; ++it) it.valueRef() *= factor;
  }
  return counts;
}

}  // namespace nucleate::msm
