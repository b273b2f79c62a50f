#include "msm/pcca.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <complex>

#include "core/error.h"
#include "msm/nelder_mead.h"
#include "msm/spectral.h"

namespace nucleate::msm {
namespace {

// Inner simplex algorithm (Weber & Galliat 2002): the m states that span the
// largest simplex in eigenvector space, found by repeated Gram-Schmidt
// projections; A0 = (V[vertices])^-1 makes them the pure states.
Eigen::MatrixXd inner_simplex_rotation(const Eigen::MatrixXd& v) {
  const Eigen::Index n = v.rows();
  const Eigen::Index m = v.cols();
  std::vector<Eigen::Index> vertex(static_cast<std::size_t>(m), 0);
  double farthest = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (v.row(i).norm() > farthest) {
      farthest = v.row(i).norm();
      vertex[0] = i;
    }
  }
  Eigen::MatrixXd basis = v.rowwise() - v.row(vertex[0]);
  for (Eigen::Index k = 1; k < m; ++k) {
    const Eigen::RowVectorXd previous = basis.row(vertex[static_cast<std::size_t>(k - 1)]);
    farthest = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      basis.row(i) -= previous.dot(basis.row(i)) * previous;
      const double distance = basis.row(i).norm();
      const bool taken = std::find(vertex.begin(), vertex.begin() + k, i) != vertex.begin() + k;
      if (distance > farthest && !taken) {
        farthest = distance;
        vertex[static_cast<std::size_t>(k)] = i;
      }
    }
    basis /= basis.row(vertex[static_cast<std::size_t>(k)]).norm();
  }
  Eigen::MatrixXd corners(m, m);
  for (Eigen::Index k = 0; k < m; ++k) corners.row(k) = v.row(vertex[static_cast<std::size_t>(k)]);
  return corners.inverse();
}

// A feasible A from its lower-right (m-1) x (m-1) block: the first column
// makes the rows of chi sum to 1, the first row makes chi >= 0, and the
// whole is scaled so the first row sums to 1 (Röblitz & Weber 2013, sec. 3).
Eigen::MatrixXd feasible_rotation(const Eigen::MatrixXd& block, const Eigen::MatrixXd& v) {
  const Eigen::Index m = v.cols();
  Eigen::MatrixXd lower(m - 1, m);
  lower.col(0) = -block.rowwise().sum();
  lower.rightCols(m - 1) = block;
  const Eigen::MatrixXd negative = -v.rightCols(m - 1) * lower;
  const Eigen::RowVectorXd top = negative.colwise().maxCoeff();
  Eigen::MatrixXd a(m, m);
  a.row(0) = top;
  a.bottomRows(m - 1) = lower;
  return a / top.sum();
}

// The crispness objective, negated for minimisation: sum_ij A_ji^2 / A_0i.
double objective(const Eigen::MatrixXd& a) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < a.cols(); ++i)
    for (Eigen::Index j = 0; j < a.rows(); ++j) sum += a(j, i) * a(j, i) / a(0, i);
  return -sum;
}

}  // namespace

