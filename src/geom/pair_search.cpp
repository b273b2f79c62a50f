#include "geom/pair_search.h"

#include <array>
#include <cmath>
#include <numeric>

namespace nucleate::geom {
namespace {

// One pair of a symmetric search, found once: b seen from a.
struct Pair {
  std::uint32_t row_a;
  std::uint32_t row_b;
  float distance;
  Vec3f displacement;  // r_b - r_a
};

// The atoms one cell's pairs can involve, as flat arrays the distance loop
// runs over without branching on cells: the cell's own atoms first, then
// those of its 13 forward neighbour cells, each moved by its periodic shift.
struct Neighbourhood {
  std::vector<double> x, y, z;
  std::vector<std::uint32_t> row;
  std::vector<double> d2;            // scratch: squared distances from one atom
  std::vector<std::uint32_t> close;  // scratch: entries within the cutoff

  void clear() {
    x.clear();
    y.clear();
    z.clear();
    row.clear();
  }
  void add_cell(const CellGrid& grid, const std::vector<std::uint32_t>& row_of, std::size_t cell,
                const Vec3d& shift) {
    const std::uint32_t first = grid.cell_start[cell];
    const std::uint32_t count = grid.cell_start[cell + 1] - first;
    const std::size_t at = x.size();
    x.resize(at + count);
    y.resize(at + count);
    z.resize(at + count);
    row.resize(at + count);
    for (std::uint32_t k = 0; k < count; ++k) {
      const Vec3d& r = grid.wrapped[first + k];
      x[at + k] = r[0] + shift[0];
      y[at + k] = r[1] + shift[1];
      z[at + k] = r[2] + shift[2];
      row[at + k] = row_of[grid.atom[first + k]];
    }
  }
  // Pairs of each own atom (the first `own`) with every later entry. Plain
  // pointers: through the vectors the compiler reloads them after each push.
  void collect_pairs(std::size_t own, double cutoff2, std::vector<Pair>& out) {
    const std::size_t n = x.size();
    d2.resize(n);
    close.resize(n);
    const double* px = x.data();
    const double* py = y.data();
    const double* pz = z.data();
    const std::uint32_t* prow = row.data();
    double* pd2 = d2.data();
    std::uint32_t* pclose = close.data();
    for (std::size_t a = 0; a < own; ++a) {
      const double ax = px[a];
      const double ay = py[a];
      const double az = pz[a];
      for (std::size_t b = a + 1; b < n; ++b) {
        const double dx = px[b] - ax;
        const double dy = py[b] - ay;
        const double dz = pz[b] - az;
        pd2[b] = dx * dx + dy * dy + dz * dz;
      }
      // Branch-free selection first: whether a candidate is within the
      // cutoff is a coin toss the branch predictor loses.
      std::size_t found = 0;
      for (std::size_t b = a + 1; b < n; ++b) {
        pclose[found] = static_cast<std::uint32_t>(b);
        found += pd2[b] < cutoff2 ? 1 : 0;
      }
      for (std::size_t k = 0; k < found; ++k) {
        const std::uint32_t b = pclose[k];
        out.push_back({prow[a],
                       prow[b],
                       static_cast<float>(std::sqrt(pd2[b])),
                       {static_cast<float>(px[b] - ax), static_cast<float>(py[b] - ay),
                        static_cast<float>(pz[b] - az)}});
      }
    }
  }
};

}  // namespace

std::vector<std::uint32_t> rows_of_distinct(std::span<const Vec3f> positions,
                                            std::span<const std::uint32_t> queries) {
  constexpr auto kNone = static_cast<std::uint32_t>(-1);
  std::vector<std::uint32_t> row(positions.size(), kNone);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    if (queries[q] >= row.size() || row[queries[q]] != kNone) return {};
    row[queries[q]] = static_cast<std::uint32_t>(q);
  }
  return row;
}

