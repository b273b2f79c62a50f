#pragma once
// Reads the text that `gmx dump -f FILE` prints for TRR and XTC files, so
// tests can compare what nucleate decodes with what GROMACS itself decodes.
//
//   water.trr frame 0:
//      natoms=       303  step=         0  time=0.0000000e+00  lambda=  0
//      box (3x3):
//         box[    0]={ 1.60000e+00,  0.00000e+00,  0.00000e+00}
//      x (303x3):
//         x[    0]={ 8.31000e-01,  8.14000e-01,  8.18000e-01}
// (XTC frames carry `prec=` instead of `lambda=`.)

#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

namespace nucleate::testing {

struct GmxDumpFrame {
  std::int64_t natoms = 0;
  std::int64_t step = 0;
  double time = 0.0;
  double precision = 0.0;
  std::array<std::array<double, 3>, 3> box{};
  /// Per-atom 3-vectors by block name: "x", "v", "f".
  std::map<std::string, std::vector<std::array<double, 3>>> vectors;
};

inline std::vector<GmxDumpFrame> read_gmx_dump(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<GmxDumpFrame> frames;
  std::string line;
  std::string block;
  const std::regex header(
      R"(natoms=\s*(\d+)\s+step=\s*(-?\d+)\s+time=\s*(\S+)(?:\s+prec=\s*(\S+))?)");
  const std::regex vector_line(R"(^\s*(\w+)\[\s*(\d+)\]=\{\s*(\S+),\s*(\S+),\s*(\S+)\})");
  const std::regex block_start(R"(^\s*(\w+) \((\d+)x3\):)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.find(" frame ") != std::string::npos && line.back() == ':') {
      frames.emplace_back();
      block.clear();
    } else if (!frames.empty() && std::regex_search(line, m, header)) {
      frames.back().natoms = std::stoll(m[1]);
      frames.back().step = std::stoll(m[2]);
      frames.back().time = std::stod(m[3]);
      if (m[4].matched) frames.back().precision = std::stod(m[4]);
    } else if (!frames.empty() && std::regex_search(line, m, block_start)) {
      block = m[1];
    } else if (!frames.empty() && std::regex_search(line, m, vector_line)) {
      const std::array<double, 3> v = {std::stod(m[3]), std::stod(m[4]), std::stod(m[5])};
      const std::size_t index = std::stoul(m[2]);
      if (m[1] == "box") {
        if (index < 3) frames.back().box[index] = v;
      } else {
        auto& values = frames.back().vectors[block.empty() ? std::string(m[1]) : block];
        if (values.size() <= index) values.resize(index + 1);
        values[index] = v;
      }
    }
  }
  return frames;
}

}  // namespace nucleate::testing
