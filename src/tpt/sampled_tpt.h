#pragma once
// TPT on every transition matrix of a Bayesian MSM, so rates, MFPTs and
// committors get error bars the same way timescales do (the sample is
// summarised with msm::summarize_samples by the caller).

#include <cstdint>
#include <vector>

#include "msm/bayesian_msm.h"

namespace nucleate::tpt {

struct SampledTpt {
  std::vector<double> rate;  ///< per step of T, one per sample
  std::vector<double> total_flux;
  std::vector<double> mfpt;               ///< pi-weighted set-to-set MFPT A -> B, steps of T
  std::vector<double> mfpt_reverse;       ///< B -> A
  std::vector<double> slowest_timescale;  ///< frames (from the sample), NaN if absent
  std::vector<std::vector<double>> forward_committor;  ///< [sample][state]
};

/// `source`/`sink` index the samples' states. UsageError when a sample has no
/// transition matrix (the Bayesian model was run without keeping them).
SampledTpt sample_tpt(const std::vector<msm::BayesianSample>& samples,
                      const std::vector<std::int32_t>& source,
                      const std::vector<std::int32_t>& sink);

}  // namespace nucleate::tpt
