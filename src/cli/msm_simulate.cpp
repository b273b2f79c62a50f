// `nucleate msm simulate --msm msm.json --steps N --start ID --seed S -o dtraj.txt`:
// a trajectory sampled from the model, one state (original label) per line,
// one line per lag time.

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/msm_commands.h"
#include "cli/msm_file.h"
#include "io/dtraj.h"
#include "msm/simulate.h"

namespace nucleate::cli {
namespace {

struct SimulateCommand {
  std::string model;
  std::size_t steps = 0;
  std::int32_t start = 0;
  std::uint64_t seed = 0;
  std::string output;
};

void run_simulate(const SimulateCommand& options) {
  const SavedModel model = read_saved_model(options.model);
  const std::int32_t start = model.indices_of({options.start}, "--start").front();
  msm::DiscreteTrajectory states =
      msm::simulate(model.transition_matrix, start, options.steps, options.seed);
  for (auto& s : states) s = model.active_set[static_cast<std::size_t>(s)];
  io::write_discrete_trajectory(options.output, states);
  std::fprintf(stderr, "nucleate msm simulate: %zu steps of lag %zu from state %d -> %s\n",
               options.steps, model.lag, options.start, options.output.c_str());
}

}  // namespace

void add_msm_simulate(CLI::App& msm) {
  auto options = std::make_shared<SimulateCommand>();
  CLI::App* cmd =
      msm.add_subcommand("simulate", "Sample a trajectory from the model (one state per lag time)");
  cmd->add_option("--msm", options->model, "msm.json from `nucleate msm estimate`")->required();
  cmd->add_option("--steps", options->steps, "Number of states to write")
      ->required()
      ->check(kPositive);
  cmd->add_option("--start", options->start, "Start state (original label)")->required();
  cmd->add_option("--seed", options->seed, "Random seed (the same seed gives the same trajectory)")
      ->required();
  cmd->add_option("-o,--output", options->output, "Output discrete trajectory (text)")->required();
  cmd->callback([options] { run_simulate(*options); });
}

}  // namespace nucleate::cli
