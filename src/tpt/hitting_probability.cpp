#include "tpt/hitting_probability.h"

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseLU>
#include <algorithm>

#include "core/error.h"

namespace nucleate::tpt {
namespace {

// Direct LU is exact and fast on chain-like and 2-D state graphs, but its
// fill-in explodes on 3-D ones (10^5 states of a 3-D grid: two minutes with
// COLAMD ordering, as scipy's SuperLU would take in deeptime). Large systems
// go to BiCGSTAB with an incomplete-LU preconditioner, which needs seconds;
// LU remains the fallback when the iteration does not converge.
constexpr Eigen::Index kDirectSolveLimit = 5000;
constexpr double kIterativeTolerance = 1e-13;

[[noreturn]] void unreachable_states() {
  throw Error("some states reach neither the source nor the sink set (is the model connected?)");
}

Eigen::VectorXd solve_direct(const Eigen::SparseMatrix<double>& system,
                             const Eigen::VectorXd& rhs) {
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
  lu.compute(system);
  if (lu.info() != Eigen::Success) unreachable_states();
  Eigen::VectorXd solution = lu.solve(rhs);
  if (lu.info() != Eigen::Success || !solution.allFinite()) unreachable_states();
  return solution;
}

Eigen::VectorXd solve_absorption_system(const Eigen::SparseMatrix<double>& system,
                                        const Eigen::VectorXd& rhs) {
  if (system.rows() <= kDirectSolveLimit) return solve_direct(system, rhs);
  Eigen::BiCGSTAB<Eigen::SparseMatrix<double>, Eigen::IncompleteLUT<double>> iterative;
  iterative.preconditioner().setDroptol(1e-4);
  iterative.preconditioner().setFillfactor(10);
  iterative.setTolerance(kIterativeTolerance);
  iterative.setMaxIterations(2000);
  iterative.compute(system);
  if (iterative.info() == Eigen::Success) {
    Eigen::VectorXd solution = iterative.solve(rhs);
    if (iterative.info() == Eigen::Success && solution.allFinite()) return solution;
  }
  return solve_direct(system, rhs);
}

}  // namespace

Eigen::VectorXd hitting_probability(const msm::SparseMatrix& p, const std::vector<bool>& hit,
                                    const std::vector<bool>& avoid) {
  const auto n = static_cast<std::size_t>(p.rows());
  Eigen::VectorXd h = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
  // Unknowns are the free states only: (I - P_FF) h_F = P_{F,hit} 1.
  std::vector<int> free_index(n, -1);
  int free_count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (hit[i])
      h[static_cast<Eigen::Index>(i)] = 1.0;
    else if (!avoid[i])
      free_index[i] = free_count++;
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
      if (free_index[j] >= 0)
        entries.emplace_back(row, free_index[j], -it.value());
      else if (hit[j])
        rhs[row] += it.value();
    }
  }
  Eigen::SparseMatrix<double> system(free_count, free_count);
  system.setFromTriplets(entries.begin(), entries.end());  // the diagonal's duplicates are summed
  const Eigen::VectorXd solution = solve_absorption_system(system, rhs);
  for (std::size_t i = 0; i < n; ++i) {
    // Round-off can leave values a few ulp outside [0, 1]; probabilities are clipped.
    if (free_index[i] >= 0)
      h[static_cast<Eigen::Index>(i)] = std::clamp(solution[free_index[i]], 0.0, 1.0);
  }
  return h;
}

}  // namespace nucleate::tpt
