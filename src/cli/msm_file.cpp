#include "cli/msm_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "cli/json_output.h"
#include "core/error.h"

namespace nucleate::cli {

std::vector<std::int32_t> SavedModel::indices_of(const std::vector<std::int32_t>& labels,
                                                 const char* what) const {
  std::vector<std::int32_t> out;
  for (std::int32_t label : labels) {
    const auto it = std::lower_bound(active_set.begin(), active_set.end(), label);
    if (it == active_set.end() || *it != label) {
      throw UsageError(fmt::format("{}: state {} is not in the model's active set ({}: {} states)",
                                   what, label, path, active_set.size()));
    }
    out.push_back(static_cast<std::int32_t>(it - active_set.begin()));
  }
  return out;
}

SavedModel read_saved_model(const std::string& path) {
  const nlohmann::json j = read_json(path);
  SavedModel m;
  m.path = path;
  try {
    m.lag = j.at("lag").get<std::size_t>();
    if (!j.at("dt").is_null()) m.dt = j.at("dt").get<double>();
    m.active_set = j.at("active_set").get<std::vector<std::int32_t>>();
    const auto n = static_cast<Eigen::Index>(m.active_set.size());
    std::vector<Eigen::Triplet<double>> entries;
    if (j.contains("transition_matrix")) {
      const auto rows = j.at("transition_matrix").get<std::vector<std::vector<double>>>();
      for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t k = 0; k < rows[i].size(); ++k)
          if (rows[i][k] != 0.0)
            entries.emplace_back(static_cast<int>(i), static_cast<int>(k), rows[i][k]);
    } else {
      for (const auto& t : j.at("transition_matrix_coo"))
        entries.emplace_back(t.at(0).get<int>(), t.at(1).get<int>(), t.at(2).get<double>());
    }
    m.transition_matrix.resize(n, n);
    m.transition_matrix.setFromTriplets(entries.begin(), entries.end());
    const auto pi = j.at("stationary_distribution").get<std::vector<double>>();
    m.stationary_distribution =
        Eigen::Map<const Eigen::VectorXd>(pi.data(), static_cast<Eigen::Index>(pi.size()));
    if (m.stationary_distribution.size() != n)
      throw InputError({path, {}, {}, {}},
                       "stationary_distribution and active_set differ in length");
  } catch (const nlohmann::json::exception& e) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("not an msm.json from `nucleate msm estimate`: {}", e.what()));
  }
  return m;
}

std::vector<std::int32_t> parse_state_list(const std::string& text, const char* option) {
  std::vector<std::int32_t> out;
  std::size_t at = 0;
  auto fail = [&] {
    throw UsageError(fmt::format("{} '{}': write states as 1,2,5-7", option, text));
  };
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(',', at), text.size());
    const std::string_view item(text.data() + at, end - at);
    const auto dash = item.find('-', 1);
    std::int32_t first = 0, last = 0;
    auto parse = [&](std::string_view s, std::int32_t& v) {
      const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size() || s.empty()) fail();
    };
    if (dash == std::string_view::npos) {
      parse(item, first);
      last = first;
    } else {
      parse(item.substr(0, dash), first);
      parse(item.substr(dash + 1), last);
      if (last < first) fail();
    }
    for (std::int32_t s = first; s <= last; ++s) out.push_back(s);
    at = end + 1;
  }
  if (out.empty()) fail();
  return out;
}

}  // namespace nucleate::cli
