#include "tpt/endpoints.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/error.h"
#include "msm/model_file.h"

namespace nucleate::tpt {

ResolvedEndpoint resolve_endpoint(const EndpointSpec& spec, const std::string& name,
                                  const msm::MarkovModel& model, const EndpointContext& context) {
  const int given = static_cast<int>(!spec.states.empty()) +
                    static_cast<int>(!spec.region.empty()) +
                    static_cast<int>(!spec.macrostates.empty());
  if (given != 1) {
    throw UsageError(
        fmt::format("give the {0} set exactly one way: --{0}, --{0}-region or --{0}-macro", name));
  }
  ResolvedEndpoint out;
  std::vector<std::int32_t> labels;
  if (!spec.states.empty()) {
    out.description = fmt::format("states {}", spec.states);
    const std::string option = fmt::format("--{}", name);
    out.indices = msm::state_indices(model, msm::parse_state_labels(spec.states, option), option);
    return out;
  }
  if (!spec.region.empty()) {
    if (context.states == nullptr) {
      throw UsageError(
          fmt::format("--{}-region needs --clusters clusters.json (the state centres)", name));
    }
    labels = msm::states_in_region(context.states->cvs, context.states->centers, spec.region,
                                   fmt::format("--{}-region", name));
    // The file's name, not its path: the description lands in tpt.json and
    // summary.json, which must not change when their folder moves.
    out.description = fmt::format("region {} on the centres of {}", spec.region,
                                  std::filesystem::path(context.states_file).filename().string());
  } else {
    if (context.macrostates == nullptr)
      throw UsageError(fmt::format("--{}-macro needs --pcca pcca.json", name));
    const std::string option = fmt::format("--{}-macro", name);
    for (std::int32_t k : msm::parse_state_labels(spec.macrostates, option)) {
      if (static_cast<std::size_t>(k) >= context.macrostates->size()) {
        throw UsageError(fmt::format("--{}-macro {}: the PCCA+ file has {} macrostates", name, k,
                                     context.macrostates->size()));
      }
      const auto& set = (*context.macrostates)[static_cast<std::size_t>(k)];
      labels.insert(labels.end(), set.begin(), set.end());
    }
    out.description = fmt::format("macrostates {}", spec.macrostates);
  }
  std::vector<std::int32_t> active;
  for (std::int32_t label : labels) {
    if (std::binary_search(model.active_set.begin(), model.active_set.end(), label))
      active.push_back(label);
    else
      ++out.dropped;
  }
  if (active.empty()) {
    throw UsageError(fmt::format("the {} set ({}) holds no state of the model's active set", name,
                                 out.description));
  }
  out.indices = msm::state_indices(model, active, name);
  return out;
}

void check_disjoint(const ResolvedEndpoint& source, const ResolvedEndpoint& sink,
                    const msm::MarkovModel& model) {
  for (std::int32_t a : source.indices) {
    if (std::find(sink.indices.begin(), sink.indices.end(), a) != sink.indices.end()) {
      throw UsageError(fmt::format("state {} is in both the source ({}) and the sink ({}) set",
                                   model.active_set[static_cast<std::size_t>(a)],
                                   source.description, sink.description));
    }
  }
}

std::vector<std::vector<std::int32_t>> parse_set_groups(const std::string& text,
                                                        const std::string& what) {
  std::vector<std::vector<std::int32_t>> groups;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(';', start);
    groups.push_back(msm::parse_state_labels(
        text.substr(start, end == std::string::npos ? std::string::npos : end - start), what));
    if (end == std::string::npos) return groups;
    start = end + 1;
  }
}

}  // namespace nucleate::tpt
