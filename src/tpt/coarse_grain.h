#pragma once
// Reactive flux coarse-grained onto sets of states (e.g. PCCA+ macrostates),
// as deeptime 0.4.5's ReactiveFlux.coarse_grain does: each set is split into
// its parts in A, in neither, and in B (empty parts dropped), ordered all A
// parts, then intermediate parts, then B parts, each group in the order of
// the given sets. Between parts I != J the gross flux is summed,
// F_IJ = sum_{i in I, j in J} f_ij, and the coarse net flux is
// max(0, F_IJ - F_JI); coarse stationary weights are sums and coarse
// committors pi-weighted means. Its pathways are decomposed like any net flux.

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "msm/count_matrix.h"
#include "tpt/reactive_flux.h"

namespace nucleate::tpt {

struct CoarseFlux {
  std::vector<std::vector<std::int32_t>> sets;  ///< state indices of each part
  std::vector<std::size_t> origin;              ///< the given set each part came from
  std::vector<std::int32_t> source;             ///< indices of the A parts
  std::vector<std::int32_t> sink;               ///< indices of the B parts
  ReactiveFlux flux;                            ///< over the parts; its rate equals the fine one
};

/// `sets` must partition the states of `flux` (every state in exactly one
/// set, none empty); UsageError naming the first state that is missing or
/// repeated otherwise.
CoarseFlux coarse_grain(const ReactiveFlux& flux,
                        const std::vector<std::vector<std::int32_t>>& sets);

}  // namespace nucleate::tpt
