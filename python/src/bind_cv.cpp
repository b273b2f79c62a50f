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
#include "cv/atom_expression.h"
#include "cv/cv_config.h"
#include "cv/cv_engine.h"
#include "cv/presets.h"
#include "io/formats.h"
#include "io/topology_input.h"

namespace nucleate::python {
namespace {

struct CvRequest {
  std::string path;
  std::string preset;
  std::string config;
  std::string top;
  std::map<std::string, std::string> groups;  // group name -> selection replacing the definition's
  io::FrameRange range;
  std::optional<double> timestep;
};

cv::CvDefinition load_definition(const CvRequest& request) {
  cv::CvDefinition definition =
      cv::load_cv_definition(request.preset, request.config, "preset=NAME or config=FILE.toml");
  for (const auto& [name, selection] : request.groups)
    cv::replace_group_selection(definition, name, selection);
  return definition;
}

// Column names (time first) and one vector per column.
struct CvTable {
  std::vector<std::string> names{"time"};
  std::vector<std::vector<double>> columns;
};

CvTable evaluate(const CvRequest& request) {
  const cv::CvDefinition definition = load_definition(request);
  auto reader = io::open_trajectory(request.path);
  std::optional<cv::CvEngine> engine;
  CvTable table;
  io::for_each_frame(*reader, request.range, [&](std::size_t index, const io::Frame& frame) {
    if (!engine) {
      engine.emplace(definition, io::topology_or_blank(*reader, request.top, frame.atom_count()));
      for (auto& name : engine->column_names()) table.names.push_back(name);
      table.columns.resize(table.names.size());
    }
    std::vector<double> values;
    try {
      values = engine->evaluate(frame);
    } catch (const InputError&) {
      throw;
    } catch (const Error& e) {
      throw InputError({request.path, static_cast<std::int64_t>(index), {}, {}}, e.what());
    }
    table.columns[0].push_back(
        request.timestep ? static_cast<double>(frame.step) * *request.timestep : frame.time);
    for (std::size_t c = 0; c < values.size(); ++c) table.columns[c + 1].push_back(values[c]);
  });
  if (!engine) {
    throw UsageError(fmt::format("{}: no frame in the requested range (begin {}, stride {})",
                                 request.path, request.range.begin, request.range.stride));
  }
  return table;
}

py::tuple compute_cvs(CvRequest request, std::optional<int> threads) {
  if (request.range.stride == 0) throw UsageError("stride must be at least 1");
  if (threads && *threads < 1) throw UsageError("threads must be at least 1");
  CvTable table;
  {
    py::gil_scoped_release unlocked;
    const int before = omp_get_max_threads();
    if (threads) omp_set_num_threads(*threads);
    try {
      table = evaluate(request);
    } catch (...) {
      omp_set_num_threads(before);
      throw;
    }
    omp_set_num_threads(before);
  }
  py::list columns;
  for (auto& column : table.columns) columns.append(to_numpy(std::move(column)));
  return py::make_tuple(table.names, columns);
}

// An expression such as "largest < 10 and nsolid < 30" evaluated on every row
// of named columns, as `nucleate tpt --source-region` evaluates it on state
// centres: 1 where it holds, 0 where not (or the arithmetic value).
py::array evaluate_expression(const std::string& expression, const std::vector<std::string>& names,
                              const std::vector<std::vector<double>>& columns) {
  if (names.size() != columns.size()) throw UsageError("one column per name is needed");
  const auto resolve = [&](std::string_view name) -> std::optional<std::size_t> {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return std::nullopt;
    return static_cast<std::size_t>(it - names.begin());
  };
  cv::AtomExpression parsed = [&] {
    try {
      return cv::AtomExpression::parse(expression, resolve);
    } catch (const UsageError& e) {
      throw UsageError(
          fmt::format("'{}': {} (names: {})", expression, e.what(), fmt::join(names, ", ")));
    }
  }();
  const std::size_t rows = columns.empty() ? 0 : columns.front().size();
  for (const auto& column : columns) {
    if (column.size() != rows) throw UsageError("the columns differ in length");
  }
  std::vector<double> out(rows);
  for (std::size_t r = 0; r < rows; ++r) out[r] = parsed.evaluate(r, columns);
  return to_numpy(std::move(out));
}

}  // namespace

void bind_cv(py::module_& m) {
  m.def(
      "compute_cvs",
      [](const std::string& path, const std::string& preset, const std::string& config,
         const std::string& top, const std::map<std::string, std::string>& groups,
         std::size_t begin, std::optional<std::size_t> end, std::size_t stride,
         std::optional<double> timestep, std::optional<int> threads) {
        return compute_cvs(
            CvRequest{path, preset, config, top, groups, {begin, end, stride}, timestep}, threads);
      },
      py::arg("path"), py::arg("preset") = "", py::arg("config") = "", py::arg("top") = "",
      py::arg("groups") = std::map<std::string, std::string>{}, py::arg("begin") = 0,
      py::arg("end") = py::none(), py::arg("stride") = 1, py::arg("timestep") = py::none(),
      py::arg("threads") = py::none(), "(column names with 'time' first, one array per column).");
  m.def("evaluate_expression", &evaluate_expression, py::arg("expression"), py::arg("names"),
        py::arg("columns"), "Value of an expression over named columns, row by row.");
  m.def("cv_presets", &cv::preset_names, "Names of the CV presets compiled into nucleate.");
  m.def(
      "cv_preset_text", [](const std::string& name) { return std::string(cv::preset_text(name)); },
      py::arg("name"), "The TOML text of a preset.");
}

}  // namespace nucleate::python
