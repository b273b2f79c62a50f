#pragma once
// Derivative-free minimisation by the Nelder-Mead simplex (Nelder & Mead,
// Comput. J. 7, 308 (1965)) with the standard coefficients (reflection 1,
// expansion 2, contraction 1/2, shrink 1/2) and the initial simplex SciPy's
// fmin uses (each coordinate in turn scaled by 1.05, or set to 0.00025 when
// zero), so PCCA+ starts its search where deeptime's does.

#include <Eigen/Core>
#include <functional>

namespace nucleate::msm {

struct NelderMeadResult {
  Eigen::VectorXd x;
  double value = 0.0;
  std::size_t iterations = 0;
  bool converged = false;
};

/// Stops when the simplex spans less than `x_tolerance` in every coordinate
/// and its values less than `f_tolerance`, or after `max_iterations`.
NelderMeadResult minimise_nelder_mead(const std::function<double(const Eigen::VectorXd&)>& f,
                                      const Eigen::VectorXd& start, double x_tolerance,
                                      double f_tolerance, std::size_t max_iterations);

}  // namespace nucleate::msm
