// Estimates an MSM and its TPT rate with an installed nucleate: a three-state
// chain 0 -> 1 -> 2 -> 1 -> 0 ..., whose counts at lag 1 are known by hand.
#include <nucleate/core/version.h>
#include <nucleate/msm/markov_model.h>
#include <nucleate/tpt/reactive_flux.h>

#include <cstdio>
#include <vector>

int main() {
  std::vector<nucleate::msm::DiscreteTrajectory> trajectories{
      {0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1, 0}};
  nucleate::msm::EstimateOptions options;
  options.lag = 1;
  const auto model = nucleate::msm::estimate_markov_model(trajectories, options);
  const auto flux = nucleate::tpt::reactive_flux(model.transition_matrix,
                                                 model.stationary_distribution, {0}, {2});
  // T(1 -> 0) = T(1 -> 2) = 1/2, so q+ of state 1 is 1/2.
  std::printf("nucleate %s: %zu states, T(0->1) %.3f, q+(1) %.3f\n",
              std::string(nucleate::version()).c_str(), model.active_set.size(),
              model.transition_matrix.coeff(0, 1), flux.forward_committor[1]);
  return flux.forward_committor[1] > 0.49 && flux.forward_committor[1] < 0.51 ? 0 : 1;
}
