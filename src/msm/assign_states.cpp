#include "msm/assign_states.h"

#include <fmt/format.h>

#include "core/error.h"

namespace nucleate::msm {

Labels assign_to_centers(const Points& data, const Points& centers) {
  if (centers.rows() == 0) throw UsageError("assignment: no centres to assign to");
  if (data.cols() != centers.cols()) {
    throw UsageError(fmt::format("assignment: points have {} coordinates, the centres {}",
                                 data.cols(), centers.cols()));
  }
  // NaN is nearer to nothing: every comparison fails and the point would
  // silently land in state 0.
  if (data.rows() > 0) require_points(data, "assignment");
  require_points(centers, "assignment: centres");
  const auto n = static_cast<std::size_t>(data.rows());
  const auto k = static_cast<std::size_t>(centers.rows());
  const auto dim = static_cast<std::size_t>(data.cols());
  Labels labels(n);
#pragma omp parallel for schedule(dynamic, kPointsPerTask)
  for (std::size_t i = 0; i < n; ++i) {
    labels[i] =
        nearest_center(&data(static_cast<Eigen::Index>(i), 0), centers.data(), k, dim).index;
  }
  return labels;
}

}  // namespace nucleate::msm
