// io layer: trajectories read into NumPy arrays, atom selections, COLVAR and
// discrete-trajectory files.

#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "arrays.h"
#include "bindings.h"
#include "core/error.h"
#include "io/colvar.h"
#include "io/dtraj.h"
#include "io/formats.h"
#include "io/topology_input.h"

namespace nucleate::python {
namespace {

// Everything read_trajectory returns, filled without the GIL.
struct TrajectoryData {
  std::string format;
  std::string length_unit;
  std::size_t atoms = 0;
  std::size_t frames = 0;
  std::vector<float> positions;  // frames x atoms x 3
  std::vector<double> boxes;     // frames x 3 x 3, rows are box vectors
  std::vector<double> times;
  std::vector<std::int64_t> steps;
  std::vector<std::uint8_t> has_box;
  std::optional<io::Topology> topology;
};

TrajectoryData load(const std::string& path, const std::string& top, const io::FrameRange& range) {
  TrajectoryData out;
  auto reader = io::open_trajectory(path);
  out.format = std::string(reader->format_name());
  out.length_unit = std::string(io::to_string(reader->length_unit()));
  io::for_each_frame(*reader, range, [&](std::size_t, const io::Frame& frame) {
    if (out.frames == 0) {
      out.atoms = frame.atom_count();
      out.topology = io::topology_for(*reader, top, out.atoms);
    }
    for (const auto& p : frame.positions)
      out.positions.insert(out.positions.end(), p.begin(), p.end());
    for (const auto& row : frame.box.vectors)
      out.boxes.insert(out.boxes.end(), row.begin(), row.end());
    out.times.push_back(frame.time);
    out.steps.push_back(frame.step);
    out.has_box.push_back(frame.has_box ? 1 : 0);
    ++out.frames;
  });
  return out;
}

py::dict read_trajectory(const std::string& path, const std::string& top, std::size_t begin,
                         std::optional<std::size_t> end, std::size_t stride) {
  if (stride == 0) throw UsageError("stride must be at least 1");
  TrajectoryData data;
  {
    py::gil_scoped_release unlocked;
    data = load(path, top, io::FrameRange{begin, end, stride});
  }
  const auto frames = static_cast<py::ssize_t>(data.frames);
  const auto atoms = static_cast<py::ssize_t>(data.atoms);
  py::dict out;
  out["format"] = data.format;
  out["length_unit"] = data.length_unit;
  out["positions"] = to_numpy(std::move(data.positions), {frames, atoms, 3});
  out["box"] = to_numpy(std::move(data.boxes), {frames, 3, 3});
  out["time"] = to_numpy(std::move(data.times));
  out["step"] = to_numpy(std::move(data.steps));
  out["has_box"] = to_numpy(std::move(data.has_box)).attr("astype")("bool");
  py::list names;
  py::list types;
  if (data.topology) {
    for (const auto& atom : data.topology->atoms) {
      names.append(atom.name.empty() ? atom.type : atom.name);
      types.append(atom.type);
    }
  }
  out["names"] = names;
  out["types"] = types;
  return out;
}

// Indices of the atoms of a structure file that match a `--select` expression.
py::array select_atoms(const std::string& topology_path, const std::string& expression) {
  const auto indices = io::read_topology(topology_path).select(expression);
  return to_numpy(std::vector<std::int64_t>(indices.begin(), indices.end()));
}

py::tuple read_colvar(const std::string& path) {
  io::ColvarTable table = io::read_colvar(path);
  py::list columns;
  for (auto& column : table.columns) columns.append(to_numpy(std::move(column)));
  return py::make_tuple(table.fields, columns, table.constants);
}

}  // namespace

void bind_io(py::module_& m) {
  m.def("read_trajectory", &read_trajectory, py::arg("path"), py::arg("top") = "",
        py::arg("begin") = 0, py::arg("end") = py::none(), py::arg("stride") = 1,
        "Frames [begin, end) every stride-th as a dict of arrays (positions float32 frames x atoms "
        "x 3).");
  m.def(
      "select_atoms", &select_atoms, py::arg("topology"), py::arg("expression"),
      "0-based indices of the atoms of a structure file matching a selection ('name NA CL', ...).");
  m.def("read_colvar", &read_colvar, py::arg("path"),
        "(fields, columns, constants) of a PLUMED COLVAR file.");
  m.def(
      "read_dtraj",
      [](const std::string& path) { return to_numpy(io::read_discrete_trajectory(path)); },
      py::arg("path"), "A discrete trajectory file (text or .npy) as int32.");
}

}  // namespace nucleate::python
