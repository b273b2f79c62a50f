#include "msm/spectral.h"

// GCC 12 reports a false -Wuse-after-free inside Eigen's aligned_free when
// the dense eigensolvers are inlined into this file; the code flagged is
// Eigen's own and correct.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuse-after-free"
#endif

#include <Spectra/GenEigsSolver.h>
#include <Spectra/MatOp/SparseGenMatProd.h>
#include <Spectra/MatOp/SparseSymMatProd.h>
#include <Spectra/SymEigsSolver.h>
#include <fmt/format.h>

#include <Eigen/Dense>
#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace nucleate::msm {
namespace {

constexpr Eigen::Index kDenseLimit = 2000;

// S = D^1/2 T D^-1/2, symmetric for a reversible T (D = diag(pi)); made
// exactly symmetric, as rounding leaves S_ij and S_ji a few ulps apart.
SparseMatrix symmetrised(const SparseMatrix& transition_matrix, const Eigen::VectorXd& pi) {
  const Eigen::VectorXd root = pi.cwiseSqrt();
  SparseMatrix s = transition_matrix;
  for (Eigen::Index i = 0; i < s.outerSize(); ++i)
    for (SparseMatrix::InnerIterator it(s, i); it; ++it) it.valueRef() *= root[i] / root[it.col()];
  return 0.5 * (s + SparseMatrix(s.transpose()));
}

void sort_by_modulus(std::vector<std::complex<double>>& values) {
  std::stable_sort(values.begin(), values.end(),
                   [](const auto& a, const auto& b) { return std::abs(a) > std::abs(b); });
}

}  // namespace

Eigen::VectorXd stationary_distribution(const SparseMatrix& transition_matrix) {
  const Eigen::Index n = transition_matrix.rows();
  if (n == 1) return Eigen::VectorXd::Ones(1);
  // (T^T - I) pi = 0 with the last equation replaced by sum pi = 1.
  Eigen::SparseMatrix<double> a = Eigen::SparseMatrix<double>(transition_matrix.transpose());
  std::vector<Eigen::Triplet<double>> entries;
  for (Eigen::Index col = 0; col < a.outerSize(); ++col) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(a, col); it; ++it) {
      if (it.row() != n - 1)
        entries.emplace_back(static_cast<int>(it.row()), static_cast<int>(col), it.value());
    }
  }
  for (Eigen::Index i = 0; i < n - 1; ++i)
    entries.emplace_back(static_cast<int>(i), static_cast<int>(i), -1.0);
  for (Eigen::Index j = 0; j < n; ++j)
    entries.emplace_back(static_cast<int>(n - 1), static_cast<int>(j), 1.0);
  Eigen::SparseMatrix<double> system(n, n);
  system.setFromTriplets(entries.begin(), entries.end());
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
  lu.compute(system);
  if (lu.info() != Eigen::Success)
    throw Error("the stationary distribution is not unique (T is not ergodic)");
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
  rhs[n - 1] = 1.0;
  Eigen::VectorXd pi = lu.solve(rhs);
  if (lu.info() != Eigen::Success || !pi.allFinite())
    throw Error("solving for the stationary distribution failed");
  return pi / pi.sum();
}

