// cv layer: per-frame collective variables of a trajectory, the numbers
// `nucleate cv` writes, evaluated by the same engine frame by frame.

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <omp.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "arrays.h"
#include "bindings.h"
#include "core/error.h"
#include "cv/presets.h"
#include "cv/trajectory_cvs.h"
#include "io/formats.h"

namespace nucleate::python {
namespace {

// Column names (time first) and one vector per column, collected frame by
// frame from the loop `nucleate cv` runs.
py::tuple compute_cvs(const std::string& path, const cv::CvOptions& options) {
  std::vector<std::string> names{"time"};
  std::vector<std::vector<double>> columns;
  {
    py::gil_scoped_release unlocked;
    const cv::CvDefinition definition = cv::cv_definition(options);
    cv::FrameCvsRequest request;
    request.on_start = [&](const cv::CvEngine& engine, const io::TrajectoryReader&,
                           const io::Topology&) {
      for (auto& name : engine.column_names()) names.push_back(name);
      columns.resize(names.size());
    };
    request.on_frame = [&](const cv::FrameCvs& f) {
      columns[0].push_back(f.time);
      for (std::size_t c = 0; c < f.values.size(); ++c) columns[c + 1].push_back(f.values[c]);
    };
    cv::evaluate_trajectory(definition, path, options, request);
  }
  py::list out;
  for (auto& column : columns) out.append(to_numpy(std::move(column)));
  return py::make_tuple(names, out);
}

}  // namespace

void bind_cv(py::module_& m) {
  m.def("compute_cvs", &compute_cvs, py::arg("path"), py::arg("options"),
        "(column names with 'time' first, one array per column).");
  m.def("cv_presets", &cv::preset_names, "Names of the CV presets compiled into nucleate.");
  m.def(
      "cv_preset_text", [](const std::string& name) { return std::string(cv::preset_text(name)); },
      py::arg("name"), "The TOML text of a preset.");
}

}  // namespace nucleate::python
