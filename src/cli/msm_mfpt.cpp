// `nucleate msm mfpt --msm msm.json --from IDS --to IDS`: the pi-weighted
// mean first passage time between two sets of states (original labels), in
// the model's time unit (frames, or --dt's unit when the model has one).

#include <cstdio>
#include <memory>

#include "cli/msm_commands.h"
#include "cli/msm_file.h"
#include "msm/mfpt.h"

namespace nucleate::cli {
namespace {

struct MfptCommand {
  std::string model;
  std::string from;
  std::string to;
};

void run_mfpt(const MfptCommand& options) {
  const SavedModel model = read_saved_model(options.model);
  const auto source = model.indices_of(parse_state_list(options.from, "--from"), "--from");
  const auto target = model.indices_of(parse_state_list(options.to, "--to"), "--to");
  const double steps = msm::mean_first_passage_time(model.transition_matrix,
                                                    model.stationary_distribution, source, target);
  const double time = steps * static_cast<double>(model.lag) * model.dt.value_or(1.0);
  std::printf("mfpt %s -> %s: %.6g %s (%.6g lag steps)\n", options.from.c_str(), options.to.c_str(),
              time, model.dt ? "time units of the model's dt" : "frames", steps);
}

}  // namespace

void add_msm_mfpt(CLI::App& msm) {
  auto options = std::make_shared<MfptCommand>();
  CLI::App* cmd = msm.add_subcommand("mfpt", "Mean first passage time between two sets of states");
  cmd->add_option("--msm", options->model, "msm.json from `nucleate msm estimate`")->required();
  cmd->add_option("--from", options->from, "Source states (original labels), e.g. 0,1,2 or 0-2")
      ->required();
  cmd->add_option("--to", options->to, "Target states")->required();
  cmd->callback([options] { run_mfpt(*options); });
}

}  // namespace nucleate::cli
