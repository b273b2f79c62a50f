// `nucleate convert IN OUT [--top FILE] [--begin B] [--end E] [--stride S]
// [--select EXPR] [--precision P] [--input-unit U]`: any readable trajectory
// to XTC, GRO or extended XYZ, optionally a subset of frames and atoms.

#include "io/convert.h"

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"

namespace nucleate::cli {

void add_convert_command(CLI::App& app) {
  struct Command {
    io::ConvertOptions options;
    std::string input;
    std::string output;
  };
  auto c = std::make_shared<Command>();
  CLI::App* cmd = app.add_subcommand(
      "convert", "Convert a trajectory to XTC, GRO or extended XYZ (by OUT's extension)");
  cmd->add_option("input", c->input, "Input trajectory (any readable format)")->required();
  cmd->add_option("output", c->output, "Output file: .xtc, .gro or .xyz/.extxyz")->required();
  auto table =
      std::make_shared<TableOptions<io::ConvertOptions>>(*cmd, c->options, io::convert_options());
  cmd->callback([c, table] {
    table->finish();
    Progress progress("convert");
    const io::ConvertResult result =
        io::convert_trajectory(c->input, c->output, c->options, progress.callback());
    if (result.note) std::fprintf(stderr, "nucleate convert: note: %s\n", result.note->c_str());
    std::fprintf(stderr, "nucleate convert: wrote %zu frame%s of %zu atoms to %s\n", result.frames,
                 result.frames == 1 ? "" : "s", result.atoms, c->output.c_str());
  });
}

}  // namespace nucleate::cli
