#pragma once
// The source (A) and sink (B) sets of a TPT problem as a user names them:
// state labels ("0,1,5-7"), a CV region evaluated on the state centres
// ("largest < 150"), or PCCA+ macrostates ("0,2"), exactly one way each;
// resolved to indices into the model.

#include <cstdint>
#include <string>
#include <vector>

#include "msm/markov_model.h"
#include "msm/state_decomposition.h"

namespace nucleate::tpt {

struct EndpointSpec {
  std::string states;       ///< "0,1,5-7": original labels
  std::string region;       ///< CV expression on the state centres
  std::string macrostates;  ///< "0" or "0,2": PCCA+ set ids
};

struct ResolvedEndpoint {
  std::vector<std::int32_t> indices;  ///< into the model
  std::string
      description;  ///< "region largest < 150 on the centres of clusters.json" (file name only)
  /// States the region or macrostates name that are outside the model's
  /// active set (left out, with a warning).
  std::size_t dropped = 0;
};

/// What a region or macrostate endpoint needs besides the model.
struct EndpointContext {
  const msm::StateDecomposition* states = nullptr;                      ///< centres, for regions
  std::string states_file;                                              ///< named in descriptions
  const std::vector<std::vector<std::int32_t>>* macrostates = nullptr;  ///< labels per set
};

/// `name` is "source" or "sink"; messages name the options as
/// --source, --source-region, --source-macro. UsageError for none or two
/// ways, missing centres or macrostates, labels outside the model, or a set
/// with no state in the active set.
ResolvedEndpoint resolve_endpoint(const EndpointSpec& spec, const std::string& name,
                                  const msm::MarkovModel& model, const EndpointContext& context);

/// UsageError naming the first state (by label) in both sets.
void check_disjoint(const ResolvedEndpoint& source, const ResolvedEndpoint& sink,
                    const msm::MarkovModel& model);

/// "0-3;4,5;6-9" -> {{0,1,2,3},{4,5},{6,7,8,9}} (original labels).
std::vector<std::vector<std::int32_t>> parse_set_groups(const std::string& text,
                                                        const std::string& what);

}  // namespace nucleate::tpt
