#include "cv/steinhardt.h"

#include <cmath>
#include <numbers>

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
  const double factor =
      normalisation == SteinhardtNormalisation::standard ? 4.0 * std::numbers::pi / (2 * l_ + 1) : 1.0;
  return std::sqrt(std::max(0.0, factor * sum));
}

void compute_bond_order(const geom::NeighborList& list, std::span<const std::uint32_t> queries,
                        const SteinhardtOptions& options, BondOrderVectors& out) {
  const SphericalHarmonics harmonics(options.l);
  const auto n = static_cast<std::int64_t>(queries.size());
#pragma omp parallel
  {
    std::vector<std::complex<double>> y(static_cast<std::size_t>(options.l) + 1);
#pragma omp for schedule(static)
    for (std::int64_t q = 0; q < n; ++q) {
      auto row = out.row(queries[q]);
      std::fill(row.begin(), row.end(), std::complex<double>(0.0, 0.0));
      if (list.count(q) < options.min_neighbors || list.count(q) == 0) continue;
      double weight_sum = 0.0;
      for (std::size_t k = list.offsets[q]; k < list.offsets[q + 1]; ++k) {
        const double w = options.switching != nullptr ? (*options.switching)(list.distances[k]) : 1.0;
        if (w == 0.0) continue;
        const auto& d = list.displacements[k];
        harmonics.evaluate(d[0], d[1], d[2], y);
        for (int m = 0; m <= options.l; ++m) row[m] += w * y[m];
        weight_sum += w;
      }
      if (weight_sum > 0.0) {
        for (auto& v : row) v /= weight_sum;
      }
    }
  }
}

}  // namespace nucleate::cv
