#pragma once
// Readers for the engines' own text output that the DCD, XYZ and PDB tests
// compare against: LAMMPS `dump custom` files and GRO atom names (`gmx dump`
// text is read by support/gmx_dump.h).
// Deliberately naive (line-oriented std::istringstream), sharing no code
// with the library's readers.

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/gmx_dump.h"
#include "support/test_data.h"

namespace nucleate::testing {

using Row3 = std::array<double, 3>;

/// One frame of a LAMMPS `dump custom` file.
struct LammpsDumpFrame {
  std::int64_t step = 0;
  std::array<Row3, 3> bounds{};  ///< lo_bound hi_bound tilt, as printed
  std::map<std::string, std::size_t> column;
  std::vector<std::vector<std::string>> rows;  ///< fields as text

  [[nodiscard]] double number(std::size_t row, const std::string& name) const {
    return std::stod(rows[row][column.at(name)]);
  }
  /// Box vectors from the bounding box and tilt factors, by the formulas of
  /// the LAMMPS manual (Howto_triclinic, "dump files").
  [[nodiscard]] std::array<Row3, 3> box_vectors() const {
    const double xy = bounds[0][2];
    const double xz = bounds[1][2];
    const double yz = bounds[2][2];
    const double xlo = bounds[0][0] - std::min({0.0, xy, xz, xy + xz});
    const double xhi = bounds[0][1] - std::max({0.0, xy, xz, xy + xz});
    const double ylo = bounds[1][0] - std::min(0.0, yz);
    const double yhi = bounds[1][1] - std::max(0.0, yz);
    return {Row3{xhi - xlo, 0.0, 0.0}, Row3{xy, yhi - ylo, 0.0},
            Row3{xz, yz, bounds[2][1] - bounds[2][0]}};
  }
};

inline std::vector<LammpsDumpFrame> read_lammps_dump(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<LammpsDumpFrame> frames;
  std::string line;
  while (std::getline(in, line)) {
    if (line != "ITEM: TIMESTEP") throw std::runtime_error("unexpected line '" + line + "'");
    LammpsDumpFrame frame;
    std::getline(in, line);
    frame.step = std::stoll(line);
    std::getline(in, line);  // ITEM: NUMBER OF ATOMS
    std::getline(in, line);
    const auto n = std::stoul(line);
    std::getline(in, line);  // ITEM: BOX BOUNDS ...
    for (auto& row : frame.bounds) {
      std::getline(in, line);
      std::istringstream fields(line);
      fields >> row[0] >> row[1] >> row[2];
    }
    std::getline(in, line);  // ITEM: ATOMS name...
    std::istringstream names(line.substr(std::string("ITEM: ATOMS").size()));
    std::string name;
    for (std::size_t k = 0; names >> name; ++k) frame.column[name] = k;
    for (std::size_t i = 0; i < n; ++i) {
      std::getline(in, line);
      std::istringstream fields(line);
      std::vector<std::string> row;
      for (std::string field; fields >> field;) row.push_back(field);
      frame.rows.push_back(std::move(row));
    }
    frames.push_back(std::move(frame));
  }
  return frames;
}

/// Atom names of a GRO file written by GROMACS (fixed columns 11-15).
inline std::vector<std::string> read_gro_names(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  const auto n = std::stoul(line);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < n && std::getline(in, line); ++i) {
    std::istringstream field(line.substr(10, 5));
    std::string name;
    field >> name;
    names.push_back(name);
  }
  return names;
}

}  // namespace nucleate::testing
