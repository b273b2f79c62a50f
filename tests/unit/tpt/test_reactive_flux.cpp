// Reactive flux: conservation and the fraction through a region on
// deeptime's reference chain, and chains whose answers are known by hand.
// Committors, fluxes, rate and pathways against deeptime 0.4.5's own numbers
// are in tests/validation/tpt/test_tpt_against_deeptime.cpp.

#include <gtest/gtest.h>

#include <cmath>

#include "msm/markov_model.h"
#include "msm/mfpt.h"
#include "support/deeptime_reference.h"
#include "support/deeptime_tpt_case.h"
#include "tpt/chains.h"
#include "tpt/pathways.h"
#include "tpt/reactive_flux.h"

namespace nucleate::tpt {
namespace {

using testing::deeptime_case;

TEST(ReactiveFlux, FluxIsConservedAtEveryIntermediateState) {
  const auto& c = deeptime_case();
  const Eigen::MatrixXd net(c.flux.net_flux);
  const Eigen::MatrixXd gross(c.flux.gross_flux);
  for (Eigen::Index i = 0; i < net.rows(); ++i) {
    if (!c.flux.endpoints.intermediate(static_cast<std::size_t>(i))) continue;
    EXPECT_NEAR(net.row(i).sum(), net.col(i).sum(), 1e-12) << "state " << i;
    EXPECT_NEAR(gross.row(i).sum(), gross.col(i).sum(), 1e-12) << "state " << i;
  }
  double into_sink = 0.0;
  for (std::int32_t b : c.sink) into_sink += net.col(b).sum();
  EXPECT_NEAR(into_sink, c.flux.total_flux, 1e-12);
  const Eigen::VectorXd current = state_current(c.flux.net_flux);
  for (Eigen::Index i = 0; i < net.rows(); ++i) {
    if (c.flux.endpoints.intermediate(static_cast<std::size_t>(i))) {
      EXPECT_NEAR(current[i], net.row(i).sum(), 1e-15);
    }
  }
}

TEST(ReactiveFlux, TwoStateRateIsTheInverseMfpt) {
  const double a = 0.03;
  const double b = 0.07;
  Eigen::MatrixXd dense(2, 2);
  dense << 1 - a, a, b, 1 - b;
  const auto t = testing::sparse_from_dense(dense);
  Eigen::VectorXd pi(2);
  pi << b / (a + b), a / (a + b);
  const ReactiveFlux flux = reactive_flux(t, pi, {0}, {1});
  EXPECT_NEAR(flux.rate, a, 1e-15);
  EXPECT_NEAR(1.0 / flux.rate, msm::mean_first_passage_time(t, pi, {0}, {1}), 1e-10);
  EXPECT_NEAR(flux.total_flux, pi[0] * a, 1e-15);
}

TEST(ReactiveFlux, BirthDeathChainCarriesAllFluxAlongTheLine) {
  const int n = 8;
  const auto t = testing::birth_death_chain(n, 0.2, 0.25);
  const auto pi = testing::birth_death_stationary(n, 0.2, 0.25);
  const ReactiveFlux flux = reactive_flux(t, pi, {0}, {n - 1});
  const Eigen::MatrixXd net(flux.net_flux);
  for (int i = 0; i + 1 < n; ++i) EXPECT_NEAR(net(i, i + 1), flux.total_flux, 1e-14);
  EXPECT_EQ(flux.net_flux.nonZeros(), n - 1);
  const auto paths = decompose_pathways(flux.net_flux, flux.endpoints);
  ASSERT_EQ(paths.pathways.size(), 1u);
  EXPECT_EQ(paths.pathways[0].states.size(), static_cast<std::size_t>(n));
  EXPECT_NEAR(paths.pathways[0].flux, flux.total_flux, 1e-15);
}

// Two channels from A = {0} to B = {3}: through 1 (weight 3) and through 2
// (weight 1), symmetric rates so the chain is reversible.
ReactiveFlux diamond() {
  Eigen::MatrixXd dense = Eigen::MatrixXd::Zero(4, 4);
  dense(0, 1) = 0.3;
  dense(0, 2) = 0.1;
  dense(1, 0) = 0.3;
  dense(1, 3) = 0.3;
  dense(2, 0) = 0.1;
  dense(2, 3) = 0.1;
  dense(3, 1) = 0.3;
  dense(3, 2) = 0.1;
  for (int i = 0; i < 4; ++i) dense(i, i) = 1.0 - dense.row(i).sum();
  return reactive_flux(testing::sparse_from_dense(dense), Eigen::VectorXd::Constant(4, 0.25), {0},
                       {3});
}

TEST(ReactiveFlux, FractionThroughARegionSplitsParallelChannels) {
  const ReactiveFlux flux = diamond();
  EXPECT_NEAR(flux_fraction_through(flux, {false, true, false, false}), 0.75, 1e-14);
  EXPECT_NEAR(flux_fraction_through(flux, {false, false, true, false}), 0.25, 1e-14);
  EXPECT_NEAR(flux_fraction_through(flux, {false, true, true, false}), 1.0, 1e-14);
  EXPECT_NEAR(flux_fraction_through(flux, {true, false, false, false}), 1.0, 1e-14);
  const auto paths = decompose_pathways(flux.net_flux, flux.endpoints);
  ASSERT_EQ(paths.pathways.size(), 2u);
  EXPECT_EQ(paths.pathways[0].states, (std::vector<std::int32_t>{0, 1, 3}));
  EXPECT_NEAR(paths.pathways[0].flux / flux.total_flux, 0.75, 1e-14);
  EXPECT_EQ(paths.pathways[1].states, (std::vector<std::int32_t>{0, 2, 3}));
  EXPECT_NEAR(paths.pathways[0].flux + paths.pathways[1].flux, flux.total_flux, 1e-15);
}

TEST(ReactiveFlux, FractionThroughCountsAReentryOnce) {
  // The deeptime chain: every reactive path visits the intermediate states
  // except those jumping from A straight into B; a region of one state gets
  // at least the net flux through it and at most everything.
  const auto& c = deeptime_case();
  std::vector<bool> intermediate(c.flux.states());
  for (std::size_t i = 0; i < intermediate.size(); ++i)
    intermediate[i] = c.flux.endpoints.intermediate(i);
  const Eigen::MatrixXd gross(c.flux.gross_flux);
  double direct = 0.0;
  for (std::int32_t a : c.source) {
    for (std::int32_t b : c.sink) direct += gross(a, b);
  }
  EXPECT_GT(direct, 0.0);
  EXPECT_NEAR(flux_fraction_through(c.flux, intermediate), 1.0 - direct / c.flux.total_flux, 1e-12);
  for (std::size_t s = 3; s < 15; ++s) {
    std::vector<bool> one(c.flux.states(), false);
    one[s] = true;
    const double through = flux_fraction_through(c.flux, one);
    // At least the net flux through the state, never more than everything.
    EXPECT_GE(
        through,
        state_current(c.flux.net_flux)[static_cast<Eigen::Index>(s)] / c.flux.total_flux - 1e-12);
    EXPECT_LE(through, 1.0);
  }
}

}  // namespace
}  // namespace nucleate::tpt
