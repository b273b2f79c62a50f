// Transition path theory against deeptime 0.4.5 on its 18-state reference
// chain, A = {0,1,2}, B = {15,16,17}.
//
// Reference: tests/data/deeptime-msm-small/small_ref.json (key "tpt":
// forward/backward committors, net flux, total flux, rate per lag and per
// frame, inverse rate, pathways at 90 % of the flux and their capacities; and
// "mfpt_A_to_B_frames"), deeptime 0.4.5 on small.txt at lag 5 with a
// reversible MLE; copied from shared/reference/msm-small/. The Python script
// that ran deeptime was not kept with the outputs (see
// tests/validation/README.md). The explained fraction 0.9015857718925103 is
// the sum of the reference's pathway capacities over its total flux.
//
// ctests (tolerances in tests/validation/README.md):
//   validation.tpt.deeptime-committors  ReactiveFlux.CommittorsMatchDeeptime
//   validation.tpt.deeptime-flux-rate   ReactiveFlux.FluxesAndRateMatchDeeptime,
//                                       ReactiveFlux.TpmMfptIsNotTheSetToSetMfptButClose
//   validation.tpt.deeptime-pathways    ReactiveFlux.PathwaysMatchDeeptime

#include <gtest/gtest.h>

#include <cmath>

#include "msm/markov_model.h"
#include "msm/mfpt.h"
#include "support/deeptime_reference.h"
#include "support/deeptime_tpt_case.h"
#include "tpt/pathways.h"
#include "tpt/reactive_flux.h"

namespace nucleate::tpt {
namespace {

using testing::deeptime_case;

TEST(ReactiveFlux, CommittorsMatchDeeptime) {
  const auto& c = deeptime_case();
  const auto forward = c.reference["tpt"]["forward_committor"].get<std::vector<double>>();
  const auto backward = c.reference["tpt"]["backward_committor"].get<std::vector<double>>();
  ASSERT_EQ(static_cast<std::size_t>(c.flux.forward_committor.size()), forward.size());
  for (std::size_t i = 0; i < forward.size(); ++i) {
    EXPECT_NEAR(c.flux.forward_committor[static_cast<Eigen::Index>(i)], forward[i], 1e-7)
        << "state " << i;
    EXPECT_NEAR(c.flux.backward_committor[static_cast<Eigen::Index>(i)], backward[i], 1e-7)
        << "state " << i;
  }
}

TEST(ReactiveFlux, FluxesAndRateMatchDeeptime) {
  const auto& c = deeptime_case();
  const auto& tpt = c.reference["tpt"];
  const double total = tpt["total_flux"].get<double>();
  EXPECT_NEAR(c.flux.total_flux, total, 1e-6 * total);
  EXPECT_NEAR(c.flux.rate, tpt["rate_per_lag"].get<double>(), 1e-6 * c.flux.rate);
  const double lag = c.reference["options"]["lag"].get<double>();
  EXPECT_NEAR(lag / c.flux.rate, tpt["inverse_rate_frames"].get<double>(),
              1e-6 * lag / c.flux.rate);
  const auto net = tpt["net_flux"].get<std::vector<std::vector<double>>>();
  const Eigen::MatrixXd ours(c.flux.net_flux);
  for (std::size_t i = 0; i < net.size(); ++i) {
    for (std::size_t j = 0; j < net.size(); ++j) {
      EXPECT_NEAR(ours(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)), net[i][j],
                  1e-6 * total)
          << i << " -> " << j;
    }
  }
}

TEST(ReactiveFlux, PathwaysMatchDeeptime) {
  const auto& c = deeptime_case();
  const auto paths =
      c.reference["tpt"]["pathways_active_idx"].get<std::vector<std::vector<std::int32_t>>>();
  const auto capacities = c.reference["tpt"]["pathway_capacities"].get<std::vector<double>>();
  // The reference stops at 90% of the flux: its capacities cross 0.9 of the
  // total flux exactly at its last pathway (0.895 before it, 0.9016 with it).
  PathwayOptions options;
  options.fraction = 0.9;
  const PathwayDecomposition ours = decompose_pathways(c.flux.net_flux, c.flux.endpoints, options);
  ASSERT_EQ(ours.pathways.size(), paths.size());
  for (std::size_t k = 0; k < paths.size(); ++k) {
    EXPECT_EQ(ours.pathways[k].states, paths[k]) << "pathway " << k;
    EXPECT_NEAR(ours.pathways[k].flux, capacities[k], 1e-6 * capacities[k]) << "pathway " << k;
  }
  EXPECT_NEAR(ours.explained_fraction, 0.9015857718925103, 1e-7);
  // All of it: the pathways then carry the whole total flux.
  const PathwayDecomposition all = decompose_pathways(c.flux.net_flux, c.flux.endpoints);
  double sum = 0.0;
  for (const auto& p : all.pathways) sum += p.flux;
  EXPECT_NEAR(sum, c.flux.total_flux, 1e-12 * c.flux.total_flux);
  EXPECT_NEAR(all.explained_fraction, 1.0, 1e-12);
}

TEST(ReactiveFlux, TpmMfptIsNotTheSetToSetMfptButClose) {
  // deeptime: 1 / k_AB = 308.985 frames, msm.mfpt(A, B) = 308.996 frames.
  const auto& c = deeptime_case();
  const double set_to_set =
      5.0 * msm::mean_first_passage_time(c.model.transition_matrix, c.model.stationary_distribution,
                                         c.source, c.sink);
  EXPECT_NEAR(set_to_set, c.reference["mfpt_A_to_B_frames"].get<double>(), 1e-6 * set_to_set);
  EXPECT_GT(std::abs(set_to_set - 5.0 / c.flux.rate), 1e-3);
}

}  // namespace
}  // namespace nucleate::tpt
