// `nucleate convert IN OUT [--top FILE] [--begin B] [--end E] [--stride S]
// [--select EXPR] [--precision P] [--input-unit U]`: any readable trajectory
// to XTC, GRO or extended XYZ, optionally a subset of frames and atoms.

#include <fmt/format.h>

#include <cstdio>
#include <optional>

#include "cli/commands.h"
#include "cli/progress.h"
#include "core/error.h"
#include "io/formats.h"
#include "io/topology_input.h"

namespace nucleate::cli {
namespace {

struct ConvertOptions {
  std::string input;
  std::string output;
  std::string topology;
  std::size_t begin = 0;
  std::optional<std::size_t> end;
  std::size_t stride = 1;
  std::string selection;
  float precision = 0.0F;
  // Only for inputs whose files do not state their unit (LAMMPS dumps).
  std::optional<io::LengthUnit> input_unit;
  std::optional<double> timestep;  // time = step x timestep, for inputs that store no time
};

void scale_lengths(io::Frame& frame, double factor) {
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
  std::optional<io::Topology> topology;  // of the written atoms
  std::optional<std::vector<std::size_t>> keep;
};

Plan make_plan(const ConvertOptions& options, const io::TrajectoryReader& reader,
               std::size_t atoms) {
  Plan plan;
  plan.topology = io::topology_for(reader, options.topology, atoms);
  if (options.selection.empty()) return plan;
  io::Topology names;
  if (plan.topology) {
    names = *plan.topology;
  } else {
    names.atoms.resize(atoms);  // index selections still work without names
  }
  std::vector<std::size_t> keep = names.select(options.selection);
  if (keep.empty()) {
    throw UsageError(fmt::format("selection '{}' matches none of the {} atoms{}", options.selection,
                                 atoms,
                                 plan.topology ? "" : " (no topology: give --top for names)"));
  }
  if (plan.topology) plan.topology = plan.topology->subset(keep);
  plan.keep = std::move(keep);
  return plan;
}

// A LAMMPS dump does not record the run's `units`; the user says it, or the
// numbers are copied unchanged (right for LJ units, 10x off for real/metal
// into nm), and we say so once.
io::LengthUnit input_unit(const ConvertOptions& options, const io::TrajectoryReader& reader) {
  const io::LengthUnit stated = reader.length_unit();
  if (stated != io::LengthUnit::file_units) {
    if (options.input_unit && *options.input_unit != stated) {
      throw UsageError(fmt::format("--input-unit: {} states its lengths in {}", options.input,
                                   io::to_string(stated)));
    }
    return stated;
  }
  if (options.input_unit) return *options.input_unit;
  std::fprintf(stderr,
               "nucleate convert: note: %s does not state its length unit; lengths copied "
               "unchanged (give --input-unit angstrom for LAMMPS real/metal units)\n",
               options.input.c_str());
  return stated;
}

void run_convert(const ConvertOptions& options) {
  auto reader = io::open_trajectory(options.input);
  // Check the output name before reading anything.
  (void)io::format_from_path(options.output);
  std::unique_ptr<io::TrajectoryWriter> writer;
  Plan plan;
  double factor = 1.0;
  std::size_t written = 0;
  std::size_t atoms_written = 0;
  Progress progress("convert");
  const io::FrameRange range{options.begin, options.end, options.stride};
  try {
    io::for_each_frame(*reader, range, [&](std::size_t, const io::Frame& input) {
      if (!writer) {
        plan = make_plan(options, *reader, input.atom_count());
        writer = io::create_writer(options.output, io::WriterOptions{options.precision});
        factor = io::length_conversion(input_unit(options, *reader), writer->length_unit());
      }
      io::Frame frame = input;
      if (options.timestep) frame.time = static_cast<double>(frame.step) * *options.timestep;
      if (plan.keep) frame.keep_atoms(*plan.keep);
      scale_lengths(frame, factor);
      writer->write(frame, plan.topology ? &*plan.topology : nullptr);
      atoms_written = frame.atom_count();
      progress.update(++written);
    });
  } catch (const InputError& e) {
    // Keep the frames before the fault: close the output, then report both.
    if (writer) writer->close();
    throw InputError(e.where(), fmt::format("{} ({} frame{} before it written to {})", e.reason(),
                                            written, written == 1 ? "" : "s", options.output));
  }
  if (!writer) {
    throw UsageError(fmt::format(
        "{}: no frame in the requested range (begin {}, end {}, stride {})", options.input,
        options.begin, options.end ? std::to_string(*options.end) : "last", options.stride));
  }
  writer->close();
  std::fprintf(stderr, "nucleate convert: wrote %zu frame%s of %zu atoms to %s\n", written,
               written == 1 ? "" : "s", atoms_written, options.output.c_str());
}

}  // namespace

void add_convert_command(CLI::App& app) {
  auto options = std::make_shared<ConvertOptions>();
  CLI::App* cmd = app.add_subcommand(
      "convert", "Convert a trajectory to XTC, GRO or extended XYZ (by OUT's extension)");
  cmd->add_option("input", options->input, "Input trajectory (any readable format)")->required();
  cmd->add_option("output", options->output, "Output file: .xtc, .gro or .xyz/.extxyz")->required();
  cmd->add_option("--top", options->topology,
                  "Topology for names (gro, pdb, LAMMPS data or dump, xyz)");
  cmd->add_option("--begin", options->begin, "First frame to write (0-based index)")
      ->default_val(0);
  cmd->add_option("--end", options->end, "Stop before this frame (0-based index; default: all)");
  cmd->add_option("--stride", options->stride, "Write every S-th frame")
      ->default_val(1)
      ->check(kPositive);
  cmd->add_option("--select", options->selection,
                  "Keep only these atoms, e.g. 'name NA CL', 'type 1', 'not resname SOL', "
                  "'index 0-99' (0-based), 'serial 1-100', combined with and/or/not");
  cmd->add_option("--precision", options->precision,
                  "XTC precision in 1/nm (default: the input's, else 1000)")
      ->check(kPositive);
  cmd->add_option("--timestep", options->timestep,
                  "Time of one MD step; sets each frame's time to step x DT (LAMMPS dumps without "
                  "ITEM: TIME store only the step: give e.g. 0.01 for 10 fs steps in ps)")
      ->check(kPositive);
  auto unit_name = std::make_shared<std::string>();
  cmd->add_option("--input-unit", *unit_name,
                  "Length unit of an input that does not state one (LAMMPS dumps): nm or "
                  "angstrom; lengths are converted to the output's unit")
      ->check(CLI::IsMember({"nm", "angstrom"}));
  cmd->callback([options, unit_name] {
    if (!unit_name->empty()) {
      options->input_unit =
          *unit_name == "nm" ? io::LengthUnit::nanometre : io::LengthUnit::angstrom;
    }
    run_convert(*options);
  });
}

}  // namespace nucleate::cli
