#include "cv/spherical_harmonics.h"

#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "core/error.h"

namespace nucleate::cv {

SphericalHarmonics::SphericalHarmonics(int l) : l_(l) {
  if (l < 0 || l > kMaxHarmonicDegree) {
    throw Error(fmt::format("spherical harmonics of degree {} requested; 0 to {} are supported", l,
                            kMaxHarmonicDegree));
  }
  norm_.resize(static_cast<std::size_t>(l) + 1);
  for (int m = 0; m <= l; ++m) {
    double ratio = 1.0;  // (l-m)!/(l+m)!
    for (int k = l - m + 1; k <= l + m; ++k) ratio /= k;
    norm_[m] = std::sqrt((2.0 * l + 1.0) / (4.0 * std::numbers::pi) * ratio);
  }
}

void SphericalHarmonics::evaluate(double x, double y, double z,
                                  std::span<std::complex<double>> out) const {
  const double r = std::sqrt(x * x + y * y + z * z);
  double c = 1.0;
  std::complex<double> e(0.0, 0.0);  // (x + i y) / r
  if (r > 0.0) {
    c = z / r;
    e = {x / r, y / r};
  }
  std::complex<double> e_power(1.0, 0.0);  // e^m
  double pmm = 1.0;                         // Pbar_m^m = (-1)^m (2m-1)!!
  for (int m = 0; m <= l_; ++m) {
    if (m > 0) {
      pmm *= -(2.0 * m - 1.0);
      e_power *= e;
    }
    double p = pmm;  // Pbar_m^m, then raised to Pbar_l^m
    if (l_ > m) {
      double p_prev = pmm;
      double p_cur = c * (2.0 * m + 1.0) * pmm;
      for (int ll = m + 2; ll <= l_; ++ll) {
        const double p_next = ((2.0 * ll - 1.0) * c * p_cur - (ll + m - 1.0) * p_prev) / (ll - m);
        p_prev = p_cur;
        p_cur = p_next;
      }
      p = p_cur;
    }
    out[m] = norm_[m] * p * e_power;
  }
}

}  // namespace nucleate::cv
