#pragma once
// deeptime 0.4.5's TPT case on its 18-state chain (tests/data/deeptime-msm-small):
// the model at the reference's lag and the flux between its A and B, built once.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "msm/markov_model.h"
#include "support/deeptime_reference.h"
#include "tpt/reactive_flux.h"

namespace nucleate::testing {

struct DeeptimeCase {
  nlohmann::json reference = deeptime_small_reference();
  msm::MarkovModel model;
  std::vector<std::int32_t> source = reference["A_active_idx"].get<std::vector<std::int32_t>>();
  std::vector<std::int32_t> sink = reference["B_active_idx"].get<std::vector<std::int32_t>>();
  tpt::ReactiveFlux flux;

  DeeptimeCase() {
    msm::EstimateOptions options;
    options.lag = reference["options"]["lag"].get<std::size_t>();
    model = msm::estimate_markov_model(deeptime_small_trajectories(), options);
    flux = tpt::reactive_flux(model.transition_matrix, model.stationary_distribution, source, sink);
  }
};

inline const DeeptimeCase& deeptime_case() {
  static const DeeptimeCase c;
  return c;
}

}  // namespace nucleate::testing