// Half-stencil search of one group around itself. The full stencil finds a
// pair (a, b) from a through offset o and from b through -o; only the 13
// offsets after (0, 0, 0) in (x, y, z) order, plus later atoms of the same
// cell, are visited, so every pair is found once. Each offset maps to a
// distinct (cell, shift) even with fewer than 3 cells along an axis, so the
// argument holds for small cells too. Cells are visited in order, so the
// list is the same on every run.
NeighborList search_pairs(const PeriodicCell& cell, std::span<const std::uint32_t> queries,
                          const std::vector<std::uint32_t>& row_of, const CellGrid& grid,
                          double cutoff) {
  const auto& h = cell.box().vectors;
  const double cutoff2 = cutoff * cutoff;
  const auto cells = static_cast<std::int64_t>(grid.cell_start.size() - 1);
  // Each thread's buffers are kept between calls (frames): fresh ones cost
  // page faults on every frame.
  static thread_local std::vector<Pair> pairs_of_thread;
  static thread_local Neighbourhood around;
  std::vector<Pair>& pairs = pairs_of_thread;
  Neighbourhood& near = around;  // one thread-local lookup, not one per use
  pairs.clear();
  {
    for (std::int64_t c = 0; c < cells; ++c) {
      const std::array<int, 3> at = {static_cast<int>(c / (std::int64_t{grid.n[1]} * grid.n[2])),
                                     static_cast<int>(c / grid.n[2] % grid.n[1]),
                                     static_cast<int>(c % grid.n[2])};
      near.clear();
      near.add_cell(grid, row_of, static_cast<std::size_t>(c), {0.0, 0.0, 0.0});
      const std::size_t own = near.x.size();
      if (own == 0) continue;
      for (int ox = 0; ox <= 1; ++ox) {
        for (int oy = -1; oy <= 1; ++oy) {
          for (int oz = -1; oz <= 1; ++oz) {
            const std::array<int, 3> o = {ox, oy, oz};
            // Only offsets after (0, 0, 0) in (x, y, z) order: the mirror offset covers the others.
            if (o <= std::array<int, 3>{0, 0, 0}) continue;
            std::array<int, 3> to{};
            Vec3d shift{0.0, 0.0, 0.0};
            for (int k = 0; k < 3; ++k) {
              const int raw = at[k] + o[k];
              const int m = raw < 0 ? -1 : (raw >= grid.n[k] ? 1 : 0);
              to[k] = raw - m * grid.n[k];
              // Cell `raw` lies outside the box: its atoms are those of cell `to`, moved by m cell
              // vectors.
              for (int x = 0; x < 3; ++x) shift[x] += m * h[k][x];
            }
            near.add_cell(grid, row_of,
                          (static_cast<std::size_t>(to[0]) * grid.n[1] + to[1]) * grid.n[2] + to[2],
                          shift);
          }
        }
      }
      near.collect_pairs(own, cutoff2, pairs);
    }
  }
  // Every pair into both rows, b's entry mirrored.
  NeighborList list;
  list.symmetric = true;
  list.offsets.assign(queries.size() + 1, 0);
  for (const Pair& p : pairs) {
    ++list.offsets[p.row_a + 1];
    ++list.offsets[p.row_b + 1];
  }
  std::partial_sum(list.offsets.begin(), list.offsets.end(), list.offsets.begin());
  const std::size_t entries = list.offsets.back();
  list.indices.resize(entries);
  list.neighbor_rows.resize(entries);
  list.distances.resize(entries);
  list.displacements.resize(entries);
  std::vector<std::size_t> fill(list.offsets.begin(), list.offsets.end() - 1);
  auto put = [&list, &queries](std::size_t e, std::uint32_t row, float distance, const Vec3f& d) {
    list.indices[e] = queries[row];
    list.neighbor_rows[e] = row;
    list.distances[e] = distance;
    list.displacements[e] = d;
  };
  for (const Pair& p : pairs) {
    const Vec3f& d = p.displacement;
    put(fill[p.row_a]++, p.row_b, p.distance, d);
    put(fill[p.row_b]++, p.row_a, p.distance, {-d[0], -d[1], -d[2]});
  }
  return list;
}

}  // namespace nucleate::geom
