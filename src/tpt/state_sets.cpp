#include "tpt/state_sets.h"

#include <fmt/format.h>

#include "core/error.h"

namespace nucleate::tpt {

std::vector<bool> membership_mask(const std::vector<std::int32_t>& set, std::size_t states,
                                  const char* what) {
  if (set.empty()) throw UsageError(fmt::format("the {} set is empty", what));
  std::vector<bool> in(states, false);
  for (std::int32_t s : set) {
    if (s < 0 || static_cast<std::size_t>(s) >= states) {
      throw UsageError(
          fmt::format("{} state index {} is not one of the {} states", what, s, states));
    }
    in[static_cast<std::size_t>(s)] = true;
  }
  return in;
}

Endpoints make_endpoints(const std::vector<std::int32_t>& source,
                         const std::vector<std::int32_t>& sink, std::size_t states) {
  Endpoints e{membership_mask(source, states, "source"), membership_mask(sink, states, "sink")};
  for (std::size_t i = 0; i < states; ++i) {
    if (e.in_source[i] && e.in_sink[i]) {
      throw UsageError(fmt::format("state index {} is in both the source and the sink set", i));
    }
  }
  return e;
}

}  // namespace nucleate::tpt
