#include "cv/bond_order_averages.h"

#include <algorithm>
#include <cmath>

namespace nucleate::cv {

void average_bond_order(const geom::NeighborList& list, std::span<const std::uint32_t> queries,
                        const BondOrderVectors& q, BondOrderVectors& out) {
  const auto n = static_cast<std::int64_t>(queries.size());
  const int l = q.degree();
  for (std::int64_t k = 0; k < n; ++k) {
    const std::uint32_t i = queries[k];
    auto row = out.row(i);
    const auto own = q.row(i);
    std::copy(own.begin(), own.end(), row.begin());
    for (std::size_t e = list.offsets[k]; e < list.offsets[k + 1]; ++e) {
      const auto other = q.row(list.indices[e]);
      for (int m = 0; m <= l; ++m) row[m] += other[m];
    }
    const auto count = static_cast<double>(list.count(k) + 1);
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
  const UnitBondOrder unit(q);
  std::vector<std::size_t> bonds(queries.size(), 0);
  geom::for_each_bond(list, [&](std::size_t k, std::size_t e, bool both_rows) {
    const std::uint32_t i = queries[k];
    const std::uint32_t j = list.indices[e];
    if (unit.is_zero(i) || unit.is_zero(j) || !(unit.dot(i, j) > threshold)) return;
    ++bonds[k];
    if (both_rows) ++bonds[list.neighbor_rows[e]];
  });
  return bonds;
}

}  // namespace nucleate::cv
