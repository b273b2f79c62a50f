#include "cv/coordination.h"

#include <cmath>

namespace nucleate::cv {

std::vector<double> coordination_numbers(const geom::NeighborList& list,
                                         std::span<const std::uint32_t> queries,
                                         const SwitchingFunction& switching,
                                         std::span<const double> filter) {
  std::vector<double> c(queries.size(), 0.0);
  const auto n = static_cast<std::int64_t>(queries.size());
  for (std::int64_t q = 0; q < n; ++q) {
    double sum = 0.0;
    for (std::size_t k = list.offsets[q]; k < list.offsets[q + 1]; ++k) {
      const double s = switching(list.distances[k]);
      sum += filter.empty() ? s : filter[list.indices[k]] * s;
    }
    c[q] = filter.empty() ? sum : filter[queries[q]] * sum;
  }
  return c;
}

std::vector<double> local_bond_order(const geom::NeighborList& list,
                                     std::span<const std::uint32_t> queries,
                                     const SwitchingFunction& switching,
                                     const BondOrderVectors& q) {
  const UnitBondOrder unit(q);
  // Sums per row; in a symmetric list each bond is weighed and dotted once for both ends.
  std::vector<double> numerator(queries.size(), 0.0);
  std::vector<double> denominator(queries.size(), 0.0);
  std::vector<double> s_i(queries.size(), 0.0);
  geom::for_each_bond(list, [&](std::size_t k, std::size_t e, bool both_rows) {
    const double w = switching(list.distances[e]);
    if (w == 0.0) return;
    const std::uint32_t i = queries[k];
    const std::uint32_t j = list.indices[e];
    const double term = unit.is_zero(i) || unit.is_zero(j) ? 0.0 : w * unit.dot(i, j);
    denominator[k] += w;
    numerator[k] += term;
    if (both_rows) {
      denominator[list.neighbor_rows[e]] += w;
      numerator[list.neighbor_rows[e]] += term;
    }
  });
  for (std::size_t k = 0; k < queries.size(); ++k) {
    s_i[k] =
        !unit.is_zero(queries[k]) && denominator[k] > 0.0 ? numerator[k] / denominator[k] : 0.0;
  }
  return s_i;
}

std::vector<double> sphere_weights(const geom::PeriodicCell& cell, std::span<const Vec3f> positions,
                                   std::span<const std::uint32_t> atoms, const Vec3d& centre,
                                   const SwitchingFunction& switching) {
  std::vector<double> w(atoms.size());
  for (std::size_t k = 0; k < atoms.size(); ++k) {
    const auto& p = positions[atoms[k]];
    const Vec3d d = cell.minimum_image({p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]});
    w[k] = switching(std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]));
  }
  return w;
}

}  // namespace nucleate::cv
