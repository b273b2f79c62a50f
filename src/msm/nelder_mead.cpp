#include "msm/nelder_mead.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace nucleate::msm {

NelderMeadResult minimise_nelder_mead(const std::function<double(const Eigen::VectorXd&)>& f,
                                      const Eigen::VectorXd& start, double x_tolerance,
                                      double f_tolerance, std::size_t max_iterations) {
  const Eigen::Index n = start.size();
  std::vector<Eigen::VectorXd> simplex(static_cast<std::size_t>(n + 1), start);
  for (Eigen::Index k = 0; k < n; ++k) {
    Eigen::VectorXd& v = simplex[static_cast<std::size_t>(k + 1)];
    v[k] = v[k] != 0.0 ? 1.05 * v[k] : 0.00025;
  }
  std::vector<double> values(simplex.size());
  for (std::size_t k = 0; k < simplex.size(); ++k) values[k] = f(simplex[k]);
  std::vector<std::size_t> order(simplex.size());
  NelderMeadResult out;
  for (out.iterations = 0; out.iterations < max_iterations; ++out.iterations) {
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    const std::size_t best = order.front();
    const std::size_t worst = order.back();
    const std::size_t second_worst = order[order.size() - 2];
    double spread_x = 0.0;
    double spread_f = 0.0;
    for (std::size_t k : order) {
      spread_x = std::max(spread_x, (simplex[k] - simplex[best]).cwiseAbs().maxCoeff());
      spread_f = std::max(spread_f, std::abs(values[k] - values[best]));
    }
    if (spread_x <= x_tolerance && spread_f <= f_tolerance) {
      out.converged = true;
      break;
    }
    Eigen::VectorXd centroid = Eigen::VectorXd::Zero(n);
    for (std::size_t k : order)
      if (k != worst) centroid += simplex[k];
    centroid /= static_cast<double>(n);
    const Eigen::VectorXd reflected = centroid + (centroid - simplex[worst]);
    const double f_reflected = f(reflected);
    if (f_reflected < values[best]) {
      const Eigen::VectorXd expanded = centroid + 2.0 * (centroid - simplex[worst]);
      const double f_expanded = f(expanded);
      if (f_expanded < f_reflected) {
        simplex[worst] = expanded;
        values[worst] = f_expanded;
      } else {
        simplex[worst] = reflected;
        values[worst] = f_reflected;
      }
      continue;
    }
    if (f_reflected < values[second_worst]) {
      simplex[worst] = reflected;
      values[worst] = f_reflected;
      continue;
    }
    // Contract towards the better of the worst point and its reflection.
    const bool outside = f_reflected < values[worst];
    const Eigen::VectorXd contracted =
        outside ? Eigen::VectorXd(centroid + 0.5 * (reflected - centroid))
                : Eigen::VectorXd(centroid + 0.5 * (simplex[worst] - centroid));
    const double f_contracted = f(contracted);
    if (f_contracted < (outside ? f_reflected : values[worst])) {
      simplex[worst] = contracted;
      values[worst] = f_contracted;
      continue;
    }
    for (std::size_t k = 0; k < simplex.size(); ++k) {
      if (k == best) continue;
      simplex[k] = simplex[best] + 0.5 * (simplex[k] - simplex[best]);
      values[k] = f(simplex[k]);
    }
  }
  const auto best =
      static_cast<std::size_t>(std::min_element(values.begin(), values.end()) - values.begin());
  out.x = simplex[best];
  out.value = values[best];
  return out;
}

}  // namespace nucleate::msm
