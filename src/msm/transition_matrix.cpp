#include "msm/transition_matrix.h"

#include <fmt/format.h>

#include <cmath>

#include "core/error.h"
#include "msm/spectral.h"

namespace nucleate::msm {
namespace {

Eigen::VectorXd row_sums(const SparseMatrix& m) {
  Eigen::VectorXd sums = Eigen::VectorXd::Zero(m.rows());
  for (Eigen::Index i = 0; i < m.outerSize(); ++i)
    for (SparseMatrix::InnerIterator it(m, i); it; ++it) sums[i] += it.value();
  return sums;
}

void require_outgoing_counts(const Eigen::VectorXd& c) {
  for (Eigen::Index i = 0; i < c.size(); ++i) {
    if (!(c[i] > 0)) {
      throw UsageError(
          fmt::format("state {} of the set has no transitions out of it; estimate on a strongly "
                      "connected set",
                      i));
    }
  }
}

}  // namespace

TransitionMatrixEstimate reversible_mle(const SparseMatrix& counts, double tolerance,
                                        std::size_t max_iterations) {
  const Eigen::VectorXd c = row_sums(counts);
  require_outgoing_counts(c);
  const SparseMatrix symmetric = SparseMatrix(counts + SparseMatrix(counts.transpose()));
  Eigen::VectorXd x = row_sums(symmetric);
  x /= x.sum();
  Eigen::VectorXd next(x.size());
  TransitionMatrixEstimate out;
  out.converged = false;
  for (out.iterations = 1; out.iterations <= max_iterations; ++out.iterations) {
    for (Eigen::Index i = 0; i < symmetric.outerSize(); ++i) {
      double sum = 0.0;
      for (SparseMatrix::InnerIterator it(symmetric, i); it; ++it) {
        const Eigen::Index j = it.col();
        sum += it.value() / (c[i] / x[i] + c[j] / x[j]);
      }
      next[i] = sum;
    }
    next /= next.sum();
    double change = 0.0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      if (!(next[i] > 0) || !std::isfinite(next[i])) {
        throw Error(
            fmt::format("reversible MLE: the stationary weight of state {} became {}", i, next[i]));
      }
      change = std::max(change, std::abs(x[i] - next[i]) / (0.5 * (x[i] + next[i])));
    }
    x.swap(next);
    out.relative_change = change;
    if (change <= tolerance) {
      out.converged = true;
      break;
    }
  }
  if (!out.converged) out.iterations = max_iterations;
  // X_ij, then rows normalised.
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(static_cast<std::size_t>(symmetric.nonZeros()));
  Eigen::VectorXd rows(x.size());
  for (Eigen::Index i = 0; i < symmetric.outerSize(); ++i) {
    double row = 0.0;
    const std::size_t first = entries.size();
    for (SparseMatrix::InnerIterator it(symmetric, i); it; ++it) {
      const Eigen::Index j = it.col();
      const double value = it.value() / (c[i] / x[i] + c[j] / x[j]);
      entries.emplace_back(static_cast<int>(i), static_cast<int>(j), value);
      row += value;
    }
    for (std::size_t k = first; k < entries.size(); ++k) {
      entries[k] =
          Eigen::Triplet<double>(entries[k].row(), entries[k].col(), entries[k].value() / row);
    }
    rows[i] = row;
  }
  out.transition_matrix.resize(counts.rows(), counts.cols());
  out.transition_matrix.setFromTriplets(entries.begin(), entries.end());
  // X is symmetric, so T is reversible exactly with respect to X's row sums;
  // they equal x to the tolerance, and are what makes pi T = pi and detailed
  // balance hold to rounding rather than to the iteration's tolerance.
  out.stationary_distribution = rows / rows.sum();
  return out;
}

TransitionMatrixEstimate nonreversible_mle(const SparseMatrix& counts) {
  const Eigen::VectorXd c = row_sums(counts);
  require_outgoing_counts(c);
  TransitionMatrixEstimate out;
  out.transition_matrix = counts;
  for (Eigen::Index i = 0; i < out.transition_matrix.outerSize(); ++i)
    for (SparseMatrix::InnerIterator it(out.transition_matrix, i); it; ++it) it.valueRef() /= c[i];
  out.stationary_distribution = stationary_distribution(out.transition_matrix);
  return out;
}

TransitionMatrixEstimate reversible_mle_given_pi(const SparseMatrix& counts,
                                                 const Eigen::VectorXd& pi, double tolerance,
                                                 std::size_t max_iterations) {
  const Eigen::Index n = counts.rows();
  if (pi.size() != n)
    throw UsageError(fmt::format("the stationary distribution has {} entries, the counts {} states",
                                 pi.size(), n));
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!(pi[i] > 0))
      throw UsageError(
          fmt::format("the given stationary distribution is {} for state {}", pi[i], i));
  }
  const Eigen::VectorXd mu = pi / pi.sum();
  const SparseMatrix symmetric = SparseMatrix(counts + SparseMatrix(counts.transpose()));
  Eigen::VectorXd lambda = 0.5 * row_sums(symmetric);
  require_outgoing_counts(lambda);
  Eigen::VectorXd next(n);
  TransitionMatrixEstimate out;
  out.converged = false;
  for (out.iterations = 1; out.iterations <= max_iterations; ++out.iterations) {
    // symmetric is symmetric, so row j holds the pairs (i, j).
    for (Eigen::Index j = 0; j < n; ++j) {
      double sum = 0.0;
      for (SparseMatrix::InnerIterator it(symmetric, j); it; ++it) {
        const Eigen::Index i = it.col();
        sum += it.value() / ((mu[j] * lambda[i]) / (mu[i] * lambda[j]) + 1.0);
      }
      if (!std::isfinite(sum))
        throw Error(fmt::format("MLE with given pi: the multiplier of state {} became {}", j, sum));
      next[j] = sum;
    }
    const double change = (next - lambda).norm();
    lambda.swap(next);
    out.relative_change = change;
    if (change <= tolerance) {
      out.converged = true;
      break;
    }
  }
  if (!out.converged) out.iterations = max_iterations;
  std::vector<Eigen::Triplet<double>> entries;
  for (Eigen::Index i = 0; i < n; ++i) {
    double off_diagonal = 0.0;
    for (SparseMatrix::InnerIterator it(symmetric, i); it; ++it) {
      const Eigen::Index j = it.col();
      if (j == i) continue;
      const double value = it.value() / (lambda[i] + lambda[j] * mu[i] / mu[j]);
      entries.emplace_back(static_cast<int>(i), static_cast<int>(j), value);
      off_diagonal += value;
    }
    entries.emplace_back(static_cast<int>(i), static_cast<int>(i),
                         std::max(0.0, 1.0 - off_diagonal));
  }
  out.transition_matrix.resize(n, n);
  out.transition_matrix.setFromTriplets(entries.begin(), entries.end());
  out.stationary_distribution = mu;
  return out;
}

}  // namespace nucleate::msm
