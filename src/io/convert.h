#pragma once
// Converting a trajectory (`nucleate convert`): any readable format to XTC,
// GRO or extended XYZ, optionally a range of frames and a subset of atoms,
// with lengths converted to the output's unit. Streams frame by frame.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "core/options.h"

namespace nucleate::io {

struct ConvertOptions {
  std::string top;  ///< topology for names (formats without them)
  std::size_t begin = 0;
  std::optional<std::size_t> end;
  std::size_t stride = 1;
  std::string select;               ///< atoms to keep (`name NA CL`, `index 0-99`, ...)
  std::optional<double> precision;  ///< XTC precision (1/length unit); default: the input's
  std::optional<double> timestep;   ///< time = step x timestep
  /// The length unit of an input that does not state one (LAMMPS dumps):
  /// nm or angstrom; "" copies lengths unchanged.
  std::string input_unit;
};
const OptionTable<ConvertOptions>& convert_options();

struct ConvertResult {
  std::size_t frames = 0;
  std::size_t atoms = 0;  ///< per written frame
  /// Said once when the input states no unit and none was given.
  std::optional<std::string> note;
};

/// Writes `output` (its format from the extension). InputError for a bad
/// frame after closing the output with the frames before it (the message
/// says how many); UsageError for an empty selection or range.
ConvertResult convert_trajectory(const std::string& input, const std::string& output,
                                 const ConvertOptions& options,
                                 const std::function<void(std::size_t)>& progress = nullptr);

}  // namespace nucleate::io