Pcca pcca(const SparseMatrix& transition_matrix, const Eigen::VectorXd& stationary,
          std::size_t sets) {
  const Eigen::Index n = transition_matrix.rows();
  if (sets < 2 || static_cast<Eigen::Index>(sets) > n) {
    throw UsageError(
        fmt::format("PCCA+ needs between 2 and {} sets (the number of states); {} asked", n, sets));
  }
  const auto m = static_cast<Eigen::Index>(sets);
  // Reversibility is what makes the eigenvectors real.
  double imbalance = 0.0;
  for (Eigen::Index i = 0; i < transition_matrix.outerSize(); ++i)
    for (SparseMatrix::InnerIterator it(transition_matrix, i); it; ++it)
      imbalance = std::max(imbalance,
                           std::abs(stationary[i] * it.value() -
                                    stationary[it.col()] * transition_matrix.coeff(it.col(), i)));
  if (imbalance > 1e-8)
    throw Error(
        fmt::format("PCCA+ needs a reversible T (detailed balance off by {:.2g})", imbalance));

  // PCCA+ finds m metastable sets from the m eigenvalues closest to 1. A
  // non-positive one among the m of largest modulus belongs to oscillation
  // (a periodic chain at this lag: each set is left at every step), and the
  // rotation then has no feasible optimum (Roeblitz & Weber 2013, sec. 2).
  const Spectrum spectrum = eigenvalues(transition_matrix, sets, stationary);
  for (std::size_t k = 0; k < spectrum.eigenvalues.size() && k < sets; ++k) {
    const std::complex<double> lambda = spectrum.eigenvalues[k];
    if (lambda.real() <= 0.0) {
      throw Error(fmt::format(
          "PCCA+ into {} sets needs the {} eigenvalues of largest modulus to be positive, but "
          "one is {:.6g}: the chain oscillates at this lag (periodic), so it has no {} "
          "metastable sets (try a longer lag or fewer sets)",
          sets, sets, lambda.real(), sets));
    }
  }
  Eigen::MatrixXd v = dominant_right_eigenvectors(transition_matrix, stationary, sets);
  for (Eigen::Index c = 0; c < m; ++c)
    v.col(c) /= std::sqrt(v.col(c).cwiseProduct(stationary).dot(v.col(c)));
  v.col(0) = v.col(0).cwiseAbs();

  const Eigen::MatrixXd start = inner_simplex_rotation(v);
  const Eigen::MatrixXd start_block = start.bottomRightCorner(m - 1, m - 1);
  // Row-major flattening of the block, as the search variables.
  Eigen::VectorXd x(start_block.size());
  for (Eigen::Index r = 0; r < m - 1; ++r)
    for (Eigen::Index c = 0; c < m - 1; ++c) x[r * (m - 1) + c] = start_block(r, c);
  auto unflatten = [m](const Eigen::VectorXd& flat) {
    Eigen::MatrixXd block(m - 1, m - 1);
    for (Eigen::Index r = 0; r < m - 1; ++r)
      for (Eigen::Index c = 0; c < m - 1; ++c) block(r, c) = flat[r * (m - 1) + c];
    return block;
  };
  // Tighter than SciPy's fmin defaults (1e-4): the same optimum, found closer.
  const NelderMeadResult best = minimise_nelder_mead(
      [&](const Eigen::VectorXd& flat) { return objective(feasible_rotation(unflatten(flat), v)); },
      x, 1e-10, 1e-12, static_cast<std::size_t>(2000 * x.size()));
  const Eigen::MatrixXd a = feasible_rotation(unflatten(best.x), v);

  Pcca out;
  out.optimiser_converged = best.converged;
  out.memberships = (v * a).cwiseMax(0.0).cwiseMin(1.0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double total = out.memberships.row(i).sum();
    // A row with no positive membership (or NaN from a degenerate rotation)
    // would turn into NaN here; report it instead of writing it.
    if (!std::isfinite(total) || total <= 0.0) {
      throw Error(fmt::format(
          "PCCA+ into {} sets found no membership for state {} (degenerate eigenvectors); "
          "try fewer sets or a longer lag",
          sets, i));
    }
    out.memberships.row(i) /= total;
  }
  out.assignments.resize(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::Index set = 0;
    out.memberships.row(i).maxCoeff(&set);
    out.assignments[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(set);
  }
  const Eigen::MatrixXd& chi = out.memberships;
  for (Eigen::Index set = 0; set < m; ++set) {
    if (chi.col(set).sum() <= 0.0) {
      throw Error(fmt::format(
          "PCCA+ into {} sets left set {} without any membership; try fewer sets", sets, set));
    }
  }
  const Eigen::MatrixXd weighted = stationary.asDiagonal() * chi;  // D chi
  const Eigen::MatrixXd overlap = chi.transpose() * weighted;      // chi^T D chi
  const Eigen::MatrixXd flux = weighted.transpose() * (transition_matrix * chi);
  out.coarse_transition_matrix = overlap.partialPivLu().solve(flux);
  out.coarse_stationary_distribution = chi.transpose() * stationary;
  return out;
}

}  // namespace nucleate::msm
