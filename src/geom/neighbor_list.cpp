#include "geom/neighbor_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

#include "core/error.h"
#include "geom/cell_grid.h"
#include "geom/pair_search.h"

namespace nucleate::geom {
namespace {

struct Found {
  std::uint32_t index;
  float distance;
  Vec3f displacement;
};

// Visits the 27 neighbour cells of query atom i, each with its periodic
// shift, and collects candidates closer than the cutoff, sorted by distance
// (ties by index) when `by_distance`.
void search_one(const PeriodicCell& cell, const CellGrid& grid, std::span<const Vec3f> positions,
                std::uint32_t i, double cutoff, bool by_distance, std::vector<Found>& found) {
  found.clear();
  const Vec3f& p = positions[i];
  const Vec3d r = cell.wrap({p[0], p[1], p[2]});
  const Vec3d s = cell.to_fractional(r);
  const std::array<int, 3> c = {cell_coordinate(s[0], grid.n[0]), cell_coordinate(s[1], grid.n[1]),
                                cell_coordinate(s[2], grid.n[2])};
  const auto& h = cell.box().vectors;
  const double cutoff2 = cutoff * cutoff;
  // Per axis and offset -1, 0, +1: the wrapped cell coordinate and the
  // periodic shift it brings, so the 27 cells only add them up.
  std::array<std::array<int, 3>, 3> wrapped{};
  std::array<std::array<Vec3d, 3>, 3> shift{};
  for (int k = 0; k < 3; ++k) {
    for (int o = 0; o < 3; ++o) {
      const int raw = c[k] + o - 1;
      const int m = raw < 0 ? -1 : (raw >= grid.n[k] ? 1 : 0);
      wrapped[k][o] = raw - m * grid.n[k];
      shift[k][o] = {m * h[k][0], m * h[k][1], m * h[k][2]};
    }
  }
  for (int ox = 0; ox < 3; ++ox) {
    for (int oy = 0; oy < 3; ++oy) {
      const std::size_t row =
          (static_cast<std::size_t>(wrapped[0][ox]) * grid.n[1] + wrapped[1][oy]) * grid.n[2];
      for (int oz = 0; oz < 3; ++oz) {
        // The query seen from this cell's image: candidates need no shift.
        const Vec3d origin = {r[0] - shift[0][ox][0] - shift[1][oy][0] - shift[2][oz][0],
                              r[1] - shift[0][ox][1] - shift[1][oy][1] - shift[2][oz][1],
                              r[2] - shift[0][ox][2] - shift[1][oy][2] - shift[2][oz][2]};
        const std::size_t index = row + wrapped[2][oz];
        for (std::uint32_t slot = grid.cell_start[index]; slot < grid.cell_start[index + 1];
             ++slot) {
          const Vec3d& q = grid.wrapped[slot];
          const Vec3d d = {q[0] - origin[0], q[1] - origin[1], q[2] - origin[2]};
          const double d2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
          if (d2 < cutoff2) {
            const std::uint32_t j = grid.atom[slot];
            if (j == i) continue;
            found.push_back(
                {j,
                 static_cast<float>(std::sqrt(d2)),
                 {static_cast<float>(d[0]), static_cast<float>(d[1]), static_cast<float>(d[2])}});
          }
        }
      }
    }
  }
  if (!by_distance) return;
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.index < b.index;
  });
}

void check_cutoff(const PeriodicCell& cell, double cutoff) {
  const double half = cell.min_perpendicular_width() / 2.0;
  if (!(cutoff > 0.0) || !(cutoff < half)) {
    throw Error(
        fmt::format("neighbour cutoff {} must be positive and below half the shortest "
                    "perpendicular box width ({})",
                    cutoff, half));
  }
}

// Queries are searched in order, each row appended as it is found. Rows are
// sorted by distance when only the nearest `keep_at_most` are kept.
NeighborList search(const PeriodicCell& cell, std::span<const Vec3f> positions,
                    std::span<const std::uint32_t> queries, const CellGrid& grid, double cutoff,
                    std::size_t keep_at_most) {
  const bool by_distance = keep_at_most != static_cast<std::size_t>(-1);
  NeighborList list;
  list.offsets.reserve(queries.size() + 1);
  std::vector<Found> found;
  for (const std::uint32_t query : queries) {
    search_one(cell, grid, positions, query, cutoff, by_distance, found);
    if (found.size() > keep_at_most) found.resize(keep_at_most);
    for (const Found& f : found) {
      list.indices.push_back(f.index);
      list.distances.push_back(f.distance);
      list.displacements.push_back(f.displacement);
    }
    list.offsets.push_back(list.indices.size());
  }
  return list;
}

}  // namespace

NeighborList keep_nearest(const NeighborList& list,
                          const std::function<std::size_t(std::size_t)>& keep) {
  NeighborList out;
  std::vector<std::size_t> order;
  for (std::size_t q = 0; q < list.query_count(); ++q) {
    order.resize(list.count(q));
    std::iota(order.begin(), order.end(), list.offsets[q]);
    std::sort(order.begin(), order.end(), [&list](std::size_t a, std::size_t b) {
      return list.distances[a] != list.distances[b] ? list.distances[a] < list.distances[b]
                                                    : list.indices[a] < list.indices[b];
    });
    order.resize(std::min(keep(q), order.size()));
    for (const std::size_t e : order) {
      out.indices.push_back(list.indices[e]);
      out.distances.push_back(list.distances[e]);
      out.displacements.push_back(list.displacements[e]);
    }
    out.offsets.push_back(out.indices.size());
  }
  return out;
}

std::vector<std::uint32_t> all_indices(std::size_t n) {
  std::vector<std::uint32_t> indices(n);
  std::iota(indices.begin(), indices.end(), 0U);
  return indices;
}

NeighborList neighbors_within(const PeriodicCell& cell, std::span<const Vec3f> positions,
                              std::span<const std::uint32_t> queries,
                              std::span<const std::uint32_t> candidates, double cutoff) {
  check_cutoff(cell, cutoff);
  const CellGrid grid = build_grid(cell, positions, candidates, cutoff);
  if (std::ranges::equal(queries, candidates)) {
    const auto row_of = rows_of_distinct(positions, queries);
    if (!row_of.empty() || queries.empty())
      return search_pairs(cell, queries, row_of, grid, cutoff);
  }
  return search(cell, positions, queries, grid, cutoff, static_cast<std::size_t>(-1));
}

NeighborList nearest_neighbors(const PeriodicCell& cell, std::span<const Vec3f> positions,
                               std::span<const std::uint32_t> queries,
                               std::span<const std::uint32_t> candidates, std::size_t k) {
  // Start from the radius that holds k neighbours on average, and widen it
  // until every query has k (or the periodic limit is reached).
  const double limit = cell.min_perpendicular_width() / 2.0 * (1.0 - 1e-9);
  const double density =
      static_cast<double>(std::max<std::size_t>(1, candidates.size())) / cell.box().volume();
  double radius = std::min(limit, 1.3 * std::cbrt(3.0 * static_cast<double>(k + 1) /
                                                  (4.0 * std::numbers::pi * density)));
  while (true) {
    const CellGrid grid = build_grid(cell, positions, candidates, radius);
    NeighborList list = search(cell, positions, queries, grid, radius, k);
    bool complete = true;
    for (std::size_t q = 0; q < list.query_count() && complete; ++q) complete = list.count(q) >= k;
    if (complete || radius >= limit) return list;
    radius = std::min(limit, radius * 1.5);
  }
}

}  // namespace nucleate::geom
