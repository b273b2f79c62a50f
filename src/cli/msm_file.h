#pragma once
// msm.json as `nucleate msm estimate` writes it, read back for the commands
// that work on a model (mfpt, simulate, pcca, tpt): the transition matrix,
// stationary distribution and the original state labels.

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "msm/count_matrix.h"

namespace nucleate::cli {

struct SavedModel {
  std::string path;
  std::size_t lag = 1;
  std::optional<double> dt;
  std::vector<std::int32_t> active_set;  ///< original labels
  msm::SparseMatrix transition_matrix;
  Eigen::VectorXd stationary_distribution;

  /// Indices into the model of original labels; UsageError naming a label
  /// that is not in the active set.
  [[nodiscard]] std::vector<std::int32_t> indices_of(const std::vector<std::int32_t>& labels,
                                                     const char* what) const;
};

/// InputError naming the file and the missing or malformed field.
SavedModel read_saved_model(const std::string& path);

/// "1,2,5-7" -> {1, 2, 5, 6, 7}; UsageError naming `option` otherwise.
std::vector<std::int32_t> parse_state_list(const std::string& text, const char* option);

}  // namespace nucleate::cli
