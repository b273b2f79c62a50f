#include "msm/markov_model.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "msm/connectivity.h"
#include "msm/transition_matrix.h"

namespace nucleate::msm {

MarkovModel estimate_markov_model(std::span<const DiscreteTrajectory> trajectories,
                                  const EstimateOptions& options) {
  if (trajectories.empty()) throw UsageError("no discrete trajectory given");
  MarkovModel model;
  model.options = options;
  // Counted on the labels that occur, mapped back to them below.
  const CompactLabels compact = compact_labels(trajectories);
  const auto counted = compact.of(trajectories);
  model.labels_seen = compact.labels;
  model.full_counts =
      count_transitions(counted, options.lag, options.count_mode, compact.labels.size());
  model.states_seen =
      compact.labels.empty() ? 0 : static_cast<std::size_t>(compact.labels.back()) + 1;
  if (model.full_counts.nonZeros() == 0) {
    std::size_t longest = 0;
    std::size_t frames = 0;
    std::size_t unassigned = 0;
    for (const auto& t : trajectories) {
      longest = std::max(longest, t.size());
      frames += t.size();
      unassigned += static_cast<std::size_t>(
          std::count_if(t.begin(), t.end(), [](std::int32_t s) { return s < 0; }));
    }
    if (longest <= options.lag) {
      throw UsageError(fmt::format(
          "no transition at lag {}: the longest trajectory has {} frames (needs at least {})",
          options.lag, longest, options.lag + 1));
    }
    // Negative labels are frames in no state; they break every pair they are in.
    throw UsageError(fmt::format(
        "no transition at lag {}: no two frames {} apart are both in a state ({} of {} frames "
        "have a negative label, i.e. no state)",
        options.lag, options.lag, unassigned, frames));
  }
  // Indices of labels_seen; the map is increasing, so the order of the sets
  // (largest first, ties by smallest state) is the same as by label.
  const auto sets = strongly_connected_sets(model.full_counts, options.connectivity_threshold);
  for (std::int32_t i : sets.front())
    model.active_set.push_back(compact.labels[static_cast<std::size_t>(i)]);
  const auto population = state_populations(counted, compact.labels.size());
  for (std::size_t k = 1; k < sets.size(); ++k) {
    for (std::int32_t i : sets[k]) {
      model.dropped.states.push_back(compact.labels[static_cast<std::size_t>(i)]);
      model.dropped.frames += population[static_cast<std::size_t>(i)];
    }
  }
  std::sort(model.dropped.states.begin(), model.dropped.states.end());
  if (!model.dropped.states.empty()) {
    model.warnings.push_back(
        fmt::format("{} states outside the largest strongly connected set were dropped ({} frames)",
                    model.dropped.states.size(), model.dropped.frames));
  }
  model.counts = restrict_to(model.full_counts, sets.front());
  if (model.active_set.size() == 1) {
    model.transition_matrix = SparseMatrix(1, 1);
    model.transition_matrix.insert(0, 0) = 1.0;
    model.stationary_distribution = Eigen::VectorXd::Ones(1);
    model.spectrum.eigenvalues = {1.0};
    model.warnings.emplace_back(
        "the largest connected set holds a single state: no dynamics to model");
    return model;
  }
  TransitionMatrixEstimate estimate;
  if (options.stationary) {
    if (!options.reversible)
      throw UsageError("a fixed stationary distribution needs the reversible estimate");
    Eigen::VectorXd pi(static_cast<Eigen::Index>(model.active_set.size()));
    for (std::size_t k = 0; k < model.active_set.size(); ++k) {
      const auto label = static_cast<Eigen::Index>(model.active_set[k]);
      if (label >= options.stationary->size()) {
        throw UsageError(
            fmt::format("the given stationary distribution has no entry for state {}", label));
      }
      pi[static_cast<Eigen::Index>(k)] = (*options.stationary)[label];
    }
    estimate = reversible_mle_given_pi(model.counts, pi, 1e-12, options.max_iterations);
  } else {
    estimate = options.reversible
                   ? reversible_mle(model.counts, options.tolerance, options.max_iterations)
                   : nonreversible_mle(model.counts);
  }
  model.transition_matrix = estimate.transition_matrix;
  model.stationary_distribution = estimate.stationary_distribution;
  model.converged = estimate.converged;
  model.iterations = estimate.iterations;
  if (!estimate.converged) {
    model.warnings.push_back(
        fmt::format("the reversible MLE did not converge in {} iterations (last relative change "
                    "{:.3g}, tolerance {:.3g})",
                    estimate.iterations, estimate.relative_change, options.tolerance));
  }
  model.spectrum =
      eigenvalues(model.transition_matrix, options.timescales,
                  options.reversible ? std::optional<Eigen::VectorXd>(model.stationary_distribution)
                                     : std::nullopt);
  for (auto& w : model.spectrum.warnings) model.warnings.push_back(w);
  model.timescales =
      implied_timescales(model.spectrum, static_cast<double>(options.lag), model.warnings);
  return model;
}

}  // namespace nucleate::msm
