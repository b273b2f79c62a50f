#include "tpt/hitting_probability.h"

#include <Eigen/SparseLU>
#include <algorithm>

#include "core/error.h"

namespace nucleate::tpt {

Eigen::VectorXd hitting_probability(const msm::SparseMatrix& p, const std::vector<bool>& hit,
                                    const std::vector<bool>& avoid) {
  const auto n = static_cast<std::size_t>(p.rows());
  Eigen::VectorXd h = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
  // Unknowns are the free states only: (I - P_FF) h_F = P_{F,hit} 1.
  std::vector<int> free_index(n, -1);
  int free_count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (hit[i]) h[static_cast<Eigen::Index>(i)] = 1.0;
    else if (!avoid[i]) free_index[i] = free_count++;
  }
  if (free_count == 0) return h;
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(static_cast<std::size_t>(p.nonZeros()) + static_cast<std::size_t>(free_count));
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(free_count);
  for (std::size_t i = 0; i < n; ++i) {
    const int row = free_index[i];
    if (row < 0) continue;
    entries.emplace_back(row, row, 1.0);
    for (msm::SparseMatrix::InnerIterator it(p, static_cast<Eigen::Index>(i)); it; ++it) {
      const auto j = static_cast<std::size_t>(it.col());
      if (free_index[j] >= 0) entries.emplace_back(row, free_index[j], -it.value());
      else if (hit[j]) rhs[row] += it.value();
    }
  }
  Eigen::SparseMatrix<double> system(free_count, free_count);
  system.setFromTriplets(entries.begin(), entries.end());  // the diagonal's duplicates are summed
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
  lu.compute(system);
  if (lu.info() != Eigen::Success) {
    throw Error("some states reach neither the source nor the sink set (is the model connected?)");
  }
  const Eigen::VectorXd solution = lu.solve(rhs);
  if (lu.info() != Eigen::Success || !solution.allFinite()) {
    throw Error("some states reach neither the source nor the sink set (is the model connected?)");
  }
  for (std::size_t i = 0; i < n; ++i) {
    // Round-off can leave values a few ulp outside [0, 1]; probabilities are clipped.
    if (free_index[i] >= 0) h[static_cast<Eigen::Index>(i)] = std::clamp(solution[free_index[i]], 0.0, 1.0);
  }
  return h;
}

}  // namespace nucleate::tpt
