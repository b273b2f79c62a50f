#include "cv/steinhardt.h"

#include <array>
#include <cmath>
#include <numbers>
#include <utility>

#include "cv/spherical_harmonics.h"

namespace nucleate::cv {

double BondOrderVectors::dot(std::size_t a, std::size_t b) const {
  const auto qa = row(a);
  const auto qb = row(b);
  // m and -m contribute equal real parts: (-1)^2m conj(qa) qb = conj(qa qb*).
  double sum = (qa[0] * std::conj(qb[0])).real();
  for (int m = 1; m <= l_; ++m) sum += 2.0 * (qa[m] * std::conj(qb[m])).real();
  return sum;
}

double BondOrderVectors::magnitude(std::size_t atom, SteinhardtNormalisation normalisation) const {
  const double sum = dot(atom, atom);
  const double factor = normalisation == SteinhardtNormalisation::standard
                            ? 4.0 * std::numbers::pi / (2 * l_ + 1)
                            : 1.0;
  return std::sqrt(std::max(0.0, factor * sum));
}

UnitBondOrder::UnitBondOrder(const BondOrderVectors& q)
    : width_(2 * static_cast<std::size_t>(q.degree() + 1)),
      values_(q.atom_count() * width_),
      zero_(q.atom_count()) {
  const auto atoms = static_cast<std::int64_t>(q.atom_count());
  for (std::int64_t a = 0; a < atoms; ++a) {
    const double norm =
        std::sqrt(std::max(0.0, q.dot(static_cast<std::size_t>(a), static_cast<std::size_t>(a))));
    zero_[a] = norm == 0.0 ? 1 : 0;
    if (norm == 0.0) continue;
    const auto row = q.row(static_cast<std::size_t>(a));
    double* out = values_.data() + static_cast<std::size_t>(a) * width_;
    for (std::size_t m = 0; m < row.size(); ++m) {
      const double scale = (m == 0 ? 1.0 : std::numbers::sqrt2) / norm;
      out[2 * m] = row[m].real() * scale;
      out[2 * m + 1] = row[m].imag() * scale;
    }
  }
}

namespace {

// Sums w Y_lm over each row's bonds, and the weights. Compiled per degree so the harmonics inline
// and every loop over m unrolls. In a symmetric list each bond's harmonics serve both ends:
// Y_lm(-r) = (-1)^l Y_lm(r).
template <int L>
void sum_bond_harmonics(const geom::NeighborList& list, std::span<const std::uint32_t> queries,
                        const SphericalHarmonics& harmonics, const SwitchingFunction* switching,
                        BondOrderVectors& out, std::vector<double>& weight_sum) {
  constexpr double kParity = L % 2 == 0 ? 1.0 : -1.0;
  std::array<std::complex<double>, L + 1> y;
  geom::for_each_bond(list, [&](std::size_t q, std::size_t k, bool both_rows) {
    const double w = switching != nullptr ? (*switching)(list.distances[k]) : 1.0;
    if (w == 0.0) return;
    const auto& d = list.displacements[k];
    harmonics.evaluate_fixed<L>(d[0], d[1], d[2], y.data());
    std::complex<double>* row = out.row(queries[q]).data();
    for (int m = 0; m <= L; ++m) row[m] += w * y[m];
    weight_sum[q] += w;
    if (both_rows) {
      const std::size_t r = list.neighbor_rows[k];
      std::complex<double>* other = out.row(queries[r]).data();
      for (int m = 0; m <= L; ++m) other[m] += (kParity * w) * y[m];
      weight_sum[r] += w;
    }
  });
}

using BondHarmonicsSum = void (*)(const geom::NeighborList&, std::span<const std::uint32_t>,
                                  const SphericalHarmonics&, const SwitchingFunction*,
                                  BondOrderVectors&, std::vector<double>&);
constexpr auto kSumByDegree = []<int... L>(std::integer_sequence<int, L...>) {
  return std::array<BondHarmonicsSum, sizeof...(L)>{&sum_bond_harmonics<L>...};
}
(std::make_integer_sequence<int, kMaxHarmonicDegree + 1>{});

}  // namespace

void compute_bond_order(const geom::NeighborList& list, std::span<const std::uint32_t> queries,
                        const SteinhardtOptions& options, BondOrderVectors& out) {
  const SphericalHarmonics harmonics(options.l);
  const BondHarmonicsSum sum = kSumByDegree[static_cast<std::size_t>(options.l)];
  std::vector<double> weight_sum(queries.size(), 0.0);
  for (const std::uint32_t atom : queries) {
    auto row = out.row(atom);
    std::fill(row.begin(), row.end(), std::complex<double>(0.0, 0.0));
  }
  sum(list, queries, harmonics, options.switching, out, weight_sum);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    auto row = out.row(queries[q]);
    if (list.count(q) < options.min_neighbors || weight_sum[q] == 0.0) {
      std::fill(row.begin(), row.end(), std::complex<double>(0.0, 0.0));
    } else {
      for (auto& v : row) v /= weight_sum[q];
    }
  }
}

}  // namespace nucleate::cv
