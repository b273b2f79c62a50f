#pragma once
// Implied timescales against the lag time, to choose a lag where they level
// off (PyEMMA's its / deeptime's implied_timescales), with Bayesian MSM
// percentile bands per lag when samples > 0.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/options.h"
#include "msm/count_matrix.h"

namespace nucleate::msm {

struct ItsOptions {
  std::vector<std::size_t> lags;  ///< frames
  std::size_t nits = 5;           ///< timescales per lag
  bool nonreversible = false;
  std::size_t samples = 100;  ///< Bayesian samples per lag for the bands; 0: none
  std::uint64_t seed = 0;
  std::optional<double> dt;  ///< time between frames; times are then in its unit
};
const OptionTable<ItsOptions>& its_options();

struct ItsResult {
  std::vector<std::size_t> lags;
  std::vector<std::vector<double>> timescales;  ///< per lag, frames (infinity: none)
  std::vector<std::size_t> n_states;            ///< active states per lag
  /// With samples > 0: per lag, the posterior mean and 2.5/97.5 percentiles.
  std::vector<std::vector<double>> mean, lower, upper;
  std::vector<std::string> warnings;  ///< "lag L: ..."
};

/// `on_samples` reports Bayesian progress (samples drawn at the current lag).
ItsResult implied_timescales_scan(std::span<const DiscreteTrajectory> trajectories,
                                  const ItsOptions& options,
                                  const std::function<void(std::size_t)>& on_samples = nullptr);

/// its.json: lags, timescales, n_states, dt, reversible, [timescales_mean,
/// timescales_lower, timescales_upper, bayesian], warnings; times in dt's
/// unit (frames without dt).
Json its_json(const ItsResult& result, const ItsOptions& options);

}  // namespace nucleate::msm
