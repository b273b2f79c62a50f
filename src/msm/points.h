#pragma once
// What every discretisation method shares: points as rows of a row-major
// matrix (N frames x D CVs, Euclidean metric), trajectories of unequal length
// stacked into one set, and the nearest-centre search all of them use.
//
// Methods (one file each): regspace.h (regular space, deeptime's
// RegularSpace), kcenters.h (farthest-point k-centers), kmeans.h (k-means++
// seeding + Lloyd, deeptime's KMeans), grid_states.h (regular grid binning),
// assign_states.h (nearest centre); state_decomposition.h chains them.
// Every method gives the same bytes for the same input and seed, whatever the
// number of OpenMP threads.

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace nucleate::msm {

/// N points in D dimensions, one per row (row-major: a point is contiguous).
using Points = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// A state label per point; states are 0-based.
using Labels = std::vector<std::int32_t>;

/// Several trajectories clustered together: their points stacked in order
/// (trajectory 0 first), with where each one starts.
struct PointSet {
  Points points;
  std::vector<std::size_t> offsets{0};  ///< trajectory t is rows offsets[t] .. offsets[t+1]

  /// Stacks trajectories that all have the same number of columns (Error if not).
  static PointSet stack(std::span<const Points> trajectories);

  [[nodiscard]] std::size_t trajectories() const { return offsets.size() - 1; }
  [[nodiscard]] std::size_t length(std::size_t t) const { return offsets[t + 1] - offsets[t]; }
  /// The (trajectory, frame) of a stacked row.
  [[nodiscard]] std::pair<std::size_t, std::size_t> locate(std::size_t row) const;
  /// Cuts labels of all stacked rows back into one vector per trajectory.
  [[nodiscard]] std::vector<Labels> split(const Labels& labels) const;
};

/// The nearest centre of a point and its squared distance; on equal
/// distances the lowest index wins (deeptime's assign: strict `<` over
/// centres in order).
struct Nearest {
  std::int32_t index = -1;
  double distance_squared = 0.0;
};

/// Squared Euclidean distance, summed over dimensions in order (inline: it
/// is the innermost loop of every method).
inline double distance_squared(const double* a, const double* b, std::size_t dim) {
  double d2 = 0.0;
  for (std::size_t k = 0; k < dim; ++k) {
    const double d = a[k] - b[k];
    d2 += d * d;
  }
  return d2;
}

/// Nearest of `count` centres stored row after row at `centers` (index -1
/// when there is none).
Nearest nearest_center(const double* point, const double* centers, std::size_t count,
                       std::size_t dim);

/// Throws Error unless `data` has at least one point, every value finite, and
/// at least one column. `what` names the data in the message.
void require_points(const Points& data, const char* what);

/// Points a thread takes at a time in the parallel loops over points. They
/// are taken dynamically, so a thread slowed by another process on its core
/// takes fewer (issue 14); no result depends on which thread took which.
inline constexpr std::size_t kPointsPerTask = 4096;

}  // namespace nucleate::msm
