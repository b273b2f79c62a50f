#include "msm/gmrq.h"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <numeric>
#include <random>

#include "core/error.h"
#include "msm/assign_states.h"
#include "msm/kcenters.h"
#include "msm/spectral.h"

namespace nucleate::msm {
namespace {

std::size_t checked_components(const MarkovModel& model, std::size_t components) {
  if (components < 1 || components > model.active_set.size()) {
    throw UsageError(
        fmt::format("GMRQ with {} components needs at least that many states; the model has {}",
                    components, model.active_set.size()));
  }
  return components;
}

}  // namespace

double gmrq_training_score(const MarkovModel& model, std::size_t components) {
  const std::size_t m = checked_components(model, components);
  double sum = 0.0;
  for (std::size_t k = 0; k < m && k < model.spectrum.eigenvalues.size(); ++k)
    sum += model.spectrum.eigenvalues[k].real();
  return sum;
}

double gmrq_test_score(const MarkovModel& model, std::span<const DiscreteTrajectory> test,
                       std::size_t components) {
  const std::size_t m = checked_components(model, components);
  Eigen::MatrixXd v =
      dominant_right_eigenvectors(model.transition_matrix, model.stationary_distribution, m);
  for (Eigen::Index c = 0; c < v.cols(); ++c) {
    v.col(c) /= std::sqrt(v.col(c).cwiseProduct(model.stationary_distribution).dot(v.col(c)));
  }
  // Test counts at the model's lag over the full label range, restricted to
  // the model's active set.
  std::int32_t largest = model.active_set.back();
  for (const auto& t : test)
    for (std::int32_t s : t) largest = std::max(largest, s);
  const SparseMatrix all = count_transitions(test, model.options.lag, model.options.count_mode,
                                             static_cast<std::size_t>(largest) + 1);
  std::vector<std::int32_t> position(static_cast<std::size_t>(largest) + 1, -1);
  for (std::size_t k = 0; k < model.active_set.size(); ++k)
    position[static_cast<std::size_t>(model.active_set[k])] = static_cast<std::int32_t>(k);
  const auto n = static_cast<Eigen::Index>(model.active_set.size());
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index i = 0; i < all.outerSize(); ++i) {
    for (SparseMatrix::InnerIterator it(all, i); it; ++it) {
      const std::int32_t a = position[static_cast<std::size_t>(i)];
      const std::int32_t b = position[static_cast<std::size_t>(it.col())];
      if (a >= 0 && b >= 0) c(a, b) += it.value();
    }
  }
  const double total = c.sum();
  if (!(total > 0))
    throw UsageError("the test trajectories hold no transition among the model's states");
  // A new matrix: c + c^T written back into c would alias.
  const Eigen::MatrixXd symmetric = (c + c.transpose()) / (2.0 * total);
  c = symmetric;
  const Eigen::VectorXd s = c.rowwise().sum();
  const Eigen::MatrixXd p = v.transpose() * c * v;
  const Eigen::MatrixXd q = v.transpose() * s.asDiagonal() * v;
  return (q.fullPivLu().solve(p)).trace();  // trace(P Q^-1) = trace(Q^-1 P)
}

std::vector<std::size_t> assign_folds(std::size_t trajectories, std::size_t folds,
                                      std::uint64_t seed) {
  if (folds < 2 || trajectories < folds) {
    throw UsageError(fmt::format(
        "{}-fold cross-validation over trajectories needs at least {} trajectories; {} given",
        folds, std::max<std::size_t>(folds, 2), trajectories));
  }
  std::vector<std::size_t> order(trajectories);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  for (std::size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[rng() % (i + 1)]);
  std::vector<std::size_t> fold(trajectories);
  for (std::size_t k = 0; k < order.size(); ++k) fold[order[k]] = k % folds;
  return fold;
}

CrossValidation gmrq_cross_validation(std::span<const DiscreteTrajectory> trajectories,
                                      const EstimateOptions& options, std::size_t components,
                                      std::size_t folds, std::uint64_t seed) {
  const std::vector<std::size_t> fold = assign_folds(trajectories.size(), folds, seed);
  CrossValidation out;
  for (std::size_t f = 0; f < folds; ++f) {
    std::vector<DiscreteTrajectory> train;
    std::vector<DiscreteTrajectory> test;
    for (std::size_t k = 0; k < trajectories.size(); ++k)
      (fold[k] == f ? test : train).push_back(trajectories[k]);
    const MarkovModel model = estimate_markov_model(train, options);
    out.train_scores.push_back(gmrq_training_score(model, components));
    out.test_scores.push_back(gmrq_test_score(model, test, components));
  }
  return out;
}

const OptionTable<GmrqOptions>& gmrq_options() {
  using O = GmrqOptions;
  static const OptionTable<O> table{
      {"cvs",
       &O::cvs,
       "Columns to cluster on, e.g. n,nq6 (indices for .npy)",
       "",
       OptionCheck::none,
       {},
       {},
       true},
      {"kcenters",
       &O::kcenters,
       "Numbers of k-centers microstates to score, e.g. 50,100,200",
       "",
       OptionCheck::positive,
       {},
       {},
       true},
      {"lag", &O::lag, "Lag time", "frames", OptionCheck::positive, {}, {}, true},
      {"folds", &O::folds, "Folds over trajectories (at least 2)", "", OptionCheck::positive},
      {"components", &O::components, "Eigenvectors scored (the stationary one included)", "",
       OptionCheck::positive},
      {"seed", &O::seed, "Seed for the fold split and k-centers' first centre"},
  };
  return table;
}

GmrqScan gmrq_state_count_scan(const std::vector<Points>& data, const GmrqOptions& options) {
  check_options(options, gmrq_options());
  GmrqScan scan;
  scan.fold_of_input = assign_folds(data.size(), options.folds, options.seed);
  EstimateOptions estimate;
  estimate.lag = options.lag;
  for (std::size_t k : options.kcenters) {
    std::vector<double> train_scores;
    std::vector<double> test_scores;
    for (std::size_t f = 0; f < options.folds; ++f) {
      std::vector<Points> train_points;
      for (std::size_t t = 0; t < data.size(); ++t)
        if (scan.fold_of_input[t] != f) train_points.push_back(data[t]);
      const PointSet training = PointSet::stack(train_points);
      const KCentersResult centres = k_centers(training.points, k, options.seed);
      std::vector<DiscreteTrajectory> train;
      std::vector<DiscreteTrajectory> test;
      for (std::size_t t = 0; t < data.size(); ++t) {
        (scan.fold_of_input[t] == f ? test : train)
            .push_back(assign_to_centers(data[t], centres.centers));
      }
      const MarkovModel model = estimate_markov_model(train, estimate);
      train_scores.push_back(gmrq_training_score(model, options.components));
      test_scores.push_back(gmrq_test_score(model, test, options.components));
    }
    scan.n_states.push_back(k);
    scan.train_scores.push_back(std::move(train_scores));
    scan.test_scores.push_back(std::move(test_scores));
  }
  return scan;
}

Json gmrq_json(const GmrqScan& scan, const GmrqOptions& options) {
  Json out;
  out["cvs"] = options.cvs;
  out["lag"] = options.lag;
  out["folds"] = options.folds;
  out["components"] = options.components;
  out["seed"] = options.seed;
  out["fold_of_input"] = scan.fold_of_input;
  out["n_states"] = scan.n_states;
  out["train_scores"] = scan.train_scores;
  out["test_scores"] = scan.test_scores;
  return out;
}

}  // namespace nucleate::msm
