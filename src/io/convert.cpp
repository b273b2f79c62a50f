#include "io/convert.h"

#include <fmt/format.h>

#include "core/error.h"
#include "io/formats.h"
#include "io/topology_input.h"

namespace nucleate::io {
namespace {

void scale_lengths(Frame& frame, double factor) {
  if (factor == 1.0) return;
  const auto f = static_cast<float>(factor);
  for (auto& p : frame.positions)
    for (float& x : p) x *= f;
  for (auto& v : frame.velocities)
    for (float& x : v) x *= f;
  for (auto& row : frame.box.vectors)
    for (double& x : row) x *= factor;
  if (frame.precision > 0.0F) frame.precision /= f;
}

// Everything that depends on the first frame: the topology, the atom subset.
struct Plan {
  std::optional<Topology> topology;  // of the written atoms
  std::optional<std::vector<std::size_t>> keep;
};

Plan make_plan(const ConvertOptions& options, const TrajectoryReader& reader, std::size_t atoms) {
  Plan plan;
  plan.topology = topology_for(reader, options.top, atoms);
  if (options.select.empty()) return plan;
  Topology names;
  if (plan.topology) {
    names = *plan.topology;
  } else {
    names.atoms.resize(atoms);  // index selections still work without names
  }
  std::vector<std::size_t> keep = names.select(options.select);
  if (keep.empty()) {
    throw UsageError(fmt::format("selection '{}' matches none of the {} atoms{}", options.select,
                                 atoms,
                                 plan.topology ? "" : " (no topology: give --top for names)"));
  }
  if (plan.topology) plan.topology = plan.topology->subset(keep);
  plan.keep = std::move(keep);
  return plan;
}

// A LAMMPS dump does not record the run's `units`; the user says it, or the
// numbers are copied unchanged (right for LJ units, 10x off for real/metal
// into nm), and the result says so once.
LengthUnit input_unit(const ConvertOptions& options, const TrajectoryReader& reader,
                      const std::string& input, ConvertResult& result) {
  const LengthUnit stated = reader.length_unit();
  const std::optional<LengthUnit> given =
      options.input_unit.empty() ? std::nullopt
                                 : std::optional<LengthUnit>(length_unit_named(options.input_unit));
  if (stated != LengthUnit::file_units) {
    if (given && *given != stated) {
      throw UsageError(
          fmt::format("--input-unit: {} states its lengths in {}", input, to_string(stated)));
    }
    return stated;
  }
  if (given) return *given;
  result.note = fmt::format(
      "{} does not state its length unit; lengths copied unchanged (give --input-unit angstrom "
      "for LAMMPS real/metal units)",
      input);
  return stated;
}

}  // namespace

const OptionTable<ConvertOptions>& convert_options() {
  using O = ConvertOptions;
  static const OptionTable<O> table{
      {"top", &O::top, "Topology for names (gro, pdb, LAMMPS data or dump, xyz)"},
      {"begin", &O::begin, "First frame to write (0-based index)", "frames"},
      {"end", &O::end, "Stop before this frame (0-based index; default: all)", "frames"},
      {"stride", &O::stride, "Write every S-th frame", "frames", OptionCheck::positive},
      {"select", &O::select,
       "Keep only these atoms, e.g. 'name NA CL', 'type 1', 'not resname SOL', 'index 0-99' "
       "(0-based), 'serial 1-100', combined with and/or/not"},
      {"precision", &O::precision, "XTC precision (default: the input's, else 1000)",
       "1/length unit", OptionCheck::positive},
      {"timestep", &O::timestep,
       "Time of one MD step; sets each frame's time to step x DT (LAMMPS dumps without ITEM: TIME "
       "store only the step: give e.g. 0.01 for 10 fs steps in ps)",
       "time unit", OptionCheck::positive},
      {"input_unit",
       &O::input_unit,
       "Length unit of an input that does not state one (LAMMPS dumps): nm or angstrom; lengths "
       "are converted to the output's unit",
       "",
       OptionCheck::none,
       {"", "nm", "angstrom"}},
  };
  return table;
}

ConvertResult convert_trajectory(const std::string& input, const std::string& output,
                                 const ConvertOptions& options,
                                 const std::function<void(std::size_t)>& progress) {
  check_options(options, convert_options());
  auto reader = open_trajectory(input);
  // Check the output name before reading anything.
  (void)format_from_path(output);
  ConvertResult result;
  std::unique_ptr<TrajectoryWriter> writer;
  Plan plan;
  double factor = 1.0;
  const FrameRange range{options.begin, options.end, options.stride};
  try {
    for_each_frame(*reader, range, [&](std::size_t, const Frame& in) {
      if (!writer) {
        plan = make_plan(options, *reader, in.atom_count());
        writer = create_writer(output,
                               WriterOptions{static_cast<float>(options.precision.value_or(0.0))});
        factor =
            length_conversion(input_unit(options, *reader, input, result), writer->length_unit());
      }
      Frame frame = in;
      if (options.timestep) frame.time = static_cast<double>(frame.step) * *options.timestep;
      if (plan.keep) frame.keep_atoms(*plan.keep);
      scale_lengths(frame, factor);
      writer->write(frame, plan.topology ? &*plan.topology : nullptr);
      result.atoms = frame.atom_count();
      ++result.frames;
      if (progress) progress(result.frames);
    });
  } catch (const InputError& e) {
    // Keep the frames before the fault: close the output, then report both.
    if (writer) writer->close();
    throw InputError(e.where(), fmt::format("{} ({} frame{} before it written to {})", e.reason(),
                                            result.frames, result.frames == 1 ? "" : "s", output));
  }
  if (!writer) {
    throw UsageError(fmt::format(
        "{}: no frame in the requested range (begin {}, end {}, stride {})", input, options.begin,
        options.end ? std::to_string(*options.end) : "last", options.stride));
  }
  writer->close();
  return result;
}

}  // namespace nucleate::io
