#include "cv/steinhardt_w.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstdlib>
#include <vector>

namespace nucleate::cv {
namespace {

// ln n! through lgamma: exact enough for the arguments here (<= 3 l + 1 = 37).
double log_factorial(int n) {
  return std::lgamma(static_cast<double>(n) + 1.0);
}

// The 3j symbols (l l l; m1 m2 -m1-m2) of one l, computed once.
class ThreeJTable {
 public:
  explicit ThreeJTable(int l)
      : l_(l), values_(static_cast<std::size_t>((2 * l + 1) * (2 * l + 1))) {
    for (int m1 = -l; m1 <= l; ++m1)
      for (int m2 = -l; m2 <= l; ++m2)
        values_[index(m1, m2)] = wigner_3j(l, l, l, m1, m2, -m1 - m2);
  }
  [[nodiscard]] double operator()(int m1, int m2) const { return values_[index(m1, m2)]; }

 private:
  [[nodiscard]] std::size_t index(int m1, int m2) const {
    return static_cast<std::size_t>(m1 + l_) * static_cast<std::size_t>(2 * l_ + 1) +
           static_cast<std::size_t>(m2 + l_);
  }
  int l_;
  std::vector<double> values_;
};

const ThreeJTable& table(int l) {
  static const std::array<ThreeJTable, 13> tables = [] {
    return std::array<ThreeJTable, 13>{
        ThreeJTable(0),  ThreeJTable(1),  ThreeJTable(2), ThreeJTable(3), ThreeJTable(4),
        ThreeJTable(5),  ThreeJTable(6),  ThreeJTable(7), ThreeJTable(8), ThreeJTable(9),
        ThreeJTable(10), ThreeJTable(11), ThreeJTable(12)};
  }();
  return tables[static_cast<std::size_t>(l)];
}

}  // namespace

double wigner_3j(int j1, int j2, int j3, int m1, int m2, int m3) {
  if (m1 + m2 + m3 != 0 || std::abs(m1) > j1 || std::abs(m2) > j2 || std::abs(m3) > j3) return 0.0;
  if (j3 < std::abs(j1 - j2) || j3 > j1 + j2) return 0.0;
  // Racah: (-1)^(j1-j2-m3) sqrt(Delta) sqrt(prod (j+-m)!) sum_k (-1)^k / (...)
  const double log_delta = log_factorial(j1 + j2 - j3) + log_factorial(j1 - j2 + j3) +
                           log_factorial(-j1 + j2 + j3) - log_factorial(j1 + j2 + j3 + 1);
  const double log_norm =
      0.5 * (log_delta + log_factorial(j1 + m1) + log_factorial(j1 - m1) + log_factorial(j2 + m2) +
             log_factorial(j2 - m2) + log_factorial(j3 + m3) + log_factorial(j3 - m3));
  const int k_min = std::max({0, j2 - j3 - m1, j1 - j3 + m2});
  const int k_max = std::min({j1 + j2 - j3, j1 - m1, j2 + m2});
  double sum = 0.0;
  for (int k = k_min; k <= k_max; ++k) {
    const double log_term = log_factorial(k) + log_factorial(j3 - j2 + k + m1) +
                            log_factorial(j3 - j1 + k - m2) + log_factorial(j1 + j2 - j3 - k) +
                            log_factorial(j1 - k - m1) + log_factorial(j2 - k + m2);
    sum += ((k % 2 == 0) ? 1.0 : -1.0) * std::exp(log_norm - log_term);
  }
  return ((j1 - j2 - m3) % 2 == 0 ? 1.0 : -1.0) * sum;
}

double normalised_w(const BondOrderVectors& q, std::size_t atom) {
  const int l = q.degree();
  const auto row = q.row(atom);
  // q_l,-m = (-1)^m conj(q_lm): only m >= 0 is stored.
  auto q_lm = [&](int m) {
    if (m >= 0) return row[static_cast<std::size_t>(m)];
    const std::complex<double> c = std::conj(row[static_cast<std::size_t>(-m)]);
    return (m % 2 == 0) ? c : -c;
  };
  const double norm = q.dot(atom, atom);
  if (norm <= 0.0) return 0.0;
  const ThreeJTable& three_j = table(l);
  std::complex<double> sum(0.0, 0.0);
  for (int m1 = -l; m1 <= l; ++m1) {
    for (int m2 = std::max(-l, -l - m1); m2 <= std::min(l, l - m1); ++m2) {
      sum += three_j(m1, m2) * q_lm(m1) * q_lm(m2) * q_lm(-m1 - m2);
    }
  }
  return sum.real() / std::pow(norm, 1.5);
}

}  // namespace nucleate::cv
