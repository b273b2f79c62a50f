#pragma once
// The LAMMPS mW ice-on-a-surface run of tests/data/ice-surface/ (README there):
// its topology, the ice-hin preset pointed at its atom types, and the frames
// LAMMPS rescored with compute orientorder/atom.

#include <stdexcept>
#include <string>
#include <vector>

#include "cv/cv_definition.h"
#include "cv/presets.h"
#include "io/formats.h"
#include "io/topology.h"
#include "support/test_data.h"

namespace nucleate::testing {

inline io::Topology ice_topology() {
  return io::read_topology(data_path("ice-surface/system.data"));
}

inline cv::CvDefinition ice_definition() {
  cv::CvDefinition definition = cv::load_preset("ice-hin");
  for (auto& group : definition.groups) {
    if (group.name == "oxygen") group.selection = "type 1";
    if (group.name == "surface") group.selection = "type 2";
  }
  return definition;
}

inline const std::vector<double>& dump_column(const io::Frame& frame, const std::string& name) {
  const auto* extra = frame.find_extra(name);
  if (extra == nullptr) throw std::runtime_error("dump has no column " + name);
  return extra->values;
}

// LAMMPS' rerun frames in Angstrom, and the same in nm for the preset.
inline std::vector<io::Frame> orientorder_frames() {
  auto reader = io::open_trajectory(data_path("ice-surface/orientorder.lammpstrj.gz"));
  std::vector<io::Frame> frames;
  io::Frame frame;
  while (reader->read_next(frame)) frames.push_back(frame);
  return frames;
}

inline io::Frame in_nm(io::Frame frame) {
  for (auto& p : frame.positions) p = {p[0] * 0.1F, p[1] * 0.1F, p[2] * 0.1F};
  for (auto& v : frame.box.vectors)
    for (double& x : v) x *= 0.1;
  return frame;
}

}  // namespace nucleate::testing
