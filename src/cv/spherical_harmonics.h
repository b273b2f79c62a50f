#pragma once
// Fully normalised spherical harmonics Y_lm (Condon–Shortley phase) of the
// direction of a vector, for m = 0..l; Y_l,-m = (-1)^m conj(Y_lm) gives the
// rest. Computed from Cartesian components without trigonometric calls, the
// associated Legendre part as a polynomial in z/r per m that the recurrence
// builds once per degree:
//   Y_lm = N_lm Pbar_l^m(z/r) ((x + i y)/r)^m,  N_lm = sqrt((2l+1)/(4 pi) (l-m)!/(l+m)!)
// where Pbar_l^m = P_l^m / (1 - cos^2)^(m/2) obeys the same recurrence as P_l^m
// (Abramowitz & Stegun 8.5.3; normalisation as in Steinhardt, Nelson & Ronchetti,
// Phys. Rev. B 28, 784 (1983)).

#include <array>
#include <cmath>
#include <complex>
#include <span>
#include <vector>

namespace nucleate::cv {

constexpr int kMaxHarmonicDegree = 12;

class SphericalHarmonics {
 public:
  explicit SphericalHarmonics(int l);  ///< 0 <= l <= 12, else Error
  [[nodiscard]] int degree() const { return l_; }
  /// Writes Y_l0 .. Y_ll of the direction (x, y, z) (need not be unit) to
  /// `out` (size l + 1). A zero vector gives Y_l0 of the z axis.
  void evaluate(double x, double y, double z, std::span<std::complex<double>> out) const {
    (this->*evaluate_)(x, y, z, out.data());
  }
  /// The same for a degree fixed at compile time (L must equal degree()):
  /// hot loops instantiate it per degree so it inlines and its loops unroll.
  template <int L>
  void evaluate_fixed(double x, double y, double z, std::complex<double>* out) const;

 private:
  int l_;
  void (SphericalHarmonics::*evaluate_)(double, double, double,
                                        std::complex<double>*) const = nullptr;
  // N_lm (-1)^m (2m-1)!! Pbar_l^m(c) / Pbar_m^m = sum_k coefficients_[m (l+1) + k] c^k:
  // a polynomial per m, so the terms are independent (the recurrence was one
  // long dependency chain per m).
  std::vector<double> coefficients_;
};

template <int L>
void SphericalHarmonics::evaluate_fixed(double x, double y, double z,
                                        std::complex<double>* out) const {
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
  std::array<double, L + 1> c_power{};
  c_power[0] = 1.0;
  for (int k = 1; k <= L; ++k) c_power[k] = c_power[k - 1] * c;
  const double* coefficients = coefficients_.data();
  double power_re = 1.0;  // ((x + i y) / r)^m
  double power_im = 0.0;
  for (int m = 0; m <= L; ++m) {
    if (m > 0) {
      const double re = power_re * ex - power_im * ey;
      power_im = power_re * ey + power_im * ex;
      power_re = re;
    }
    // Pbar_l^m has the parity of l - m: only every other power of c.
    double v = 0.0;
    for (int k = (L - m) % 2; k <= L - m; k += 2) v += coefficients[m * (L + 1) + k] * c_power[k];
    out[m] = {v * power_re, v * power_im};
  }
}

}  // namespace nucleate::cv
