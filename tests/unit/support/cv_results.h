#pragma once
// Looking up what a CvEngine computed, by name, in tests.

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "cv/cv_engine.h"
#include "io/frame.h"

namespace nucleate::testing {

/// Position of a column in CvEngine::evaluate's result (a test failure if absent).
inline std::size_t column_index(const cv::CvEngine& engine, const std::string& name) {
  const auto names = engine.column_names();
  for (std::size_t k = 0; k < names.size(); ++k)
    if (names[k] == name) return k;
  ADD_FAILURE() << "no column " << name;
  return 0;
}

/// A per-atom quantity (from evaluate's per_atom output) or a dump column.
inline const std::vector<double>& values_named(const std::vector<io::ExtraColumn>& columns,
                                               const std::string& name) {
  for (const auto& c : columns)
    if (c.name == name) return c.values;
  throw std::runtime_error("no per-atom quantity " + name);
}

}  // namespace nucleate::testing
