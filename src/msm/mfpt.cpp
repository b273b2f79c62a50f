#include "msm/mfpt.h"

#include <fmt/format.h>

#include <Eigen/SparseLU>

#include "core/error.h"

namespace nucleate::msm {
namespace {

std::vector<bool> membership(const std::vector<std::int32_t>& set, Eigen::Index n,
                             const char* what) {
  if (set.empty()) throw UsageError(fmt::format("the {} set is empty", what));
  std::vector<bool> in(static_cast<std::size_t>(n), false);
  for (std::int32_t s : set) {
    if (s < 0 || s >= n)
      throw UsageError(fmt::format("{} state {} is not one of the {} states", what, s, n));
    in[static_cast<std::size_t>(s)] = true;
  }
  return in;
}

}  // namespace

Eigen::VectorXd mean_first_passage_times(const SparseMatrix& transition_matrix,
                                         const std::vector<std::int32_t>& target) {
  const Eigen::Index n = transition_matrix.rows();
  const std::vector<bool> in_target = membership(target, n, "target");
  // (I - T) m = 1 on the states outside the target, m = 0 inside.
  std::vector<Eigen::Triplet<double>> entries;
  for (Eigen::Index i = 0; i < n; ++i) {
    entries.emplace_back(static_cast<int>(i), static_cast<int>(i), 1.0);
    if (in_target[static_cast<std::size_t>(i)]) continue;
    for (SparseMatrix::InnerIterator it(transition_matrix, i); it; ++it) {
      if (!in_target[static_cast<std::size_t>(it.col())]) {
        entries.emplace_back(static_cast<int>(i), static_cast<int>(it.col()), -it.value());
      }
    }
  }
  Eigen::SparseMatrix<double> system(n, n);
  system.setFromTriplets(entries.begin(), entries.end());  // duplicates (the diagonal) are summed
  Eigen::VectorXd rhs(n);
  for (Eigen::Index i = 0; i < n; ++i) rhs[i] = in_target[static_cast<std::size_t>(i)] ? 0.0 : 1.0;
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
  lu.compute(system);
  if (lu.info() != Eigen::Success) throw Error("the target set cannot be reached from every state");
  Eigen::VectorXd m = lu.solve(rhs);
  if (lu.info() != Eigen::Success || !m.allFinite())
    throw Error("the target set cannot be reached from every state");
  return m;
}

double mean_first_passage_time(const SparseMatrix& transition_matrix,
                               const Eigen::VectorXd& stationary,
                               const std::vector<std::int32_t>& source,
                               const std::vector<std::int32_t>& target) {
  (void)membership(source, transition_matrix.rows(), "source");
  const Eigen::VectorXd m = mean_first_passage_times(transition_matrix, target);
  double weighted = 0.0;
  double weight = 0.0;
  for (std::int32_t s : source) {
    weighted += stationary[s] * m[s];
    weight += stationary[s];
  }
  return weighted / weight;
}

}  // namespace nucleate::msm
