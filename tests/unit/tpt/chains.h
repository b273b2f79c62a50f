#pragma once
// Small Markov chains whose TPT quantities are known in closed form.

#include <Eigen/Core>
#include <cmath>
#include <vector>

#include "msm/count_matrix.h"

namespace nucleate::testing {

inline msm::SparseMatrix sparse_from_dense(const Eigen::MatrixXd& dense) {
  msm::SparseMatrix m = dense.sparseView();
  m.makeCompressed();
  return m;
}

/// States 0..n-1, up with p and down with q (staying otherwise): the
/// gambler's-ruin chain, reversible with pi_i ~ (p/q)^i.
inline msm::SparseMatrix birth_death_chain(int n, double p, double q) {
  Eigen::MatrixXd t = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    if (i + 1 < n) t(i, i + 1) = p;
    if (i > 0) t(i, i - 1) = q;
    t(i, i) = 1.0 - t.row(i).sum();
  }
  return sparse_from_dense(t);
}

inline Eigen::VectorXd birth_death_stationary(int n, double p, double q) {
  Eigen::VectorXd pi(n);
  for (int i = 0; i < n; ++i) pi[i] = std::pow(p / q, i);
  return pi / pi.sum();
}

/// Metropolis chain on a grid over [-1.6, 1.6] in the symmetric double well
/// V(x) = 4 (x^2 - 1)^2 (kT = 1), proposing a neighbour with probability 1/2
/// each: reversible, symmetric under i -> n-1-i, barrier at the middle state.
inline msm::SparseMatrix double_well_chain(int n) {
  auto energy = [n](int i) {
    const double x = -1.6 + 3.2 * i / (n - 1);
    return 4.0 * (x * x - 1.0) * (x * x - 1.0);
  };
  Eigen::MatrixXd t = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    for (int j : {i - 1, i + 1}) {
      if (j >= 0 && j < n) t(i, j) = 0.5 * std::min(1.0, std::exp(energy(i) - energy(j)));
    }
    t(i, i) = 1.0 - t.row(i).sum();
  }
  return sparse_from_dense(t);
}

inline Eigen::VectorXd boltzmann_double_well(int n) {
  Eigen::VectorXd pi(n);
  for (int i = 0; i < n; ++i) {
    const double x = -1.6 + 3.2 * i / (n - 1);
    pi[i] = std::exp(-4.0 * (x * x - 1.0) * (x * x - 1.0));
  }
  return pi / pi.sum();
}

}  // namespace nucleate::testing
