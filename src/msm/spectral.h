#pragma once
// Spectral properties of a transition matrix: stationary distribution,
// eigenvalues, implied timescales t_i = -tau / ln|lambda_i|.
//
// A reversible T is similar to the symmetric D^1/2 T D^-1/2 (D = diag(pi)),
// whose eigenvalues are real and computed stably; a non-reversible T may
// have complex eigenvalues, of which |lambda| is used (deeptime does the
// same and warns).

#include <Eigen/Core>
#include <complex>
#include <optional>
#include <string>
#include <vector>

#include "msm/count_matrix.h"

namespace nucleate::msm {

/// pi with pi T = pi, sum pi = 1, by a sparse LU solve (one equation of
/// (T^T - I) pi = 0 replaced by the normalisation). Throws Error if T is not
/// ergodic enough for a unique solution.
Eigen::VectorXd stationary_distribution(const SparseMatrix& transition_matrix);

struct Spectrum {
  std::vector<std::complex<double>> eigenvalues;  ///< sorted by |lambda|, largest first
  std::vector<std::string> warnings;
};

/// The `count` eigenvalues of largest modulus (all when count is 0 or at
/// least the size). With `reversible_pi`, T is symmetrised with it first.
/// Dense up to 2000 states, Spectra's Krylov solvers above.
Spectrum eigenvalues(const SparseMatrix& transition_matrix, std::size_t count,
                     const std::optional<Eigen::VectorXd>& reversible_pi = std::nullopt);

/// t_i = -lag / ln|lambda_i| for i = 1 .. (the first, stationary, eigenvalue
/// is skipped). |lambda| within 1e-14 of 1 gives infinity, complex
/// eigenvalues use |lambda|, both with a warning; never NaN.
std::vector<double> implied_timescales(const Spectrum& spectrum, double lag,
                                       std::vector<std::string>& warnings);

}  // namespace nucleate::msm

namespace nucleate::msm {

/// The `count` right eigenvectors of a reversible T with the eigenvalues of
/// largest modulus, as columns in that order (from the symmetrised matrix:
/// r = D^-1/2 u). Signs are arbitrary.
Eigen::MatrixXd dominant_right_eigenvectors(const SparseMatrix& transition_matrix,
                                            const Eigen::VectorXd& stationary, std::size_t count);

}  // namespace nucleate::msm
