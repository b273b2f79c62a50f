#include <gtest/gtest.h>

#include "core/error.h"
#include "msm/markov_model.h"
#include "support/deeptime_reference.h"
#include "tpt/chains.h"
#include "tpt/coarse_grain.h"
#include "tpt/nucleation_rate.h"
#include "tpt/pathways.h"
#include "tpt/reactive_flux.h"

namespace nucleate::tpt {
namespace {

ReactiveFlux deeptime_flux() {
  const auto reference = testing::deeptime_small_reference();
  msm::EstimateOptions options;
  options.lag = 5;
  const auto model = msm::estimate_markov_model(testing::deeptime_small_trajectories(), options);
  return reactive_flux(model.transition_matrix, model.stationary_distribution,
                       reference["A_active_idx"].get<std::vector<std::int32_t>>(),
                       reference["B_active_idx"].get<std::vector<std::int32_t>>());
}

TEST(Pathways, StopAtTheRequestedFraction) {
  const ReactiveFlux flux = deeptime_flux();
  PathwayOptions options;
  options.fraction = 0.5;
  const auto half = decompose_pathways(flux.net_flux, flux.endpoints, options);
  EXPECT_GE(half.explained_fraction, 0.5);
  double without_last = 0.0;
  for (std::size_t k = 0; k + 1 < half.pathways.size(); ++k) without_last += half.pathways[k].flux;
  EXPECT_LT(without_last / half.total_flux, 0.5);
  for (std::size_t k = 1; k < half.pathways.size(); ++k)
    EXPECT_LE(half.pathways[k].flux, half.pathways[k - 1].flux);
  for (const auto& p : half.pathways) {
    EXPECT_TRUE(flux.endpoints.in_source[static_cast<std::size_t>(p.states.front())]);
    EXPECT_TRUE(flux.endpoints.in_sink[static_cast<std::size_t>(p.states.back())]);
  }
  options.max_pathways = 2;
  EXPECT_EQ(decompose_pathways(flux.net_flux, flux.endpoints, options).pathways.size(), 2u);
  options.fraction = 1.5;
  EXPECT_THROW(decompose_pathways(flux.net_flux, flux.endpoints, options), UsageError);
}

TEST(CoarseGrain, SingletonSetsReproduceTheFineFlux) {
  const ReactiveFlux flux = deeptime_flux();
  std::vector<std::vector<std::int32_t>> singletons;
  for (std::int32_t i = static_cast<std::int32_t>(flux.states()) - 1; i >= 0; --i)
    singletons.push_back({i});
  const CoarseFlux coarse = coarse_grain(flux, singletons);
  ASSERT_EQ(coarse.sets.size(), flux.states());
  // Parts come A first, then intermediate, then B, each in the given order.
  EXPECT_EQ(coarse.sets.front(), (std::vector<std::int32_t>{2}));
  EXPECT_EQ(coarse.sets.back(), (std::vector<std::int32_t>{15}));
  EXPECT_EQ(coarse.source, (std::vector<std::int32_t>{0, 1, 2}));
  EXPECT_NEAR(coarse.flux.total_flux, flux.total_flux, 1e-15);
  const Eigen::MatrixXd fine(flux.net_flux);
  const Eigen::MatrixXd ours(coarse.flux.net_flux);
  for (std::size_t i = 0; i < coarse.sets.size(); ++i) {
    for (std::size_t j = 0; j < coarse.sets.size(); ++j) {
      EXPECT_NEAR(ours(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)),
                  fine(coarse.sets[i][0], coarse.sets[j][0]), 1e-15);
    }
    EXPECT_NEAR(coarse.flux.forward_committor[static_cast<Eigen::Index>(i)],
                flux.forward_committor[coarse.sets[i][0]], 1e-15);
  }
}

TEST(CoarseGrain, ThreeBlocksCarryTheWholeFluxThroughTheMiddle) {
  // The deeptime chain's rows of three states: {0,1,2} ... {15,16,17}.
  const ReactiveFlux flux = deeptime_flux();
  std::vector<std::vector<std::int32_t>> blocks;
  for (std::int32_t b = 0; b < 6; ++b) blocks.push_back({3 * b, 3 * b + 1, 3 * b + 2});
  const CoarseFlux coarse = coarse_grain(flux, blocks);
  ASSERT_EQ(coarse.sets.size(), 6u);
  EXPECT_EQ(coarse.source, (std::vector<std::int32_t>{0}));
  EXPECT_EQ(coarse.sink, (std::vector<std::int32_t>{5}));
  EXPECT_NEAR(coarse.flux.total_flux, flux.total_flux, 1e-15);
  EXPECT_NEAR(coarse.flux.stationary.sum(), 1.0, 1e-12);
  const auto paths =
      decompose_pathways(coarse.flux.net_flux, make_endpoints(coarse.source, coarse.sink, 6));
  double sum = 0.0;
  for (const auto& p : paths.pathways) sum += p.flux;
  EXPECT_NEAR(sum, coarse.flux.total_flux, 1e-12 * coarse.flux.total_flux);
}

TEST(CoarseGrain, SetsMustPartitionTheStates) {
  const ReactiveFlux flux = deeptime_flux();
  std::vector<std::vector<std::int32_t>> blocks;
  for (std::int32_t b = 0; b < 6; ++b) blocks.push_back({3 * b, 3 * b + 1, 3 * b + 2});
  auto missing = blocks;
  missing[2].pop_back();
  EXPECT_THROW(coarse_grain(flux, missing), UsageError);
  auto repeated = blocks;
  repeated[3].push_back(0);
  EXPECT_THROW(coarse_grain(flux, repeated), UsageError);
}

TEST(NucleationRate, SiUnitsFromPicosecondsAndCubicNanometres) {
  // t = 1 ns = 1e3 ps, V = 100 nm^3: J = 1 / (1e-9 s * 1e-25 m^3) = 1e34.
  const RateUnits si = rate_units("ps", "nm");
  EXPECT_EQ(si.label, "m^-3 s^-1");
  EXPECT_NEAR(nucleation_rate(1e3, 100.0, si), 1e34, 1e20);
  EXPECT_NEAR(nucleation_rate(1.0, 100.0, rate_units("ns", "nm")), 1e34, 1e20);
  EXPECT_NEAR(nucleation_rate(1.0, 1e5, rate_units("ns", "angstrom")), 1e34, 1e20);
  const RateUnits lj = rate_units("tau", "sigma");
  EXPECT_EQ(lj.label, "sigma^-3 tau^-1");
  EXPECT_DOUBLE_EQ(nucleation_rate(250.0, 2000.0, lj), 2e-6);
  EXPECT_THROW(rate_units("tau", "nm"), UsageError);
  EXPECT_THROW(rate_units("hours", "nm"), UsageError);
  EXPECT_THROW(nucleation_rate(0.0, 1.0, si), UsageError);
}

}  // namespace
}  // namespace nucleate::tpt