Spectrum eigenvalues(const SparseMatrix& transition_matrix, std::size_t count,
                     const std::optional<Eigen::VectorXd>& reversible_pi) {
  const Eigen::Index n = transition_matrix.rows();
  const auto k = static_cast<Eigen::Index>(
      count == 0 ? n : std::min<std::size_t>(count, static_cast<std::size_t>(n)));
  Spectrum out;
  if (reversible_pi) {
    const SparseMatrix symmetric = symmetrised(transition_matrix, *reversible_pi);
    if (n <= kDenseLimit || k >= n - 1) {
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(Eigen::MatrixXd(symmetric),
                                                            Eigen::EigenvaluesOnly);
      for (Eigen::Index i = 0; i < n; ++i)
        out.eigenvalues.emplace_back(solver.eigenvalues()[i], 0.0);
    } else {
      Spectra::SparseSymMatProd<double, Eigen::Upper | Eigen::Lower, Eigen::RowMajor> op(symmetric);
      Spectra::SymEigsSolver<decltype(op)> solver(
          op, k, std::min<Eigen::Index>(n, std::max<Eigen::Index>(2 * k + 1, 20)));
      solver.init();
      solver.compute(Spectra::SortRule::LargestMagn, 10000, 1e-12);
      if (solver.info() != Spectra::CompInfo::Successful)
        throw Error("the eigenvalue iteration did not converge");
      for (Eigen::Index i = 0; i < solver.eigenvalues().size(); ++i)
        out.eigenvalues.emplace_back(solver.eigenvalues()[i], 0.0);
    }
  } else if (n <= kDenseLimit || k >= n - 1) {
    Eigen::EigenSolver<Eigen::MatrixXd> solver(Eigen::MatrixXd(transition_matrix), false);
    for (Eigen::Index i = 0; i < n; ++i) out.eigenvalues.push_back(solver.eigenvalues()[i]);
  } else {
    Spectra::SparseGenMatProd<double, Eigen::RowMajor> op(transition_matrix);
    Spectra::GenEigsSolver<decltype(op)> solver(
        op, k, std::min<Eigen::Index>(n, std::max<Eigen::Index>(2 * k + 1, 20)));
    solver.init();
    solver.compute(Spectra::SortRule::LargestMagn, 10000, 1e-12);
    if (solver.info() != Spectra::CompInfo::Successful)
      throw Error("the eigenvalue iteration did not converge");
    for (Eigen::Index i = 0; i < solver.eigenvalues().size(); ++i)
      out.eigenvalues.push_back(solver.eigenvalues()[i]);
  }
  sort_by_modulus(out.eigenvalues);
  if (out.eigenvalues.size() > static_cast<std::size_t>(k))
    out.eigenvalues.resize(static_cast<std::size_t>(k));
  return out;
}

std::vector<double> implied_timescales(const Spectrum& spectrum, double lag,
                                       std::vector<std::string>& warnings) {
  std::vector<double> t;
  bool complex_seen = false;
  bool unit_seen = false;
  for (std::size_t i = 1; i < spectrum.eigenvalues.size(); ++i) {
    const auto& lambda = spectrum.eigenvalues[i];
    if (std::abs(lambda.imag()) > 1e-12) complex_seen = true;
    const double modulus = std::abs(lambda);
    if (modulus >= 1.0 - 1e-14) {
      unit_seen = true;
      t.push_back(std::numeric_limits<double>::infinity());
    } else if (modulus == 0.0) {
      t.push_back(0.0);
    } else {
      t.push_back(-lag / std::log(modulus));
    }
  }
  if (complex_seen)
    warnings.emplace_back("complex eigenvalues: their modulus was used for the timescales");
  if (unit_seen) {
    warnings.emplace_back(
        "an eigenvalue other than the first has modulus 1: infinite timescale (the set "
        "may not be connected, or the chain is periodic at this lag)");
  }
  return t;
}

Eigen::MatrixXd dominant_right_eigenvectors(const SparseMatrix& transition_matrix,
                                            const Eigen::VectorXd& stationary, std::size_t count) {
  const Eigen::Index n = transition_matrix.rows();
  const auto k =
      static_cast<Eigen::Index>(std::min<std::size_t>(count, static_cast<std::size_t>(n)));
  const SparseMatrix symmetric = symmetrised(transition_matrix, stationary);
  Eigen::VectorXd values;
  Eigen::MatrixXd vectors;
  if (n <= kDenseLimit || k >= n - 1) {
    const Eigen::MatrixXd dense(symmetric);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(dense);
    values = solver.eigenvalues();
    vectors = solver.eigenvectors();
  } else {
    Spectra::SparseSymMatProd<double, Eigen::Upper | Eigen::Lower, Eigen::RowMajor> op(symmetric);
    Spectra::SymEigsSolver<decltype(op)> solver(
        op, k, std::min<Eigen::Index>(n, std::max<Eigen::Index>(2 * k + 1, 20)));
    solver.init();
    solver.compute(Spectra::SortRule::LargestMagn, 10000, 1e-12);
    if (solver.info() != Spectra::CompInfo::Successful)
      throw Error("the eigenvector iteration did not converge");
    values = solver.eigenvalues();
    vectors = solver.eigenvectors();
  }
  std::vector<Eigen::Index> order(static_cast<std::size_t>(values.size()));
  for (Eigen::Index i = 0; i < values.size(); ++i) order[static_cast<std::size_t>(i)] = i;
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
    return std::abs(values[a]) > std::abs(values[b]);
  });
  const Eigen::VectorXd inverse_root = stationary.cwiseSqrt().cwiseInverse();
  Eigen::MatrixXd out(n, k);
  for (Eigen::Index c = 0; c < k; ++c)
    out.col(c) = inverse_root.cwiseProduct(vectors.col(order[static_cast<std::size_t>(c)]));
  return out;
}

}  // namespace nucleate::msm
