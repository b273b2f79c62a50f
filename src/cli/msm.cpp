// `nucleate msm SUBCOMMAND`: Markov state models from discrete trajectories.
//   estimate DTRAJ... --lag L [--dt T] [--nonreversible] -o msm.json
// The other subcommands live in their own files (msm_commands.h). Options
// are the library's (msm/model_file.h and friends).

#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/msm_commands.h"
#include "cli/options.h"
#include "core/json.h"
#include "pipeline/msm_stages.h"

namespace nucleate::cli {
namespace {

struct EstimateCommand {
  msm::MsmEstimateOptions options;
  std::vector<std::string> trajectories;
  std::string stationary;
  std::string output;
};

void add_estimate(CLI::App& msm) {
  auto c = std::make_shared<EstimateCommand>();
  CLI::App* cmd = msm.add_subcommand("estimate", "Estimate a Markov state model at one lag time");
  cmd->add_option("trajectories", c->trajectories,
                  "Discrete trajectories (text, one state per line)")
      ->required();
  auto table = std::make_shared<TableOptions<msm::MsmEstimateOptions>>(*cmd, c->options,
                                                                       msm::msm_estimate_options());
  cmd->add_option("--stationary", c->stationary,
                  "Fix the stationary distribution: a file with pi of state 0, 1, ... one per "
                  "line (reversible MLE constrained to it)");
  cmd->add_option("-o,--output", c->output, "msm.json")->required();
  cmd->callback([c, table] {
    table->finish();
    const msm::SavedModel saved =
        pipeline::run_msm_estimate(c->options, c->trajectories, c->stationary);
    write_json_file(c->output, msm::model_json(saved, c->output));
    for (const auto& w : saved.model.warnings)
      std::fprintf(stderr, "nucleate msm estimate: warning: %s\n", w.c_str());
    std::printf("%s\n", pipeline::msm_estimate_headline(saved, c->output).c_str());
  });
}

}  // namespace

void add_msm_command(CLI::App& app) {
  CLI::App* msm = app.add_subcommand("msm", "Markov state models from discrete trajectories");
  msm->require_subcommand(1);
  add_estimate(*msm);
  add_msm_its(*msm);
  add_msm_mfpt(*msm);
  add_msm_simulate(*msm);
  add_msm_pcca(*msm);
  add_msm_cktest(*msm);
  add_msm_bayes(*msm);
  add_msm_gmrq(*msm);
}

}  // namespace nucleate::cli
