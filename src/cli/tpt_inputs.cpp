#include "cli/tpt_inputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/json_output.h"
#include "core/error.h"
#include "cv/atom_expression.h"

namespace nucleate::cli {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : text) {
    if (c == separator) {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  return parts;
}

}  // namespace

StateCenters read_state_centers(const std::string& path) {
  const nlohmann::json j = read_json(path);
  StateCenters out;
  out.path = path;
  try {
    out.cvs = j.at("cvs").get<std::vector<std::string>>();
    const auto rows = j.at("centers").get<std::vector<std::vector<double>>>();
    out.centers.resize(static_cast<Eigen::Index>(rows.size()),
                       static_cast<Eigen::Index>(out.cvs.size()));
    for (std::size_t s = 0; s < rows.size(); ++s) {
      if (rows[s].size() != out.cvs.size()) {
        throw InputError({path, {}, {}, {}}, fmt::format("centre {} has {} values for {} CVs", s,
                                                         rows[s].size(), out.cvs.size()));
      }
      for (std::size_t c = 0; c < rows[s].size(); ++c) {
        out.centers(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(c)) = rows[s][c];
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("not a clusters.json from `nucleate cluster`: {}", e.what()));
  }
  return out;
}

std::vector<std::int32_t> labels_in_region(const StateCenters& centers,
                                           const std::string& expression, const char* option) {
  const auto resolve = [&](std::string_view name) -> std::optional<std::size_t> {
    const auto it = std::find(centers.cvs.begin(), centers.cvs.end(), name);
    if (it == centers.cvs.end()) return std::nullopt;
    return static_cast<std::size_t>(it - centers.cvs.begin());
  };
  cv::AtomExpression parsed = [&] {
    try {
      return cv::AtomExpression::parse(expression, resolve);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("{} '{}': {} (CVs of {}: {})", option, expression, e.what(),
                                   centers.path, fmt::join(centers.cvs, ", ")));
    }
  }();
  std::vector<std::vector<double>> values(centers.cvs.size());
  for (std::size_t c = 0; c < values.size(); ++c) {
    const auto column = centers.centers.col(static_cast<Eigen::Index>(c));
    values[c].assign(column.begin(), column.end());
  }
  std::vector<std::int32_t> labels;
  for (Eigen::Index s = 0; s < centers.centers.rows(); ++s) {
    if (parsed.evaluate(static_cast<std::size_t>(s), values) > 0.5)
      labels.push_back(static_cast<std::int32_t>(s));
  }
  return labels;
}

std::vector<std::vector<std::int32_t>> read_macrostate_sets(const std::string& path) {
  const nlohmann::json j = read_json(path);
  try {
    return j.at("sets").get<std::vector<std::vector<std::int32_t>>>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("not a pcca.json from `nucleate msm pcca`: {}", e.what()));
  }
}

std::vector<std::vector<std::int32_t>> parse_set_groups(const std::string& text,
                                                        const char* option) {
  std::vector<std::vector<std::int32_t>> groups;
  for (const std::string& group : split(text, ';'))
    groups.push_back(parse_state_list(group, option));
  return groups;
}

ResolvedEndpoint resolve_endpoint(const EndpointSpec& spec, const char* name,
                                  const SavedModel& model, const StateCenters* centers,
                                  const std::vector<std::vector<std::int32_t>>* macrostates) {
  const int given = !spec.states.empty() + !spec.region.empty() + !spec.macrostates.empty();
  if (given != 1) {
    throw UsageError(
        fmt::format("give the {0} set exactly one way: --{0}, --{0}-region or --{0}-macro", name));
  }
  ResolvedEndpoint out;
  std::vector<std::int32_t> labels;
  if (!spec.states.empty()) {
    out.description = fmt::format("states {}", spec.states);
    const std::string option = fmt::format("--{}", name);
    out.indices = model.indices_of(parse_state_list(spec.states, option.c_str()), option.c_str());
    return out;
  }
  if (!spec.region.empty()) {
    if (centers == nullptr)
      throw UsageError(
          fmt::format("--{}-region needs --clusters clusters.json (the state centres)", name));
    labels = labels_in_region(*centers, spec.region, name);
    out.description = fmt::format("region {} on the centres of {}", spec.region, centers->path);
  } else {
    if (macrostates == nullptr)
      throw UsageError(fmt::format("--{}-macro needs --pcca pcca.json", name));
    const std::string option = fmt::format("--{}-macro", name);
    for (std::int32_t k : parse_state_list(spec.macrostates, option.c_str())) {
      if (static_cast<std::size_t>(k) >= macrostates->size()) {
        throw UsageError(fmt::format("--{}-macro {}: the PCCA+ file has {} macrostates", name, k,
                                     macrostates->size()));
      }
      const auto& set = (*macrostates)[static_cast<std::size_t>(k)];
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
  out.indices = model.indices_of(active, name);
  return out;
}

}  // namespace nucleate::cli
