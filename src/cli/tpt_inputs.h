#pragma once
// What `nucleate tpt` reads besides the model: state centres from
// clusters.json (for CV regions and plots), PCCA+ sets from pcca.json, and
// the three ways to name a source or sink set (state labels, macrostates,
// a CV region evaluated on the centres).

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/msm_file.h"

namespace nucleate::cli {

struct StateCenters {
  std::string path;
  std::vector<std::string> cvs;
  Eigen::MatrixXd centers;  ///< row = state label, in the CVs' own units
};

/// InputError naming the file and field when it is not a clusters.json.
StateCenters read_state_centers(const std::string& path);

/// Labels of the states whose centre satisfies `expression` (e.g.
/// "nsph < 2 and nsphq6 < 0.5"; names are the CVs of clusters.json).
/// UsageError naming `option` for a bad expression.
std::vector<std::int32_t> labels_in_region(const StateCenters& centers,
                                           const std::string& expression, const char* option);

/// pcca.json's `sets` (original labels per macrostate).
std::vector<std::vector<std::int32_t>> read_macrostate_sets(const std::string& path);

/// "0-3;4,5;6-9" -> {{0,1,2,3},{4,5},{6,7,8,9}}.
std::vector<std::vector<std::int32_t>> parse_set_groups(const std::string& text,
                                                        const char* option);

/// One endpoint as given on the command line; exactly one of the three forms.
struct EndpointSpec {
  std::string states;       ///< "0,1,5-7"
  std::string region;       ///< CV expression on state centres
  std::string macrostates;  ///< "0" or "0,2": PCCA+ set ids
};

/// Indices into the model of the endpoint, and a description for the JSON.
/// States named by a region or macrostate but outside the model's active set
/// are left out (the count is returned in `dropped`).
struct ResolvedEndpoint {
  std::vector<std::int32_t> indices;
  std::string description;
  std::size_t dropped = 0;
};

ResolvedEndpoint resolve_endpoint(const EndpointSpec& spec, const char* name,
                                  const SavedModel& model, const StateCenters* centers,
                                  const std::vector<std::vector<std::int32_t>>* macrostates);

}  // namespace nucleate::cli
