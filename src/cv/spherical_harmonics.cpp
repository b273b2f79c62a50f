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
  double pmm = 1.0;  // (-1)^m (2m-1)!!
  for (int m = 0; m <= l; ++m) {
    if (m > 0) pmm *= -(2.0 * m - 1.0);
    double ratio = 1.0;  // (l-m)!/(l+m)!
    for (int k = l - m + 1; k <= l + m; ++k) ratio /= k;
    scale_.push_back(std::sqrt((2.0 * l + 1.0) / (4.0 * std::numbers::pi) * ratio) * pmm);
    for (int ll = m + 2; ll <= l; ++ll) {
      a_.push_back((2.0 * ll - 1.0) / (ll - m));
      b_.push_back((ll + m - 1.0) / (ll - m));
    }
  }
}

void SphericalHarmonics::evaluate(double x, double y, double z,
                                  std::span<std::complex<double>> out) const {
  const double r2 = x * x + y * y + z * z;
  double c = 1.0;
  double ex = 0.0;  // (x + i y) / r
  double ey = 0.0;
  if (r2 > 0.0) {
    const double inverse = 1.0 / std::sqrt(r2);
    c = z * inverse;
    ex = x * inverse;
    ey = y * inverse;
  }
  double power_re = 1.0;  // ((x + i y) / r)^m
  double power_im = 0.0;
  std::size_t k = 0;  // position in a_, b_
  for (int m = 0; m <= l_; ++m) {
    if (m > 0) {
      const double re = power_re * ex - power_im * ey;
      power_im = power_re * ey + power_im * ex;
      power_re = re;
    }
    double p = 1.0;  // Pbar_l^m / Pbar_m^m
    if (l_ > m) {
      double p_prev = 1.0;
      double p_cur = c * (2.0 * m + 1.0);
      for (int ll = m + 2; ll <= l_; ++ll, ++k) {
        const double p_next = a_[k] * c * p_cur - b_[k] * p_prev;
        p_prev = p_cur;
        p_cur = p_next;
      }
      p = p_cur;
    }
    const double v = scale_[static_cast<std::size_t>(m)] * p;
    out[static_cast<std::size_t>(m)] = {v * power_re, v * power_im};
  }
}

}  // namespace nucleate::cv
