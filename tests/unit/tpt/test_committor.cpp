#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "tpt/chains.h"
#include "tpt/committor.h"
#include "tpt/reactive_flux.h"

namespace nucleate::tpt {
namespace {

using testing::birth_death_chain;

TEST(Committor, BirthDeathChainIsTheGamblersRuin) {
  // q+_i = (1 - r^i) / (1 - r^(n-1)), r = q/p, from state 0 to state n-1.
  const int n = 12;
  const double p = 0.3;
  const double q = 0.2;
  const auto t = birth_death_chain(n, p, q);
  const Eigen::VectorXd committor = forward_committor(t, make_endpoints({0}, {n - 1}, n));
  const double r = q / p;
  for (int i = 0; i < n; ++i) {
    EXPECT_NEAR(committor[i], (1.0 - std::pow(r, i)) / (1.0 - std::pow(r, n - 1)), 1e-13)
        << "state " << i;
  }
}

TEST(Committor, SymmetricDoubleWellIsOneHalfAtTheBarrier) {
  const int n = 41;
  const auto t = testing::double_well_chain(n);
  const auto endpoints =
      make_endpoints({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {31, 32, 33, 34, 35, 36, 37, 38, 39, 40}, n);
  const Eigen::VectorXd forward = forward_committor(t, endpoints);
  EXPECT_NEAR(forward[20], 0.5, 1e-12);
  for (int i = 0; i < n; ++i)
    EXPECT_NEAR(forward[i] + forward[n - 1 - i], 1.0, 1e-12) << "state " << i;
  for (int i = 10; i < 31; ++i) EXPECT_LT(forward[i - 1], forward[i]);
}

TEST(Committor, BackwardIsOneMinusForwardForAReversibleChain) {
  const int n = 41;
  const auto t = testing::double_well_chain(n);
  const auto pi = testing::boltzmann_double_well(n);
  const auto endpoints = make_endpoints({3, 4}, {30, 31, 35}, n);
  const Eigen::VectorXd forward = forward_committor(t, endpoints);
  const Eigen::VectorXd backward = backward_committor(t, pi, endpoints);
  for (int i = 0; i < n; ++i) EXPECT_NEAR(backward[i], 1.0 - forward[i], 1e-12) << "state " << i;
}

TEST(Committor, BackwardFollowsTheTimeReversedChainWhenNotReversible) {
  // A cycle 0 -> 1 -> 2 -> 0 with a strong clockwise drift: from 1 the chain
  // came most likely from 0 (A), so q-_1 is large, while q+_1 (going on to
  // B = {2}) is large too; q- = 1 - q+ fails.
  Eigen::MatrixXd dense(3, 3);
  dense << 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.8, 0.1, 0.1;
  const auto t = testing::sparse_from_dense(dense);
  const Eigen::VectorXd pi = Eigen::VectorXd::Constant(3, 1.0 / 3.0);  // doubly stochastic
  const auto endpoints = make_endpoints({0}, {2}, 3);
  const Eigen::VectorXd forward = forward_committor(t, endpoints);
  const Eigen::VectorXd backward = backward_committor(t, pi, endpoints);
  // q+_1 = 0.8 + 0.1 q+_1 -> 8/9; reversed chain T~ = T^T: q-_1 = 0.8 + 0.1 q-_1 -> 8/9.
  EXPECT_NEAR(forward[1], 8.0 / 9.0, 1e-14);
  EXPECT_NEAR(backward[1], 8.0 / 9.0, 1e-14);
  EXPECT_GT(std::abs(backward[1] - (1.0 - forward[1])), 0.5);
}

TEST(Committor, LargeGridUsesTheIterativeSolverAndStaysExact) {
  // A symmetric walk on an 80 x 80 grid with reflecting walls: from the
  // column x = 0 to the column x = 79 the committor is x / 79 whatever y is.
  // 6400 states is above the direct-solve limit, so BiCGSTAB answers.
  const int side = 80;
  std::vector<Eigen::Triplet<double>> entries;
  std::vector<std::int32_t> source;
  std::vector<std::int32_t> sink;
  for (int x = 0; x < side; ++x) {
    for (int y = 0; y < side; ++y) {
      const int s = x * side + y;
      double stay = 1.0;
      for (auto [dx, dy] : {std::pair{1, 0}, std::pair{-1, 0}, std::pair{0, 1}, std::pair{0, -1}}) {
        if (x + dx < 0 || x + dx >= side || y + dy < 0 || y + dy >= side) continue;
        entries.emplace_back(s, (x + dx) * side + y + dy, 0.2);
        stay -= 0.2;
      }
      entries.emplace_back(s, s, stay);
      if (x == 0) source.push_back(s);
      if (x == side - 1) sink.push_back(s);
    }
  }
  msm::SparseMatrix t(side * side, side * side);
  t.setFromTriplets(entries.begin(), entries.end());
  const Eigen::VectorXd q = forward_committor(t, make_endpoints(source, sink, side * side));
  double worst = 0.0;
  for (int s = 0; s < side * side; ++s)
    worst = std::max(worst, std::abs(q[s] - (s / side) / double(side - 1)));
  EXPECT_LT(worst, 1e-10);
}

TEST(Committor, StatesInBandKeepsTheTransitionStates) {
  Eigen::VectorXd q(6);
  q << 0.0, 0.2, 0.4, 0.5, 0.61, 1.0;
  EXPECT_EQ(states_in_band(q, 0.4, 0.6), (std::vector<std::int32_t>{2, 3}));
  EXPECT_THROW(states_in_band(q, 0.7, 0.6), UsageError);
}

TEST(Committor, BadSetsGiveClearErrors) {
  const auto t = birth_death_chain(5, 0.3, 0.3);
  const auto pi = testing::birth_death_stationary(5, 0.3, 0.3);
  EXPECT_THROW(reactive_flux(t, pi, {}, {4}), UsageError);
  EXPECT_THROW(reactive_flux(t, pi, {0}, {}), UsageError);
  EXPECT_THROW(reactive_flux(t, pi, {0, 2}, {2, 4}), UsageError);
  EXPECT_THROW(reactive_flux(t, pi, {0}, {5}), UsageError);
  try {
    reactive_flux(t, pi, {0, 1}, {1});
    FAIL() << "overlapping sets accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("both the source and the sink"), std::string::npos)
        << e.what();
  }
}

TEST(Committor, UnreachableSinkIsAnError) {
  // Two closed blocks {0, 1} and {2, 3}: B = {3} cannot be reached from 0 or 1.
  Eigen::MatrixXd dense = Eigen::MatrixXd::Zero(4, 4);
  dense << 0.5, 0.5, 0, 0, 0.5, 0.5, 0, 0, 0, 0, 0.5, 0.5, 0, 0, 0.5, 0.5;
  const auto t = testing::sparse_from_dense(dense);
  const Eigen::VectorXd pi = Eigen::VectorXd::Constant(4, 0.25);
  EXPECT_THROW(reactive_flux(t, pi, {0}, {3}), Error);
}

}  // namespace
}  // namespace nucleate::tpt
