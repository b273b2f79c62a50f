#include "tpt/sampled_tpt.h"

#include <limits>

#include "core/error.h"
#include "msm/mfpt.h"
#include "tpt/reactive_flux.h"

namespace nucleate::tpt {

SampledTpt sample_tpt(const std::vector<msm::BayesianSample>& samples,
                      const std::vector<std::int32_t>& source,
                      const std::vector<std::int32_t>& sink) {
  SampledTpt out;
  for (const auto& sample : samples) {
    if (sample.transition_matrix.rows() == 0) {
      throw UsageError(
          "the Bayesian samples hold no transition matrices (keep_transition_matrices was off)");
    }
    const ReactiveFlux flux =
        reactive_flux(sample.transition_matrix, sample.stationary_distribution, source, sink);
    out.rate.push_back(flux.rate);
    out.total_flux.push_back(flux.total_flux);
    out.mfpt.push_back(msm::mean_first_passage_time(sample.transition_matrix,
                                                    sample.stationary_distribution, source, sink));
    // B -> A: the sink is where it starts, on purpose.
    // NOLINTNEXTLINE(readability-suspicious-call-argument)
    out.mfpt_reverse.push_back(msm::mean_first_passage_time(
        sample.transition_matrix, sample.stationary_distribution, sink, source));
    out.slowest_timescale.push_back(sample.timescales.empty()
                                        ? std::numeric_limits<double>::quiet_NaN()
                                        : sample.timescales.front());
    out.forward_committor.emplace_back(
        flux.forward_committor.data(),
        flux.forward_committor.data() + flux.forward_committor.size());
  }
  return out;
}

}  // namespace nucleate::tpt
