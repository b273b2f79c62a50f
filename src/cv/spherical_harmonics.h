#pragma once
// Fully normalised spherical harmonics Y_lm (Condon–Shortley phase) of the
// direction of a vector, for m = 0..l; Y_l,-m = (-1)^m conj(Y_lm) gives the
// rest. Computed from Cartesian components by the associated Legendre
// recurrence without trigonometric calls:
//   Y_lm = N_lm Pbar_l^m(z/r) ((x + i y)/r)^m,  N_lm = sqrt((2l+1)/(4 pi) (l-m)!/(l+m)!)
// where Pbar_l^m = P_l^m / (1 - cos^2)^(m/2) obeys the same recurrence as P_l^m
// (Abramowitz & Stegun 8.5.3; normalisation as in Steinhardt, Nelson & Ronchetti,
// Phys. Rev. B 28, 784 (1983)).

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
  void evaluate(double x, double y, double z, std::span<std::complex<double>> out) const;

 private:
  int l_;
  // N_lm (-1)^m (2m-1)!!, m = 0..l: the recurrence is linear, so Pbar_m^m's
  // start value rides in the normalisation and the loop starts from 1.
  std::vector<double> scale_;
  // The recurrence Pbar_ll = a c Pbar_ll-1 - b Pbar_ll-2 for each m and
  // ll = m+2..l, flattened in that order: divisions done once, here.
  std::vector<double> a_;
  std::vector<double> b_;
};

}  // namespace nucleate::cv
