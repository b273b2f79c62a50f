#include "cv/spherical_harmonics.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <numbers>
#include <utility>

#include "core/error.h"

namespace nucleate::cv {

SphericalHarmonics::SphericalHarmonics(int l) : l_(l) {
  if (l < 0 || l > kMaxHarmonicDegree) {
    throw Error(fmt::format("spherical harmonics of degree {} requested; 0 to {} are supported", l,
                            kMaxHarmonicDegree));
  }
  // Pbar_l^m(c) / Pbar_m^m as a polynomial in c, built by running the
  // recurrence on coefficient arrays once; then scaled by N_lm (-1)^m (2m-1)!!.
  const std::size_t width = static_cast<std::size_t>(l) + 1;
  coefficients_.assign(width * width, 0.0);
  double pmm = 1.0;  // (-1)^m (2m-1)!!
  for (int m = 0; m <= l; ++m) {
    if (m > 0) pmm *= -(2.0 * m - 1.0);
    double ratio = 1.0;  // (l-m)!/(l+m)!
    for (int k = l - m + 1; k <= l + m; ++k) ratio /= k;
    const double scale = std::sqrt((2.0 * l + 1.0) / (4.0 * std::numbers::pi) * ratio) * pmm;
    std::vector<double> previous(static_cast<std::size_t>(l + 1), 0.0);
    std::vector<double> current(static_cast<std::size_t>(l + 1), 0.0);
    previous[0] = 1.0;                      // Pbar_m^m / Pbar_m^m
    if (l > m) current[1] = 2.0 * m + 1.0;  // Pbar_m+1^m / Pbar_m^m = (2m+1) c
    for (int ll = m + 2; ll <= l; ++ll) {   // A&S 8.5.3
      const double a = (2.0 * ll - 1.0) / (ll - m);
      const double b = (ll + m - 1.0) / (ll - m);
      std::vector<double> next(static_cast<std::size_t>(l + 1), 0.0);
      for (int k = 0; k < l; ++k) next[k + 1] += a * current[k];
      for (int k = 0; k <= l; ++k) next[k] -= b * previous[k];
      previous = std::move(current);
      current = std::move(next);
    }
    const std::vector<double>& p = l > m ? current : previous;
    for (int k = 0; k <= l - m; ++k)
      coefficients_[static_cast<std::size_t>(m) * (static_cast<std::size_t>(l) + 1) +
                    static_cast<std::size_t>(k)] = scale * p[k];
  }
  static constexpr auto kByDegree = []<int... L>(std::integer_sequence<int, L...>) {
    return std::array{&SphericalHarmonics::evaluate_fixed<L>...};
  }
  (std::make_integer_sequence<int, kMaxHarmonicDegree + 1>{});
  evaluate_ = kByDegree[static_cast<std::size_t>(l)];
}

}  // namespace nucleate::cv
