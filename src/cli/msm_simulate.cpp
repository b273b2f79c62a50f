// `nucleate msm simulate --msm msm.json --steps N --start ID --seed S -o
// dtraj.txt`: a trajectory sampled from the model, one state (original
// label) per line, one line per lag time.

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/msm_commands.h"
#include "io/dtraj.h"
#include "msm/model_file.h"

namespace nucleate::cli {

void add_msm_simulate(CLI::App& msm) {
  struct Command {
    std::string model;
    std::size_t steps = 0;
    std::int32_t start = 0;
    std::uint64_t seed = 0;
    std::string output;
  };
  auto c = std::make_shared<Command>();
  CLI::App* cmd =
      msm.add_subcommand("simulate", "Sample a trajectory from the model (one state per lag time)");
  cmd->add_option("--msm", c->model, "msm.json from `nucleate msm estimate`")->required();
  cmd->add_option("--steps", c->steps, "Number of states to write")
      ->required()
      ->check(whole_number_check<std::size_t>())
      ->check(kPositive);
  cmd->add_option("--start", c->start, "Start state (original label)")
      ->required()
      ->check(whole_number_check<std::int32_t>());
  cmd->add_option("--seed", c->seed, "Random seed (the same seed gives the same trajectory)")
      ->required()
      ->check(whole_number_check<std::uint64_t>());
  cmd->add_option("-o,--output", c->output, "Output discrete trajectory (text)")->required();
  cmd->callback([c] {
    const msm::SavedModel saved = msm::read_model_file(c->model);
    io::write_discrete_trajectory(c->output,
                                  msm::simulate_labels(saved.model, c->start, c->steps, c->seed));
    std::fprintf(stderr, "nucleate msm simulate: %zu steps of lag %zu from state %d -> %s\n",
                 c->steps, saved.model.options.lag, c->start, c->output.c_str());
  });
}

}  // namespace nucleate::cli
