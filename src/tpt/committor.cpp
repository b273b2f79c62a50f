#include "tpt/committor.h"

#include <fmt/format.h>

#include "core/error.h"
#include "tpt/hitting_probability.h"

namespace nucleate::tpt {

Eigen::VectorXd forward_committor(const msm::SparseMatrix& transition_matrix,
                                  const Endpoints& endpoints) {
  return hitting_probability(transition_matrix, endpoints.in_sink, endpoints.in_source);
}

std::vector<std::int32_t> states_in_band(const Eigen::VectorXd& committor, double lower,
                                         double upper) {
  if (!(lower <= upper))
    throw UsageError(fmt::format("the committor band [{}, {}] is empty", lower, upper));
  std::vector<std::int32_t> states;
  for (Eigen::Index i = 0; i < committor.size(); ++i) {
    if (committor[i] >= lower && committor[i] <= upper)
      states.push_back(static_cast<std::int32_t>(i));
  }
  return states;
}

msm::SparseMatrix time_reversed(const msm::SparseMatrix& transition_matrix,
                                const Eigen::VectorXd& stationary) {
  if (stationary.size() != transition_matrix.rows() || (stationary.array() <= 0.0).any()) {
    throw UsageError("the stationary distribution must be positive on every state of the model");
  }
  msm::SparseMatrix reversed = transition_matrix.transpose();
  for (Eigen::Index i = 0; i < reversed.outerSize(); ++i) {
    for (msm::SparseMatrix::InnerIterator it(reversed, i); it; ++it) {
      it.valueRef() *= stationary[it.col()] / stationary[i];
    }
  }
  return reversed;
}

Eigen::VectorXd backward_committor(const msm::SparseMatrix& transition_matrix,
                                   const Eigen::VectorXd& stationary, const Endpoints& endpoints) {
  return hitting_probability(time_reversed(transition_matrix, stationary), endpoints.in_source,
                             endpoints.in_sink);
}

}  // namespace nucleate::tpt
