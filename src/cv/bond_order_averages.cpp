#include "cv/bond_order_averages.h"

#include <algorithm>
#include <cmath>

namespace nucleate::cv {

void average_bond_order(const geom::NeighborList& list, std::span<const std::uint32_t> queries,
                        const BondOrderVectors& q, BondOrderVectors& out) {
  const auto n = static_cast<std::int64_t>(queries.size());
  const int l = q.degree();
#pragma omp parallel for schedule(static)
  for (std::int64_t k = 0; k < n; ++k) {
    const std::uint32_t i = queries[k];
    auto row = out.row(i);
    const auto own = q.row(i);
    std::copy(own.begin(), own.end(), row.begin());
    for (std::size_t e = list.offsets[k]; e < list.offsets[k + 1]; ++e) {
      const auto other = q.row(list.indices[e]);
      for (int m = 0; m <= l; ++m) row[m] += other[m];
    }
    const double count = static_cast<double>(list.count(k) + 1);
    for (auto& v : row) v /= count;
  }
}

double normalised_bond_dot(const BondOrderVectors& q, std::size_t i, std::size_t j) {
  const double ni = q.magnitude(i, SteinhardtNormalisation::plumed);
  const double nj = q.magnitude(j, SteinhardtNormalisation::plumed);
  if (ni == 0.0 || nj == 0.0) return 0.0;
  return q.dot(i, j) / (ni * nj);
}

std::vector<std::size_t> count_solid_bonds(const geom::NeighborList& list,
                                           std::span<const std::uint32_t> queries,
                                           const BondOrderVectors& q, double threshold) {
  // |q| of each atom once, not once per bond it is in.
  std::vector<double> norm(q.atom_count());
  const auto atoms = static_cast<std::int64_t>(q.atom_count());
#pragma omp parallel for schedule(static)
  for (std::int64_t a = 0; a < atoms; ++a) norm[a] = std::sqrt(std::max(0.0, q.dot(a, a)));
  std::vector<std::size_t> bonds(queries.size(), 0);
  const auto n = static_cast<std::int64_t>(queries.size());
#pragma omp parallel for schedule(static)
  for (std::int64_t k = 0; k < n; ++k) {
    const std::uint32_t i = queries[k];
    for (std::size_t e = list.offsets[k]; e < list.offsets[k + 1]; ++e) {
      const std::uint32_t j = list.indices[e];
      const double scale = norm[i] * norm[j];
      if (scale > 0.0 && q.dot(i, j) > threshold * scale) ++bonds[k];
    }
  }
  return bonds;
}

}  // namespace nucleate::cv
