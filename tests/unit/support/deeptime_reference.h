#pragma once
// deeptime's reference run (tests/data/deeptime-msm-small): its discrete
// trajectories and its results.

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "msm/count_matrix.h"
#include "support/test_data.h"

namespace nucleate::testing {

inline std::vector<msm::DiscreteTrajectory> deeptime_small_trajectories() {
  std::ifstream in(data_path("deeptime-msm-small/small.txt"));
  std::vector<msm::DiscreteTrajectory> out;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    msm::DiscreteTrajectory t;
    std::int32_t s = 0;
    while (words >> s) t.push_back(s);
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

inline nlohmann::json deeptime_small_reference() {
  std::ifstream in(data_path("deeptime-msm-small/small_ref.json"));
  return nlohmann::json::parse(in);
}

}  // namespace nucleate::testing
