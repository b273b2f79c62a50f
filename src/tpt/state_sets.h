#pragma once
// Source and sink sets of a TPT problem as indices into the model, checked
// once: non-empty, in range, disjoint. Every tpt function takes them in this
// form so the checks and their messages live in one place.

#include <cstdint>
#include <vector>

namespace nucleate::tpt {

/// A membership mask of `set` over `states` states; UsageError naming `what`
/// for an empty set or an index out of range.
std::vector<bool> membership_mask(const std::vector<std::int32_t>& set, std::size_t states,
                                  const char* what);

struct Endpoints {
  std::vector<bool> in_source;
  std::vector<bool> in_sink;
  [[nodiscard]] bool intermediate(std::size_t i) const { return !in_source[i] && !in_sink[i]; }
};

/// UsageError when either set is empty, out of range, or they overlap.
Endpoints make_endpoints(const std::vector<std::int32_t>& source,
                         const std::vector<std::int32_t>& sink, std::size_t states);

}  // namespace nucleate::tpt
